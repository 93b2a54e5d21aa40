"""Request and response schemas: allow-lists with bounds (extra fields are rejected).

No schema has a free-form mapping, so a client can never choose a MongoDB key: keys starting
with ``$`` or containing ``.`` cannot reach a query or an update. String values are stored and
matched as literals (pymongo never interprets a string as an operator); ids additionally have
a strict pattern.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, ValidationInfo, field_validator, model_validator

from backend_services.kernel.bodies import PatchBody, StrictBody
from backend_services.kernel.contracts.workouts import Weekday
from backend_services.kernel.dates import Instant

from .domain import MAX_WORKOUT_SECONDS
from .programs import schedule_error

MAX_EXERCISES_PER_WORKOUT = 50
MAX_SETS_PER_EXERCISE = 100
MAX_BODY_WEIGHT_KG = 400.0

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9:_\-]{0,119}$"
EntityId = Annotated[str, Field(pattern=ID_PATTERN)]
SetType = Literal["warm_up", "working", "drop", "failure"]
Intensity = Literal["light", "moderate", "vigorous"]
ExerciseKind = Literal["strength", "cardio", "sport", "flexibility"]


Name = Annotated[str, Field(min_length=1, max_length=120)]
Notes = Annotated[str, Field(max_length=2000)]
BodyWeight = Annotated[float, Field(gt=20, le=MAX_BODY_WEIGHT_KG, allow_inf_nan=False)]
DurationSeconds = Annotated[int, Field(ge=1, le=MAX_WORKOUT_SECONDS)]


class Schema(StrictBody):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _kind_required(schema: dict[str, Any]) -> None:
    schema["required"] = ["kind", *schema.get("required", [])]


class StrengthSetIn(Schema):
    # The set union picks its member by ``kind``, so a request must send it (the document
    # says so); the default serves code that builds a strength set directly.
    model_config = ConfigDict(json_schema_extra=_kind_required)

    kind: Literal["strength"] = "strength"
    reps: int = Field(ge=0, le=1000)
    weight_kg: float = Field(default=0, ge=0, le=1000, allow_inf_nan=False)
    set_type: SetType = "working"
    rpe: float | None = Field(default=None, ge=1, le=10, allow_inf_nan=False)
    duration_s: DurationSeconds | None = None  # timed holds (plank)
    target_reps: int | None = Field(default=None, ge=1, le=1000)


class CardioSetIn(Schema):
    """A cardio interval (also used for flexibility work: duration only)."""

    kind: Literal["cardio"]
    duration_s: DurationSeconds
    distance_m: float | None = Field(default=None, ge=0, le=1_000_000, allow_inf_nan=False)
    avg_heart_rate: int | None = Field(default=None, ge=25, le=250)


class SportSetIn(Schema):
    kind: Literal["sport"]
    duration_s: DurationSeconds
    intensity: Intensity = "moderate"


SetIn = Annotated[StrengthSetIn | CardioSetIn | SportSetIn, Field(discriminator="kind")]


class SetPatch(Schema, PatchBody):
    reps: int | None = Field(default=None, ge=0, le=1000)
    weight_kg: float | None = Field(default=None, ge=0, le=1000, allow_inf_nan=False)
    set_type: SetType | None = None
    rpe: float | None = Field(default=None, ge=1, le=10, allow_inf_nan=False)
    duration_s: DurationSeconds | None = None
    distance_m: float | None = Field(default=None, ge=0, le=1_000_000, allow_inf_nan=False)
    avg_heart_rate: int | None = Field(default=None, ge=25, le=250)
    intensity: Intensity | None = None


class WorkoutExerciseIn(Schema):
    exercise_id: EntityId
    sets: list[SetIn] = Field(default_factory=list, max_length=MAX_SETS_PER_EXERCISE)
    notes: Notes | None = None


class WorkoutCreate(Schema):
    name: Name = "Workout"
    started_at: Instant | None = None
    utc_offset_minutes: int = Field(default=0, ge=-840, le=840)
    body_weight_kg: BodyWeight | None = None
    notes: Notes | None = None
    exercises: list[WorkoutExerciseIn] = Field(
        default_factory=list, max_length=MAX_EXERCISES_PER_WORKOUT
    )


class WorkoutPatch(Schema, PatchBody):
    # null clears these; a workout always has a name, a start and an offset
    nullable_in_patch = frozenset({"notes", "ended_at", "body_weight_kg"})

    name: Name | None = None
    notes: Notes | None = None
    started_at: Instant | None = None
    ended_at: Instant | None = None
    utc_offset_minutes: int | None = Field(default=None, ge=-840, le=840)
    body_weight_kg: BodyWeight | None = None


class ExerciseOrder(Schema):
    """A workout's exercises in their new order: each entry id of the workout once."""

    entry_ids: list[EntityId] = Field(min_length=1, max_length=MAX_EXERCISES_PER_WORKOUT)


