"""Built-in training programs (templates of days -> exercises with targets), their schedule and
progression. No I/O."""

from __future__ import annotations

from typing import Any

from backend_services.kernel.contracts.workouts import WEEKDAYS

from . import domain

# The training weekdays a program gets when none are chosen: spread over the week, a rest day
# between sessions where the count allows (index = days per week).
DEFAULT_SCHEDULES: dict[int, tuple[str, ...]] = {
    1: ("monday",),
    2: ("monday", "thursday"),
    3: ("monday", "wednesday", "friday"),
    4: ("monday", "tuesday", "thursday", "friday"),
    5: ("monday", "tuesday", "wednesday", "thursday", "friday"),
    6: WEEKDAYS[:6],
    7: WEEKDAYS,
}


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


def schedule_of(program: dict[str, Any]) -> list[str]:
    """The program's training weekdays, Monday first: as chosen, else the default for its
    days per week (programs stored before weekdays were chosen)."""
    chosen = program.get("schedule") or DEFAULT_SCHEDULES[program["days_per_week"]]
    return sorted(chosen, key=WEEKDAYS.index)


def schedule_error(schedule: list[str], days_per_week: int) -> str | None:
    """Why ``schedule`` cannot be the weekdays of a program of ``days_per_week``, or None."""
    if len(set(schedule)) != len(schedule):
        return "each weekday once"
    if len(schedule) != days_per_week:
        return f"choose {days_per_week} weekdays, one per training day of the week"
    return None


def next_day_index(program: dict[str, Any], last_day_index: int | None) -> int:
    """The rotation: the day after the last one started from this program (A after C)."""
    if last_day_index is None:
        return 0
    return (last_day_index + 1) % len(program["days"])


def target_weight(
    item: dict[str, Any], history: list[dict[str, Any]], all_time_e1rm: float | None = None
) -> tuple[float, str]:
    """The program's target for ``item`` from the user's completed workouts.

    "Last time" is the most recently started completed workout holding the exercise,
    whether it came from the program or not (a squat is a squat), so two sessions on one
    day count in the order they were done. A session's weight is its heaviest working set
    (warm-ups never count); it met its target when it has at least the target number of
    working sets and every one reached the target reps (the session's own target, else the
    program's). The rule (progress / repeat / deload) is ``domain.next_target_weight`` over
    those sessions, oldest first.
    """
    outcomes: list[domain.SessionOutcome] = []
    best_e1rm: float | None = all_time_e1rm
    for past in sorted(history, key=_done_order):
        for entry in past["exercises"]:
            if entry["exercise_id"] != item["exercise_id"]:
                continue
            working = [s for s in entry["sets"] if s.get("set_type", "working") != "warm_up"]
            if not working:
                continue
            target_reps = (entry.get("target") or {}).get("reps") or item["reps"]
            weight = max(s.get("weight_kg", 0.0) for s in working)
            met = all(s.get("reps", 0) >= target_reps for s in working) and len(working) >= (
                (entry.get("target") or {}).get("sets") or item["sets"]
            )
            outcomes.append(domain.SessionOutcome(weight, met))
            e1rm = (entry.get("bests") or {}).get("e1rm")
            if e1rm:
                best_e1rm = max(best_e1rm or 0.0, e1rm)
    if item.get("percent_e1rm") and best_e1rm:
        weight = best_e1rm * item["percent_e1rm"] / 100
        return round(weight // 1.25 * 1.25, 3), "percent_e1rm"
    return domain.next_target_weight(
        item["start_weight_kg"], outcomes, increment_kg=item["increment_kg"]
    )


def _done_order(workout: dict[str, Any]) -> tuple[str, str]:
    """When a workout was done: its start instant (UTC), then its day for old documents."""
    started = workout.get("started_at")
    return (started.isoformat() if started else "", workout.get("local_date", ""))
