"""Built-in training programs (templates of days -> exercises with targets) and their schedule."""

from __future__ import annotations

from typing import Any


def _ex(exercise_id: str, sets: int, reps: int, start: float, inc: float = 2.5) -> dict[str, Any]:
    return {
        "exercise_id": exercise_id,
        "sets": sets,
        "reps": reps,
        "start_weight_kg": start,
        "increment_kg": inc,
        "percent_e1rm": None,
    }


# A classic 3-day full-body beginner plan (A/B/C rotation on Mon/Wed/Fri), linear progression:
# squat every session, one press, one pull, one hinge; 3x5 for the big lifts, 3x8-10 accessories.
BEGINNER_FULL_BODY: dict[str, Any] = {
    "_id": "builtin:beginner-full-body-3day",
    "name": "Beginner full body, 3 days",
    "description": (
        "Three full-body sessions a week (e.g. Mon/Wed/Fri), rotating A/B/C. Add 2.5 kg to a "
        "lift when every target rep was made last time; repeat the weight after a miss; after "
        "three misses in a row at one weight, deload 10 %."
    ),
    "days_per_week": 3,
    "schedule": ["monday", "wednesday", "friday"],
    "days": [
        {
            "name": "A",
            "exercises": [
                _ex("builtin:barbell-back-squat", 3, 5, 40),
                _ex("builtin:barbell-bench-press", 3, 5, 30),
                _ex("builtin:barbell-row", 3, 5, 30),
            ],
        },
        {
            "name": "B",
            "exercises": [
                _ex("builtin:barbell-back-squat", 3, 5, 40),
                _ex("builtin:overhead-press", 3, 5, 20),
                _ex("builtin:barbell-deadlift", 1, 5, 50, 5.0),
            ],
        },
        {
            "name": "C",
            "exercises": [
                _ex("builtin:barbell-back-squat", 3, 5, 40),
                _ex("builtin:barbell-bench-press", 3, 5, 30),
                _ex("builtin:pull-up", 3, 8, 0, 0),
                _ex("builtin:plank", 3, 1, 0, 0),
            ],
        },
    ],
    "owner_id": None,
    "source": "builtin",
}

BUILTIN_PROGRAMS: dict[str, dict[str, Any]] = {BEGINNER_FULL_BODY["_id"]: BEGINNER_FULL_BODY}


def next_day_index(program: dict[str, Any], last_day_index: int | None) -> int:
    """The rotation: the day after the last one started from this program (A after C)."""
    if last_day_index is None:
        return 0
    return (last_day_index + 1) % len(program["days"])
