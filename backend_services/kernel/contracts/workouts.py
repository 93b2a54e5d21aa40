"""Events the workouts service publishes."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from ..dates import IsoDate, PastDate
from .base import Amount, Count, EventContract, Identifier, Payload, Text

# A weigh-in the users service accepts (its WeightKg): readings outside are not offered.
BODY_MASS_MIN_KG = 20
BODY_MASS_MAX_KG = 500
# One reading a day: 60 years of daily weigh-ins.
MAX_READINGS = 22_000


class _Workouts(EventContract):
    PRODUCER: ClassVar[str] = "workouts"


class WorkoutFinished(_Workouts):
    """A finished workout's facts; energies are None without a known body weight."""

    workout_id: Identifier
    name: Text | None
    local_date: IsoDate  # the user's day the workout started on
    iso_year: Annotated[int, Field(strict=True, ge=1, le=9999)]
    iso_week: Annotated[int, Field(strict=True, ge=1, le=53)]
    duration_s: Count
    calories_kcal: Amount | None
    net_calories_kcal: Amount | None
    weight_source: Annotated[str, Field(min_length=1, max_length=60)]
    volume_kg: Amount
    exercise_count: Count
    personal_record_count: Count


class WorkoutCompleted(WorkoutFinished):
    TYPE: ClassVar[str] = "workouts.workout.completed"


class WorkoutImported(WorkoutFinished):
    """A workout from an export (a health platform's, Strong's, Hevy's): the same facts
    (statistics count it), under its own type so that nobody is congratulated for a year of
    history."""

    TYPE: ClassVar[str] = "workouts.workout.imported"

    source: Annotated[str, Field(min_length=1, max_length=40)]


class PersonalRecordSet(_Workouts):
    """A new best; ``value`` and ``previous`` are kg (e1rm, weight_at_reps at ``reps``) or
    kg x reps (volume)."""

    TYPE: ClassVar[str] = "workouts.personal_record.set"

    workout_id: Identifier
    exercise_id: Identifier
    exercise_name: Text
    kind: Literal["e1rm", "weight_at_reps", "volume"]
    value: Amount
    previous: Amount | None
    reps: Annotated[int, Field(strict=True, ge=1)] | None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class ProgramPlanChanged(_Workouts):
    """The weekly plan of the program the user follows (the one started most recently), after
    a start, an edit of its weekdays or its deletion; ``program_id`` null and no weekdays: no
    program followed any more. A consumer keeps the newest by ``occurred_at``."""

    TYPE: ClassVar[str] = "workouts.program_plan.changed"

    program_id: Identifier | None
    program_name: Text | None
    weekdays: Annotated[tuple[Weekday, ...], Field(max_length=7)]

    @model_validator(mode="after")
    def _consistent(self) -> ProgramPlanChanged:
        if len(set(self.weekdays)) != len(self.weekdays):
            raise ValueError("weekdays repeat")
        if (self.program_id is None) != (self.program_name is None) or (
            self.program_id is None and self.weekdays
        ):
            raise ValueError("a plan has a program_id and its name; no program, no weekdays")
        return self


class BodyMassReading(Payload):
    date: PastDate  # the day of the reading, as the export dates it
    weight_kg: Annotated[
        float, Field(strict=True, ge=BODY_MASS_MIN_KG, le=BODY_MASS_MAX_KG, allow_inf_nan=False)
    ]


class BodyMassImported(_Workouts):
    """The body-mass readings of a health export (one a day), offered to the users service,
    which owns the weight log and decides which to keep (docs/decisions/0010)."""

    TYPE: ClassVar[str] = "workouts.body_mass.imported"

    source: Annotated[str, Field(min_length=1, max_length=40)]
    readings: Annotated[tuple[BodyMassReading, ...], Field(min_length=1, max_length=MAX_READINGS)]
