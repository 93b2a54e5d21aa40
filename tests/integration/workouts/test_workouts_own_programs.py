"""Own programs (create, edit, delete, start, where the user is in them) and reordering the
exercises of a workout in progress, against a real SecantusDB through pymongo."""

from __future__ import annotations

from typing import Any

import pytest

from backend_services.kernel.errors import Conflict, InvalidInput, NotFound
from backend_services.workouts.models import (
    CustomExerciseCreate,
    ExerciseOrder,
    ProgramCreate,
    StrengthSetIn,
    WorkoutComplete,
    WorkoutCreate,
    WorkoutExerciseIn,
)
from backend_services.workouts.program_service import ProgramService
from backend_services.workouts.repository import WorkoutsRepository
from backend_services.workouts.service import WorkoutService

BUILTIN = "builtin:beginner-full-body-3day"


def _program(**over: Any) -> ProgramCreate:
    body: dict[str, Any] = {
        "name": "Upper / lower",
        "description": "Two days, twice a week",
        "days_per_week": 4,
        "days": [
            {
                "name": "Upper",
                "exercises": [
                    {
                        "exercise_id": "builtin:barbell-bench-press",
                        "sets": 4,
                        "reps": 6,
                        "start_weight_kg": 50,
                        "increment_kg": 2.5,
                    }
                ],
            },
            {
                "name": "Lower",
                "exercises": [
                    {
                        "exercise_id": "builtin:barbell-back-squat",
                        "sets": 3,
                        "reps": 5,
                        "start_weight_kg": 60,
                        "increment_kg": 5,
                    }
                ],
            },
        ],
    }
    return ProgramCreate.model_validate({**body, **over})


def _do_all_target_sets(service: WorkoutService, user: str, workout: dict[str, Any]) -> None:
    for entry in workout["exercises"]:
        target = entry["target"]
        for _ in range(target["sets"]):
            service.add_set(
                user,
                workout["_id"],
                entry["id"],
                StrengthSetIn(reps=target["reps"], weight_kg=target["weight_kg"]),
            )
    service.complete_workout(user, workout["_id"], WorkoutComplete(body_weight_kg=80))


def test_own_program_is_created_listed_started_and_progressed(
    service: WorkoutService, programs: ProgramService
) -> None:
    created = programs.create_program("p1", _program())
    assert created["source"] == "own" and created["owner_id"] == "p1"
    assert created["position"] == {
        "sessions_done": 0,
        "week": 1,
        "next_day_index": 0,
        "next_day": "Upper",
    }
    listed = programs.list_programs("p1")
    assert [p["_id"] for p in listed] == [BUILTIN, created["_id"]]
    assert programs.list_programs("someone-else")[-1]["_id"] == BUILTIN  # private

    upper = programs.start_workout("p1", created["_id"])
    assert upper["name"] == "Upper / lower: day Upper"
    assert upper["exercises"][0]["target"] == {
        "sets": 4,
        "reps": 6,
        "weight_kg": 50,
        "rule": "start",
    }
    _do_all_target_sets(service, "p1", upper)
    after_one = programs.get_program("p1", created["_id"])["position"]
    assert after_one == {"sessions_done": 1, "week": 1, "next_day_index": 1, "next_day": "Lower"}

    lower = programs.start_workout("p1", created["_id"])
    assert lower["exercises"][0]["target"]["weight_kg"] == 60
    _do_all_target_sets(service, "p1", lower)
    upper_again = programs.start_workout("p1", created["_id"])
    assert upper_again["exercises"][0]["target"]["weight_kg"] == 52.5
    assert upper_again["exercises"][0]["target"]["rule"] == "progress"
    _do_all_target_sets(service, "p1", upper_again)
    lower_again = programs.start_workout("p1", created["_id"])
    _do_all_target_sets(service, "p1", lower_again)
    # Four completed sessions of a four-days-a-week program: week 2 begins, with day Upper.
    assert programs.get_program("p1", created["_id"])["position"] == {
        "sessions_done": 4,
        "week": 2,
        "next_day_index": 0,
        "next_day": "Upper",
    }


def test_own_program_is_edited_and_deleted_by_its_owner_only(
    programs: ProgramService, repo: WorkoutsRepository
) -> None:
    created = programs.create_program("p2", _program())
    changed = _program(name="Upper / lower, heavier", days_per_week=2)
    with pytest.raises(NotFound):
        programs.update_program("intruder", created["_id"], changed)
    with pytest.raises(NotFound):
        programs.delete_program("intruder", created["_id"])
    stored = repo.get_program("p2", created["_id"])
    assert stored is not None and stored["name"] == "Upper / lower"

    updated = programs.update_program("p2", created["_id"], changed)
    assert updated["name"] == "Upper / lower, heavier" and updated["days_per_week"] == 2
    assert updated["created_at"] == stored["created_at"]
    programs.delete_program("p2", created["_id"])
    with pytest.raises(NotFound):
        programs.get_program("p2", created["_id"])
    with pytest.raises(Conflict):
        programs.update_program("p2", BUILTIN, changed)
    with pytest.raises(Conflict):
        programs.delete_program("p2", BUILTIN)


