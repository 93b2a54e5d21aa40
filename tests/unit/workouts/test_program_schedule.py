"""A program's training weekdays (workouts/programs.py): chosen, or spread over the week by
default; as many as its days a week."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from backend_services.workouts.models import ProgramCreate
from backend_services.workouts.programs import BUILTIN_PROGRAMS, schedule_error, schedule_of

DAY = {"name": "A", "exercises": [{"exercise_id": "builtin:pull-up", "sets": 3, "reps": 8}]}


@pytest.mark.parametrize(
    ("per_week", "expected"),
    [
        (1, ["monday"]),
        (2, ["monday", "thursday"]),
        (3, ["monday", "wednesday", "friday"]),
        (7, ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]),
    ],
)
def test_without_chosen_weekdays_the_sessions_spread_over_the_week(
    per_week: int, expected: list[str]
) -> None:
    assert schedule_of({"days_per_week": per_week}) == expected


def test_chosen_weekdays_come_monday_first_and_the_builtin_plan_is_mon_wed_fri() -> None:
    assert schedule_of({"days_per_week": 2, "schedule": ["friday", "tuesday"]}) == [
        "tuesday",
        "friday",
    ]
    [builtin] = BUILTIN_PROGRAMS.values()
    assert schedule_of(builtin) == ["monday", "wednesday", "friday"]


def test_a_schedule_has_one_weekday_per_training_day() -> None:
    assert schedule_error(["monday", "thursday"], 2) is None
    assert schedule_error(["monday"], 2) == "choose 2 weekdays, one per training day of the week"
    assert schedule_error(["monday", "monday"], 2) == "each weekday once"
    body = {"name": "P", "days_per_week": 2, "days": [DAY]}
    assert ProgramCreate.model_validate({**body, "schedule": ["monday", "friday"]}).schedule
    assert ProgramCreate.model_validate(body).schedule is None  # the default comes on saving
    for wrong in (["monday"], ["monday", "mon"], ["monday", "monday"]):
        with pytest.raises(ValidationError):
            ProgramCreate.model_validate({**body, "schedule": wrong})
