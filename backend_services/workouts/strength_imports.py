"""Strong and Hevy imports: the job (parse, match names, store or wait for a review) and the
review (the user's choice for each unmatched name).

The upload (at most ``strength_import_max_bytes``) is kept compressed in its job document
until the job ends, so whichever API instance gets the review can finish it; a review not done
within ``strength_review_retention_days`` of the upload expires with the file
(``import_retention.py``). A job whose names all match stores at once, the whole file or
nothing (``strength_store``); otherwise it stops at ``needs_review`` having written nothing,
with each unmatched name, its set count and suggestions in its report. The review remembers
each choice (``import_mappings``; a "new exercise" is a custom exercise of that name) and runs
the job again: now every name matches, and it stores. Importing the same file again adds
nothing (``strength_store``), and asks nothing already answered.
"""

from __future__ import annotations

import logging
import threading
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from backend_services.kernel.business_metrics import IMPORT_JOBS, WORKOUTS_IMPORTED
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound
from backend_services.kernel.mongo import update_and_read

from .account_deletion import erase_user
from .importers.exercise_matching import ExerciseMatcher, Match, Unmatched, key
from .importers.strength_logs import LoggedWorkout, StrengthLogError, parse_hevy, parse_strong
from .importers.strength_store import (
    discard_import,
    release_import,
    store_strength_workouts,
)
from .models import CustomExerciseCreate, ImportReview
from .repository import WorkoutsRepository
from .service import WorkoutService

log = logging.getLogger("fitledger.workouts.imports")
PROVIDERS = ("strong", "hevy")
UNITS = {"kg": "metric", "lb": "imperial"}  # Strong in pounds shows distances in miles
MAX_STORED_BYTES = 12 * 1024 * 1024  # compressed, under MongoDB's 16 MB document


def pack(content: bytes) -> bytes:
    packed = zlib.compress(content, 6)
    if len(packed) > MAX_STORED_BYTES:
        raise InvalidInput("This file is too large to import.", fields={"file": "too large"})
    return packed


def parse_export(job: dict[str, Any]) -> list[LoggedWorkout]:
    text = zlib.decompress(job["csv_zlib"]).decode("utf-8-sig")
    if job["provider"] == "strong":
        return parse_strong(text, units=UNITS[job["weight_unit"]])
    return parse_hevy(text)


def match_report(
    workouts: list[LoggedWorkout], matched: list[Match], unmatched: list[Unmatched]
) -> dict[str, Any]:
    """What the file holds and what each name became (or could become)."""
    sets: dict[str, int] = {}
    measured: dict[str, bool] = {}  # any set with reps or a weight: a strength exercise
    for workout in workouts:
        for exercise in workout.exercises:
            sets[exercise.name] = sets.get(exercise.name, 0) + len(exercise.sets)
            lifted = any(s.reps or s.weight_kg for s in exercise.sets)
            measured[exercise.name] = measured.get(exercise.name, False) or lifted
    return {
        "workouts_read": len(workouts),
        "sets_read": sum(sets.values()),
        "exercises_read": len(sets),
        "exercises_matched": sum(m.method != "yours" for m in matched),
        "exercises_mapped": sum(m.method == "yours" for m in matched),
        "exercises_unmatched": len(unmatched),
        "matched": [
            {
                "name": m.name,
                "exercise_id": m.exercise_id,
                "exercise_name": m.exercise_name,
                "method": m.method,
                "score": m.score,
                "sets": sets[m.name],
            }
            for m in matched
        ],
        "unmatched": [
            {
                "name": u.name,
                "sets": sets[u.name],
                "kind": "strength" if measured[u.name] else "cardio",
                "suggestions": [
                    {"exercise_id": s.exercise_id, "name": s.name, "score": s.score}
                    for s in u.suggestions
                ],
            }
            for u in unmatched
        ],
    }


