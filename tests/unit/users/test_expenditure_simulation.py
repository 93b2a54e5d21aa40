"""The adaptive estimate on simulated users whose true expenditure is known.

Noisy logging, missing and half-logged days, water-weight noise and spikes, a formula that is
off by ~10 % per person (backend_services/users/simulated_users.py). Accuracy bounds, not
timing: the same seeds give the same numbers on every machine.
"""

from __future__ import annotations

import statistics
from datetime import date, timedelta

import pytest

from backend_services.users.expenditure import EstimateSource, estimate
from backend_services.users.simulated_users import Habits, simulate

FIRST = date(2026, 1, 1)
USERS = 150


def _errors(week: int, habits: Habits = Habits()) -> tuple[list[float], list[float], float]:
    """|estimate - truth|, |formula - truth| and the share of truths inside the 95 % band."""
    errors, formula_errors, inside = [], [], 0
    end = FIRST + timedelta(days=7 * week - 1)
    for seed in range(USERS):
        user = simulate(seed, FIRST, 7 * week, habits=habits)
        result = estimate(user.intake_by_day, user.weights_by_day, user.formula_tdee_kcal, end)
        truth = user.true_mean_tdee(max(FIRST, result.window_start), end)
        errors.append(abs(result.tdee_kcal - truth))
        formula_errors.append(abs(user.formula_tdee_kcal - truth))
        inside += abs(result.tdee_kcal - truth) <= result.band_kcal
    return errors, formula_errors, inside / USERS


def test_the_estimate_converges_well_below_the_formulas_error() -> None:
    week_1, formula, _ = _errors(1)
    week_8, _, _ = _errors(8)
    assert statistics.median(week_1) == pytest.approx(statistics.median(formula))  # formula only
    assert statistics.median(week_8) < 0.6 * statistics.median(formula)
    assert statistics.median(week_8) < statistics.median(week_1)


@pytest.mark.parametrize("week", [1, 4, 8])
def test_the_band_holds_the_truth_about_95_percent_of_the_time(week: int) -> None:
    _, _, coverage = _errors(week)
    assert coverage >= 0.88


def test_the_band_narrows_as_days_accumulate() -> None:
    user = simulate(7, FIRST, 56)
    bands = [
        estimate(
            user.intake_by_day,
            user.weights_by_day,
            user.formula_tdee_kcal,
            FIRST + timedelta(days=days - 1),
        ).band_kcal
        for days in (7, 14, 21, 28)
    ]
    assert bands == sorted(bands, reverse=True) and bands[-1] < bands[0]


def test_a_careless_logger_stays_on_the_formula() -> None:
    careless = Habits(missing_day_rate=0.9)
    user = simulate(3, FIRST, 28, habits=careless)
    result = estimate(
        user.intake_by_day, user.weights_by_day, user.formula_tdee_kcal, FIRST + timedelta(27)
    )
    assert result.source is EstimateSource.FORMULA
    assert result.completeness < 0.25
