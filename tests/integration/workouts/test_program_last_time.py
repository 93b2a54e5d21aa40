"""The issue's progression case on the real store (issue 13, finding 12): squats 100 x 5 then
120 x 5, every set done, and the built-in beginner program's next squat is 122.5 kg, "progress"
(it proposed 112.5). The rule's other cases are the table in tests/unit/workouts/
test_workouts_program_targets.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend_services.workouts.models import StrengthSetIn, WorkoutComplete, WorkoutCreate
from backend_services.workouts.program_service import ProgramService
from backend_services.workouts.programs import BEGINNER_FULL_BODY
from backend_services.workouts.service import WorkoutService

SQUAT = "builtin:barbell-back-squat"


def squats(
    service: WorkoutService,
    user: str,
    kg: float,
    started: datetime,
    reps: tuple[int, ...] = (5, 5, 5),
) -> dict:
    """A workout logged by hand (not from the program) with working sets of squats."""
    body = WorkoutCreate.model_validate(
        {"exercises": [{"exercise_id": SQUAT}], "started_at": started}
    )
    workout = service.start_workout(user, body)[0]
    (entry,) = workout["exercises"]
    for n in reps:
        service.add_set(user, workout["_id"], entry["id"], StrengthSetIn(reps=n, weight_kg=kg))
    ended = WorkoutComplete(ended_at=started + timedelta(minutes=40))
    return service.complete_workout(user, workout["_id"], ended)


def next_squat(programs: ProgramService, user: str) -> dict:
    started = programs.start_workout(user, BEGINNER_FULL_BODY["_id"])
    (squat,) = [e for e in started["exercises"] if e["exercise_id"] == SQUAT]
    return squat["target"]


def test_after_100_then_120_kg_the_program_proposes_122_5_kg(
    service: WorkoutService, programs: ProgramService
) -> None:
    two_days_ago = datetime.now(UTC) - timedelta(days=2)
    squats(service, "u1", 100, two_days_ago)
    squats(service, "u1", 120, two_days_ago + timedelta(days=1))
    expected = {"sets": 3, "reps": 5, "weight_kg": 122.5, "rule": "progress"}
    assert next_squat(programs, "u1") == expected


def test_the_last_session_decides_not_the_best_one(
    service: WorkoutService, programs: ProgramService
) -> None:
    # 120 x 5 done, then 110 with a missed rep: repeat 110, not 122.5 from the best session
    two_days_ago = datetime.now(UTC) - timedelta(days=2)
    squats(service, "u2", 120, two_days_ago)
    squats(service, "u2", 110, two_days_ago + timedelta(days=1), reps=(5, 5, 4))
    target = next_squat(programs, "u2")
    assert (target["weight_kg"], target["rule"]) == (110, "repeat")
