"""The training-day rule (users/training_day.py) and how it changes a day's targets."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from backend_services.users.service import with_training_day
from backend_services.users.training_day import (
    DayWorkout,
    PlannedWeek,
    RuleKind,
    TrainingRule,
    day_net_exercise,
    plan_of,
    training_day,
)
from backend_services.users.training_schemas import TrainingRuleIn, rule_columns

DAY = date(2026, 11, 30)  # a Monday
TUESDAY = date(2026, 12, 1)
HOUR_AT_MET_6 = DayWorkout(gross_kcal=480.0, duration_min=60.0)  # 80 kg
PUSH_PULL = PlannedWeek("Push pull", ("monday", "wednesday", "friday"))
KCAL_250 = TrainingRule(RuleKind.KCAL, 250)


def test_no_workout_no_extra() -> None:
    effect = training_day(KCAL_250, DAY, [], 80.0)
    assert not effect.applied and (effect.extra_kcal, effect.extra_carbohydrate_g) == (0, 0)
    assert effect.reason == (
        "no workout completed on 2026-11-30 and none planned: no training-day extra"
    )


def test_a_planned_weekday_is_a_training_day_without_a_workout() -> None:
    effect = training_day(KCAL_250, DAY, [], 80.0, PUSH_PULL)
    assert effect.applied and effect.planned and effect.workouts == 0
    assert (effect.extra_kcal, effect.extra_carbohydrate_g) == (250, 63)
    assert effect.reason == (
        "training day (planned: Push pull, Mon/Wed/Fri): +250 kcal (+63 g carbohydrate)"
    )
    assert (effect.planned_program, effect.planned_weekdays) == ("Push pull", PUSH_PULL.weekdays)


def test_a_plan_counts_from_the_day_it_took_effect() -> None:
    plan = plan_of("Push pull", ["monday", "wednesday", "friday"], since=DAY)
    assert plan is not None
    assert training_day(KCAL_250, DAY, [], 80.0, plan).applied
    week_before = date(2026, 11, 23)  # a Monday too, but before this plan was followed
    earlier = training_day(KCAL_250, week_before, [], 80.0, plan)
    assert not earlier.applied and not earlier.planned
    assert training_day(KCAL_250, week_before, [HOUR_AT_MET_6], 80.0, plan).applied


def test_neither_planned_nor_completed_adds_nothing() -> None:
    effect = training_day(KCAL_250, TUESDAY, [], 80.0, PUSH_PULL)
    assert not effect.applied and not effect.planned and effect.extra_kcal == 0
    assert effect.planned_program is None


def test_a_workout_on_an_unplanned_day_still_counts() -> None:
    effect = training_day(KCAL_250, TUESDAY, [HOUR_AT_MET_6], 80.0, PUSH_PULL)
    assert effect.applied and not effect.planned and effect.extra_kcal == 250
    assert effect.reason.startswith("training day (1 workout): ")


def test_planned_and_completed_add_the_extra_once_and_name_both() -> None:
    effect = training_day(KCAL_250, DAY, [HOUR_AT_MET_6], 80.0, PUSH_PULL)
    assert effect.applied and effect.planned and effect.extra_kcal == 250
    assert effect.reason.startswith("training day (1 workout; planned: Push pull, Mon/Wed/Fri): ")


def test_add_back_on_a_planned_day_waits_for_the_workout() -> None:
    rule = TrainingRule(RuleKind.ADD_BACK, 50)
    effect = training_day(rule, DAY, [], 80.0, PUSH_PULL)
    assert not effect.applied and effect.planned and effect.extra_kcal == 0
    assert "once a workout is completed" in effect.reason
    assert training_day(rule, DAY, [HOUR_AT_MET_6], 80.0, PUSH_PULL).extra_kcal == 200


def test_a_fixed_extra_is_carbohydrate() -> None:
    effect = training_day(TrainingRule(RuleKind.KCAL, 250), DAY, [HOUR_AT_MET_6], 80.0)
    assert (effect.extra_kcal, effect.extra_carbohydrate_g) == (250, 63)  # 62.5 g, rounded up
    assert effect.reason == "training day (1 workout): +250 kcal (+63 g carbohydrate)"


def test_grams_of_carbohydrate_bring_their_energy() -> None:
    effect = training_day(TrainingRule(RuleKind.CARBOHYDRATE, 60), DAY, [HOUR_AT_MET_6], 80.0)
    assert (effect.extra_kcal, effect.extra_carbohydrate_g) == (240, 60)


def test_add_back_takes_a_share_of_the_net_energy() -> None:
    effect = training_day(TrainingRule(RuleKind.ADD_BACK, 50), DAY, [HOUR_AT_MET_6] * 2, 80.0)
    assert effect.net_exercise_kcal == 800.0  # 2 x (480 - 80 resting)
    assert (effect.extra_kcal, effect.extra_carbohydrate_g) == (400, 100)
    assert "50 % of the 800 kcal net exercise energy" in effect.reason
    assert "(2 workouts)" in effect.reason


def test_without_a_weight_no_resting_share_can_be_removed() -> None:
    assert day_net_exercise([HOUR_AT_MET_6], None) == 480.0
    assert day_net_exercise([DayWorkout(480.0, None)], 80.0) == 480.0  # no duration known


def test_the_targets_show_the_extra_and_the_base() -> None:
    view = {"calorie_target_kcal": 2200.0, "macros": {"carbohydrate_g": 250.0}, "notes": ["n"]}
    effect = training_day(TrainingRule(RuleKind.KCAL, 250), DAY, [HOUR_AT_MET_6], 80.0)
    day = with_training_day(view, TrainingRule(RuleKind.KCAL, 250), effect)
    assert day["calorie_target_kcal"] == 2450.0
    assert day["macros"]["carbohydrate_g"] == 313.0
    assert day["training_day"]["base_calorie_target_kcal"] == 2200.0
    assert day["notes"] == ["n", effect.reason]
    rest = training_day(TrainingRule(RuleKind.KCAL, 250), DAY, [], 80.0)
    assert with_training_day(view, TrainingRule(RuleKind.KCAL, 250), rest)["notes"] == ["n"]


@pytest.mark.parametrize(
    ("kind", "amount"), [("kcal", 0), ("kcal", 1501), ("carbohydrate", 401), ("add_back", 101)]
)
def test_a_rule_out_of_its_bounds_is_refused(kind: str, amount: int) -> None:
    with pytest.raises(ValidationError):
        TrainingRuleIn.model_validate({"kind": kind, "amount": amount})


def test_a_rule_is_two_columns_and_none_clears_both() -> None:
    rule = TrainingRuleIn.model_validate({"kind": "add_back", "amount": 40})
    assert rule_columns(rule) == {"training_rule_kind": "add_back", "training_rule_amount": 40}
    assert rule_columns(None) == {"training_rule_kind": None, "training_rule_amount": None}
    with pytest.raises(ValidationError):
        TrainingRuleIn.model_validate({"kind": "kcal", "amount": 100.5})
