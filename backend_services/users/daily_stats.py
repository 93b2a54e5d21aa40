"""The statistics of a range of days: its limits, one row a day, the range's averages."""

from __future__ import annotations

from datetime import date
from typing import Any

from backend_services.kernel.errors import InvalidInput

from .profile_views import as_float

MAX_STATS_DAYS = 366
STREAK_LOOKBACK_DAYS = 3660


def check_range(start: date, end: date, *, max_days: int) -> None:
    if start > end:
        raise InvalidInput("The range is empty.", fields={"from": "must be on or before `to`"})
    if (end - start).days + 1 > max_days:
        raise InvalidInput(
            "The range is too long.", fields={"from": f"at most {max_days} days before `to`"}
        )


def day_row(day: date, rows: dict[date, Any], target_kcal: int | None) -> dict[str, Any]:
    row = rows.get(day)
    calories_in = as_float(row.calories_in) if row else None
    calories_out = float(row.calories_out) if row else 0.0
    return {
        "date": day,
        "logged": calories_in is not None,
        "calories_in": calories_in,
        "calories_out": calories_out,
        "net_kcal": None if calories_in is None else round(calories_in - calories_out, 1),
        # the target in force that day (target_history), the same on every call
        "target_kcal": None if target_kcal is None else float(target_kcal),
        "workouts": row.workouts if row else 0,
        "weight_kg": as_float(row.weight_kg) if row else None,
        "protein_g": as_float(row.protein_g) if row else None,
        "fat_g": as_float(row.fat_g) if row else None,
        "carbohydrate_g": as_float(row.carbohydrate_g) if row else None,
    }


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def averages(days: list[dict[str, Any]]) -> dict[str, Any]:
    logged = [d for d in days if d["logged"]]
    return {
        "calories_in": _mean([d["calories_in"] for d in logged]),
        "calories_out": _mean([d["calories_out"] for d in days]) or 0.0,
        "net_kcal": _mean([d["net_kcal"] for d in logged]),
        "weight_kg": _mean([d["weight_kg"] for d in days if d["weight_kg"] is not None]),
        "workouts_per_day": _mean([float(d["workouts"]) for d in days]) or 0.0,
    }