def run_strength_job(
    repo: WorkoutsRepository,
    service: WorkoutService,
    job_id: str,
    account_deleted: Callable[[], bool] = lambda: False,
) -> str:
    """Parse, match, then store or stop for a review; returns the job's status."""

    def update(unset: bool = False, **fields: Any) -> None:
        change: dict[str, Any] = {"$set": fields}
        if unset:
            change["$unset"] = {"csv_zlib": ""}
        repo.import_jobs.update_one({"_id": job_id}, change)

    job = repo.import_jobs.find_one({"_id": job_id})
    if job is None:
        return "gone"  # the account was erased meanwhile
    user_id, provider = job["user_id"], job["provider"]
    try:
        update(status="running", progress={"phase": "parsing", "fraction": 0.0})
        workouts = parse_export(job)
        update(progress={"phase": "matching", "fraction": 0.0})
        matcher = ExerciseMatcher(
            repo.exercise_catalog(user_id), repo.remembered_exercises(user_id)
        )
        matched, unmatched = matcher.match_all(e.name for w in workouts for e in w.exercises)
        report = match_report(workouts, matched, unmatched)
        if unmatched:
            update(
                status="needs_review", report=report, progress={"phase": "review", "fraction": 1.0}
            )
            return "needs_review"
        total = max(len(workouts), 1)
        update(progress={"phase": "storing", "fraction": 0.0})
        stored = store_strength_workouts(
            repo,
            service,
            user_id,
            workouts,
            {m.name: m.exercise_id for m in matched},
            job.get("utc_offset_minutes", 0),
            job_id,
            lambda n: update(progress={"phase": "storing", "fraction": round(n / total, 3)}),
        )
        release_import(repo, user_id, job_id, datetime.now(UTC))
        update(
            unset=True,
            status="succeeded",
            report={**report, **stored},
            progress={"phase": "done", "fraction": 1.0},
            finished_at=datetime.now(UTC),
        )
        WORKOUTS_IMPORTED.labels(provider).inc(stored["workouts_imported"])
        IMPORT_JOBS.labels(provider, "succeeded").inc()
        if account_deleted():
            erase_user(repo.db, user_id)
        return "succeeded"
    except StrengthLogError as exc:
        update(unset=True, status="failed", error=str(exc)[:500], finished_at=datetime.now(UTC))
        IMPORT_JOBS.labels(provider, "rejected").inc()
        return "failed"
    except Exception as exc:
        log.exception("strength import job failed")
        IMPORT_JOBS.labels(provider, "failed").inc()
        _discard(repo, user_id, job_id)
        update(
            unset=True,
            status="failed",
            error=f"internal error ({type(exc).__name__})",
            finished_at=datetime.now(UTC),
        )
        return "failed"


def _discard(repo: WorkoutsRepository, user_id: str, job_id: str) -> None:
    """A failed job leaves no workout; when even that fails (the database is down) its
    workouts stay marked, without events, and the next import of the file completes them."""
    try:
        removed = discard_import(repo, user_id, job_id)
    except Exception:
        log.exception("could not remove a failed import's workouts", extra={"job": job_id})
        return
    if removed:
        log.info("failed import rolled back", extra={"job": job_id, "workouts": removed})


def start_job(
    repo: WorkoutsRepository,
    service: WorkoutService,
    job_id: str,
    account_deleted: Callable[[], bool],
) -> None:
    threading.Thread(
        target=run_strength_job,
        args=(repo, service, job_id, account_deleted),
        name=f"import-{job_id[:8]}",
        daemon=True,
    ).start()


def review(
    repo: WorkoutsRepository,
    service: WorkoutService,
    user_id: str,
    job_id: str,
    answer: ImportReview,
) -> dict[str, Any]:
    """Checks every choice first (a bad one changes nothing), then claims the job (a second
    review of it is a conflict), creates the new exercises and remembers the choices. The
    caller runs the job again."""
    job = repo.import_jobs.find_one({"_id": job_id, "user_id": user_id})
    if job is None:
        raise NotFound("No such import.")
    if job["status"] != "needs_review":
        raise Conflict("This import is not waiting for a review.", code="import_not_in_review")
    waiting = {u["name"]: u for u in job["report"]["unmatched"]}
    errors: dict[str, str] = {}
    chosen_ids = [c.exercise_id for c in answer.choices if c.exercise_id]
    visible = repo.visible_exercises(user_id, chosen_ids)
    seen: set[str] = set()
    for n, choice in enumerate(answer.choices):
        if choice.name not in waiting:
            errors[f"choices.{n}.name"] = "not an unmatched exercise of this import"
        elif choice.name in seen:
            errors[f"choices.{n}.name"] = "chosen twice"
        elif choice.exercise_id and choice.exercise_id not in visible:
            errors[f"choices.{n}.exercise_id"] = "unknown exercise"
        seen.add(choice.name)
    missing = sorted(set(waiting) - seen)
    if missing:
        errors["choices"] = "choose an exercise for: " + ", ".join(missing)[:300]
    if errors:
        raise InvalidInput("Choose one of our exercises for each name.", fields=errors)
    claimed = update_and_read(
        repo.import_jobs,
        {"_id": job_id, "user_id": user_id, "status": "needs_review"},
        {"$set": {"status": "queued", "progress": {"phase": "queued", "fraction": 0.0}}},
    )
    if claimed is None:
        raise Conflict("This import is not waiting for a review.", code="import_not_in_review")
    for choice in answer.choices:
        exercise_id = choice.exercise_id
        if exercise_id is None:
            kind = waiting[choice.name]["kind"]
            created = service.create_custom_exercise(
                user_id,
                CustomExerciseCreate(name=choice.name[:120], kind=kind, category=kind),
            )
            exercise_id = created["_id"]
        repo.remember_exercise(user_id, key(choice.name), choice.name, exercise_id)
    return {**claimed, "status": "queued", "progress": {"phase": "queued", "fraction": 0.0}}
