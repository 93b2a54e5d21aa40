"""The ledger's sources as codes with parameters (aggregator/ledger_reasons.py), and the users
service's own wording of its reasons read back into codes: users/expenditure.py is run here, so
a change of its words fails this test instead of showing English to a Russian reader."""

from __future__ import annotations

from datetime import date, timedelta

from backend_services.aggregator.ledger_reasons import (
    adaptive_not_used,
    excluded_reason,
    reason,
)
from backend_services.users.expenditure import estimate

END = date(2026, 11, 30)
FORMULA_KCAL = 2400.0


def _days(n: int, kcal: float) -> dict[date, float]:
    return {END - timedelta(days=i): kcal for i in range(n)}


def test_the_users_services_excluded_days_read_back_into_codes() -> None:
    intake = {**_days(10, 2300.0), END - timedelta(days=10): 600.0}
    found = estimate(intake, {}, FORMULA_KCAL, END)
    reasons = {e.day: excluded_reason(e.reason) for e in found.excluded}
    assert reasons[END - timedelta(days=10)] == reason(
        "incomplete", logged_kcal=600.0, expected_kcal=2400.0
    )
    assert reasons[END - timedelta(days=11)] == reason("nothing_logged")
    assert all(r["code"] != "other" for r in reasons.values())


def test_the_users_services_reasons_for_the_formula_read_back_into_codes() -> None:
    few_days = estimate(_days(3, 2300.0), {}, FORMULA_KCAL, END)
    assert adaptive_not_used(few_days.reason) == reason("few_logged_days", have=3, need=7)
    logged = _days(20, 2300.0)
    few_weighs = estimate(logged, {END: 80.0}, FORMULA_KCAL, END)
    assert adaptive_not_used(few_weighs.reason) == reason("few_weigh_ins", have=1, need=4)
    close = {END - timedelta(days=i): 80.0 for i in range(4)}
    short = estimate(logged, close, FORMULA_KCAL, END)
    assert adaptive_not_used(short.reason) == reason("short_weigh_in_span", days=7)
    assert adaptive_not_used("something new") == reason("other", text="something new")
