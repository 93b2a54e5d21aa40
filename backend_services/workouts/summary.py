"""The weekly summary of completed workouts (pure): counts, minutes, calories, volume, and the
volume per muscle group, per ISO week."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# What the summary reads of a stored workout (the find's projection).
FIELDS = {
    "_id": 0,
    "iso_year": 1,
    "iso_week": 1,
    "result.duration_s": 1,
    "result.calories_kcal": 1,
    "result.volume_kg": 1,
    "result.per_exercise.volume_kg": 1,
    "result.per_exercise.muscles": 1,
}


def _number(value: Any) -> float:
    """A stored amount, as MongoDB's $sum counts it: missing or not a number adds nothing."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def weekly_summary(workouts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per ISO week holding any of ``workouts`` (completed ones, in ``FIELDS``' shape),
    oldest week first."""
    weeks: dict[tuple[int, int], dict[str, Any]] = {}
    for workout in workouts:
        key = (int(workout["iso_year"]), int(workout["iso_week"]))
        week = weeks.setdefault(
            key, {"workouts": 0, "seconds": 0.0, "kcal": 0.0, "volume": 0.0, "muscles": {}}
        )
        result = workout.get("result") or {}
        week["workouts"] += 1
        week["seconds"] += _number(result.get("duration_s"))
        week["kcal"] += _number(result.get("calories_kcal"))
        week["volume"] += _number(result.get("volume_kg"))
        for exercise in result.get("per_exercise") or ():
            volume = _number(exercise.get("volume_kg"))
            if volume <= 0:
                continue
            for muscle in exercise.get("muscles") or ():
                week["muscles"][muscle] = week["muscles"].get(muscle, 0.0) + volume
    return [
        {
            "week": f"{year}-W{number:02d}",
            "workouts": week["workouts"],
            "minutes": round(week["seconds"] / 60, 1),
            "calories_kcal": round(week["kcal"], 1),
            "volume_kg": round(week["volume"], 3),
            "volume_by_muscle": {m: round(v, 3) for m, v in sorted(week["muscles"].items())},
        }
        for (year, number), week in sorted(weeks.items())
    ]
