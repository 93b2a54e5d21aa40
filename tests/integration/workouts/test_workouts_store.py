"""Workout use cases against a real SecantusDB through pymongo."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import contract_events
import pytest
from reference_data import EXERCISES_SAMPLE

from backend_services.kernel.contracts import WeightLogged, queues
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound
from backend_services.workouts.events import HANDLERS
from backend_services.workouts.importers.apple_health import parse_apple_health
from backend_services.workouts.importers.free_exercise_db import import_free_exercise_db
from backend_services.workouts.importers.health_common import HealthImportError
from backend_services.workouts.importers.merge import separate
from backend_services.workouts.imports_api import run_import_job
from backend_services.workouts.models import WorkoutComplete, WorkoutCreate
from backend_services.workouts.program_service import ProgramService
from backend_services.workouts.reports import ReportService
from backend_services.workouts.repository import WorkoutsRepository
from backend_services.workouts.service import WorkoutService

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"


def _strength(exercise_id: str, *sets: tuple[int, float]) -> dict:
    return {
        "exercise_id": exercise_id,
        "sets": [{"kind": "strength", "reps": r, "weight_kg": w} for r, w in sets],
    }


def _start(service: WorkoutService, user: str, *exercises: dict, **kw) -> dict:
    started = kw.pop("started_at", datetime.now(UTC) - timedelta(hours=1))
    body = WorkoutCreate.model_validate({"exercises": list(exercises), "started_at": started, **kw})
    return service.start_workout(user, body)[0]


def test_running_calories_and_weight_source(service: WorkoutService) -> None:
    started = datetime.now(UTC) - timedelta(hours=2)
    run = {"exercise_id": "builtin:running", "sets": [{"kind": "cardio", "duration_s": 1800}]}
    w = _start(service, "u1", run, started_at=started, body_weight_kg=70)
    done = service.complete_workout(
        "u1", w["_id"], WorkoutComplete(ended_at=started + timedelta(minutes=30))
    )
    assert done["result"]["calories_kcal"] == pytest.approx(343.0)
    assert done["result"]["weight_source"] == "workout"
    assert done["result"]["per_exercise"][0]["met"][0]["code"] == "12050"
    # The weight given is that workout's, not a weigh-in: workouts keeps no weight log.
    w2 = _start(service, "u1", run, started_at=started)
    done2 = service.complete_workout("u1", w2["_id"], WorkoutComplete())
    assert (done2["result"]["weight_source"], done2["result"]["weight_kg"]) == ("none", None)


def _weigh_in(db: Any, user: str, kg: float, day: str, at: datetime | None = None) -> None:
    """Deliver the users service's ``users.weight.logged`` to workouts' handler table."""
    event = contract_events.weight_logged(user, kg, day)
    if at is not None:
        event = event.model_copy(update={"occurred_at": at})
    (handle,) = HANDLERS[queues.WORKOUTS_WEIGHT_COPY].values()
    handle(db, WeightLogged.read(event))


def test_the_users_weigh_ins_are_copied_and_used_when_the_users_service_cannot_answer(
    service: WorkoutService, repo: WorkoutsRepository
) -> None:
    run = {"exercise_id": "builtin:running", "sets": [{"kind": "cardio", "duration_s": 1800}]}
    day = datetime(2026, 3, 10, 7, tzinfo=UTC)
    later = _start(service, "u30", run, started_at=day)  # NoUsersService: never answers
    _weigh_in(repo.db, "u30", 71.5, "2026-03-12")
    done = service.complete_workout(
        "u30", later["_id"], WorkoutComplete(ended_at=day + timedelta(minutes=30))
    )
    # only a weigh-in after the workout's day: the nearest one, and said so
    assert (done["result"]["weight_kg"], done["result"]["weight_source"]) == (
        71.5,
        "users_copy_latest",
    )
    first = datetime(2026, 3, 9, 12, tzinfo=UTC)
    _weigh_in(repo.db, "u30", 72.0, "2026-03-10", at=first)
    # a redelivered older event of that day does not undo a newer one
    _weigh_in(repo.db, "u30", 73.0, "2026-03-10", at=first + timedelta(hours=1))
    _weigh_in(repo.db, "u30", 72.0, "2026-03-10", at=first)
    assert repo.copied_weight_on_or_before("u30", "2026-03-10") == 73.0
    w = _start(service, "u30", run, started_at=day)
    done = service.complete_workout(
        "u30", w["_id"], WorkoutComplete(ended_at=day + timedelta(minutes=30))
    )
    assert (done["result"]["weight_kg"], done["result"]["weight_source"]) == (73.0, "users_copy")
    assert done["result"]["calories_kcal"] == pytest.approx(9.8 * 73.0 * 0.5, abs=0.1)
    # another user's weigh-ins are not this user's
    assert repo.copied_weight_on_or_before("u31", "2026-03-31") is None


def test_no_weight_known_gives_no_calories(service: WorkoutService) -> None:
    w = _start(service, "u2", _strength("builtin:barbell-bench-press", (5, 60)))
    done = service.complete_workout("u2", w["_id"], WorkoutComplete())
    assert done["result"]["calories_kcal"] is None
    assert done["result"]["weight_source"] == "none"


def test_completion_is_idempotent_and_stages_events_atomically(
    service: WorkoutService, repo: WorkoutsRepository
) -> None:
    first = _start(service, "u3", _strength("builtin:barbell-back-squat", (5, 100), (5, 100)))
    service.complete_workout("u3", first["_id"], WorkoutComplete(body_weight_kg=80))
    second = _start(service, "u3", _strength("builtin:barbell-back-squat", (5, 105), (5, 105)))
    once = service.complete_workout("u3", second["_id"], WorkoutComplete())
    twice = service.complete_workout("u3", second["_id"], WorkoutComplete())
    assert once["result"] == twice["result"]
    stored = repo.workouts.find_one({"_id": second["_id"]})
    assert stored is not None and "outbox_pending" in stored
    types = [e["type"] for e in stored["outbox"]]
    assert types.count("workouts.workout.completed") == 1
    assert {r["kind"] for r in once["result"]["personal_records"]} == {
        "e1rm",
        "weight_at_reps",
        "volume",
    }
    assert types.count("workouts.personal_record.set") == 3
    with pytest.raises(Conflict):
        service.add_set("u3", second["_id"], stored["exercises"][0]["id"], None)


def test_idempotency_key_creates_one_workout(service: WorkoutService, repo) -> None:
    body = WorkoutCreate(name="Leg day")
    a, created_a = service.start_workout("u4", body, "key-1")
    b, created_b = service.start_workout("u4", body, "key-1")
    assert (created_a, created_b) == (True, False)
    assert a["_id"] == b["_id"]
    assert repo.workouts.count_documents({"user_id": "u4"}) == 1
    with pytest.raises(Conflict):
        service.start_workout("u4", WorkoutCreate(name="Other"), "key-1")
    # The same key from another user is another workout.
    c, _ = service.start_workout("u5", body, "key-1")
    assert c["_id"] != a["_id"]


def test_unknown_exercise_and_wrong_set_shape_store_nothing(service, repo) -> None:
    with pytest.raises(InvalidInput):
        _start(service, "u6", _strength("builtin:nope", (5, 5)))
    with pytest.raises(InvalidInput):
        _start(
            service,
            "u6",
            {"exercise_id": "builtin:running", "sets": [{"kind": "strength", "reps": 5}]},
        )
    assert repo.workouts.count_documents({"user_id": "u6"}) == 0


def test_list_by_local_date_range(service: WorkoutService) -> None:
    base = datetime(2024, 3, 1, 23, 30, tzinfo=UTC)
    for days in range(5):
        _start(service, "u7", started_at=base + timedelta(days=days), utc_offset_minutes=60)
    found = service.list_workouts("u7", date(2024, 3, 3), date(2024, 3, 4), 100)
    assert [w["local_date"] for w in found] == ["2024-03-04", "2024-03-03"]


def test_exercise_search_is_an_index_scan(service: WorkoutService, repo) -> None:
    names = [e["name"] for e in service.search_exercises("u8", "PRESS", None, None, None, None, 25)]
    assert "Barbell Bench Press" in names and "Overhead Press" in names
    assert [e["name"] for e in service.search_exercises("u8", "ench", None, None, None, None, 5)]
    assert service.search_exercises("u8", "squat", "quadriceps", "barbell", None, None, 5)
    plan = repo.exercises.find({"search_keys": {"$gte": "press", "$lt": "press\uffff"}}).explain()
    assert "IXSCAN" in json.dumps(plan["queryPlanner"]["winningPlan"], default=str)


def test_custom_exercises_are_private(service: WorkoutService) -> None:
    from backend_services.workouts.models import CustomExerciseCreate

    mine = service.create_custom_exercise("u9", CustomExerciseCreate(name="Zercher Carry"))
    assert service.search_exercises("u9", "zercher", None, None, None, None, 5)
    assert not service.search_exercises("u10", "zercher", None, None, None, None, 5)
    with pytest.raises(InvalidInput):
        _start(service, "u10", _strength(mine["_id"], (5, 5)))


def test_free_exercise_db_import_is_idempotent(repo: WorkoutsRepository) -> None:
    first = import_free_exercise_db(repo, EXERCISES_SAMPLE)
    again = import_free_exercise_db(repo, EXERCISES_SAMPLE)
    assert (first.inserted, first.rejected) == (26, [])
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 26)


def test_program_progression_and_summary(
    service: WorkoutService, programs: ProgramService, reports: ReportService
) -> None:
    program = "builtin:beginner-full-body-3day"
    day_a = programs.start_workout("u11", program)
    squat = day_a["exercises"][0]
    assert squat["target"] == {"sets": 3, "reps": 5, "weight_kg": 40, "rule": "start"}
    for entry in day_a["exercises"]:
        for _ in range(3):
            from backend_services.workouts.models import StrengthSetIn

            service.add_set(
                "u11",
                day_a["_id"],
                entry["id"],
                StrengthSetIn(reps=5, weight_kg=entry["target"]["weight_kg"]),
            )
    done = service.complete_workout("u11", day_a["_id"], WorkoutComplete(body_weight_kg=75))
    # every e1RM shown says how it was estimated
    squat_result = done["result"]["per_exercise"][0]
    assert squat_result["e1rm_kg"] and squat_result["e1rm_formula"].startswith("mean of Epley")
    day_b = programs.start_workout("u11", program)
    assert day_b["program"]["day_index"] == 1
    assert day_b["exercises"][0]["target"]["weight_kg"] == 42.5
    today = date.fromisoformat(day_a["local_date"])
    summary = reports.summary("u11", today - timedelta(days=1), today + timedelta(days=1))
    assert summary["workouts"] == 1
    week = summary["weeks"][0]
    assert week["volume_by_muscle"]["quadriceps"] == 600  # 3 x 5 x 40
    assert week["calories_kcal"] > 0
    progress = reports.progress("u11", "builtin:barbell-back-squat")
    assert progress["sessions"][0]["e1rm_kg"] == pytest.approx(45.83, abs=0.01)
    assert progress["e1rm_formula"] == squat_result["e1rm_formula"]


def test_apple_health_import_dedupes_and_malformed_imports_nothing(
    service: WorkoutService, repo: WorkoutsRepository, tmp_path: Path
) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FIXTURES / "apple_health" / "export.xml", "apple_health_export/export.xml")
    repo.import_jobs.insert_one({"_id": "job1", "user_id": "u12"})
    first = run_import_job(repo, service, "job1", "u12", "apple-health", archive)
    assert first["workouts_imported"] == 3
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FIXTURES / "apple_health" / "export.xml", "apple_health_export/export.xml")
    again = run_import_job(repo, service, "job1", "u12", "apple-health", archive)
    assert (again["workouts_imported"], again["workouts_already_present"]) == (0, 3)
    assert repo.workouts.count_documents({"user_id": "u12"}) == 3
    run = repo.workouts.find_one({"user_id": "u12", "exercises.exercise_id": "builtin:running"})
    assert run is not None and run["result"]["calorie_source"] == "device"
    assert run["result"]["calories_kcal"] == pytest.approx(301.2)
    assert run["local_date"] == "2024-04-30"
    assert repo.daily_metrics.count_documents({"user_id": "u12"}) == 2
    # A truncated export: the job fails with a reason and nothing is stored.
    bad = tmp_path / "bad.xml"
    bad.write_bytes((FIXTURES / "apple_health" / "truncated_export.xml").read_bytes())
    repo.import_jobs.insert_one({"_id": "job2", "user_id": "u13"})
    run_import_job(repo, service, "job2", "u13", "apple-health", bad)
    job = repo.import_jobs.find_one({"_id": "job2"})
    assert job is not None and job["status"] == "failed" and "XML" in job["error"]
    assert repo.workouts.count_documents({"user_id": "u13"}) == 0
    assert repo.daily_metrics.count_documents({"user_id": "u13"}) == 0
    with pytest.raises(HealthImportError):
        parse_apple_health(FIXTURES / "apple_health" / "truncated_export.xml")


def _apple_export(tmp_path: Path) -> Path:
    """A copy (an import job removes its upload when done)."""
    copy = tmp_path / "export.xml"
    shutil.copyfile(FIXTURES / "apple_health" / "export.xml", copy)
    return copy


def _takeout(tmp_path: Path) -> Path:
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in (FIXTURES / "google_fit").iterdir():
            folder = "Daily activity metrics" if f.suffix == ".csv" else "All Sessions"
            z.write(f, f"Takeout/Fit/{folder}/{f.name}")
    return archive


def test_the_same_sessions_from_two_sources_are_one_workout_each_and_can_be_separated(
    service: WorkoutService, repo: WorkoutsRepository, reports: ReportService, tmp_path: Path
) -> None:
    # issue 13: Apple Health, then a Google Fit Takeout with the same run and strength session
    repo.import_jobs.insert_many([{"_id": "a", "user_id": "u20"}, {"_id": "g", "user_id": "u20"}])
    apple = run_import_job(repo, service, "a", "u20", "apple-health", _apple_export(tmp_path))
    google = run_import_job(repo, service, "g", "u20", "google-fit", _takeout(tmp_path))
    assert apple["workouts_imported"] == 3
    assert (google["workouts_imported"], google["workouts_merged"]) == (0, 2)
    assert repo.workouts.count_documents({"user_id": "u20"}) == 3
    week = reports.summary("u20", date(2024, 4, 29), date(2024, 5, 5))["weeks"][0]
    assert week["workouts"] == 3
    run = repo.workouts.find_one({"user_id": "u20", "exercises.exercise_id": "builtin:running"})
    assert run is not None and run["result"]["calories_kcal"] == pytest.approx(301.2)
    (merged,) = run["merged"]
    assert merged["source"] == "google_fit" and merged["calories_kcal"] == pytest.approx(310.5)
    # importing the Takeout again changes nothing
    repo.import_jobs.insert_one({"_id": "g2", "user_id": "u20"})
    again = run_import_job(repo, service, "g2", "u20", "google-fit", _takeout(tmp_path))
    assert (again["workouts_imported"], again["workouts_merged"]) == (0, 0)
    # undo: the Google Fit run becomes its own workout, with its own event for the statistics
    separated = separate(repo, "u20", run["_id"], merged["external_id"], service.clock())
    assert separated["result"]["calories_kcal"] == pytest.approx(310.5)
    assert separated["outbox"][0]["type"] == "workouts.workout.imported"
    assert repo.workouts.count_documents({"user_id": "u20"}) == 4
    assert repo.workouts.find_one({"_id": run["_id"]})["merged"] == []
    with pytest.raises(NotFound):
        separate(repo, "u20", run["_id"], merged["external_id"], service.clock())


def test_imported_sessions_get_met_calories_a_compendium_activity_and_a_statistics_event(
    service: WorkoutService, repo: WorkoutsRepository, tmp_path: Path
) -> None:
    # a weigh-in the users service has only from long after the sessions: the export's own
    # weigh-in of their days is nearer, so it is the one used
    _weigh_in(repo.db, "u21", 80.0, "2026-03-01")
    repo.import_jobs.insert_one({"_id": "a", "user_id": "u21"})
    run_import_job(repo, service, "a", "u21", "apple-health", _apple_export(tmp_path))
    by_exercise = {
        w["exercises"][0]["exercise_id"]: w for w in repo.workouts.find({"user_id": "u21"})
    }
    # Cycling without an energy total: MET 7.5 (01015) x the export's 64.2 kg x 1 h
    ride = by_exercise["builtin:cycling"]["result"]
    assert ride["calorie_source"] == "met_estimate"
    assert (ride["weight_kg"], ride["weight_source"]) == (64.2, "apple_health_export")
    assert ride["calories_kcal"] == pytest.approx(7.5 * 64.2 * 1.0, abs=0.1)
    # generic strength training: the Compendium's resistance training, a timed session set
    strength = by_exercise["builtin:strength-training"]
    assert strength["exercises"][0]["met"]["code"] == "02054"
    assert strength["exercises"][0]["sets"][0]["kind"] == "sport"
    # each imported workout stages one "imported" event (statistics count it, no greeting)
    for workout in by_exercise.values():
        assert [e["type"] for e in workout["outbox"]] == ["workouts.workout.imported"]
