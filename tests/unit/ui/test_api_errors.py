"""The UI's gateway client without a network: error bodies to exceptions, the one token
renewal of `Authorized`, and the lenient parsing of answers (httpx.MockTransport)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from app.api.dashboard import DayDashboard
from app.api.diary import DiaryDay, ItemInput
from app.api.errors import (
    GENERIC_MESSAGE,
    ApiError,
    Conflict,
    NotFound,
    Throttled,
    Unauthorized,
    Unavailable,
    ValidationFailed,
    error_from_response,
)
from app.api.foods import Food
from app.api.gateway import Authorized, Gateway, TokenSource
from app.api.micronutrients import micronutrient_label
from app.api.nutrition import NutritionApi
from app.api.users import Targets

Handler = Callable[[httpx.Request], httpx.Response]


class FakeTokens(TokenSource):
    """Hands out `first`, then `renewed` once; a second renewal means the session ended."""

    def __init__(self, first: str = "old", renewed: str | None = "new"):
        self.current = first
        self.renewed = renewed
        self.renewals: list[str] = []

    async def access_token(self) -> str:
        return self.current

    async def renewed_access_token(self, rejected: str) -> str:
        self.renewals.append(rejected)
        if self.renewed is None or len(self.renewals) > 1:
            raise Unauthorized(status=401, code="session_ended", message="Please sign in again.")
        self.current = self.renewed
        return self.current


def error(status: int, code: str, fields: dict[str, str] | None = None, **headers: str) -> Any:
    body = {"error": {"code": code, "message": f"{code} happened", "fields": fields or {}}}
    return httpx.Response(status, json=body, headers=headers)


def gateway(handler: Handler) -> Gateway:
    return Gateway("http://gateway.test", transport=httpx.MockTransport(handler))


def run(coro: Any) -> Any:
    return asyncio.run(coro)


# ---- error body → exception ----


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, ValidationFailed),
        (401, Unauthorized),
        (404, NotFound),
        (409, Conflict),
        (413, ValidationFailed),
        (422, ValidationFailed),
        (429, Throttled),
        (500, Unavailable),
        (503, Unavailable),
        (418, ApiError),
    ],
)
def test_status_picks_the_exception(status: int, kind: type[ApiError]) -> None:
    raised = error_from_response(status, {"error": {"code": "x", "message": "m", "fields": {}}})
    assert type(raised) is kind
    assert (raised.status, raised.code, raised.message) == (status, "x", "m")


def test_field_paths_become_input_names() -> None:
    raised = error_from_response(
        422,
        {
            "error": {
                "code": "validation_failed",
                "message": "Check the highlighted fields.",
                "fields": {"items.0.grams": "must be more than 0", "date": "within 10 years"},
            }
        },
    )
    assert isinstance(raised, ValidationFailed)
    assert raised.fields == {"grams": "must be more than 0", "date": "within 10 years"}


def test_retry_after_is_read_as_seconds() -> None:
    assert error_from_response(429, {}, "17").retry_after == 17
    assert error_from_response(429, {}, " 3 ").retry_after == 3
    assert error_from_response(429, {}, "Wed, 21 Oct 2026 07:28:00 GMT").retry_after is None


@pytest.mark.parametrize("body", [None, "<html>502</html>", {"detail": "x"}, {"error": "flat"}])
def test_a_body_not_in_our_shape_still_maps(body: Any) -> None:
    raised = error_from_response(502, body)
    assert isinstance(raised, Unavailable)
    assert raised.code == "http_502" and raised.message == GENERIC_MESSAGE and raised.fields == {}


def test_gateway_raises_from_the_error_body_and_sends_headers() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return error(429, "too_many_attempts", **{"Retry-After": "30"})

    with pytest.raises(Throttled) as caught:
        run(
            gateway(handler).call("POST", "/api/x", token="t", json={"a": 1}, idempotency_key="k-1")
        )
    assert caught.value.retry_after == 30 and caught.value.code == "too_many_attempts"
    assert seen[0].headers["authorization"] == "Bearer t"
    assert seen[0].headers["idempotency-key"] == "k-1"
    assert json.loads(seen[0].content) == {"a": 1}


def test_gateway_nginx_html_error_and_no_answer_are_unavailable() -> None:
    with pytest.raises(Unavailable):
        run(
            gateway(lambda r: httpx.Response(502, text="<html>bad gateway</html>")).call("GET", "/")
        )

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(Unavailable) as caught:
        run(gateway(refuse).call("GET", "/api/x"))
    assert caught.value.code == "unreachable"


def test_gateway_answers_none_for_204_and_drops_none_params() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    assert run(gateway(handler).call("DELETE", "/api/x", params={"a": 1, "b": None})) is None
    assert str(seen[0].url.query, "ascii") == "a=1"


# ---- Authorized: renew once on 401 ----


def test_a_401_renews_the_token_once_and_repeats_the_call() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        if request.headers["authorization"] == "Bearer old":
            return error(401, "token_expired")
        return httpx.Response(200, json={"ok": True})

    tokens = FakeTokens()
    assert run(Authorized(gateway(handler), tokens).get("/api/users/me")) == {"ok": True}
    assert seen == ["Bearer old", "Bearer new"]
    assert tokens.renewals == ["old"]


def test_a_second_401_is_not_retried_again() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.headers["authorization"])
        return error(401, "session_revoked")

    tokens = FakeTokens()
    with pytest.raises(Unauthorized) as caught:
        run(Authorized(gateway(handler), tokens).post("/api/nutrition/meals", json={}))
    assert caught.value.code == "session_revoked"
    assert calls == ["Bearer old", "Bearer new"] and tokens.renewals == ["old"]


def test_an_ended_session_raises_unauthorized_without_a_second_call() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.headers["authorization"])
        return error(401, "token_expired")

    with pytest.raises(Unauthorized) as caught:
        run(Authorized(gateway(handler), FakeTokens(renewed=None)).get("/api/users/me"))
    assert caught.value.code == "session_ended" and calls == ["Bearer old"]


def test_other_errors_do_not_renew() -> None:
    tokens = FakeTokens()
    with pytest.raises(ValidationFailed) as caught:
        run(
            Authorized(gateway(lambda r: error(422, "bad", {"q": "too long"})), tokens).get(
                "/api/nutrition/foods"
            )
        )
    assert caught.value.fields == {"q": "too long"} and tokens.renewals == []


def test_a_client_sends_its_idempotency_key_with_the_meal() -> None:
    seen: list[httpx.Request] = []
    answer = {"meal": None, "day_totals": {"energy_kcal": 52.0}}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json=answer)

    nutrition = NutritionApi(Authorized(gateway(handler), FakeTokens()))
    change = run(
        nutrition.log_food(dt.date(2026, 12, 1), "lunch", 7, grams=100, idempotency_key="k-7")
    )
    assert change.day_totals.energy_kcal == 52.0 and change.meal is None
    assert seen[0].headers["idempotency-key"] == "k-7"
    assert json.loads(seen[0].content) == {
        "date": "2026-12-01",
        "meal_type": "lunch",
        "items": [{"food_id": 7, "grams": 100}],
    }


# ---- lenient parsing ----


def test_sparse_answers_parse_with_defaults() -> None:
    food = Food.from_json({"id": "12", "name": "Pears, raw", "nutrients_per_100g": None})
    assert food.id == 12 and food.per_100g.energy_kcal is None and food.portions == ()
    assert food.kcal_per_default_portion is None
    targets = Targets.from_json({"calorie_target_kcal": "2100.5", "bmr": {"name": "Mifflin"}})
    assert targets.calorie_target_kcal == 2100.5 and targets.bmr.name == "Mifflin"
    assert targets.alternatives == () and targets.macros.protein_g == 0.0


def test_portions_read_as_household_measures() -> None:
    food = Food.from_json(
        {
            "id": 1,
            "name": "Apples, raw",
            "nutrients_per_100g": {"energy_kcal": 52},
            "portions": [{"id": 5, "amount": 1, "description": "medium", "grams": 182}],
        }
    )
    assert food.default_portion is not None and food.default_portion.label == "1 medium (182 g)"
    assert food.kcal_per_default_portion == pytest.approx(94.64)


def test_diary_groups_meals_by_type_in_display_order() -> None:
    def meal(meal_id: str, kind: str, kcal: float) -> dict[str, Any]:
        item = {"id": f"i{meal_id}", "name": "x", "grams": 10, "nutrients": {"energy_kcal": kcal}}
        return {
            "id": meal_id,
            "date": "2026-12-01",
            "meal_type": kind,
            "items": [item],
            "totals": {"energy_kcal": kcal},
        }

    day = DiaryDay.from_json(
        {
            "date": "2026-12-01",
            "meals": [meal("a", "dinner", 300), meal("b", "brunch", 50), meal("c", "dinner", 200)],
            "totals": {"energy_kcal": 550},
        }
    )
    groups = day.groups()
    assert [g.meal_type for g in groups] == ["breakfast", "lunch", "dinner", "snack", "brunch"]
    assert groups[2].kcal == 500 and groups[2].meal_ids == ("a", "c") and groups[0].items == ()


def test_micronutrients_get_readable_names() -> None:
    assert micronutrient_label("vitc_mg") == ("Vitamin C", "mg")
    assert micronutrient_label("lycpn_ug") == ("Lycpn", "µg")
    day = DiaryDay.from_json(
        {"date": "2026-12-01", "totals": {"micronutrients": {"fe_mg": 2, "f18d1_g": 1}}}
    )
    rows = day.totals.readable_micronutrients()
    assert [(r.name, r.amount, r.unit) for r in rows] == [("Iron", 2.0, "mg")]
    assert len(day.totals.readable_micronutrients(known_only=False)) == 2


def test_item_input_needs_exactly_one_amount() -> None:
    with pytest.raises(ValueError):
        ItemInput.food(1)
    with pytest.raises(ValueError):
        ItemInput.food(1, grams=10, portion_id=2)
    assert ItemInput.quick_add(250, protein_g=10).body == {
        "quick_add": {"energy_kcal": 250, "protein_g": 10, "fat_g": 0.0, "carbohydrate_g": 0.0}
    }


def test_a_partial_day_dashboard_keeps_what_answered() -> None:
    board = DayDashboard.from_json(
        {
            "date": "2026-12-01",
            "targets": {"calorie_target_kcal": 2000},
            "stats": None,
            "diary": {"date": "2026-12-01", "meals": [], "totals": {"energy_kcal": 500}},
            "workouts": None,
            "partial": True,
            "missing": ["stats", "workouts"],
        }
    )
    assert board.partial and board.missing == ("stats", "workouts") and board.workouts is None
    assert board.calories_in == 500 and board.calories_out == 0
    assert board.remaining_kcal == 1500


@pytest.mark.parametrize("code", ["", "abc", "12345", "4006381333931x", "40063813339310"])
def test_a_malformed_barcode_is_refused_without_a_call(code: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no call expected")

    nutrition = NutritionApi(Authorized(gateway(handler), FakeTokens()))
    with pytest.raises(ValidationFailed) as caught:
        run(nutrition.food_by_barcode(code))
    assert "code" in caught.value.fields
