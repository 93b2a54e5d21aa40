"""What health-platform importers produce, how it is stored, and the provider-sync interface.

Importers parse a whole export into ``HealthData`` first (small: per-day totals and a list of
workouts), then ``store_health_data`` writes it. Dedupe on re-import: workouts are upserted on
``(user_id, external_id)`` (unique index), daily metrics on ``user:source:date``, body mass
per date; importing the same export twice changes nothing.

Imported workouts are history: stored as completed, with the device's energy when the export
has it (``calorie_source: device``) else the MET estimate, and **no events** (re-importing a
year of runs must not send a year of congratulations).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from .. import domain
from ..repository import WorkoutsRepository
from ..service import WorkoutService, new_entry

SOURCE_LABELS = {"apple_health": "Apple Health", "google_fit": "Google Fit"}


class HealthImportError(ValueError):
    """The file is not a usable export; nothing was imported."""


@dataclass
class ImportedWorkout:
    external_id: str
    activity: str
    exercise_id: str
    started_at: datetime
    ended_at: datetime
    utc_offset_minutes: int
    duration_s: float
    energy_kcal: float | None = None
    distance_m: float | None = None
    device: str | None = None


@dataclass
class HealthData:
    source: str
    workouts: list[ImportedWorkout] = field(default_factory=list)
    steps: dict[str, float] = field(default_factory=dict)
    active_energy_kcal: dict[str, float] = field(default_factory=dict)
    body_mass: dict[str, float] = field(default_factory=dict)
    records_read: int = 0

    def add_steps(self, day: str, value: float) -> None:
        self.steps[day] = self.steps.get(day, 0.0) + value

    def add_active_energy(self, day: str, kcal: float) -> None:
        self.active_energy_kcal[day] = self.active_energy_kcal.get(day, 0.0) + kcal


class ProviderSync(Protocol):
    """A live provider (Health Connect via a companion app, Fitbit Web API, ...).

    An implementation pulls everything changed since ``since`` for one user and returns it as
    ``HealthData`` (same external ids on every pull, so stores dedupe); a scheduler in the
    worker calls it per connected user and passes the result to ``store_health_data``. Tokens
    for the provider are stored per user by the implementation, never in workout documents.
    """

    name: str

    def pull(self, user_id: str, since: datetime | None) -> HealthData: ...


def store_health_data(
    repo: WorkoutsRepository,
    service: WorkoutService,
    user_id: str,
    data: HealthData,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    exercises = repo.visible_exercises(user_id, sorted({w.exercise_id for w in data.workouts}))
    inserted = unchanged = 0
    for n, workout in enumerate(data.workouts):
        doc = _workout_document(service, user_id, data.source, workout, exercises)
        result = repo.workouts.update_one(
            {"user_id": user_id, "external_id": workout.external_id},
            {"$setOnInsert": doc},
            upsert=True,
        )
        if result.upserted_id is not None:
            inserted += 1
        else:
            unchanged += 1
        if progress and n % 200 == 0:
            progress(n)
    days = sorted(set(data.steps) | set(data.active_energy_kcal))
    for day in days:
        fields: dict[str, Any] = {"user_id": user_id, "date": day, "source": data.source}
        if day in data.steps:
            fields["steps"] = round(data.steps[day])
        if day in data.active_energy_kcal:
            fields["active_energy_kcal"] = round(data.active_energy_kcal[day], 1)
        repo.daily_metrics.update_one(
            {"_id": f"{user_id}:{data.source}:{day}"}, {"$set": fields}, upsert=True
        )
    for day, kg in sorted(data.body_mass.items()):
        repo.record_weight(user_id, day, kg, data.source)
    return {
        "workouts_read": len(data.workouts),
        "workouts_imported": inserted,
        "workouts_already_present": unchanged,
        "days_with_metrics": len(days),
        "body_mass_readings": len(data.body_mass),
        "records_read": data.records_read,
    }


def _workout_document(
    service: WorkoutService,
    user_id: str,
    source: str,
    workout: ImportedWorkout,
    exercises: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    exercise = exercises[workout.exercise_id]
    entry = new_entry(exercise)
    entry["set_kind"] = "cardio"  # imported sessions carry duration/distance only
    entry["sets"] = [
        {
            "id": "s1",
            "kind": "cardio",
            "duration_s": round(workout.duration_s),
            **({"distance_m": round(workout.distance_m, 1)} if workout.distance_m else {}),
        }
    ]
    day = domain.local_day(workout.started_at, workout.utc_offset_minutes)
    weight = service.resolve_weight(user_id, date.fromisoformat(day.local_date), None)
    met = entry["met"]["value"]
    hours = workout.duration_s / 3600
    estimate = (
        round(domain.met_calories(met, weight.kg, hours), 1) if weight.kg is not None else None
    )
    calories = round(workout.energy_kcal, 1) if workout.energy_kcal is not None else estimate
    return {
        "_id": hashlib.sha256(f"{user_id}|{workout.external_id}".encode()).hexdigest()[:32],
        "user_id": user_id,
        "status": "completed",
        "name": f"{exercise['name']} ({SOURCE_LABELS.get(source, source)})",
        "notes": None,
        "source": source,
        "external_id": workout.external_id,
        "device": workout.device,
        "started_at": workout.started_at,
        "ended_at": workout.ended_at,
        "utc_offset_minutes": workout.utc_offset_minutes,
        "local_date": day.local_date,
        "iso_year": day.iso_year,
        "iso_week": day.iso_week,
        "body_weight_kg": None,
        "exercises": [entry],
        "program": None,
        "result": {
            "duration_s": round(workout.duration_s),
            "calories_kcal": calories,
            "calorie_source": "device" if workout.energy_kcal is not None else "met_estimate",
            "met_estimate_kcal": estimate,
            "net_calories_kcal": None,
            "weight_kg": weight.kg,
            "weight_source": weight.source,
            "volume_kg": 0.0,
            "per_exercise": [],
            "personal_records": [],
        },
        "created_at": service.clock(),
        "updated_at": service.clock(),
        "version": 1,
    }
