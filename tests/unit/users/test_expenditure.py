"""The adaptive expenditure estimate: energy balance, trusted days, the formula as prior."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from backend_services.users.expenditure import (
    KCAL_PER_KG,
    MODEL_SD_KCAL,
    WINDOW_DAYS,
    EstimateSource,
    check_in,
    estimate,
)

END = date(2026, 3, 28)
START = END - timedelta(days=WINDOW_DAYS - 1)
DAYS = [START + timedelta(days=i) for i in range(WINDOW_DAYS)]


def _losing(kg_per_week: float, first_kg: float = 80.0) -> dict[date, float]:
    return {d: first_kg - kg_per_week * i / 7 for i, d in enumerate(DAYS)}


def test_steady_intake_and_a_straight_weight_line_give_the_energy_balance() -> None:
    # 2,000 kcal a day while losing 0.5 kg a week: 2000 + 0.5 x 7700 / 7 = 2,550 kcal.
    result = estimate({d: 2000.0 for d in DAYS}, _losing(0.5), 2400.0, END)
    assert result.source is EstimateSource.DATA
    assert result.data_tdee_kcal == pytest.approx(2000 + 0.5 * KCAL_PER_KG / 7)
    assert result.weight_slope_kg_per_week == pytest.approx(-0.5)
    # Noise-free data leaves only the model's own error (50 kcal): the data carries
    # 240² / (240² + 50²) of the answer against the formula's 10 % (240 kcal).
    weight = 240.0**2 / (240.0**2 + MODEL_SD_KCAL**2)
    assert result.data_weight == pytest.approx(weight)
    assert result.tdee_kcal == pytest.approx(weight * 2550 + (1 - weight) * 2400)
    assert result.band_kcal == pytest.approx(1.96 * math.sqrt(weight * MODEL_SD_KCAL**2))
    assert result.completeness == 1.0 and result.excluded == ()


def test_thin_days_are_not_trusted_and_say_why() -> None:
    intake = {d: 2000.0 for d in DAYS}
    intake[DAYS[3]] = 450.0  # a forgotten lunch and dinner
    del intake[DAYS[4]]
    result = estimate(intake, _losing(0.5), 2400.0, END)
    assert result.trusted_days == WINDOW_DAYS - 2
    assert result.completeness == pytest.approx((WINDOW_DAYS - 2) / WINDOW_DAYS)
    reasons = {e.day: e.reason for e in result.excluded}
    assert reasons[DAYS[4]] == "nothing logged"
    assert "450 kcal logged" in reasons[DAYS[3]] and "incomplete" in reasons[DAYS[3]]
    # The thin day does not drag the mean down.
    assert result.mean_intake_kcal == pytest.approx(2000.0)


@pytest.mark.parametrize(
    ("intake_days", "weigh_in_days", "reason"),
    [
        (6, list(range(0, 28, 2)), "6 fully logged days of the 7 needed"),
        (28, [0, 10, 20], "3 weigh-ins of the 4 needed"),
        (28, [20, 22, 24, 26], "weigh-ins span less than 7 days"),
    ],
)
def test_too_little_data_falls_back_to_the_formula(
    intake_days: int, weigh_in_days: list[int], reason: str
) -> None:
    intake = {d: 2000.0 for d in DAYS[:intake_days]}
    weights = {DAYS[i]: 80.0 - i * 0.05 for i in weigh_in_days}
    result = estimate(intake, weights, 2400.0, END)
    assert result.source is EstimateSource.FORMULA
    assert result.tdee_kcal == 2400.0
    assert result.reason == reason
    assert result.data_weight == 0.0
    # The formula's own uncertainty: 10 % at one standard deviation, 95 % band.
    assert result.band_kcal == pytest.approx(1.96 * 240.0)


def test_noisy_data_leans_on_the_formula_in_proportion_to_its_noise() -> None:
    intake = {d: 2000.0 + (350 if i % 2 else -350) for i, d in enumerate(DAYS)}
    line = _losing(0.5)
    weights = {d: line[d] + (0.8 if i % 3 == 0 else -0.4) for i, d in enumerate(DAYS)}
    result = estimate(intake, weights, 2400.0, END)
    assert result.source is EstimateSource.DATA
    assert 0.0 < result.data_weight < 1.0
    assert result.data_tdee_kcal is not None
    low, high = sorted((result.data_tdee_kcal, 2400.0))
    assert low < result.tdee_kcal < high
    # Combining never makes it less sure than the formula alone.
    assert 0 < result.band_kcal < 1.96 * 240.0


def test_check_in_suggests_a_target_for_the_goal_rate() -> None:
    result = estimate({d: 2000.0 for d in DAYS}, _losing(0.5), 2400.0, END)
    suggestion = check_in(result, -0.5, current_target_kcal=1900, safe_floor_kcal=1200)
    # ~2,544 (the data, nudged by the formula) - 0.5 x 7700 / 7 = ~1,994 → 1,990 kcal.
    assert suggestion.tdee_kcal == 2540
    assert suggestion.band_kcal == 100
    assert suggestion.suggested_target_kcal == 1990
    assert not suggestion.floor_applied
    assert suggestion.message == (
        "Your expenditure looks like 2,540 ± 100 kcal; new target 1,990 kcal for -0.5 kg/week."
    )


def test_check_in_never_goes_under_the_safe_floor_without_saying_so() -> None:
    result = estimate({d: 1300.0 for d in DAYS}, _losing(0.2), 1500.0, END)
    suggestion = check_in(result, -1.0, current_target_kcal=1300, safe_floor_kcal=1200)
    assert suggestion.suggested_target_kcal == 1200
    assert suggestion.floor_applied
    assert "Held at the safe minimum of 1,200 kcal." in suggestion.message


def test_check_in_while_data_is_short_names_the_formula() -> None:
    result = estimate({}, {}, 2400.0, END)
    suggestion = check_in(result, 0.0, current_target_kcal=2400, safe_floor_kcal=1500)
    assert suggestion.suggested_target_kcal == 2400
    assert suggestion.message.startswith("Not enough data yet (0 fully logged days")
    assert "keeping weight" in suggestion.message
