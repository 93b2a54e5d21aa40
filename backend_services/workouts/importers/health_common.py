"""What health-platform importers produce, how it is stored, and the provider-sync interface.

Importers parse a whole export into ``HealthData`` first (small: per-day totals and a list of
workouts), then ``store_health_data`` writes it. Dedupe on re-import: workouts are upserted on
``(user_id, external_id)`` (unique index), daily metrics on ``user:source:date``, body mass
per date; importing the same export twice changes nothing. A session that is already stored
(from another source, or twice in one export) is merged into it (``merge.py``).

Imported workouts are history: stored as completed, with the device's energy when the export
has it (``calorie_source: device``) else the MET estimate with the user's weight on that day,
or the export's own weigh-in (``weight_source: <source>_export``). Re-importing a year of
runs must not send a year of congratulations, so each new workout stages one
``workouts.workout.imported`` event (not ``completed``): the statistics count it,
notifications ignore it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from .. import domain, events
from ..documents import new_entry
from ..repository import WorkoutsRepository
from ..service import WorkoutService
from .merge import already_merged, find_same_session, merge_into

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
    inserted = unchanged = merged = 0
    per_day = Counter(
        (domain.local_day(w.started_at, w.utc_offset_minutes).local_date, w.exercise_id)
        for w in data.workouts
    )
    for n, workout in enumerate(data.workouts):
        doc = _workout_document(service, user_id, data.source, workout, exercises, data.body_mass)
        known = {"user_id": user_id, "external_id": workout.external_id}
        if repo.workouts.count_documents(known) or already_merged(
            repo, user_id, workout.external_id
        ):
            unchanged += 1
        elif (
            same := find_same_session(
                repo,
                user_id,
                doc,
                only_one_that_day=per_day[(doc["local_date"], workout.exercise_id)] == 1,
            )
        ) is not None:
            merge_into(repo, same, doc, service.clock())
            merged += 1
        else:
            result = repo.workouts.update_one(known, {"$setOnInsert": doc}, upsert=True)
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
    # The readings serve this import's calories only: the users service owns the weight log
    # (docs/decisions/0010).
    return {
        "workouts_read": len(data.workouts),
        "workouts_imported": inserted,
        "workouts_already_present": unchanged,
        # the same session as a stored workout (another source, or twice in this export)
        "workouts_merged": merged,
        "days_with_metrics": len(days),
        "body_mass_readings": len(data.body_mass),
        "records_read": data.records_read,
    }


def session_set(set_kind: str, workout: ImportedWorkout) -> dict[str, Any]:
    """An imported session as one set of its exercise's kind: time (and distance) for
    cardio, time at moderate intensity for a session activity (a sport, strength training);
    exports record no lifts."""
    done: dict[str, Any] = {"id": "s1", "kind": set_kind, "duration_s": round(workout.duration_s)}
    if set_kind == "sport":
        done["intensity"] = "moderate"
    elif workout.distance_m:
        done["distance_m"] = round(workout.distance_m, 1)
    return done


def export_weight(body_mass: dict[str, float], day: str) -> float | None:
    """The export's weigh-in on or before ``day``, else its first one after."""
    before = [kg for d, kg in sorted(body_mass.items()) if d <= day]
    if before:
        return before[-1]
    after = [kg for d, kg in sorted(body_mass.items()) if d > day]
    return after[0] if after else None


def _workout_document(
    service: WorkoutService,
    user_id: str,
    source: str,
    workout: ImportedWorkout,
    exercises: dict[str, dict[str, Any]],
    body_mass: dict[str, float],
) -> dict[str, Any]:
    exercise = exercises[workout.exercise_id]
    entry = new_entry(exercise)
    entry["sets"] = [session_set(entry["set_kind"], workout)]
    day = domain.local_day(workout.started_at, workout.utc_offset_minutes)
    weight = service.resolve_weight(user_id, date.fromisoformat(day.local_date), None)
    if weight.source in ("none", "users_copy_latest"):
        # the export's own weigh-in beats none, and beats one from a later day
        exported = export_weight(body_mass, day.local_date)
        if exported is not None:
            weight = domain.WeightUsed(exported, f"{source}_export")
    met = entry["met"]["value"]
    hours = workout.duration_s / 3600
    estimate = (
        round(domain.met_calories(met, weight.kg, hours), 1) if weight.kg is not None else None
    )
    calories = round(workout.energy_kcal, 1) if workout.energy_kcal is not None else estimate
    doc: dict[str, Any] = {
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
    # staged with the document ($setOnInsert): statistics count it like any workout
    now = service.clock()
    doc["outbox"] = [events.outbox_entry(events.workout_imported(user_id, doc), now)]
    doc["outbox_pending"] = now
    return doc