def test_program_exercises_must_be_known_strength_exercises(
    service: WorkoutService, programs: ProgramService, repo: WorkoutsRepository
) -> None:
    secret = service.create_custom_exercise("owner", CustomExerciseCreate(name="Secret lift"))
    days = _program().model_dump()["days"]
    days[0]["exercises"].append({"exercise_id": "builtin:running", "sets": 1, "reps": 1})
    days[1]["exercises"].append({"exercise_id": secret["_id"], "sets": 3, "reps": 5})
    with pytest.raises(InvalidInput) as refused:
        programs.create_program("p3", _program(days=days))
    assert refused.value.fields == {
        "days.0.exercises.1.exercise_id": "not a strength exercise",
        "days.1.exercises.1.exercise_id": "unknown exercise",  # another user's
    }
    assert repo.list_programs("p3") == []
    # The owner of the custom exercise may use it.
    days[0]["exercises"].pop()
    mine = programs.create_program("owner", _program(days=days))
    assert mine["days"][1]["exercises"][1]["exercise_id"] == secret["_id"]


def _workout_with(service: WorkoutService, user: str, *exercise_ids: str) -> dict[str, Any]:
    body = WorkoutCreate(exercises=[WorkoutExerciseIn(exercise_id=x) for x in exercise_ids])
    return service.start_workout(user, body)[0]


def test_reorder_exercises_of_a_workout_in_progress(service: WorkoutService) -> None:
    workout = _workout_with(
        service,
        "r1",
        "builtin:barbell-back-squat",
        "builtin:barbell-bench-press",
        "builtin:barbell-row",
    )
    squat, bench, row = (e["id"] for e in workout["exercises"])
    service.add_set("r1", workout["_id"], bench, StrengthSetIn(reps=5, weight_kg=60))
    moved = service.reorder_exercises(
        "r1", workout["_id"], ExerciseOrder(entry_ids=[bench, squat, row])
    )
    assert [e["id"] for e in moved["exercises"]] == [bench, squat, row]
    stored = service.get_workout("r1", workout["_id"])
    assert [e["id"] for e in stored["exercises"]] == [bench, squat, row]
    assert stored["exercises"][0]["sets"][0]["weight_kg"] == 60  # the sets move along

    for wrong in ([bench, squat], [bench, squat, row, row], [bench, squat, "nope"]):
        with pytest.raises(InvalidInput):
            service.reorder_exercises("r1", workout["_id"], ExerciseOrder(entry_ids=wrong))
    with pytest.raises(NotFound):
        service.reorder_exercises(
            "r2", workout["_id"], ExerciseOrder(entry_ids=[row, bench, squat])
        )
    assert [e["id"] for e in service.get_workout("r1", workout["_id"])["exercises"]] == [
        bench,
        squat,
        row,
    ]

    service.complete_workout("r1", workout["_id"], WorkoutComplete(body_weight_kg=80))
    with pytest.raises(Conflict):
        service.reorder_exercises(
            "r1", workout["_id"], ExerciseOrder(entry_ids=[row, bench, squat])
        )


def _plans(doc: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The plan events staged in a document's outbox (their data)."""
    entries = (doc or {}).get("outbox", [])
    return [e["payload"]["data"] for e in entries if e["type"] == "workouts.program_plan.changed"]


def test_the_followed_programs_plan_goes_out_with_the_change_that_makes_it(
    programs: ProgramService, repo: WorkoutsRepository
) -> None:
    mine = programs.create_program(
        "p3", _program(schedule=["friday", "monday", "tuesday", "thursday"])
    )
    other = programs.create_program("p3", _program(name="Other"))
    assert mine["schedule"] == ["monday", "tuesday", "thursday", "friday"]
    assert other["schedule"] == ["monday", "tuesday", "thursday", "friday"]  # the default for 4

    first = programs.start_workout("p3", mine["_id"])
    again = programs.start_workout("p3", mine["_id"])  # already followed: nothing new to say
    plan = {
        "program_id": mine["_id"],
        "program_name": "Upper / lower",
        "weekdays": ["monday", "tuesday", "thursday", "friday"],
    }
    assert _plans(repo.workouts.find_one({"_id": first["_id"]})) == [plan]
    assert _plans(repo.workouts.find_one({"_id": again["_id"]})) == []

    two_days = _program(days_per_week=2, schedule=["wednesday", "saturday"])
    programs.update_program("p3", other["_id"], two_days)  # not followed: no event
    assert _plans(repo.programs.find_one({"_id": other["_id"]})) == []
    programs.update_program("p3", mine["_id"], two_days)
    edited = {**plan, "weekdays": ["wednesday", "saturday"]}
    assert _plans(repo.programs.find_one({"_id": mine["_id"]})) == [edited]

    programs.delete_program("p3", mine["_id"])  # followed: marked, its last event waiting
    waiting = repo.programs.find_one({"_id": mine["_id"]})
    assert waiting is not None and waiting["deleted"] is True
    assert _plans(waiting)[-1] == {"program_id": None, "program_name": None, "weekdays": []}
    with pytest.raises(NotFound):
        programs.get_program("p3", mine["_id"])
    assert [p["_id"] for p in repo.list_programs("p3")] == [other["_id"]]
    with pytest.raises(NotFound):
        programs.delete_program("p3", mine["_id"])
