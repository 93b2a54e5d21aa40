"""The progress page's pure numbers: periods, exercise choices, session rows, best sets, and
weekly sets and volume per muscle group (from workouts as the service sends them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.api.workouts import ExerciseProgress, Workout
from app.state import progress_logic as logic

TODAY = dt.date(2026, 12, 1)  # a Tuesday


def workout(day: str, *entries: dict[str, Any], status: str = "completed", n: int = 0) -> Workout:
    return Workout.from_json(
        {
            "id": f"w-{day}-{n}",
            "name": "Workout",
            "status": status,
            "local_date": day,
            "started_at": f"{day}T08:0{n}:00+00:00",
            "source": "manual",
            "exercises": list(entries),
        }
    )


def lift(exercise_id: str, name: str, muscles: list[str], *sets: tuple[int, float, str]):
    return {
        "id": exercise_id[-4:],
        "exercise_id": exercise_id,
        "name": name,
        "kind": "strength",
        "set_kind": "strength",
        "muscles": muscles,
        "sets": [{"reps": r, "weight_kg": w, "set_type": t} for r, w, t in sets],
    }


BENCH = ("builtin:barbell-bench-press", "Barbell Bench Press", ["chest"])
SQUAT = ("builtin:barbell-back-squat", "Barbell Full Squat", ["quadriceps", "glutes"])


def test_periods_end_today_and_all_asks_from_the_earliest_day():
    assert logic.range_start("4w", TODAY) == dt.date(2026, 11, 4)  # 28 days with today
    assert logic.range_start("1y", TODAY) == TODAY - dt.timedelta(days=364)
    assert logic.range_start("all", TODAY) == logic.ALL_FROM
    assert logic.range_start("nonsense", TODAY) == logic.range_start("3m", TODAY)
    assert logic.valid_range("nonsense") == logic.DEFAULT_RANGE


def test_exercise_choices_are_done_strength_exercises_newest_first():
    older = workout("2026-11-20", lift(*BENCH, (5, 60, "working")))
    newer = workout("2026-11-28", lift(*SQUAT, (5, 100, "working")))
    running = {
        "id": "run1",
        "exercise_id": "builtin:running",
        "name": "Running",
        "kind": "cardio",
        "set_kind": "cardio",
        "sets": [{"duration_s": 600}],
    }
    open_one = workout(
        "2026-11-30", lift(*BENCH, (5, 70, "working")), running, status="in_progress"
    )
    assert logic.exercise_options([older, open_one, newer]) == [
        {"id": SQUAT[0], "name": "Barbell Full Squat"},
        {"id": BENCH[0], "name": "Barbell Bench Press"},
    ]


def progress(*sessions: dict[str, Any]) -> ExerciseProgress:
    return ExerciseProgress.from_json(
        {
            "exercise_id": BENCH[0],
            "name": BENCH[1],
            "e1rm_formula": "mean of Epley w(1+r/30) and Brzycki 36w/(37-r)",
            "sessions": list(sessions),
        }
    )


def session(day: str, reps: int, kg: float, e1rm: float | None, volume: float) -> dict[str, Any]:
    return {
        "workout_id": f"w-{day}",
        "local_date": day,
        "best_set": {"reps": reps, "weight_kg": kg},
        "e1rm_kg": e1rm,
        "volume_kg": volume,
    }


def test_session_rows_are_oldest_first_with_the_best_set_in_words():
    rows = logic.session_rows(
        progress(
            session("2026-11-27", 5, 62.5, 72.92, 937.5), session("2026-11-20", 5, 60, 70, 900)
        )
    )
    assert [r.date for r in rows] == ["2026-11-20", "2026-11-27"]
    assert rows[1].best_set == "62.5 kg \u00d7 5" and rows[1].label == "Fri 27 Nov"
    assert logic.session_table(rows)[0] == ["Fri 27 Nov", "62.5 kg \u00d7 5", "72.9 kg", "937.5 kg"]
    assert logic.latest_e1rm_text(rows) == "72.9 kg"
    assert logic.change_text(rows) == "+2.9 kg since Fri 20 Nov"


def test_best_sets_rank_by_e1rm_and_skip_sessions_without_one():
    rows = logic.session_rows(
        progress(
            session("2026-11-01", 5, 60, 70, 900),
            session("2026-11-08", 15, 40, None, 600),  # over 12 reps: not estimated
            session("2026-11-15", 3, 70, 76.5, 630),
            session("2026-11-22", 5, 60, 70, 900),
        )
    )
    assert [b["label"] for b in logic.best_sets(rows)] == ["Sun 15 Nov", "Sun 1 Nov", "Sun 22 Nov"]
    assert logic.latest_e1rm_text(logic.session_rows(progress())) == "\u2013"
    assert logic.change_text(rows[:1]) == ""


def test_weekly_sets_and_volume_per_muscle_count_working_sets_only():
    monday_week = workout(
        "2026-11-24",
        lift(*BENCH, (10, 20, "warm_up"), (5, 60, "working"), (5, 60, "working")),
        lift(*SQUAT, (5, 100, "working")),
    )
    same_week = workout("2026-11-29", lift(*BENCH, (8, 50, "drop")), n=1)
    next_week = workout("2026-12-01", lift(*SQUAT, (5, 105, "failure"), (5, 0, "working")))
    outside = workout("2026-10-01", lift(*BENCH, (5, 60, "working")))
    unfinished = workout("2026-12-01", lift(*BENCH, (5, 60, "working")), status="in_progress", n=2)
    weeks = logic.muscle_weeks(
        [monday_week, same_week, next_week, outside, unfinished], dt.date(2026, 11, 1), TODAY
    )
    assert weeks.weeks == ["2026-11-23", "2026-11-30"]
    assert weeks.labels == ["W48 \u00b7 23 Nov", "W49 \u00b7 30 Nov"]
    assert weeks.muscles == ["chest", "glutes", "quadriceps"]  # 3 sets each; ties by name
    assert weeks.sets == {"chest": [3, 0], "quadriceps": [1, 2], "glutes": [1, 2]}
    assert weeks.volume["chest"] == [1000.0, 0.0]  # 2 x 5 x 60 + 8 x 50; warm-up left out
    assert weeks.volume["quadriceps"] == [500.0, 525.0]
    assert logic.muscle_table(weeks)[0] == ["Chest", "3", "1,000 kg", "1.5"]
