"""The workouts part of a FitLedger export: read (``GET /export``: custom exercises and own
programs; the workouts come from ``GET /workouts``) and imported into the caller's account.

Every record gets an id of its own, derived from the caller and the old id (uuid5), so the
same file imported again finds its records and adds nothing; references between them
(a workout's exercises and program, a program's exercises) follow the new ids. Everything is
checked before the first write; then one bulk insert per collection. A completed workout
announces itself as ``workouts.workout.imported`` (the users service counts it in the day's
stats; no notification). docs/export-format.md describes every field.
"""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

import bson
import bson.errors
from pydantic import Field, TypeAdapter, ValidationError, model_validator

from backend_services.kernel.errors import InvalidInput
from backend_services.kernel.export_format import EXPORT_FORMAT, ExportFormat

from . import events
from .models import public
from .programs import BUILTIN_PROGRAMS
from .repository import WorkoutsRepository, search_keys, search_name
from .schemas import Answer, Exercise, Program, Workout

NAMESPACE = uuid.UUID("0d6e3c1b-5a4f-4b8e-8f2a-9c7d1e6b3a24")


class _Parts(Answer):
    format: ExportFormat
    workouts: Annotated[list[Workout], Field(max_length=5000)] = []
    programs: Annotated[list[Program], Field(max_length=200)] = []
    exercises: Annotated[list[Exercise], Field(max_length=1000)] = []


_STRICT = TypeAdapter(_Parts)


class WorkoutsImport(_Parts):
    """The workouts part of the export: each record as the API answers it, read strictly
    (a number is not a boolean or a string, a time is ISO 8601 text), since these models are
    the answers' and lack the request models' guards."""

    @model_validator(mode="before")
    @classmethod
    def _strict(cls, data: Any) -> Any:
        """What strict reading refuses is swapped for a value no field takes, so the usual
        validation refuses it with its own location and message."""
        if not isinstance(data, dict):
            return data
        try:
            _STRICT.validate_json(json.dumps(data), strict=True)
        except ValidationError as error:
            data = copy.deepcopy(data)
            for problem in error.errors():
                _refuse_at(data, problem["loc"])
        return data


class _Refused:
    def __repr__(self) -> str:
        return "a value of another type"


def _refuse_at(data: Any, location: tuple[Any, ...]) -> None:
    """Put ``_Refused()`` at the deepest point of ``location`` that ``data`` has."""
    node = data
    for n, part in enumerate(location):
        inside = (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        )
        if not inside:
            return
        if n == len(location) - 1 or not isinstance(node[part], dict | list):
            node[part] = _Refused()
            return
        node = node[part]


class WorkoutsExport(Answer):
    format: ExportFormat
    exercises: list[Exercise] = Field(description="The user's custom exercises.")
    programs: list[Program] = Field(description="The user's own programs (not built-in ones).")


class WorkoutsImported(Answer):
    """What an import added (records already there are not counted)."""

    exercises: int
    programs: int
    workouts: int


def new_id(user_id: str, kind: str, old: str) -> str:
    return uuid.uuid5(NAMESPACE, f"{user_id}:{kind}:{old}").hex


def export_library(repo: WorkoutsRepository, user_id: str, programs: list[Any]) -> dict:
    custom = repo.exercises.find({"owner_id": user_id}).sort("_id", 1)
    return {
        "format": EXPORT_FORMAT,
        "exercises": [public(d) for d in custom],
        "programs": [p for p in programs if p.get("source") == "own"],
    }


class _Ids:
    """The file's ids of custom exercises, programs and workouts -> the caller's. In a file
    of the caller's own account a record still there keeps its id (found, not copied)."""

    def __init__(self, repo: WorkoutsRepository, user_id: str, body: WorkoutsImport):
        own = any(w.user_id == user_id for w in body.workouts)

        def mine(kind: str, old: str) -> bool:
            if not own:
                return False
            if kind == "exercise":
                return repo.exercises.find_one({"_id": old, "owner_id": user_id}) is not None
            if kind == "program":
                return repo.get_program(user_id, old) is not None
            return repo.get_workout(user_id, old) is not None

        def new(kind: str, old: str, prefix: str = "") -> str:
            return old if mine(kind, old) else prefix + new_id(user_id, kind, old)

        self.exercises = {
            e.id: new("exercise", e.id, "custom:") for e in body.exercises if e.source == "custom"
        }
        self.programs = {p.id: new("program", p.id) for p in body.programs if p.source == "own"}
        self.workouts = {w.id: new("workout", w.id) for w in body.workouts}

    def exercise(self, old: str) -> str:
        return self.exercises.get(old, old)


def _times(doc: dict[str, Any], *names: str) -> dict[str, Any]:
    """The stored form of the answer's times (the models dump them as ISO text)."""
    for name in names:
        if isinstance(doc.get(name), str):
            doc[name] = datetime.fromisoformat(doc[name])
    return doc


def _exercise_doc(user_id: str, ids: _Ids, exercise: Exercise) -> dict[str, Any]:
    doc = exercise.model_dump(exclude_unset=True, exclude={"id"})
    return {**doc, "_id": ids.exercise(exercise.id), "owner_id": user_id}


def _program_doc(user_id: str, ids: _Ids, program: Program) -> dict[str, Any]:
    doc = program.model_dump(exclude_unset=True, exclude={"id", "position"})
    _times(doc, "created_at", "updated_at")
    for day in doc["days"]:
        for item in day["exercises"]:
            item["exercise_id"] = ids.exercise(item["exercise_id"])
    return {**doc, "_id": ids.programs[program.id], "owner_id": user_id}


