"""The users service's two reasons of the adaptive estimate come as codes with their numbers
(users/expenditure.py), codes the ledger's document names, so a page words them in any
language instead of showing the service's English."""

from __future__ import annotations

from datetime import date, timedelta
from typing import get_args

from backend_services.aggregator.ledger_schemas import ReasonCode
from backend_services.users.expenditure import estimate
from backend_services.users.schemas import ExcludedDayOut, ExpenditureOut

END = date(2026, 11, 30)
FORMULA_KCAL = 2400.0


def _days(n: int, kcal: float) -> dict[date, float]:
    return {END - timedelta(days=i): kcal for i in range(n)}


def test_an_excluded_day_says_why_as_a_code_with_its_numbers() -> None:
    intake = {**_days(10, 2300.0), END - timedelta(days=10): 600.0}
    found = {e.day: e for e in estimate(intake, {}, FORMULA_KCAL, END).excluded}
    short = found[END - timedelta(days=10)]
    assert (short.code, short.params) == ("incomplete", {"logged_kcal": 600, "expected_kcal": 2400})
    assert short.reason.startswith("600 kcal logged, under half the 2,400 kcal")
    empty = found[END - timedelta(days=11)]
    assert (empty.code, empty.params, empty.reason) == ("nothing_logged", {}, "nothing logged")


def test_why_the_formula_is_used_comes_as_a_code_with_its_numbers() -> None:
    few_days = estimate(_days(3, 2300.0), {}, FORMULA_KCAL, END)
    assert (few_days.reason_code, few_days.reason_params) == (
        "few_logged_days",
        {"have": 3, "need": 7},
    )
    assert few_days.reason == "3 fully logged days of the 7 needed"
    logged = _days(20, 2300.0)
    few_weighs = estimate(logged, {END: 80.0}, FORMULA_KCAL, END)
    assert (few_weighs.reason_code, few_weighs.reason_params) == (
        "few_weigh_ins",
        {"have": 1, "need": 4},
    )
    close = {END - timedelta(days=i): 80.0 for i in range(4)}
    short = estimate(logged, close, FORMULA_KCAL, END)
    assert (short.reason_code, short.reason_params) == ("short_weigh_in_span", {"days": 7})
    enough = {END - timedelta(days=i): 80.0 - i * 0.01 for i in range(0, 28, 3)}
    used = estimate(logged, enough, FORMULA_KCAL, END)
    assert (used.reason_code, used.reason_params, used.reason) == ("", {}, "")


def test_every_code_the_users_service_documents_is_one_the_ledger_documents() -> None:
    def codes(model: type, field: str) -> set[str]:
        return set(get_args(model.model_fields[field].annotation)) - {""}

    sent = codes(ExcludedDayOut, "code") | codes(ExpenditureOut, "reason_code")
    assert sent == {
        "nothing_logged",
        "incomplete",
        "few_logged_days",
        "few_weigh_ins",
        "short_weigh_in_span",
    }
    assert sent <= set(get_args(ReasonCode))
