"""Workout use cases: catalog search, logging, completion (calories, records, events)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from pymongo.errors import DuplicateKeyError

from backend_services.kernel.errors import Conflict, InvalidInput, NotFound

from . import domain, events
from .catalog import ALL_METS, HEALTH_CLUB, RESISTANCE_MODERATE, STRETCHING, Met
from .models import (
    MAX_EXERCISES_PER_WORKOUT,
    MAX_SETS_PER_EXERCISE,
    CustomExerciseCreate,
    ExerciseOrder,
    SetPatch,
    WorkoutComplete,
    WorkoutCreate,
    WorkoutExerciseIn,
    WorkoutPatch,
)
from .repository import WorkoutsRepository, search_name

SET_KIND_FOR_EXERCISE = {
    "strength": "strength",
    "cardio": "cardio",
    "flexibility": "cardio",
    "sport": "sport",
}
RUNNING_CODES = frozenset({"12020", "12030", "12050", "12070", "12090"})


class BodyWeightProvider(Protocol):
    """ "What did this user weigh on that day?" The users service (issue 3) owns the weight
    log; plug its client in here. ``None`` means it does not know."""

    def weight_on(self, user_id: str, on: date) -> float | None: ...


class NoUsersService:
    """Until the users service answers weight queries: always unknown."""

    def weight_on(self, user_id: str, on: date) -> float | None:
        return None


@dataclass(frozen=True)
class WeightUsed:
    kg: float | None
    source: str  # workout | users_service | profile | profile_latest | none


def _now() -> datetime:
    return datetime.now(UTC)


class WorkoutService:
    def __init__(
        self,
        repo: WorkoutsRepository,
        weights: BodyWeightProvider | None = None,
        clock: Callable[[], datetime] = _now,
    ):
        self.repo = repo
        self.weights = weights or NoUsersService()
        self.clock = clock

    # ---------------------------------------------------------------- exercises
    def search_exercises(
        self,
        user_id: str,
        q: str | None,
        muscle: str | None,
        equipment: str | None,
        category: str | None,
        kind: str | None,
        limit: int,
    ) -> list[dict[str, Any]]:
        words = search_name(q or "").split()[:5]
        return self.repo.search_exercises(
            user_id,
            words=words,
            muscle=muscle.lower() if muscle else None,
            equipment=equipment.lower() if equipment else None,
            category=category.lower() if category else None,
            kind=kind,
            limit=limit,
        )

    def get_exercise(self, user_id: str, exercise_id: str) -> dict[str, Any]:
        doc = self.repo.visible_exercise(user_id, exercise_id)
        if doc is None:
            raise NotFound("No such exercise.")
        return doc

    def create_custom_exercise(self, user_id: str, data: CustomExerciseCreate) -> dict[str, Any]:
        met = _met_for_custom(data)
        doc = {
            "_id": f"custom:{uuid.uuid4().hex}",
            "name": data.name,
            "kind": data.kind,
            "category": data.category.lower(),
            "primary_muscles": [m.lower() for m in data.primary_muscles],
            "secondary_muscles": [m.lower() for m in data.secondary_muscles],
            "equipment": data.equipment.lower() if data.equipment else None,
            "mechanic": None,
            "met": met.as_doc(),
            "met_by_intensity": {},
            "source": "custom",
            "owner_id": user_id,
        }
        self.repo.insert_exercise(doc)
        return doc

    def delete_custom_exercise(self, user_id: str, exercise_id: str) -> None:
        if not self.repo.delete_custom_exercise(user_id, exercise_id):
            raise NotFound("No such custom exercise.")

    # ---------------------------------------------------------------- workouts
    def start_workout(
        self, user_id: str, data: WorkoutCreate, idempotency_key: str | None = None
    ) -> tuple[dict[str, Any], bool]:
        """Create a workout; returns (workout, created). A repeated Idempotency-Key returns the
        first workout (or 409 if the body differs)."""
        fingerprint = hashlib.sha256(
            json.dumps(data.model_dump(mode="json"), sort_keys=True).encode()
        ).hexdigest()
        if idempotency_key:
            existing = self.repo.by_idempotency_key(user_id, idempotency_key)
            if existing is not None:
                return self._replay(existing, fingerprint), False
        now = self.clock()
        started = data.started_at or now
        entries = self._entries(user_id, data.exercises)
        doc: dict[str, Any] = {
            "_id": uuid.uuid4().hex,
            "user_id": user_id,
            "status": "in_progress",
            "name": data.name,
            "notes": data.notes,
            "source": "manual",
            "started_at": started,
            "ended_at": None,
            "utc_offset_minutes": data.utc_offset_minutes,
            **_day_fields(started, data.utc_offset_minutes),
            "body_weight_kg": data.body_weight_kg,
            "exercises": entries,
            "program": None,
            "result": None,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        if idempotency_key:
            doc["idempotency_key"] = idempotency_key
            doc["idempotency_hash"] = fingerprint
        try:
            self.repo.insert_workout(doc)
        except DuplicateKeyError:
            # A concurrent retry with the same key won the race.
            existing = self.repo.by_idempotency_key(user_id, idempotency_key or "")
            if existing is None:
                raise
            return self._replay(existing, fingerprint), False
        return doc, True

    @staticmethod
    def _replay(existing: dict[str, Any], fingerprint: str) -> dict[str, Any]:
        if existing.get("idempotency_hash") != fingerprint:
            raise Conflict(
                "This Idempotency-Key was used with a different request.",
                code="idempotency_key_reused",
            )
        return existing

    def get_workout(self, user_id: str, workout_id: str) -> dict[str, Any]:
        doc = self.repo.get_workout(user_id, workout_id)
        if doc is None:
            raise NotFound("No such workout.")
        return doc

    def list_workouts(
        self, user_id: str, date_from: date | None, date_to: date | None, limit: int
    ) -> list[dict[str, Any]]:
        if date_from and date_to and date_from > date_to:
            raise InvalidInput("`from` is after `to`.", fields={"from": "must be <= to"})
        return self.repo.list_workouts(
            user_id,
            date_from.isoformat() if date_from else None,
            date_to.isoformat() if date_to else None,
            limit,
        )

    def update_workout(self, user_id: str, workout_id: str, patch: WorkoutPatch) -> dict[str, Any]:
        doc = self.get_workout(user_id, workout_id)
        changes = patch.model_dump(exclude_unset=True)
        if doc["status"] == "completed" and set(changes) - {"name", "notes"}:
            raise Conflict(
                "A completed workout's times and weight are fixed; only name and notes change.",
                code="workout_completed",
            )
        if any(changes.get(k) is None and k in changes for k in ("name",)):
            raise InvalidInput("Name cannot be empty.", fields={"name": "required"})
        started = changes.get("started_at") or doc["started_at"]
        ended = changes.get("ended_at", doc.get("ended_at"))
        _check_times(started, ended)
        offset = changes.get("utc_offset_minutes", doc["utc_offset_minutes"])
        changes.update(_day_fields(started, offset))
        return self._write(doc, changes)

    def delete_workout(self, user_id: str, workout_id: str) -> None:
        doc = self.repo.get_workout(user_id, workout_id)
        if not self.repo.delete_workout(user_id, workout_id):
            raise NotFound("No such workout.")
        if doc is None or doc.get("status") == "completed":
            # Its records may have been the bests: rebuild them from history when next needed.
            self.repo.forget_exercise_bests(user_id)

    def add_exercise(
        self, user_id: str, workout_id: str, data: WorkoutExerciseIn
    ) -> dict[str, Any]:
        doc = self._editable(user_id, workout_id)
        if len(doc["exercises"]) >= MAX_EXERCISES_PER_WORKOUT:
            raise InvalidInput(
                f"A workout holds at most {MAX_EXERCISES_PER_WORKOUT} exercises.",
                fields={"exercises": "too many"},
            )
        entry = self._entries(user_id, [data])[0]
        return self._write(doc, {"exercises": [*doc["exercises"], entry]})

    def remove_exercise(self, user_id: str, workout_id: str, entry_id: str) -> dict[str, Any]:
        doc = self._editable(user_id, workout_id)
        remaining = [e for e in doc["exercises"] if e["id"] != entry_id]
        if len(remaining) == len(doc["exercises"]):
            raise NotFound("No such exercise in this workout.")
        return self._write(doc, {"exercises": remaining})

    def reorder_exercises(
        self, user_id: str, workout_id: str, order: ExerciseOrder
    ) -> dict[str, Any]:
        doc = self._editable(user_id, workout_id)
        by_id = {e["id"]: e for e in doc["exercises"]}
        if sorted(order.entry_ids) != sorted(by_id):
            raise InvalidInput(
                "List each exercise of the workout once, in the new order.",
                fields={"entry_ids": "must hold each exercise of the workout exactly once"},
            )
        return self._write(doc, {"exercises": [by_id[i] for i in order.entry_ids]})

    def add_set(self, user_id: str, workout_id: str, entry_id: str, data: Any) -> dict[str, Any]:
        doc = self._editable(user_id, workout_id)
        entries = [dict(e) for e in doc["exercises"]]
        entry = _find_entry(entries, entry_id)
        if len(entry["sets"]) >= MAX_SETS_PER_EXERCISE:
            raise InvalidInput(
                f"An exercise holds at most {MAX_SETS_PER_EXERCISE} sets.",
                fields={"sets": "too many"},
            )
        entry["sets"] = [*entry["sets"], _set_doc(entry, data)]
        return self._write(doc, {"exercises": entries})

    def update_set(
        self, user_id: str, workout_id: str, entry_id: str, set_id: str, patch: SetPatch
    ) -> dict[str, Any]:
        doc = self._editable(user_id, workout_id)
        entries = [dict(e) for e in doc["exercises"]]
        entry = _find_entry(entries, entry_id)
        changes = patch.model_dump(exclude_unset=True)
        allowed = _SET_FIELDS[entry["set_kind"]]
        wrong = {k: "not a field of this kind of set" for k in changes if k not in allowed}
        nulls = {k: "cannot be null" for k, v in changes.items() if v is None}
        if wrong or nulls:
            raise InvalidInput("Invalid set change.", fields={**wrong, **nulls})
        new_sets = []
        found = False
        for s in entry["sets"]:
            if s["id"] == set_id:
                s = {**s, **changes}
                found = True
            new_sets.append(s)
        if not found:
            raise NotFound("No such set.")
        entry["sets"] = new_sets
        return self._write(doc, {"exercises": entries})

    def remove_set(
        self, user_id: str, workout_id: str, entry_id: str, set_id: str
    ) -> dict[str, Any]:
        doc = self._editable(user_id, workout_id)
        entries = [dict(e) for e in doc["exercises"]]
        entry = _find_entry(entries, entry_id)
        kept = [s for s in entry["sets"] if s["id"] != set_id]
        if len(kept) == len(entry["sets"]):
            raise NotFound("No such set.")
        entry["sets"] = kept
        return self._write(doc, {"exercises": entries})

    # ---------------------------------------------------------------- completion
    def complete_workout(
        self, user_id: str, workout_id: str, data: WorkoutComplete
    ) -> dict[str, Any]:
        for _ in range(3):
            doc = self.get_workout(user_id, workout_id)
            if doc["status"] == "completed":
                return doc  # completing twice is completing once
            ended = data.ended_at or self.clock()
            _check_times(doc["started_at"], ended)
            if not doc["exercises"]:
                raise InvalidInput(
                    "Add at least one exercise before completing.",
                    fields={"exercises": "empty"},
                )
            weight = self.resolve_weight(
                user_id,
                date.fromisoformat(doc["local_date"]),
                data.body_weight_kg or doc.get("body_weight_kg"),
            )
            history = self._history_bests(user_id, doc)
            result, bests = compute_result(doc, ended, weight, history)
            now = self.clock()
            finished = {**doc, "result": result}
            staged = [events.workout_completed(user_id, finished)] + [
                events.personal_record_set(user_id, doc["_id"], record)
                for record in result["personal_records"]
            ]
            entries = [{**e, "bests": bests.get(e["id"])} for e in doc["exercises"]]
            changes = {
                "status": "completed",
                "ended_at": ended,
                "result": result,
                "exercises": entries,
                "updated_at": now,
                "outbox": [*doc.get("outbox", []), *(events.outbox_entry(e, now) for e in staged)],
                "outbox_pending": now,
            }
            if data.body_weight_kg:
                changes["body_weight_kg"] = data.body_weight_kg
            updated = self.repo.complete_workout(user_id, workout_id, doc["version"], changes)
            if updated is not None:
                for entry in doc["exercises"]:
                    if entry["id"] in bests:
                        self.repo.merge_exercise_bests(
                            user_id, entry["exercise_id"], bests[entry["id"]]
                        )
                if weight.kg is not None and weight.source == "workout":
                    self.repo.record_weight(user_id, doc["local_date"], weight.kg, "workout")
                return updated
        raise Conflict("The workout changed while completing it; try again.")

    def resolve_weight(self, user_id: str, on: date, given: float | None) -> WeightUsed:
        """Body weight for calories, and where it came from (said in the response)."""
        if given:
            return WeightUsed(float(given), "workout")
        from_users = self.weights.weight_on(user_id, on)
        if from_users:
            return WeightUsed(from_users, "users_service")
        profile = self.repo.profile(user_id) or {}
        log = profile.get("weights", [])
        on_or_before = [w for w in log if w["date"] <= on.isoformat()]
        if on_or_before:
            return WeightUsed(on_or_before[-1]["kg"], "profile")
        if log:
            return WeightUsed(log[-1]["kg"], "profile_latest")
        return WeightUsed(None, "none")

    def _history_bests(self, user_id: str, doc: dict[str, Any]) -> dict[str, domain.ExerciseBests]:
        """All-time bests of the user's other completed workouts, per strength exercise: the
        ``exercise_bests`` documents; one missing (history from before they existed, or
        forgotten after a delete) is rebuilt once from that exercise's history."""
        ids = list(
            dict.fromkeys(e["exercise_id"] for e in doc["exercises"] if e["set_kind"] == "strength")
        )
        if not ids:
            return {}
        stored = self.repo.exercise_bests_docs(user_id, ids)
        merged: dict[str, domain.ExerciseBests] = {}
        for exercise_id in ids:
            known = stored.get(exercise_id)
            if known is not None:
                if known.get("sessions"):
                    merged[exercise_id] = bests_from_doc(known)
                continue
            rebuilt, sessions = self._bests_from_history(user_id, exercise_id, doc["_id"])
            self.repo.merge_exercise_bests(
                user_id,
                exercise_id,
                {
                    "e1rm": rebuilt.e1rm,
                    "volume": rebuilt.volume,
                    "weight_by_reps": {str(k): v for k, v in rebuilt.weight_by_reps.items()},
                },
                replace=sessions,
            )
            if sessions:
                merged[exercise_id] = rebuilt
        return merged

    def _bests_from_history(
        self, user_id: str, exercise_id: str, exclude_id: str
    ) -> tuple[domain.ExerciseBests, int]:
        """Merged bests of every completed session of the exercise, and how many there were."""
        merged, sessions = domain.ExerciseBests(), 0
        history = self.repo.completed_with_exercises(user_id, [exercise_id], exclude_id=exclude_id)
        for past in history:
            for entry in past["exercises"]:
                stored = entry.get("bests")
                if entry["exercise_id"] != exercise_id or not stored:
                    continue
                merged = merged.merge(bests_from_doc(stored))
                sessions += 1
        return merged, sessions

    # ---------------------------------------------------------------- profile
    def set_body_weight(self, user_id: str, kg: float, on: date | None) -> dict[str, Any]:
        day = on or self.clock().date()
        self.repo.record_weight(user_id, day.isoformat(), kg, "manual")
        return self.profile(user_id)

    def profile(self, user_id: str) -> dict[str, Any]:
        doc = self.repo.profile(user_id) or {"weights": []}
        log = doc.get("weights", [])
        return {
            "body_weight_kg": log[-1]["kg"] if log else None,
            "weights": log[-30:],
        }

    # ---------------------------------------------------------------- helpers
    def _editable(self, user_id: str, workout_id: str) -> dict[str, Any]:
        doc = self.get_workout(user_id, workout_id)
        if doc["status"] != "in_progress":
            raise Conflict("A completed workout's sets are fixed.", code="workout_completed")
        return doc

    def _write(self, doc: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        changes = {**changes, "updated_at": self.clock()}
        updated = self.repo.replace_if_version(doc, doc["version"], changes)
        if updated is None:
            raise Conflict("The workout changed meanwhile; reload and try again.")
        return updated

    def _entries(self, user_id: str, items: list[WorkoutExerciseIn]) -> list[dict[str, Any]]:
        found = self.repo.visible_exercises(user_id, [i.exercise_id for i in items])
        unknown = {
            f"exercises.{n}.exercise_id": "unknown exercise"
            for n, item in enumerate(items)
            if item.exercise_id not in found
        }
        if unknown:
            raise InvalidInput("Unknown exercise.", fields=unknown)
        entries = []
        for n, item in enumerate(items):
            ex = found[item.exercise_id]
            entry = new_entry(ex)
            entry["notes"] = item.notes
            for m, s in enumerate(item.sets):
                try:
                    entry["sets"].append(_set_doc(entry, s))
                except InvalidInput as exc:
                    raise InvalidInput(
                        exc.message,
                        fields={f"exercises.{n}.sets.{m}.{k}": v for k, v in exc.fields.items()},
                    ) from exc
            entries.append(entry)
        return entries


_SET_FIELDS = {
    "strength": {"reps", "weight_kg", "set_type", "rpe", "duration_s"},
    "cardio": {"duration_s", "distance_m", "avg_heart_rate"},
    "sport": {"duration_s", "intensity"},
}


def new_entry(ex: dict[str, Any]) -> dict[str, Any]:
    """A workout's copy of an exercise: name, kind and MET snapshotted so history is stable."""
    return {
        "id": uuid.uuid4().hex[:12],
        "exercise_id": ex["_id"],
        "name": ex["name"],
        "kind": ex["kind"],
        "set_kind": SET_KIND_FOR_EXERCISE[ex["kind"]],
        "muscles": ex.get("primary_muscles", []),
        "met": ex["met"],
        "met_by_intensity": ex.get("met_by_intensity", {}),
        "sets": [],
        "target": None,
    }


def _set_doc(entry: dict[str, Any], data: Any) -> dict[str, Any]:
    if data.kind != entry["set_kind"]:
        raise InvalidInput(
            f"{entry['name']} takes {entry['set_kind']} sets, not {data.kind} sets.",
            fields={"kind": f"must be {entry['set_kind']}"},
        )
    return {"id": uuid.uuid4().hex[:12], **data.model_dump(exclude_none=True)}


def _find_entry(entries: list[dict[str, Any]], entry_id: str) -> dict[str, Any]:
    for entry in entries:
        if entry["id"] == entry_id:
            return entry
    raise NotFound("No such exercise in this workout.")


def _day_fields(started: datetime, offset: int) -> dict[str, Any]:
    day = domain.local_day(started, offset)
    return {"local_date": day.local_date, "iso_year": day.iso_year, "iso_week": day.iso_week}


def _check_times(started: datetime, ended: datetime | None) -> None:
    if ended is None:
        return
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    if ended.tzinfo is None:
        ended = ended.replace(tzinfo=UTC)
    if ended < started:
        raise InvalidInput(
            "A workout cannot end before it starts.", fields={"ended_at": "before start"}
        )
    if (ended - started).total_seconds() > domain.MAX_WORKOUT_SECONDS:
        raise InvalidInput("A workout lasts at most 24 hours.", fields={"ended_at": "over 24 h"})


def _met_for_custom(data: CustomExerciseCreate) -> Met:
    if data.met_code:
        for met in ALL_METS:
            if met.code == data.met_code:
                return met
        raise InvalidInput("Unknown Compendium code.", fields={"met_code": "not in the catalog"})
    return {"strength": RESISTANCE_MODERATE, "flexibility": STRETCHING}.get(data.kind, HEALTH_CLUB)


def bests_from_doc(stored: dict[str, Any]) -> domain.ExerciseBests:
    return domain.ExerciseBests(
        stored.get("e1rm"),
        stored.get("volume", 0.0),
        {int(k): v for k, v in stored.get("weight_by_reps", {}).items()},
    )


def _strength_sets(entry: dict[str, Any]) -> list[domain.StrengthSet]:
    return [
        domain.StrengthSet(s["reps"], s.get("weight_kg", 0.0), s.get("set_type", "working"))
        for s in entry["sets"]
    ]


def compute_result(
    doc: dict[str, Any],
    ended: datetime,
    weight: WeightUsed,
    history: dict[str, domain.ExerciseBests],
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Calories per exercise and in total, volume, records. Returns (result, bests by entry)."""
    started = doc["started_at"]
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    elapsed = (ended - started).total_seconds()
    timed = sum(
        s.get("duration_s", 0)
        for e in doc["exercises"]
        if e["set_kind"] != "strength"
        for s in e["sets"]
    )
    strength = [e for e in doc["exercises"] if e["set_kind"] == "strength"]
    allocated = dict(
        zip(
            [e["id"] for e in strength],
            domain.allocate_strength_seconds(elapsed, timed, [len(e["sets"]) for e in strength]),
            strict=True,
        )
    )
    per_exercise, records, bests_by_entry = [], [], {}
    total_kcal = total_net = total_volume = 0.0
    for entry in doc["exercises"]:
        parts = _met_parts(entry, allocated.get(entry["id"], 0.0))
        seconds = sum(p[2] for p in parts)
        kcal = net = None
        if weight.kg is not None:
            kcal = sum(domain.met_calories(met, weight.kg, sec / 3600) for _, met, sec in parts)
            net = sum(domain.net_met_calories(met, weight.kg, sec / 3600) for _, met, sec in parts)
            total_kcal += kcal
            total_net += net
        item: dict[str, Any] = {
            "entry_id": entry["id"],
            "exercise_id": entry["exercise_id"],
            "name": entry["name"],
            "muscles": entry.get("muscles", []),
            "duration_s": round(seconds),
            "met": [
                {"code": code, "value": met, "seconds": round(sec)} for code, met, sec in parts
            ],
            "met_edition": entry["met"].get("edition"),
            "calories_kcal": _r(kcal),
            "net_calories_kcal": _r(net),
            "volume_kg": 0.0,
            "e1rm_kg": None,
            "e1rm_formula": domain.E1RM_FORMULA,
        }
        if entry["set_kind"] == "strength":
            sets = _strength_sets(entry)
            bests = domain.ExerciseBests.of_sets(sets)
            item["volume_kg"] = bests.volume
            item["e1rm_kg"] = bests.e1rm
            total_volume += bests.volume
            bests_by_entry[entry["id"]] = {
                "e1rm": bests.e1rm,
                "volume": bests.volume,
                "weight_by_reps": {str(k): v for k, v in bests.weight_by_reps.items()},
            }
            for pr in domain.detect_personal_records(bests, history.get(entry["exercise_id"])):
                records.append(
                    {
                        "exercise_id": entry["exercise_id"],
                        "exercise_name": entry["name"],
                        "kind": pr.kind,
                        "value": pr.value,
                        "previous": pr.previous,
                        "reps": pr.reps,
                    }
                )
        per_exercise.append(item)
    result = {
        "duration_s": round(max(elapsed, timed)),
        "calories_kcal": _r(total_kcal) if weight.kg is not None else None,
        "net_calories_kcal": _r(total_net) if weight.kg is not None else None,
        "calorie_formula": "MET x body mass (kg) x duration (h), Compendium 2011; net = (MET-1)",
        "weight_kg": weight.kg,
        "weight_source": weight.source,
        "volume_kg": round(total_volume, 3),
        "per_exercise": per_exercise,
        "personal_records": records,
    }
    return result, bests_by_entry


def _met_parts(entry: dict[str, Any], strength_seconds: float) -> list[tuple[str, float, float]]:
    """(Compendium code, MET, seconds) pieces of one exercise entry."""
    met = entry["met"]
    if entry["set_kind"] == "strength":
        explicit = sum(s.get("duration_s", 0) for s in entry["sets"])
        return [(met["code"], met["value"], float(explicit or strength_seconds))]
    parts = []
    for s in entry["sets"]:
        code, value = met["code"], met["value"]
        if entry["set_kind"] == "sport":
            chosen = entry.get("met_by_intensity", {}).get(s.get("intensity", "moderate"))
            if chosen:
                code, value = chosen["code"], chosen["value"]
        elif code in RUNNING_CODES and s.get("distance_m"):
            by_speed = domain.running_met_for_speed(s["distance_m"], s["duration_s"])
            if by_speed:
                code, value = by_speed
        parts.append((code, value, float(s["duration_s"])))
    return parts


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
