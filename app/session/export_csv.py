"""The export as a zip: the JSON document plus one CSV per kind of record (diary, weights,
workouts, sets, notifications), for spreadsheets. Pure: built from the JSON document.

Columns carry their units in the name (`weight_kg`, `energy_kcal`): stored values in SI,
whatever units the user reads them in.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

DIARY = ("date", "meal_type", "food", "quantity", "grams")
WEIGHTS = ("date", "weight_kg", "trend_kg")
WORKOUTS = (
    "id",
    "date",
    "name",
    "status",
    "source",
    "merged_from",
    "started_at",
    "ended_at",
    "duration_s",
    "calories_kcal",
    "calorie_source",
    "volume_kg",
)
SETS = (
    "workout_id",
    "date",
    "exercise",
    "set",
    "kind",
    "set_type",
    "reps",
    "weight_kg",
    "rpe",
    "duration_s",
    "distance_m",
)
NOTIFICATIONS = ("created_at", "type", "title", "body", "read_at")
WATER = ("date", "amount_ml", "logged_at")
FASTS = ("protocol", "target_hours", "started_at", "ended_at")


def _part(document: Mapping[str, Any], service: str, name: str) -> Any:
    return (document.get("services") or {}).get(service, {}).get(name) or {}


def _diary_items(document: Mapping[str, Any]) -> Iterator[tuple[Any, Any, Any]]:
    for day in _part(document, "nutrition", "export").get("diary") or []:
        for meal in day.get("meals") or []:
            for item in meal.get("items") or []:
                yield day, meal, item


def diary_columns(document: Mapping[str, Any]) -> tuple[str, ...]:
    """The item columns, then each nutrient the service reports (named with its unit, in
    its order; micronutrients stay in the JSON)."""
    nutrients: dict[str, None] = {}
    for _day, _meal, item in _diary_items(document):
        for key, value in (item.get("nutrients") or {}).items():
            if not isinstance(value, dict):
                nutrients.setdefault(key)
    return (*DIARY, *nutrients)


def diary_rows(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for day, meal, item in _diary_items(document):
        yield {
            **(item.get("nutrients") or {}),
            "date": day.get("date"),
            "meal_type": meal.get("meal_type"),
            "food": item.get("name"),
            "quantity": item.get("quantity"),
            "grams": item.get("grams"),
        }


def weight_rows(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for entry in _part(document, "users", "weights").get("entries") or []:
        yield {k: entry.get(k) for k in WEIGHTS}


def _workouts(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    return list(_part(document, "workouts", "workouts").get("items") or [])


def workout_rows(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for w in _workouts(document):
        result = w.get("result") or {}
        yield {
            "id": w.get("id"),
            "date": w.get("local_date"),
            "name": w.get("name"),
            "status": w.get("status"),
            "source": w.get("source"),
            "merged_from": " + ".join(str(m.get("source")) for m in w.get("merged") or []),
            "started_at": w.get("started_at"),
            "ended_at": w.get("ended_at"),
            "duration_s": result.get("duration_s"),
            "calories_kcal": result.get("calories_kcal"),
            "calorie_source": result.get("calorie_source"),
            "volume_kg": result.get("volume_kg"),
        }


def set_rows(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for w in _workouts(document):
        for entry in w.get("exercises") or []:
            for number, done in enumerate(entry.get("sets") or [], start=1):
                yield {
                    "workout_id": w.get("id"),
                    "date": w.get("local_date"),
                    "exercise": entry.get("name"),
                    "set": number,
                    **{k: done.get(k) for k in SETS[4:]},
                }


def water_rows(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for drink in (_part(document, "nutrition", "export").get("water") or {}).get("drinks") or []:
        yield {k: drink.get(k) for k in WATER}


def fast_rows(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for fast in _part(document, "nutrition", "export").get("fasts") or []:
        yield {k: fast.get(k) for k in FASTS}


def notification_rows(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for note in _part(document, "notifications", "feed").get("items") or []:
        yield {k: note.get(k) for k in NOTIFICATIONS}


CSV_FILES = (
    ("diary.csv", diary_columns, diary_rows),
    ("weights.csv", lambda _document: WEIGHTS, weight_rows),
    ("workouts.csv", lambda _document: WORKOUTS, workout_rows),
    ("sets.csv", lambda _document: SETS, set_rows),
    ("water.csv", lambda _document: WATER, water_rows),
    ("fasts.csv", lambda _document: FASTS, fast_rows),
    ("notifications.csv", lambda _document: NOTIFICATIONS, notification_rows),
)


def csv_text(columns: Iterable[str], rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export_zip(document: Mapping[str, Any], json_name: str) -> bytes:
    """The zip: `json_name` (the whole document) and the CSV files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(json_name, json.dumps(document, indent=2, ensure_ascii=False))
        for name, columns, rows in CSV_FILES:
            archive.writestr(name, csv_text(columns(document), rows(document)))
    return buffer.getvalue()
