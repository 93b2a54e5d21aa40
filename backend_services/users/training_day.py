"""Training-aware targets: the user's rule for a training day (a day with a completed workout,
or a weekday the program they follow plans), and what it adds to that day's targets. Pure;
kept apart from ``domain.compute_targets`` on purpose (the base targets stay one formula; this
is one adjustment on top, with its reason).

A rule is one of:
- ``kcal``: +amount kcal; the extra energy is carbohydrate (amount / 4 g), as training fuel;
- ``carbohydrate``: +amount g carbohydrate, so +4 x amount kcal (Atwater 4 kcal/g);
- ``add_back``: amount % of the day's net exercise energy, as carbohydrate.
Net exercise energy is gross less the resting 1 MET (``kernel.exercise_energy``): the base
target already holds the resting energy of the workout's hours. Protein and fat stay as they
are (protein by body mass, fat's share of the base energy).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from backend_services.kernel.contracts.workouts import WEEKDAYS
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
class PlannedWeek:
    """The training weekdays of the program the user follows (workouts' plan event), from the
    day this plan took effect: the service keeps no history of plans, so a day before it was
    planned by whatever the user followed then, which it no longer knows (only a completed
    workout counts there)."""

    program_name: str
    weekdays: tuple[str, ...]  # "monday" ... "sunday"
    since: date = date.min

    def plans(self, day: date) -> bool:
        return day >= self.since and WEEKDAYS[day.weekday()] in self.weekdays

    def describe(self) -> str:
        """As a reason names it: "Push pull, Mon/Wed/Fri"."""
        days = "/".join(d[:3].capitalize() for d in WEEKDAYS if d in self.weekdays)
        return f"{self.program_name}, {days}"


@dataclass(frozen=True)
class TrainingDay:
    """What the rule did on one day, and why: a workout completed, a planned weekday, both."""

    applied: bool
    workouts: int
    net_exercise_kcal: float
    extra_kcal: int
    extra_carbohydrate_g: int
    reason: str
    planned: bool = False
    planned_program: str | None = None
    planned_weekdays: tuple[str, ...] = ()


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
    rule: TrainingRule,
    day: date,
    workouts: list[DayWorkout],
    body_mass_kg: float | None,
    plan: PlannedWeek | None = None,
) -> TrainingDay:
    """The rule applied to ``day``: when a workout was completed that day, or the program the
    user follows plans that weekday; nothing on another day. Adding back a share of the
    exercise energy needs a workout: a planned day without one adds nothing yet."""
    planned = plan if plan is not None and plan.plans(day) else None
    effect = _effect(rule, day, workouts, body_mass_kg, planned)
    if planned is None:
        return effect
    return replace(
        effect,
        planned=True,
        planned_program=planned.program_name,
        planned_weekdays=planned.weekdays,
    )


def _effect(
    rule: TrainingRule,
    day: date,
    workouts: list[DayWorkout],
    body_mass_kg: float | None,
    planned: PlannedWeek | None,
) -> TrainingDay:
    net = day_net_exercise(workouts, body_mass_kg)
    if not workouts and planned is None:
        reason = f"no workout completed on {day.isoformat()} and none planned"
        return TrainingDay(False, 0, 0.0, 0, 0, f"{reason}: no training-day extra")
    why = "; ".join(
        part
        for part in (
            f"{len(workouts)} workout{'s' if len(workouts) != 1 else ''}" if workouts else "",
            f"planned: {planned.describe()}" if planned else "",
        )
        if part
    )
    if not workouts and rule.kind is RuleKind.ADD_BACK:
        wait = "the add-back share comes once a workout is completed"
        return TrainingDay(False, 0, 0.0, 0, 0, f"training day ({why}): {wait}")
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
    return TrainingDay(True, len(workouts), net, kcal, carbohydrate, f"training day ({why}): {how}")


def plan_of(
    program_name: str | None, weekdays: list[str] | None, since: date
) -> PlannedWeek | None:
    """The stored plan columns as a plan from ``since`` (None: no program followed)."""
    if program_name is None or not weekdays:
        return None
    return PlannedWeek(program_name, tuple(weekdays), since)


def rule_of(kind: str | None, amount: int | None) -> TrainingRule | None:
    """The stored columns as a rule (None: no rule set)."""
    if kind is None or amount is None:
        return None
    return TrainingRule(RuleKind(kind), amount)
