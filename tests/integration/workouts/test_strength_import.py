"""Strong and Hevy imports against the real store: the job stops for a review of the names it
could not match (writing nothing), the review completes it, and the same file again adds
nothing and asks nothing (issue 17); a failure part-way leaves nothing, an import that died
part-way is completed by the next one, and a review nobody does expires."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from reference_data import FIXTURES

from backend_services.kernel.errors import Conflict, InvalidInput
from backend_services.workouts import strength_imports
from backend_services.workouts.account_deletion import erase_user
from backend_services.workouts.import_retention import ImportJobsRelay
from backend_services.workouts.importers.exercise_matching import ExerciseMatcher, key
from backend_services.workouts.importers.strength_logs import parse_strong
from backend_services.workouts.importers.strength_store import store_strength_workouts
from backend_services.workouts.models import ImportReview
from backend_services.workouts.repository import WorkoutsRepository
from backend_services.workouts.service import WorkoutService

LOGS = FIXTURES / "strength_logs"


def _job(repo: WorkoutsRepository, provider: str, **extra: object) -> str:
    content = (LOGS / f"{provider}_export.csv").read_bytes()
    job_id = f"{provider}-{repo.import_jobs.count_documents({})}"
    repo.import_jobs.insert_one(
        {
            "_id": job_id,
            "user_id": "u1",
            "provider": provider,
            "status": "queued",
            "report": None,
            "csv_zlib": strength_imports.pack(content),
            **extra,
        }
    )
    return job_id


def _review(*choices: dict[str, object]) -> ImportReview:
    return ImportReview.model_validate({"choices": list(choices)})


def test_strong_review_then_import_then_the_same_file_adds_nothing(
    repo: WorkoutsRepository, service: WorkoutService
) -> None:
    first = _job(repo, "strong", weight_unit="lb", utc_offset_minutes=120)
    assert strength_imports.run_strength_job(repo, service, first) == "needs_review"
    job = repo.import_jobs.find_one({"_id": first})
    report = job["report"]
    assert (report["workouts_read"], report["sets_read"], report["exercises_read"]) == (2, 10, 7)
    [waiting] = report["unmatched"]
    assert (waiting["name"], waiting["sets"], waiting["kind"]) == (
        "Zercher Lunge Hold",
        1,
        "strength",
    )
    assert waiting["suggestions"][0]["exercise_id"] == "builtin:dumbbell-lunge"
    methods = {m["name"]: (m["exercise_id"], m["method"]) for m in report["matched"]}
    assert methods["Bench Press (Barbell)"] == ("builtin:barbell-bench-press", "name")
    assert methods["Squat (Barbell)"] == ("builtin:barbell-back-squat", "alias")
    assert repo.workouts.count_documents({}) == 0  # nothing stored before the review

    with pytest.raises(InvalidInput) as refused:
        strength_imports.review(
            repo, service, "u1", first, _review({"name": "Plank", "exercise_id": "builtin:plank"})
        )
    assert set(refused.value.fields) == {"choices.0.name", "choices"}
    with pytest.raises(InvalidInput):
        strength_imports.review(
            repo, service, "u1", first,
            _review({"name": "Zercher Lunge Hold", "exercise_id": "custom:someone-elses"}),
        )  # fmt: skip
    assert repo.import_jobs.find_one({"_id": first})["status"] == "needs_review"

    choice = {"name": "Zercher Lunge Hold", "new_exercise": True}
    strength_imports.review(repo, service, "u1", first, _review(choice))
    with pytest.raises(Conflict):  # answered once
        strength_imports.review(repo, service, "u1", first, _review(choice))
    assert strength_imports.run_strength_job(repo, service, first) == "succeeded"
    done = repo.import_jobs.find_one({"_id": first})
    assert "csv_zlib" not in done
    assert (done["report"]["workouts_imported"], done["report"]["sets_imported"]) == (2, 10)
    assert done["report"]["exercises_mapped"] == 1

    push = repo.workouts.find_one({"user_id": "u1", "name": "Push A"})
    assert push["source"] == "strong" and push["status"] == "completed"
    # 07:02 local at UTC+2, and the export's 1h 4m
    assert push["started_at"].replace(tzinfo=UTC) == datetime(2024, 5, 6, 5, 2, 11, tzinfo=UTC)
    assert push["local_date"] == "2024-05-06" and push["result"]["duration_s"] == 3840
    bench = push["exercises"][0]
    assert [(s["reps"], s["weight_kg"]) for s in bench["sets"]][1] == (5, 36.29)  # 80 lb
    assert push["result"]["volume_kg"] > 0 and push["result"]["personal_records"] == []
    assert push["outbox"][0]["type"] == "workouts.workout.imported"
    legs = repo.workouts.find_one({"user_id": "u1", "name": "Legs"})
    run = next(e for e in legs["exercises"] if e["exercise_id"] == "builtin:running")
    assert run["sets"][0]["distance_m"] == round(2.5 * 1609.344, 1)
    zercher = next(e for e in legs["exercises"] if e["name"] == "Zercher Lunge Hold")
    assert zercher["exercise_id"].startswith("custom:")

    again = _job(repo, "strong", weight_unit="lb", utc_offset_minutes=120)
    assert strength_imports.run_strength_job(repo, service, again) == "succeeded"
    report = repo.import_jobs.find_one({"_id": again})["report"]
    assert (report["workouts_imported"], report["workouts_already_present"]) == (0, 2)
    assert repo.workouts.count_documents({"user_id": "u1"}) == 2
    erase_user(repo.db, "u1")  # the remembered choices go with the account
    assert repo.import_mappings.count_documents({}) == 0


def test_hevy_broken_file_fails_the_job_and_stores_nothing(
    repo: WorkoutsRepository, service: WorkoutService
) -> None:
    text = (LOGS / "hevy_export.csv").read_text(encoding="utf-8")
    broken = text.replace("6 May 2024, 07:02", "6 Mai 2024, 07:02", 1).encode()
    repo.import_jobs.insert_one(
        {"_id": "h", "user_id": "u1", "provider": "hevy", "csv_zlib": strength_imports.pack(broken)}
    )
    assert strength_imports.run_strength_job(repo, service, "h") == "failed"
    job = repo.import_jobs.find_one({"_id": "h"})
    assert "unreadable date" in job["error"] and "csv_zlib" not in job
    assert repo.workouts.count_documents({}) == 0


class _FailsOnTheSecondWorkout(WorkoutService):
    """The store breaking part-way: the second workout's body-weight lookup fails."""

    calls = 0

    def resolve_weight(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if self.calls == 2:
            raise RuntimeError("lost the database")
        return super().resolve_weight(*args, **kwargs)


def _all_names_known(repo: WorkoutsRepository) -> None:
    name = "Zercher Lunge Hold"
    repo.remember_exercise("u1", key(name), name, "builtin:dumbbell-lunge")


def test_a_failure_part_way_leaves_nothing_and_the_same_file_then_imports_whole(
    repo: WorkoutsRepository, service: WorkoutService
) -> None:
    _all_names_known(repo)
    broken = _job(repo, "strong", weight_unit="kg")
    assert strength_imports.run_strength_job(repo, _FailsOnTheSecondWorkout(repo), broken) == (
        "failed"
    )
    assert repo.import_jobs.find_one({"_id": broken})["error"] == "internal error (RuntimeError)"
    assert repo.workouts.count_documents({}) == 0  # the first workout was removed again

    again = _job(repo, "strong", weight_unit="kg")
    assert strength_imports.run_strength_job(repo, service, again) == "succeeded"
    report = repo.import_jobs.find_one({"_id": again})["report"]
    assert (report["workouts_imported"], report["workouts_already_present"]) == (2, 0)
    stored = list(repo.workouts.find({"user_id": "u1"}))
    assert len(stored) == 2
    assert all("import_job" not in w and "outbox_pending" in w for w in stored)  # events due


def test_workouts_of_an_import_that_died_part_way_stay_silent_until_a_rerun_completes_them(
    repo: WorkoutsRepository, service: WorkoutService
) -> None:
    _all_names_known(repo)
    text = (LOGS / "strong_export_comma.csv").read_text(encoding="utf-8")
    [push, _legs] = parse_strong(text)
    ids = {e.name: _exercise_id(repo, e.name) for e in push.exercises}
    store_strength_workouts(repo, service, "u1", [push], ids, 0, "died")  # never released
    [left] = repo.workouts.find({"user_id": "u1"})
    assert left["import_job"] == "died" and "outbox_pending" not in left  # no event sent

    rerun = _job(repo, "strong", weight_unit="kg")
    assert strength_imports.run_strength_job(repo, service, rerun) == "succeeded"
    report = repo.import_jobs.find_one({"_id": rerun})["report"]
    assert (report["workouts_imported"], report["workouts_already_present"]) == (2, 0)
    stored = list(repo.workouts.find({"user_id": "u1"}))
    assert len(stored) == 2 and all("import_job" not in w for w in stored)
    assert all("outbox_pending" in w for w in stored)


def _exercise_id(repo: WorkoutsRepository, name: str) -> str:
    matcher = ExerciseMatcher(repo.exercise_catalog("u1"), repo.remembered_exercises("u1"))
    [match], unmatched = matcher.match_all([name])
    assert not unmatched
    return match.exercise_id


def test_a_review_nobody_does_expires_with_its_file(repo: WorkoutsRepository) -> None:
    now = datetime.now(UTC)
    old = _job(repo, "strong", status="needs_review", created_at=now - timedelta(days=15))
    recent = _job(repo, "hevy", status="needs_review", created_at=now - timedelta(days=13))
    done = _job(repo, "strong", status="succeeded", created_at=now - timedelta(days=40))
    relay = ImportJobsRelay(
        repo.import_jobs,
        "amqp://unused",
        "unused",
        name="workouts-imports",
        review_retention=timedelta(days=14),
    )
    assert relay.prune(now)["expired_reviews"] == 1
    expired = repo.import_jobs.find_one({"_id": old})
    assert expired["status"] == "failed" and "csv_zlib" not in expired
    assert expired["error"].startswith("review expired: ")
    assert repo.import_jobs.find_one({"_id": recent})["status"] == "needs_review"
    assert "csv_zlib" in repo.import_jobs.find_one({"_id": recent})
    assert repo.import_jobs.find_one({"_id": done})["status"] == "succeeded"
