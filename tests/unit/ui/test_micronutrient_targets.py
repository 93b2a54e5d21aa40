"""The diary's micronutrients against their reference intakes: shares, gaps, upper limits, the
reference named, in English and Russian."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import httpx
from test_users_client_targets import StaticToken

from app.api.foods import Nutrients
from app.api.gateway import Authorized, Gateway
from app.api.reference_intakes import ReferenceIntakes, ReferenceIntakesApi
from app.state import micronutrient_targets as logic


def intake(key: str, target: float, upper: float | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "key": key,
        "unit": key.rpartition("_")[2],
        "reference": extra.pop("reference", "RDA"),
        "target": target,
        "upper_limit": upper,
        "upper_limit_kind": extra.pop("kind", None if upper is None else "UL"),
        "upper_limit_key": extra.pop("upper_key", None if upper is None else key),
        "flag_shortfall": extra.pop("flag_shortfall", True),
    }


def _answer() -> dict[str, Any]:
    """A woman of 36: the users service's answer, trimmed to what the rows need."""
    return {
        "date": "2026-12-01",
        "sex": "female",
        "age_years": 36,
        "age_band": "31-50",
        "source": "Food and Nutrition Board, National Academies",
        "notes": [],
        "nutrients": [
            intake("fibre_g", 25, reference="AI"),
            intake("sodium_mg", 1500, 2300, reference="AI", kind="CDRR", flag_shortfall=False),
            intake("fe_mg", 18, 45),
            intake("ca_mg", 1000, 2500),
            intake("vitc_mg", 75, 2000),
            intake("vita_rae_ug", 700, 3000, upper_key="retol_ug"),
        ],
    }


WOMAN = ReferenceIntakes.from_json(_answer())


def rows_of(totals: Nutrients, *, day_over: bool = True, language: str = "en") -> dict[str, Any]:
    rows = logic.micronutrient_target_rows(totals, WOMAN, day_over=day_over, language=language)
    return {row["name"]: row for row in rows}


def test_a_gap_by_the_days_end_is_said_in_words() -> None:
    rows = rows_of(Nutrients(fibre_g=10, micronutrients={"fe_mg": 8.1, "ca_mg": 720}))
    iron = rows["Iron"]
    assert (iron["amount"], iron["target"], iron["percent"], iron["bar"]) == (
        "8.1 mg",
        "of 18 mg (RDA)",
        "45%",
        "45",
    )
    assert (iron["status"], iron["status_text"]) == ("low", "Gap: below 70 % of the target")
    assert rows["Fibre"]["status"] == "low" and rows["Fibre"]["target"] == "of 25 g (AI)"
    # 72 % of the RDA: not a gap, not met either: nothing to point out.
    assert (rows["Calcium"]["status"], rows["Calcium"]["status_text"]) == ("", "")


def test_today_is_below_target_so_far_not_a_gap() -> None:
    rows = rows_of(Nutrients(micronutrients={"fe_mg": 3}), day_over=False)
    assert rows["Iron"]["status_text"] == "Below 70 % of the target so far"


def test_exactly_seventy_percent_is_not_a_gap_and_the_target_is_met_at_100() -> None:
    rows = rows_of(Nutrients(micronutrients={"vitc_mg": 52.5, "fe_mg": 18}))
    assert rows["Vitamin C"]["status"] == ""
    assert (rows["Iron"]["status"], rows["Iron"]["status_text"]) == ("met", "Target met")


def test_over_the_upper_limit_is_flagged_and_the_bar_stops_at_full() -> None:
    rows = rows_of(Nutrients(micronutrients={"vitc_mg": 2100}))
    vitamin_c = rows["Vitamin C"]
    assert vitamin_c["status"] == "over"
    assert vitamin_c["status_text"] == "Over the upper limit (2,000 mg, UL)"
    assert (vitamin_c["percent"], vitamin_c["bar"]) == ("2,800%", "100")


def test_vitamin_a_s_limit_is_measured_on_retinol_not_carotenes() -> None:
    carrots = rows_of(Nutrients(micronutrients={"vita_rae_ug": 3500, "retol_ug": 0}))
    assert carrots["Vitamin A"]["status"] == "met"
    liver = rows_of(Nutrients(micronutrients={"vita_rae_ug": 3500, "retol_ug": 3400}))
    assert liver["Vitamin A"]["status"] == "over"
    assert liver["Vitamin A"]["status_text"] == "Retinol over the upper limit (3,000 µg, UL)"


def test_sodium_is_flagged_above_the_cdrr_and_never_as_a_gap() -> None:
    assert rows_of(Nutrients(sodium_mg=300))["Sodium"]["status"] == ""
    salty = rows_of(Nutrients(sodium_mg=2600))["Sodium"]
    assert (salty["status"], salty["status_text"]) == (
        "over",
        "Over the risk-reduction level (2,300 mg, CDRR)",
    )


def test_nutrients_without_a_reference_show_their_amount_only() -> None:
    rows = logic.micronutrient_target_rows(
        Nutrients(sugars_g=30, micronutrients={"fe_mg": 4}), None, day_over=True
    )
    assert rows[0] == dict.fromkeys(logic.ROW_KEYS, "") | {"name": "Sugars", "amount": "30 g"}
    assert rows[1]["target"] == "" and rows[1]["status"] == ""
    assert logic.reference_line(None, "en") == ""


def test_the_reference_is_named_and_the_flags_counted() -> None:
    assert logic.reference_line(WOMAN, "en") == (
        "Targets: US Dietary Reference Intakes (RDA or AI) for women 31\u201350."
    )
    rows = logic.micronutrient_target_rows(
        Nutrients(fibre_g=5, micronutrients={"fe_mg": 2, "vitc_mg": 2500}), WOMAN, day_over=True
    )
    assert logic.flags_summary(rows, "en") == "2 below target · 1 over a limit"
    assert logic.flags_summary([], "en") == ""


def test_teenagers_and_men_are_named_as_the_tables_group_them() -> None:
    boy = ReferenceIntakes(dt.date(2026, 12, 1), "male", 15, "14-18", "", ())
    man = ReferenceIntakes(dt.date(2026, 12, 1), "male", 75, "71+", "", ())
    assert logic.group_label(boy, "en") == "boys 14\u201318"
    assert logic.group_label(man, "en") == "men 71+"
    assert logic.group_label(man, "ru") == "мужчин 71+ лет"


def test_russian_rows() -> None:
    rows = rows_of(Nutrients(fibre_g=11.3), language="ru")
    fibre = rows["Клетчатка"]
    assert (fibre["amount"], fibre["target"], fibre["percent"]) == (
        "11 г",
        "из 25 г (AI)",
        "45\u00a0%",
    )
    assert fibre["status_text"] == "Недобор: меньше 70 % нормы"


def test_the_client_asks_for_the_day_and_reads_the_answer() -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, json=_answer())

    gateway = Gateway("http://gateway.test", transport=httpx.MockTransport(handler))
    api = ReferenceIntakesApi(Authorized(gateway, StaticToken()))
    found = asyncio.run(api.on(dt.date(2026, 12, 1)))
    assert asked == ["http://gateway.test/api/users/me/targets/micronutrients?on=2026-12-01"]
    assert found == WOMAN
    sodium = found.by_key()["sodium_mg"]
    assert (sodium.upper_limit, sodium.upper_limit_kind, sodium.flag_shortfall) == (
        2300,
        "CDRR",
        False,
    )
