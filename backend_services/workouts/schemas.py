"""The workouts API's response models: what every route answers, so the OpenAPI document is
exact. The services hand back stored documents (``public()`` renames ``_id`` and drops the
internal fields); FastAPI checks them against these on the way out.

Routes answer with ``response_model_exclude_unset``: a field that only some documents carry
(an imported workout's ``external_id``, a set's ``rpe``) is optional here and absent from the
JSON when the document lacks it, exactly as before the models existed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_validator

from backend_services.kernel.contracts.workouts import Weekday

from .domain import E1RM_FORMULA
from .models import ExerciseKind, Intensity, SetType, schedule_fits_days_per_week

# Stored times as the API always showed them (``isoformat``: ``+00:00``, not ``Z``).
Timestamp = Annotated[datetime, PlainSerializer(lambda at: at.isoformat(), return_type=str)]


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- exercises
class Met(Answer):
    """A Compendium of Physical Activities entry: code, MET value, wording, edition."""

    code: str
    value: float
    description: str
    edition: str


class Exercise(Answer):
    id: str
    name: str
    names: dict[str, str] | None = Field(
        default=None, description="The name in other languages, by language code."
    )
    kind: ExerciseKind
    category: str
    primary_muscles: list[str]
    secondary_muscles: list[str]
    equipment: str | None
    mechanic: str | None
    met: Met
    met_by_intensity: dict[str, Met]
    source: Literal["builtin", "custom"]


class Exercises(Answer):
    items: list[Exercise]


# ---------------------------------------------------------------- workouts
class WorkoutSet(Answer):
    """One set; which fields it has depends on ``kind`` (the entry's ``set_kind``)."""

    id: str
    kind: Literal["strength", "cardio", "sport"]
    reps: int | None = None
    weight_kg: float | None = None
    set_type: SetType | None = None
    rpe: float | None = None
    duration_s: int | None = None
    target_reps: int | None = None
    distance_m: float | None = None
    avg_heart_rate: int | None = None
    intensity: Intensity | None = None


class SetTarget(Answer):
    """What a program prescribes for this exercise today, and why that weight."""

    sets: int
    reps: int
    weight_kg: float
    rule: str


class SessionBests(Answer):
    """The exercise's bests in this session (stored when the workout is completed)."""

    e1rm: float | None = Field(
        description=f"Estimated one-rep max, kg: {E1RM_FORMULA} (as `e1rm_formula` says)."
    )
    volume: float
    weight_by_reps: dict[str, float]


class WorkoutEntry(Answer):
    """A workout's copy of an exercise: name, kind and MET as they were when it was added."""

    id: str
    exercise_id: str
    name: str
    kind: ExerciseKind
    set_kind: Literal["strength", "cardio", "sport"]
    muscles: list[str]
    met: Met
    met_by_intensity: dict[str, Met]
    sets: list[WorkoutSet]
    target: SetTarget | None
    notes: str | None = None
    bests: SessionBests | None = None


class MetPart(Answer):
    code: str
    value: float
    seconds: int


class ExerciseResult(Answer):
    entry_id: str
    exercise_id: str
    name: str
    muscles: list[str]
    duration_s: int
    met: list[MetPart]
    met_edition: str | None
    calories_kcal: float | None
    net_calories_kcal: float | None
    volume_kg: float
    e1rm_kg: float | None
    e1rm_formula: str


class PersonalRecord(Answer):
    exercise_id: str
    exercise_name: str
    kind: Literal["e1rm", "weight_at_reps", "volume"]
    value: float = Field(
        description=f"kg; for kind `e1rm` the estimated one-rep max: {E1RM_FORMULA}."
    )
    previous: float | None
    reps: int | None


class WorkoutResult(Answer):
    """A completed workout's numbers: time, calories (with the weight used and where it came
    from), volume, per exercise, and the personal records it set."""

    duration_s: int
    calories_kcal: float | None
    net_calories_kcal: float | None
    calorie_formula: str | None = None
    calorie_source: Literal["device", "met_estimate"] | None = Field(
        default=None, description="Imported sessions: the export's own figure or a MET estimate."
    )
    met_estimate_kcal: float | None = None
    weight_kg: float | None
    weight_source: str
    volume_kg: float
    per_exercise: list[ExerciseResult]
    personal_records: list[PersonalRecord]


class ProgramDay(Answer):
    program_id: str
    day_index: int


class MergedSession(Answer):
    """The same session from another source, kept beside the stored workout (not counted)."""

    source: str | None
    external_id: str
    device: str | None
    started_at: Timestamp
    ended_at: Timestamp
    calories_kcal: float | None
    calorie_source: str
    merged_at: Timestamp
    workout: dict[str, Any] = Field(
        description="The imported workout as stored; `POST .../separate` makes it its own."
    )


class Workout(Answer):
    id: str
    user_id: str
    status: Literal["in_progress", "completed"]
    name: str
    notes: str | None
    source: str
    started_at: Timestamp
    ended_at: Timestamp | None
    utc_offset_minutes: int
    local_date: str
    iso_year: int
    iso_week: int
    body_weight_kg: float | None
    exercises: list[WorkoutEntry]
    program: ProgramDay | None
    result: WorkoutResult | None
    created_at: Timestamp
    updated_at: Timestamp
    external_id: str | None = None
    device: str | None = None
    merged: list[MergedSession] | None = None
    separated_from: str | None = None


class Workouts(Answer):
    items: list[Workout]


# ---------------------------------------------------------------- programs
class ProgramExercise(Answer):
    exercise_id: str
    sets: int
    reps: int
    start_weight_kg: float
    increment_kg: float
    percent_e1rm: float | None = None


class ProgramDayPlan(Answer):
    name: str
    exercises: list[ProgramExercise]


class ProgramPosition(Answer):
    sessions_done: int
    week: int
    next_day_index: int
    next_day: str


class Program(Answer):
    id: str
    name: str
    description: str
    days_per_week: int
    schedule: list[Weekday] | None = Field(
        default=None, description="The training weekdays, Monday first (as many as days_per_week)."
    )
    days: list[ProgramDayPlan]
    source: Literal["builtin", "own"]
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    position: ProgramPosition

    _schedule_fits = field_validator("schedule")(schedule_fits_days_per_week)


class Programs(Answer):
    items: list[Program]


# ---------------------------------------------------------------- reports
class BestSet(Answer):
    reps: int | None
    weight_kg: float | None


class ProgressSession(Answer):
    workout_id: str
    local_date: str
    best_set: BestSet | None
    e1rm_epley: float | None
    e1rm_brzycki: float | None
    e1rm_kg: float | None = Field(
        description=f"The session's estimated one-rep max, kg: {E1RM_FORMULA} (the answer's "
        "`e1rm_formula`)."
    )
    volume_kg: float


class WeeklyVolume(Answer):
    week: str
    volume_kg: float


class DatedRecord(PersonalRecord):
    local_date: str


class Progress(Answer):
    exercise_id: str
    name: str
    from_: str = Field(alias="from")
    e1rm_formula: str
    sessions: list[ProgressSession]
    volume_per_week: list[WeeklyVolume]
    personal_records: list[DatedRecord]


class WeekSummary(Answer):
    week: str
    workouts: int
    minutes: float
    calories_kcal: float
    volume_kg: float
    volume_by_muscle: dict[str, float]


class Summary(Answer):
    from_: str = Field(alias="from")
    to: str
    workouts: int
    minutes: float
    calories_kcal: float
    volume_kg: float
    weeks: list[WeekSummary]


# ---------------------------------------------------------------- imports
class ImportProgress(Answer):
    phase: Literal["queued", "parsing", "matching", "review", "storing", "done"]
    fraction: float


class ImportReport(Answer):
    workouts_read: int
    workouts_imported: int
    workouts_already_present: int
    workouts_merged: int
    days_with_metrics: int
    body_mass_readings: int
    records_read: int


class MatchedExercise(Answer):
    """An exercise name of the export and the one of ours it was matched to, with the rule
    that matched it (`yours`: your earlier choice; `name`; `alias`; `words`, with its score)."""

    name: str
    exercise_id: str
    exercise_name: str
    method: Literal["yours", "name", "alias", "words"]
    score: float
    sets: int


class Suggestion(Answer):
    exercise_id: str
    name: str
    score: float


class UnmatchedExercise(Answer):
    """A name no rule matched: choose one of ours (or a new exercise) in the review."""

    name: str
    sets: int
    kind: Literal["strength", "cardio"] = Field(
        description="What a new exercise of this name would be (sets with reps or a weight)."
    )
    suggestions: list[Suggestion]


class StrengthImportReport(Answer):
    """A Strong or Hevy import: what the file holds, how its names matched and, once stored,
    what was added (`workouts_already_present`: skipped, imported before)."""

    workouts_read: int
    sets_read: int
    exercises_read: int
    exercises_matched: int
    exercises_mapped: int = Field(description="Names matched by your choice in a review.")
    exercises_unmatched: int
    matched: list[MatchedExercise]
    unmatched: list[UnmatchedExercise]
    workouts_imported: int | None = None
    workouts_already_present: int | None = None
    sets_imported: int | None = None


class ImportJob(Answer):
    id: str
    user_id: str
    provider: Literal["apple-health", "google-fit", "strong", "hevy"]
    file_name: str
    bytes: int
    status: Literal["queued", "running", "needs_review", "succeeded", "failed"]
    progress: ImportProgress
    report: ImportReport | StrengthImportReport | None
    error: str | None
    created_at: Timestamp
    finished_at: Timestamp | None
    weight_unit: Literal["kg", "lb"] | None = Field(
        default=None, description="Strong: the unit its weights are in."
    )
    utc_offset_minutes: int | None = Field(
        default=None, description="Strong, Hevy: the offset their local times are read with."
    )
