"""Training-aware targets: the user's rule for a day with a completed workout, and what it
adds to that day's targets. Pure; kept apart from ``domain.compute_targets`` on purpose (the
base targets stay one formula; this is one adjustment on top, with its reason).

A rule is one of:
- ``kcal``: +amount kcal; the extra energy is carbohydrate (amount / 4 g), as training fuel;
- ``carbohydrate``: +amount g carbohydrate, so +4 x amount kcal (Atwater 4 kcal/g);
- ``add_back``: amount % of the day's net exercise energy, as carbohydrate.
Net exercise energy is gross less the resting 1 MET (``kernel.exercise_energy``): the base
target already holds the resting energy of the workout's hours. Protein and fat stay as they
are (protein by body mass, fat's share of the base energy).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from backend_services.kernel.exercise_energy import net_exercise_kcal

KCAL_PER_G_CARBOHYDRATE = 4  # Atwater general factor
# Bounds of a rule's amount by kind: kcal, grams, percent.
AMOUNT_RANGE = {"kcal": (1, 1500), "carbohydrate": (1, 400), "add_back": (1, 100)}


class RuleKind(StrEnum):
    KCAL = "kcal"
    CARBOHYDRATE = "carbohydrate"
    ADD_BACK = "add_back"


@dataclass(frozen=True)
class TrainingRule:
    kind: RuleKind
    amount: int


@dataclass(frozen=True)
class DayWorkout:
    gross_kcal: float
    duration_min: float | None


@dataclass(frozen=True)
class TrainingDay:
    """What the rule did on one day."""

    applied: bool
    workouts: int
    net_exercise_kcal: float
    extra_kcal: int
    extra_carbohydrate_g: int
    reason: str


def _whole(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def day_net_exercise(workouts: list[DayWorkout], body_mass_kg: float | None) -> float:
    """The day's workouts net of resting energy (gross as they were recorded when the weight
    of the day is unknown: no resting share can be removed then)."""
    total = 0.0
    for workout in workouts:
        hours = (workout.duration_min or 0) / 60
        if body_mass_kg is None:
            total += workout.gross_kcal
        else:
            total += net_exercise_kcal(workout.gross_kcal, body_mass_kg, hours)
    return round(total, 1)


def training_day(
    rule: TrainingRule, day: date, workouts: list[DayWorkout], body_mass_kg: float | None
) -> TrainingDay:
    """The rule applied to ``day``: nothing unless a workout was completed that day."""
    net = day_net_exercise(workouts, body_mass_kg)
    if not workouts:
        return TrainingDay(
            False, 0, 0.0, 0, 0, f"no workout completed on {day.isoformat()}: no training-day extra"
        )
    if rule.kind is RuleKind.CARBOHYDRATE:
        carbohydrate = rule.amount
        kcal = carbohydrate * KCAL_PER_G_CARBOHYDRATE
        how = f"+{carbohydrate} g carbohydrate (+{kcal} kcal)"
    else:
        kcal = rule.amount if rule.kind is RuleKind.KCAL else _whole(net * rule.amount / 100)
        carbohydrate = _whole(kcal / KCAL_PER_G_CARBOHYDRATE)
        how = f"+{kcal} kcal (+{carbohydrate} g carbohydrate)"
        if rule.kind is RuleKind.ADD_BACK:
            how += f": {rule.amount} % of the {net:,.0f} kcal net exercise energy"
    count = f"{len(workouts)} workout{'s' if len(workouts) != 1 else ''}"
    return TrainingDay(
        True, len(workouts), net, kcal, carbohydrate, f"training day ({count}): {how}"
    )


def rule_of(kind: str | None, amount: int | None) -> TrainingRule | None:
    """The stored columns as a rule (None: no rule set)."""
    if kind is None or amount is None:
        return None
    return TrainingRule(RuleKind(kind), amount)
