"""The weekly summary's sums (reports.summary reads the workouts, this adds them up)."""

from __future__ import annotations

from backend_services.workouts.summary import weekly_summary


def workout(year: int, week: int, **result: object) -> dict[str, object]:
    return {"iso_year": year, "iso_week": week, "result": result}


def test_weeks_are_summed_and_ordered_across_the_new_year() -> None:
    rows = weekly_summary(
        [
            workout(2026, 1, duration_s=3600, calories_kcal=300.04, volume_kg=1000.0),
            workout(2025, 52, duration_s=1800, calories_kcal=150.0, volume_kg=0.0),
            workout(2026, 1, duration_s=1830, calories_kcal=210.0, volume_kg=500.5),
        ]
    )
    assert [r["week"] for r in rows] == ["2025-W52", "2026-W01"]
    assert rows[1] == {
        "week": "2026-W01",
        "workouts": 2,
        "minutes": 90.5,
        "calories_kcal": 510.0,
        "volume_kg": 1500.5,
        "volume_by_muscle": {},
    }


def test_missing_amounts_add_nothing_and_a_workout_still_counts() -> None:
    [row] = weekly_summary(
        [workout(2026, 10, calories_kcal=None), {"iso_year": 2026, "iso_week": 10}]
    )
    assert (row["workouts"], row["minutes"], row["calories_kcal"], row["volume_kg"]) == (2, 0, 0, 0)


def test_volume_per_muscle_counts_only_exercises_that_moved_weight() -> None:
    per_exercise = [
        {"volume_kg": 800.0, "muscles": ["chest", "triceps"]},
        {"volume_kg": 0.0, "muscles": ["quadriceps"]},  # cardio or bodyweight: no volume
        {"volume_kg": 200.25, "muscles": ["triceps"]},
        {"volume_kg": 50.0},  # an exercise with no muscle groups named
    ]
    [row] = weekly_summary([workout(2026, 3, per_exercise=per_exercise)])
    assert row["volume_by_muscle"] == {"chest": 800.0, "triceps": 1000.25}
