"""Workout use cases: catalog search, logging, completion (calories, records, events)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, Protocol

from pymongo.errors import DuplicateKeyError

from backend_services.kernel.errors import Conflict, InvalidInput, NotFound

from . import domain, events
from .catalog import ALL_METS, HEALTH_CLUB, RESISTANCE_MODERATE, STRETCHING, Met
from .documents import SET_FIELDS, day_fields, find_entry, new_entry, new_set, new_workout
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


class BodyWeightProvider(Protocol):
    """ "What did this user weigh on that day?" The users service owns the weight log
    (``weights_client``). ``None`` means it does not know."""

    def weight_on(self, user_id: str, on: date) -> float | None: ...


class NoUsersService:
    """Until the users service answers weight queries: always unknown."""

    def weight_on(self, user_id: str, on: date) -> float | None:
        return None


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
        doc = new_workout(
            user_id,
            name=data.name,
            notes=data.notes,
            source="manual",
            started_at=started,
            utc_offset_minutes=data.utc_offset_minutes,
            body_weight_kg=data.body_weight_kg,
            exercises=self._entries(user_id, data.exercises),
            program=None,
            now=now,
        )
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
        changes.update(day_fields(started, offset))
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
        entry = find_entry(entries, entry_id)
        if len(entry["sets"]) >= MAX_SETS_PER_EXERCISE:
            raise InvalidInput(
                f"An exercise holds at most {MAX_SETS_PER_EXERCISE} sets.",
                fields={"sets": "too many"},
            )
        entry["sets"] = [*entry["sets"], new_set(entry, data)]
        return self._write(doc, {"exercises": entries})

    def update_set(
        self, user_id: str, workout_id: str, entry_id: str, set_id: str, patch: SetPatch
    ) -> dict[str, Any]:
        doc = self._editable(user_id, workout_id)
        entries = [dict(e) for e in doc["exercises"]]
        entry = find_entry(entries, entry_id)
        changes = patch.model_dump(exclude_unset=True)
        allowed = SET_FIELDS[entry["set_kind"]]
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
        entry = find_entry(entries, entry_id)
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
            result, bests = domain.compute_result(doc, ended, weight, history)
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
                return updated
        raise Conflict("The workout changed while completing it; try again.")

    def resolve_weight(self, user_id: str, on: date, given: float | None) -> domain.WeightUsed:
        """Body weight for calories, and where it came from (said in the response): the one
        given with the workout, else the users service's log (asked, or workouts' copy of it
        when it cannot answer; docs/decisions/0010)."""
        if given:
            return domain.WeightUsed(float(given), "workout")
        from_users = self.weights.weight_on(user_id, on)
        if from_users:
            return domain.WeightUsed(from_users, "users_service")
        day = on.isoformat()
        copied = self.repo.copied_weight_on_or_before(user_id, day)
        if copied is not None:
            return domain.WeightUsed(copied, "users_copy")
        later = self.repo.copied_weight_after(user_id, day)
        if later is not None:
            return domain.WeightUsed(later, "users_copy_latest")
        return domain.WeightUsed(None, "none")

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
                    merged[exercise_id] = domain.bests_from_doc(known)
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
                merged = merged.merge(domain.bests_from_doc(stored))
                sessions += 1
        return merged, sessions

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
                    entry["sets"].append(new_set(entry, s))
                except InvalidInput as exc:
                    raise InvalidInput(
                        exc.message,
                        fields={f"exercises.{n}.sets.{m}.{k}": v for k, v in exc.fields.items()},
                    ) from exc
            entries.append(entry)
        return entries


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
