"""Events the workouts service publishes."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from ..dates import IsoDate
from .base import Amount, Count, EventContract, Identifier, Text


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
    """A workout from a health platform's export: the same facts (statistics count it),
    under its own type so that nobody is congratulated for a year of history."""

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
