"""Energy formulas, targets, weight trend and adaptive TDEE against published reference values."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from backend_services.users import domain
from backend_services.users.domain import (
    ACTIVITY_FACTORS,
    ActivityLevel,
    BodyProfile,
    Goal,
    Sex,
    adaptive_tdee,
    age_on,
    compute_targets,
    feet_inches_to_cm,
    goal_adjustment,
    harris_benedict_revised,
    katch_mcardle,
    kg_to_pounds,
    logged_day_streak,
    macro_targets,
    mifflin_st_jeor,
    pounds_to_kg,
    weight_trend,
)

TODAY = date(2025, 6, 15)
BORN_30_YEARS_AGO = date(1995, 1, 1)
D = Decimal


def make_body(**overrides: object) -> BodyProfile:
    values: dict[str, object] = {
        "sex": Sex.MALE,
        "birth_date": BORN_30_YEARS_AGO,
        "height_cm": D("180"),
        "weight_kg": D("80"),
        "activity_level": ActivityLevel.SEDENTARY,
        "goal": Goal.MAINTAIN,
    }
    values.update(overrides)
    return BodyProfile(**values)  # type: ignore[arg-type]


def test_mifflin_st_jeor_reference_values() -> None:
    # DOMAIN.md: male 80 kg 180 cm 30 y -> 1780; female 60 kg 165 cm 30 y -> 1320.25.
    assert mifflin_st_jeor(Sex.MALE, D("80"), D("180"), 30).value == D("1780.00")
    assert mifflin_st_jeor(Sex.FEMALE, D("60"), D("165"), 30).value == D("1320.25")


def test_mifflin_st_jeor_names_itself_and_its_inputs() -> None:
    result = mifflin_st_jeor(Sex.FEMALE, D("60"), D("165"), 30)
    assert result.name == "Mifflin-St Jeor"
    assert "1990" in result.source
    assert result.inputs == {
        "sex": "female",
        "weight_kg": "60",
        "height_cm": "165",
        "age_years": "30",
    }


def test_harris_benedict_revised_reference_values() -> None:
    # 88.362 + 13.397*80 + 4.799*180 - 5.677*30 = 1853.632
    assert harris_benedict_revised(Sex.MALE, D("80"), D("180"), 30).value == D("1853.63")
    # 447.593 + 9.247*60 + 3.098*165 - 4.330*30 = 1383.683
    assert harris_benedict_revised(Sex.FEMALE, D("60"), D("165"), 30).value == D("1383.68")


def test_katch_mcardle_uses_lean_mass() -> None:
    # LBM = 80 * 0.8 = 64; 370 + 21.6*64 = 1752.4
    result = katch_mcardle(D("80"), D("20"))
    assert result.value == D("1752.40")
    assert result.inputs["lean_body_mass_kg"] == "64.00"


@pytest.mark.parametrize(
    ("level", "factor"),
    [
        (ActivityLevel.SEDENTARY, "1.2"),
        (ActivityLevel.LIGHT, "1.375"),
        (ActivityLevel.MODERATE, "1.55"),
        (ActivityLevel.VERY_ACTIVE, "1.725"),
        (ActivityLevel.EXTRA_ACTIVE, "1.9"),
    ],
)
def test_activity_factor_multiplies_the_whole_bmr(level: ActivityLevel, factor: str) -> None:
    assert ACTIVITY_FACTORS[level] == D(factor)
    targets = compute_targets(make_body(activity_level=level), TODAY)
    assert targets.tdee_kcal == (D("1780") * D(factor)).quantize(D("0.01"))
    assert targets.activity_factor == D(factor)


def test_maintenance_target_is_tdee_and_names_the_formula() -> None:
    targets = compute_targets(make_body(activity_level=ActivityLevel.MODERATE), TODAY)
    assert targets.bmr.name == "Mifflin-St Jeor"
    assert [f.name for f in targets.alternatives] == ["Harris-Benedict (revised)"]
    assert targets.tdee_kcal == D("2759.00")  # 1780 * 1.55
    assert targets.goal_adjustment_kcal == 0
    assert targets.calorie_target_kcal == D("2759")
    assert targets.floor_applied is False
    assert targets.age_years == 30


def test_body_fat_switches_bmr_to_katch_mcardle() -> None:
    targets = compute_targets(make_body(body_fat_pct=D("20")), TODAY)
    assert targets.bmr.name == "Katch-McArdle"
    assert {f.name for f in targets.alternatives} == {
        "Mifflin-St Jeor",
        "Harris-Benedict (revised)",
    }
    assert targets.tdee_kcal == D("2102.88")  # 1752.4 * 1.2


def test_goal_adjustment_uses_7700_kcal_per_kg() -> None:
    assert goal_adjustment(Goal.LOSE, D("0.5")) == D("-550.00")
    assert goal_adjustment(Goal.GAIN, D("0.25")) == D("275.00")
    assert goal_adjustment(Goal.MAINTAIN, D("1")) == 0


def test_losing_half_a_kilo_a_week() -> None:
    body = make_body(activity_level=ActivityLevel.MODERATE, goal=Goal.LOSE)
    targets = compute_targets(
        BodyProfile(**{**body.__dict__, "goal_rate_kg_per_week": D("0.5")}), TODAY
    )
    assert targets.calorie_target_kcal == D("2209")  # 2759 - 550


def test_safe_floor_is_enforced_and_flagged_for_women() -> None:
    body = make_body(
        sex=Sex.FEMALE,
        weight_kg=D("50"),
        height_cm=D("155"),
        goal=Goal.LOSE,
        goal_rate_kg_per_week=D("1"),
    )
    targets = compute_targets(body, TODAY)
    # BMR 500 + 968.75 - 150 - 161 = 1157.75; TDEE 1389.30; minus 1100 = 289
    assert targets.unadjusted_target_kcal == D("289")
    assert targets.safe_floor_kcal == D("1200")
    assert targets.floor_applied is True
    assert targets.calorie_target_kcal == D("1200")
    assert any("safe minimum" in note for note in targets.notes)


def test_safe_floor_for_men_is_1500() -> None:
    body = make_body(goal=Goal.LOSE, goal_rate_kg_per_week=D("1"))
    targets = compute_targets(body, TODAY)
    assert targets.unadjusted_target_kcal == D("1036")  # 2136 - 1100
    assert (targets.calorie_target_kcal, targets.floor_applied) == (D("1500"), True)


def test_macros_protein_per_kg_fat_share_carbs_rest() -> None:
    macros = macro_targets(D("2000"), D("80"))
    assert macros.protein_g == D("128")  # 1.6 g/kg
    assert macros.fat_g == D("56")  # 25 % of 2000 kcal / 9
    # (2000 - 128*4 - 500) / 4 = 247
    assert macros.carbohydrate_g == D("247")
    energy = macros.protein_g * 4 + macros.carbohydrate_g * 4 + macros.fat_g * 9
    assert abs(energy - D("2000")) <= 9


def test_carbohydrate_never_negative() -> None:
    assert macro_targets(D("1200"), D("200")).carbohydrate_g == 0


def test_age_counts_completed_years() -> None:
    assert age_on(date(1995, 6, 16), date(2025, 6, 15)) == 29
    assert age_on(date(1995, 6, 15), date(2025, 6, 15)) == 30
    assert age_on(date(2000, 2, 29), date(2025, 2, 28)) == 24


def test_imperial_input_converts_exactly() -> None:
    # 176.37 lb = 80.00 kg; 5 ft 10.87 in = 180.0 cm
    assert pounds_to_kg(D("176.37")) == D("80.00")
    assert pounds_to_kg(132.277) == D("60.00")
    assert feet_inches_to_cm(5, D("10.87")) == D("180.0")
    assert feet_inches_to_cm(6) == D("182.9")
    assert kg_to_pounds(D("80")) == D("176.4")


def test_imperial_input_gives_the_reference_bmr() -> None:
    weight = pounds_to_kg(D("176.37"))
    height = feet_inches_to_cm(5, D("10.87"))
    assert mifflin_st_jeor(Sex.MALE, weight, height, 30).value == D("1780.00")
    female = mifflin_st_jeor(Sex.FEMALE, pounds_to_kg(132.277), feet_inches_to_cm(5, 4.96), 30)
    assert female.value == D("1320.25")


def test_weight_trend_is_an_exponential_moving_average() -> None:
    start = date(2025, 1, 1)
    points = weight_trend(
        [(start + timedelta(days=i), D(w)) for i, w in enumerate(["80", "81", "79"])]
    )
    assert [p.trend_kg for p in points] == [D("80.00"), D("80.10"), D("79.99")]
    assert [p.weight_kg for p in points] == [D("80"), D("81"), D("79")]


def test_weight_trend_sorts_and_weighs_gaps() -> None:
    start = date(2025, 1, 1)
    # a week's gap moves the trend 1 - 0.9^7 = 52.2 % of the way to the new weight
    points = weight_trend([(start + timedelta(days=7), D("70")), (start, D("80"))])
    assert [p.day for p in points] == [start, start + timedelta(days=7)]
    assert points[1].trend_kg == D("74.78")


def test_adaptive_tdee_from_intake_and_trend() -> None:
    start = date(2025, 1, 1)
    trend = weight_trend([(start, D("80")), (start + timedelta(days=14), D("79"))])
    intake = {start + timedelta(days=i): D("2000") for i in range(14)}
    estimate = adaptive_tdee(intake, trend)
    assert estimate is not None
    change = trend[-1].trend_kg - trend[0].trend_kg  # -0.77 after a 14-day gap
    assert estimate.trend_change_kg == change
    assert estimate.tdee_kcal == (D("2000") - change * 7700 / 14).quantize(D("1"))
    assert estimate.tdee_kcal > 2000  # losing weight while eating 2000 means burning more
    assert (estimate.days, estimate.logged_days) == (14, 14)


def test_adaptive_tdee_skips_unlogged_days_and_needs_enough_data() -> None:
    start = date(2025, 1, 1)
    trend = weight_trend([(start, D("80")), (start + timedelta(days=14), D("80"))])
    sparse = {start + timedelta(days=i): D("2500") for i in range(0, 14, 2)}  # 7 logged days
    estimate = adaptive_tdee(sparse, trend)
    assert estimate is not None and estimate.tdee_kcal == 2500  # not diluted by empty days
    assert adaptive_tdee(dict(list(sparse.items())[:6]), trend) is None
    assert adaptive_tdee(sparse, trend[:1]) is None


def test_streak_counts_back_from_today_and_tolerates_today_unlogged() -> None:
    today = date(2025, 3, 10)
    days = [today - timedelta(days=i) for i in (1, 2, 3, 5)]
    assert logged_day_streak(days, today) == 3
    assert logged_day_streak([*days, today], today) == 4
    assert logged_day_streak(days, today + timedelta(days=1)) == 0
    assert logged_day_streak([], today) == 0


def test_target_in_force_is_the_last_change_on_or_before_the_day() -> None:
    history = [(date(2025, 3, 1), 2209), (date(2025, 3, 5), 2201), (date(2025, 3, 8), None)]
    assert domain.target_in_force(history, date(2025, 3, 4), 2209) == 2209
    assert domain.target_in_force(history, date(2025, 3, 5), 2209) == 2201
    assert domain.target_in_force(history, date(2025, 3, 9), 2209) is None  # profile incomplete
    assert domain.target_in_force(history, date(2025, 2, 1), 2209) == 2209  # before the first
    assert domain.target_in_force([], date(2025, 2, 1), None) is None


def test_birthdays_after_a_day_until_another() -> None:
    born = date(1990, 6, 15)
    assert domain.birthdays_after(born, date(2025, 6, 14), date(2025, 6, 15)) == [date(2025, 6, 15)]
    assert domain.birthdays_after(born, date(2025, 6, 15), date(2026, 6, 14)) == []
    assert domain.birthdays_after(born, date(2024, 1, 1), date(2026, 12, 31)) == [
        date(2024, 6, 15),
        date(2025, 6, 15),
        date(2026, 6, 15),
    ]
    # born on 29 February: a year older on 1 March in a common year (as age_on counts)
    leap = date(2000, 2, 29)
    assert domain.birthdays_after(leap, date(2025, 2, 1), date(2025, 3, 31)) == [date(2025, 3, 1)]
    assert domain.age_on(leap, date(2025, 2, 28)) + 1 == domain.age_on(leap, date(2025, 3, 1))
    assert domain.birthdays_after(leap, date(2024, 2, 1), date(2024, 3, 31)) == [date(2024, 2, 29)]
