"""Google Fit data from Google Takeout: ``Fit/Daily activity metrics/*.csv`` and
``Fit/All Sessions/*.json``, as a Takeout zip or a single CSV/JSON file.

Daily CSV columns used: ``Date``, ``Step count``, ``Calories (kcal)`` (Takeout's daily file has
one row per day; the per-day files have ``Start time``/``End time`` rows and no ``Date``, the
day then comes from the file name). Sessions: ``fitnessActivity``, ``startTime``, ``endTime``,
``duration`` ("1800.000s"), ``aggregate[]`` with ``com.google.calories.expended`` and
``com.google.distance.delta``. Parsed completely before anything is stored.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from .health_common import HealthData, HealthImportError, ImportedWorkout

ACTIVITY_MAP = {
    "running": "builtin:running",
    "jogging": "builtin:jogging",
    "walking": "builtin:walking",
    "walking.fitness": "builtin:brisk-walking",
    "hiking": "builtin:hiking",
    "biking": "builtin:cycling",
    "biking.stationary": "builtin:stationary-bike",
    "elliptical": "builtin:elliptical",
    "rowing.machine": "builtin:rowing-machine",
    "swimming": "builtin:swimming",
    "swimming.pool": "builtin:swimming",
    "strength_training": "builtin:barbell-back-squat",
    "weightlifting": "builtin:barbell-back-squat",
    "circuit_training": "builtin:circuit-training",
    "interval_training.high_intensity": "builtin:circuit-training",
    "yoga": "builtin:yoga",
    "pilates": "builtin:pilates",
    "basketball": "builtin:basketball",
    "football.soccer": "builtin:soccer",
    "tennis": "builtin:tennis",
    "volleyball": "builtin:volleyball",
    "martial_arts": "builtin:martial-arts",
    "skiing": "builtin:skiing",
    "jump_rope": "builtin:jump-rope",
    "stair_climbing.machine": "builtin:stair-climber",
}
FALLBACK_ACTIVITY = "builtin:circuit-training"
_DAY_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})\.csv$")
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)s$")


def parse_google_fit(path: Path, progress: Callable[[int, int], None] | None = None) -> HealthData:
    data = HealthData(source="google_fit")
    files = list(_members(path))
    if not files:
        raise HealthImportError("no Google Fit daily-metrics CSV or session JSON found")
    for n, (name, content) in enumerate(files):
        try:
            if name.lower().endswith(".csv"):
                _daily_csv(data, name, content.decode("utf-8-sig"))
            else:
                data.workouts.append(_session(json.loads(content)))
        except HealthImportError as exc:
            raise HealthImportError(f"{name}: {exc}") from exc
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise HealthImportError(f"{name}: not a Google Fit file ({exc})") from exc
        if progress:
            progress(n + 1, len(files))
    return data


def _members(path: Path) -> Iterator[tuple[str, bytes]]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if info.is_dir() or "/Fit/" not in f"/{name}":
                    continue
                if ("Daily activity metrics" in name and name.endswith(".csv")) or (
                    "All Sessions" in name and name.endswith(".json")
                ):
                    yield name, archive.read(info)
        return
    if path.suffix.lower() in (".csv", ".json"):
        yield path.name, path.read_bytes()
        return
    raw = path.read_bytes()
    # Uploaded without a useful name: sniff.
    yield ("upload.json" if raw.lstrip()[:1] == b"{" else "upload.csv"), raw


def _number(value: str | None, what: str) -> float | None:
    if value is None or value.strip() == "":
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise HealthImportError(f"bad {what} {value[:20]!r}") from exc
    if number != number or number < 0 or number > 1e7:
        raise HealthImportError(f"impossible {what} {value}")
    return number


def _daily_csv(data: HealthData, name: str, text: str) -> None:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    if "Step count" not in header and "Calories (kcal)" not in header:
        raise HealthImportError("missing 'Step count' / 'Calories (kcal)' columns")
    from_name = _DAY_IN_NAME.search(name)
    for row in reader:
        day = row.get("Date") or (from_name.group(1) if from_name else None)
        if not day:
            raise HealthImportError("a row has no Date")
        try:
            datetime.strptime(day, "%Y-%m-%d")
        except ValueError as exc:
            raise HealthImportError(f"bad Date {day[:20]!r}") from exc
        steps = _number(row.get("Step count"), "step count")
        kcal = _number(row.get("Calories (kcal)"), "calories")
        data.records_read += 1
        if steps is not None:
            data.add_steps(day, steps)
        if kcal is not None:
            # Takeout's "Calories" is total (BMR + activity) energy for the day; kept as is.
            data.add_active_energy(day, kcal)


def _session(doc: Any) -> ImportedWorkout:
    if not isinstance(doc, dict) or "startTime" not in doc or "endTime" not in doc:
        raise HealthImportError("session JSON without startTime/endTime")
    start = datetime.fromisoformat(str(doc["startTime"]).replace("Z", "+00:00"))
    end = datetime.fromisoformat(str(doc["endTime"]).replace("Z", "+00:00"))
    if start.tzinfo is None or end < start:
        raise HealthImportError("session times are not valid")
    seconds = (end - start).total_seconds()
    match = _DURATION.match(str(doc.get("duration", "")))
    if match:
        seconds = float(match.group(1))
    energy = distance = None
    for item in doc.get("aggregate", []):
        metric = item.get("metricName")
        value = item.get("floatValue", item.get("intValue"))
        if metric == "com.google.calories.expended":
            energy = _number(str(value), "calories")
        elif metric == "com.google.distance.delta":
            distance = _number(str(value), "distance")
    activity = str(doc.get("fitnessActivity", "unknown"))
    return ImportedWorkout(
        external_id=f"googlefit:{activity}:{start.isoformat()}:{end.isoformat()}",
        activity=activity,
        exercise_id=ACTIVITY_MAP.get(activity, FALLBACK_ACTIVITY),
        started_at=start,
        ended_at=end,
        utc_offset_minutes=0,
        duration_s=seconds,
        energy_kcal=energy,
        distance_m=distance,
        device="Google Fit",
    )
