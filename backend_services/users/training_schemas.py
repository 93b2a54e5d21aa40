"""Schemas of the training-day rule (``training_day.py``): in the profile, and in the targets."""

from __future__ import annotations

from pydantic import BaseModel, Field, StrictInt, model_validator

from backend_services.kernel.bodies import StrictBody
from backend_services.kernel.contracts.workouts import Weekday

from .training_day import AMOUNT_RANGE, RuleKind

_BOUNDS = "; ".join(f"{kind} {low}-{high}" for kind, (low, high) in AMOUNT_RANGE.items())


class TrainingRuleIn(StrictBody):
    """On a training day (a completed workout, or a weekday the program you follow plans):
    +kcal, +g carbohydrate, or % of the day's net exercise energy."""

    kind: RuleKind
    amount: StrictInt = Field(description=f"kcal, grams or percent by kind ({_BOUNDS}).")

    @model_validator(mode="after")
    def _bounded(self) -> TrainingRuleIn:
        low, high = AMOUNT_RANGE[self.kind.value]
        if not low <= self.amount <= high:
            raise ValueError(f"amount for {self.kind.value} must be from {low} to {high}")
        return self


class TrainingRuleOut(BaseModel):
    kind: RuleKind
    amount: int


class TrainingDayOut(BaseModel):
    """The training-day rule on the day asked for, and why it did or did not add anything."""

    rule: TrainingRuleOut
    applied: bool
    workouts: int = Field(description="Workouts completed that day (the statistics' count).")
    net_exercise_kcal: float = Field(description="Their energy less 1 MET x kg x h resting.")
    extra_kcal: int
    extra_carbohydrate_g: int
    base_calorie_target_kcal: float = Field(description="The target before the extra.")
    reason: str
    planned: bool = Field(
        description="The program the user follows plans this weekday (a training day even "
        "without a completed workout)."
    )
    planned_program: str | None = Field(description="That program's name, when planned.")
    planned_weekdays: list[Weekday] = Field(description="Its training weekdays, when planned.")


def rule_columns(rule: TrainingRuleIn | None) -> dict[str, object]:
    """The profile columns a rule (or its removal, None) sets."""
    return {
        "training_rule_kind": None if rule is None else rule.kind.value,
        "training_rule_amount": None if rule is None else rule.amount,
    }