def _workout_doc(user_id: str, ids: _Ids, workout: Workout, now: datetime) -> dict[str, Any]:
    doc = workout.model_dump(exclude_unset=True, exclude={"id"})
    doc.update(_id=ids.workouts[workout.id], user_id=user_id, version=1)
    _times(doc, "started_at", "ended_at", "created_at", "updated_at")
    for entry in doc["exercises"]:
        entry["exercise_id"] = ids.exercise(entry["exercise_id"])
    result = doc.get("result") or {}
    for part in [*result.get("per_exercise", []), *result.get("personal_records", [])]:
        part["exercise_id"] = ids.exercise(part["exercise_id"])
    program = doc.get("program")
    if program is not None and program["program_id"] in ids.programs:
        program["program_id"] = ids.programs[program["program_id"]]
    if doc.get("separated_from") in ids.workouts:
        doc["separated_from"] = ids.workouts[doc["separated_from"]]
    for merged in doc.get("merged") or []:
        _times(merged, "started_at", "ended_at", "merged_at")
        merged["workout"] = {**merged["workout"], "user_id": user_id}
    if doc["status"] == "completed" and doc.get("result") is not None:
        doc["outbox"] = [events.outbox_entry(events.workout_imported(user_id, doc), now)]
        doc["outbox_pending"] = now
    return doc


def _announce_followed_plan(
    repo: WorkoutsRepository,
    user_id: str,
    workouts: list[dict[str, Any]],
    programs: list[dict[str, Any]],
    now: datetime,
) -> None:
    """When the file's newest program workout is newer than any of the account's, its program
    becomes the one followed: that workout also carries the plan for the users service."""
    newest = max(
        (w for w in workouts if w.get("program")), key=lambda w: w["started_at"], default=None
    )
    if newest is None:
        return
    current = repo.followed_program_workout(user_id)
    if current is not None and _aware(current["started_at"]) >= _aware(newest["started_at"]):
        return
    program_id = newest["program"]["program_id"]
    program = next((p for p in programs if p["_id"] == program_id), None)
    program = program or BUILTIN_PROGRAMS.get(program_id) or repo.get_program(user_id, program_id)
    if program is None:
        return  # a program neither in the file nor here: nothing to plan by
    plan = events.outbox_entry(events.program_plan_changed(user_id, program), now)
    newest["outbox"] = [*newest.get("outbox", []), plan]
    newest["outbox_pending"] = now


def _aware(moment: datetime) -> datetime:
    """MongoDB hands back naive UTC times; the file's are aware."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _check(repo: WorkoutsRepository, user_id: str, ids: _Ids, body: WorkoutsImport) -> None:
    """Every exercise a workout or program names is in the file or in this catalog."""
    named = {e.exercise_id for w in body.workouts for e in w.exercises} | {
        x.exercise_id
        for p in body.programs
        if p.source == "own"
        for d in p.days
        for x in d.exercises
    }
    unknown = sorted(
        named - set(ids.exercises) - set(repo.visible_exercises(user_id, sorted(named)))
    )
    if unknown:
        raise InvalidInput(
            "The file names exercises this FitLedger does not have.",
            fields={"exercises": ", ".join(unknown[:10])},
        )


def _storable(docs: list[dict[str, Any]]) -> None:
    """Every document can be stored (MongoDB's integers are 64-bit), checked before any write."""
    for doc in docs:
        try:
            bson.encode(doc)
        except (OverflowError, bson.errors.InvalidDocument) as error:
            raise InvalidInput(
                "A value in the file cannot be stored.", fields={"workouts": str(error)[:200]}
            ) from error


def _insert_missing(collection: Any, docs: list[dict[str, Any]]) -> int:
    """Inserts the documents not stored yet (one bulk write); a record twice in the file is
    one record."""
    first: dict[str, dict[str, Any]] = {}
    for doc in docs:
        first.setdefault(doc["_id"], doc)
    unique = list(first.values())
    if not unique:
        return 0
    ids = [d["_id"] for d in unique]
    known = {d["_id"] for d in collection.find({"_id": {"$in": ids}}, {"_id": 1})}
    fresh = [d for d in unique if d["_id"] not in known]
    if fresh:
        collection.insert_many(fresh)
    return len(fresh)


def import_workouts(
    repo: WorkoutsRepository, user_id: str, body: WorkoutsImport, now: datetime
) -> dict[str, int]:
    ids = _Ids(repo, user_id, body)
    _check(repo, user_id, ids, body)
    exercises = [_exercise_doc(user_id, ids, e) for e in body.exercises if e.source == "custom"]
    programs = [_program_doc(user_id, ids, p) for p in body.programs if p.source == "own"]
    workouts = [_workout_doc(user_id, ids, w, now) for w in body.workouts]
    for doc in exercises:
        doc.update(search_name=search_name(doc["name"]), search_keys=search_keys(doc["name"]))
    _announce_followed_plan(repo, user_id, workouts, programs, now)
    _storable([*exercises, *programs, *workouts])
    return {
        "exercises": _insert_missing(repo.exercises, exercises),
        "programs": _insert_missing(repo.programs, programs),
        "workouts": _insert_missing(repo.workouts, workouts),
    }
