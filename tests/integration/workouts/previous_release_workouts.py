"""Run by test_workouts_upgrade_path.py with the previous release's code first on the path
(``git archive`` of its commit): logs workouts through that release's own WorkoutService into
a database and prints their ids as JSON. Not a test module; it imports only what that
release had."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta

from backend_services.kernel.mongo import make_mongo_client
from backend_services.workouts.main import prepare_database
from backend_services.workouts.models import WorkoutComplete, WorkoutCreate
from backend_services.workouts.repository import WorkoutsRepository
from backend_services.workouts.service import WorkoutService

USER = "5b0c6a2e-7d1f-4a8e-9c3b-2f6d8e1a4c70"


def bench(*sets: tuple[int, float]) -> dict:
    return {
        "exercise_id": "builtin:barbell-bench-press",
        "sets": [{"kind": "strength", "reps": r, "weight_kg": w} for r, w in sets],
    }


def main() -> None:
    uri, database = sys.argv[1], sys.argv[2]
    client = make_mongo_client(uri)
    repo = WorkoutsRepository(client[database])
    prepare_database(repo)
    service = WorkoutService(repo)
    monday = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    ids = {}
    for name, start, sets in (
        ("Push A", monday, [(8, 60.0), (8, 60.0), (6, 65.0)]),
        ("Push B", monday + timedelta(days=2), [(5, 70.0), (5, 70.0), (5, 70.0)]),
    ):
        body = WorkoutCreate.model_validate(
            {"name": name, "started_at": start, "body_weight_kg": 64.5, "exercises": [bench(*sets)]}
        )
        workout, _ = service.start_workout(USER, body)
        service.complete_workout(
            USER, workout["_id"], WorkoutComplete(ended_at=start + timedelta(minutes=50))
        )
        ids[name] = workout["_id"]
    started = monday + timedelta(days=4)
    running = WorkoutCreate.model_validate(
        {
            "name": "Friday run",
            "started_at": started,
            "exercises": [
                {"exercise_id": "builtin:running", "sets": [{"kind": "cardio", "duration_s": 1200}]}
            ],
        }
    )
    ids["in progress"] = service.start_workout(USER, running)[0]["_id"]
    client.close()
    print(json.dumps(ids))


if __name__ == "__main__":
    main()