class WorkoutComplete(Schema):
    ended_at: Instant | None = None
    body_weight_kg: BodyWeight | None = None


class SeparateSession(Schema):
    """Which merged session of a workout to make its own workout again."""

    external_id: str = Field(min_length=1, max_length=300)


class CustomExerciseCreate(Schema):
    name: Name
    kind: ExerciseKind = "strength"
    category: Annotated[str, Field(min_length=1, max_length=40)] = "strength"
    primary_muscles: list[Annotated[str, Field(max_length=40)]] = Field(
        default_factory=list, max_length=10
    )
    secondary_muscles: list[Annotated[str, Field(max_length=40)]] = Field(
        default_factory=list, max_length=10
    )
    equipment: Annotated[str, Field(max_length=40)] | None = None
    # A Compendium code from the catalog; defaults by kind when absent.
    met_code: Annotated[str, Field(pattern=r"^\d{5}$")] | None = None


class ExerciseChoice(Schema):
    """Which of our exercises an imported name is: ``exercise_id``, or ``new_exercise`` (a
    custom exercise of that name)."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    exercise_id: EntityId | None = None
    new_exercise: bool = False

    @model_validator(mode="after")
    def _one_choice(self) -> ExerciseChoice:
        if (self.exercise_id is None) == (not self.new_exercise):
            raise ValueError("give either exercise_id or new_exercise: true")
        return self


class ImportReview(Schema):
    """The answer to an import's review: a choice for every unmatched name."""

    choices: list[ExerciseChoice] = Field(min_length=1, max_length=500)


def schedule_fits_days_per_week(
    cls: type, schedule: list[str] | None, info: ValidationInfo
) -> list[str] | None:
    """A program's ``schedule`` validator: one weekday per session of its week (here and in
    the answer model an imported file is read with)."""
    per_week = info.data.get("days_per_week")  # absent when it was refused itself
    error = None if schedule is None or per_week is None else schedule_error(schedule, per_week)
    if error:
        raise ValueError(error)
    return schedule


class ProgramExerciseIn(Schema):
    exercise_id: EntityId
    sets: int = Field(ge=1, le=20)
    reps: int = Field(ge=1, le=100)
    start_weight_kg: float = Field(default=20.0, ge=0, le=1000, allow_inf_nan=False)
    increment_kg: float = Field(default=2.5, ge=0, le=50, allow_inf_nan=False)
    percent_e1rm: float | None = Field(default=None, gt=0, le=100, allow_inf_nan=False)


class ProgramDayIn(Schema):
    name: Name
    exercises: list[ProgramExerciseIn] = Field(min_length=1, max_length=20)


class ProgramCreate(Schema):
    name: Name
    description: Notes = ""
    days_per_week: int = Field(ge=1, le=7)
    schedule: list[Weekday] | None = Field(
        default=None,
        max_length=7,
        description="The training weekdays, as many as days_per_week (default: spread over "
        "the week, e.g. monday, wednesday, friday for 3).",
    )
    days: list[ProgramDayIn] = Field(min_length=1, max_length=7)

    _schedule_fits = field_validator("schedule")(schedule_fits_days_per_week)


def public(doc: dict[str, Any]) -> dict[str, Any]:
    """A stored document as the API shows it: ``_id`` -> ``id``, internal fields removed."""
    out = {k: v for k, v in doc.items() if k not in _INTERNAL}
    if "_id" in out:
        out["id"] = out.pop("_id")
    return out


_INTERNAL = frozenset(
    {
        "outbox",
        "outbox_pending",
        "outbox_lease_until",
        "idempotency_key",
        "idempotency_hash",
        "search_name",
        "search_keys",
        "deleted",
        "owner_id",
        "version",
        "csv_zlib",  # an import job's upload, kept until its review is done
        "import_job",  # a Strong/Hevy import's workout until its whole file is stored
    }
)
