"""Strong and Hevy workouts, their names matched, stored as completed workouts.

Each workout is upserted on ``(user_id, external_id)`` (the parser's id from app, start and
title), so importing the same export again adds nothing; its result (time, MET calories with
the user's weight that day, volume) is computed as a completion computes it, without personal
records (history is not news), and it stages one ``workouts.workout.imported`` event like a
health import. The exercise bests are rebuilt from history afterwards, so the next workout
logged in FitLedger is compared with the imported ones.

A file is stored whole or not at all (MongoDB has no multi-document transaction here): each
workout is written with the job's id (``import_job``) and its event held back (no
``outbox_pending``); once every workout is written, ``release_import`` sends their events and
drops the mark in one update, and a failure before that removes them (``discard_import``). A
workout left marked by a job that died part-way is taken over by the next import of the file,
so a re-run completes it. While a job stores, the workouts it wrote already show in the
history (its progress says so); an import that fails takes them away again.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pymongo.errors import DuplicateKeyError

from backend_services.kernel.mongo import update_and_read

from .. import domain, events
from ..documents import day_fields, new_entry
from ..repository import WorkoutsRepository
from ..service import WorkoutService
from .strength_logs import LoggedExercise, LoggedSet, LoggedWorkout


def store_strength_workouts(
    repo: WorkoutsRepository,
    service: WorkoutService,
    user_id: str,
    workouts: list[LoggedWorkout],
    exercise_of: Mapping[str, str],
    utc_offset_minutes: int,
    job_id: str,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """``exercise_of`` maps every exercise name in ``workouts`` to one of our exercise ids.
    Writes the workouts marked with ``job_id``: the caller releases or discards them."""
    exercises = repo.visible_exercises(user_id, sorted(set(exercise_of.values())))
    imported = present = sets = 0
    for n, logged in enumerate(workouts):
        known = {"user_id": user_id, "external_id": logged.external_id}
        if repo.workouts.count_documents({**known, "import_job": {"$exists": False}}):
            present += 1
            continue
        unfinished = update_and_read(  # not findAndModify (kernel/mongo.update_and_read)
            repo.workouts,
            {"_id": _unfinished_id(repo, known), "import_job": {"$exists": True}},
            {"$set": {"import_job": job_id}},
        )
        if unfinished is not None:  # written by an import that did not finish: this one does
            imported += 1
            sets += sum(len(e.get("sets") or []) for e in unfinished.get("exercises") or [])
            continue
        doc = workout_document(service, user_id, logged, exercise_of, exercises, utc_offset_minutes)
        doc["import_job"] = job_id
        del doc["outbox_pending"]  # released with the whole file
        try:
            added = repo.workouts.update_one(known, {"$setOnInsert": doc}, upsert=True)
        except DuplicateKeyError:
            added = None  # a concurrent import of the same file stored it first
        if added is not None and added.upserted_id is not None:
            imported += 1
            sets += sum(len(e["sets"]) for e in doc["exercises"])
        else:
            present += 1
        if progress and n % 100 == 0:
            progress(n)
    return {
        "workouts_imported": imported,
        "workouts_already_present": present,
        "sets_imported": sets,
    }


def release_import(repo: WorkoutsRepository, user_id: str, job_id: str, now: datetime) -> None:
    """The job's workouts become plain workouts in one update, their events due now; the
    exercise bests are rebuilt from the history that now holds them."""
    released = repo.workouts.update_many(
        {"user_id": user_id, "import_job": job_id},
        {"$set": {"outbox_pending": now}, "$unset": {"import_job": ""}},
    )
    if released.modified_count:
        repo.forget_exercise_bests(user_id)


def discard_import(repo: WorkoutsRepository, user_id: str, job_id: str) -> int:
    """Remove what the job wrote (no event of it was sent); answers how many workouts."""
    return repo.workouts.delete_many({"user_id": user_id, "import_job": job_id}).deleted_count


def workout_document(
    service: WorkoutService,
    user_id: str,
    logged: LoggedWorkout,
    exercise_of: Mapping[str, str],
    exercises: Mapping[str, dict[str, Any]],
    utc_offset_minutes: int,
) -> dict[str, Any]:
    # The apps write local times without an offset: the user's offset (the browser's) makes
    # them instants, so the workout lands on the day the app showed.
    shift = timedelta(minutes=utc_offset_minutes)
    started = logged.started_at.replace(tzinfo=UTC) - shift
    ended = logged.ended_at.replace(tzinfo=UTC) - shift if logged.ended_at else None
    entries = [entry_of(exercises[exercise_of[item.name]], item) for item in logged.exercises]
    day = day_fields(started, utc_offset_minutes)
    doc: dict[str, Any] = {
        "_id": hashlib.sha256(f"{user_id}|{logged.external_id}".encode()).hexdigest()[:32],
        "user_id": user_id,
        "status": "completed",
        "name": logged.title[:120],
        "notes": logged.notes.strip()[:2000] or None,
        "source": logged.source,
        "external_id": logged.external_id,
        "started_at": started,
        "utc_offset_minutes": utc_offset_minutes,
        **day,
        "body_weight_kg": None,
        "exercises": entries,
        "program": None,
    }
    weight = service.resolve_weight(user_id, date.fromisoformat(day["local_date"]), None)
    # No end in the export: the per-set estimate gives the time (allocate_strength_seconds).
    result, bests = domain.compute_result(doc, ended or started, weight, {})
    result["calorie_source"] = "met_estimate"
    result["met_estimate_kcal"] = result["calories_kcal"]
    now = service.clock()
    doc.update(
        ended_at=ended or started + timedelta(seconds=result["duration_s"]),
        result=result,
        exercises=[{**e, "bests": bests.get(e["id"])} for e in entries],
        created_at=now,
        updated_at=now,
        version=1,
    )
    doc["outbox"] = [events.outbox_entry(events.workout_imported(user_id, doc), now)]
    doc["outbox_pending"] = now
    return doc


def entry_of(exercise: dict[str, Any], logged: LoggedExercise) -> dict[str, Any]:
    entry = new_entry(exercise)
    entry["notes"] = logged.notes[:2000] or None
    entry["sets"] = [set_of(entry["set_kind"], s) for s in logged.sets]
    return entry


def set_of(set_kind: str, logged: LoggedSet) -> dict[str, Any]:
    """One logged set as a set of our entry's kind (what the other kinds lack is left out)."""
    done: dict[str, Any] = {"id": uuid.uuid4().hex[:12], "kind": set_kind}
    seconds = round(logged.duration_s) if logged.duration_s else None
    if set_kind == "strength":
        done.update(reps=logged.reps or 0, weight_kg=logged.weight_kg or 0.0, set_type=logged.kind)
        if logged.rpe is not None:
            done["rpe"] = logged.rpe
        if seconds:
            done["duration_s"] = seconds
        return done
    done["duration_s"] = seconds or 0
    if set_kind == "sport":
        done["intensity"] = "moderate"
    elif logged.distance_m:
        done["distance_m"] = logged.distance_m
    return done


def _unfinished_id(repo: WorkoutsRepository, known: dict[str, Any]) -> str | None:
    """The ``_id`` of the workout ``known`` names, if an unfinished import wrote it."""
    found = repo.workouts.find_one(known, {"import_job": 1})
    return found["_id"] if found is not None and "import_job" in found else None
