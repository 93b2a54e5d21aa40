"""The health-imports client reads the workouts service's answers (shapes from its API)."""

from __future__ import annotations

import datetime as dt

from app.api.health_imports import ImportedWorkout, ImportJob

JOB = {
    "id": "4f2a",
    "user_id": "u1",
    "provider": "google-fit",
    "file_name": "takeout.zip",
    "bytes": 2048,
    "status": "succeeded",
    "progress": {"phase": "done", "fraction": 1.0},
    "report": {"workouts_read": 2, "workouts_imported": 0, "workouts_merged": 2},
    "error": None,
    "created_at": "2026-12-01T10:00:00Z",
    "finished_at": "2026-12-01T10:00:02Z",
}
MERGED_RUN = {
    "id": "w1",
    "name": "Running (Apple Health)",
    "status": "completed",
    "source": "apple_health",
    "device": "Anna's Apple Watch",
    "local_date": "2024-04-30",
    "started_at": "2024-04-30T05:01:03Z",
    "exercises": [{"sets": [{"kind": "cardio", "duration_s": 2107, "distance_m": 5213.0}]}],
    "result": {"duration_s": 2107, "calories_kcal": 301.2, "calorie_source": "device"},
    "merged": [
        {
            "source": "google_fit",
            "external_id": "google:2024-04-30T07:01:03+02:00",
            "device": None,
            "calories_kcal": 310.5,
            "calorie_source": "device",
            "workout": {"name": "Running (Google Fit)"},
        }
    ],
}


def test_a_finished_job_with_its_report() -> None:
    job = ImportJob.from_json(JOB)
    assert (job.id, job.provider, job.status, job.finished) == (
        "4f2a",
        "google-fit",
        "succeeded",
        True,
    )
    assert job.report["workouts_merged"] == 2 and job.error is None
    running = ImportJob.from_json({**JOB, "status": "running", "progress": {"phase": "parsing"}})
    assert (running.finished, running.fraction) == (False, 0.0)


def test_a_merged_workout_keeps_each_sources_record() -> None:
    run = ImportedWorkout.from_json(MERGED_RUN)
    assert (run.local_date, run.distance_m, run.calories_kcal) == (
        dt.date(2024, 4, 30),
        5213.0,
        301.2,
    )
    [google] = run.merged
    assert (google.source, google.calories_kcal) == ("google_fit", 310.5)
    assert google.external_id.startswith("google:")
    assert run.imported


def test_a_workout_logged_here_without_a_merge_is_not_an_import() -> None:
    logged = ImportedWorkout.from_json({**MERGED_RUN, "source": "manual", "merged": []})
    assert not logged.imported
    assert ImportedWorkout.from_json({**MERGED_RUN, "source": "manual"}).imported
