"""Google Fit data from Google Takeout, as a Takeout zip or a single CSV/JSON/TCX file.

A real Takeout's ``Fit`` folder holds three layouts, read wherever they sit in the zip
(``Takeout/Fit/...``, ``Fit/...`` or the files at the top level):
- daily metrics, ``Daily activity metrics/*.csv``: ``Date``, ``Step count``,
  ``Calories (kcal)``, ``Average weight (kg)`` on days a weight was recorded (Takeout's daily
  file has one row per day; the per-day files have ``Start time``/``End time`` rows and no
  ``Date``, the day then comes from the file name);
- sessions, ``All Sessions/*.json``: ``fitnessActivity``, ``startTime``, ``endTime``,
  ``duration`` ("1800.000s"), ``aggregate[]`` with ``com.google.calories.expended`` and
  ``com.google.distance.delta``;
- activities, ``Activities/*.tcx`` (Garmin Training Center XML): ``Activity@Sport``, laps with
  ``StartTime``, ``TotalTimeSeconds``, ``DistanceMeters``, ``Calories``. Takeout writes an
  activity for most sessions too: one starting within a minute of a session of the same
  kind is that session and is read once (the session JSON names the activity more exactly).
JSON outside ``All Sessions`` that is not a session (``All Data`` points) is skipped.
Parsed completely before anything is stored.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml.ElementTree import fromstring

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
    "strength_training": "builtin:strength-training",
    "weightlifting": "builtin:strength-training",
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
SAME_START_S = 60
TCX_NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
TCX_SPORTS = {"running": "running", "biking": "biking", "walking": "walking"}
_DAY_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})\.csv$")
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)s$")


def parse_google_fit(path: Path, progress: Callable[[int, int], None] | None = None) -> HealthData:
    data = HealthData(source="google_fit")
    files = list(_members(path))
    if not files:
        raise HealthImportError("no Google Fit daily-metrics CSV, session JSON or activity TCX")
    activities: list[ImportedWorkout] = []
    for n, (name, content) in enumerate(files):
        try:
            lower = name.lower()
            if lower.endswith(".csv"):
                _daily_csv(data, name, content.decode("utf-8-sig"))
            elif lower.endswith(".tcx"):
                activities += _tcx_activities(content)
            else:
                doc = json.loads(content)
                if "All Sessions" in name or _looks_like_session(doc):
                    data.workouts.append(_session(doc))
        except HealthImportError as exc:
            raise HealthImportError(f"{name}: {exc}") from exc
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise HealthImportError(f"{name}: not a Google Fit file ({exc})") from exc
        if progress:
            progress(n + 1, len(files))
    data.workouts += [a for a in activities if not _same_session(a, data.workouts)]
    return data


def _looks_like_session(doc: Any) -> bool:
    return isinstance(doc, dict) and {"startTime", "endTime", "fitnessActivity"} <= set(doc)


def _same_session(activity: ImportedWorkout, sessions: list[ImportedWorkout]) -> bool:
    return any(
        s.exercise_id == activity.exercise_id
        and abs((s.started_at - activity.started_at).total_seconds()) <= SAME_START_S
        for s in sessions
    )


def _members(path: Path) -> Iterator[tuple[str, bytes]]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.is_dir() and _wanted(info.filename):
                    yield info.filename, archive.read(info)
        return
    if path.suffix.lower() in (".csv", ".json", ".tcx"):
        yield path.name, path.read_bytes()
        return
    raw = path.read_bytes()
    # Uploaded without a useful name: sniff.
    head = raw.lstrip()[:200]
    if head[:1] == b"{":
        yield "upload.json", raw
    elif head[:1] == b"<":
        yield "upload.tcx", raw
    else:
        yield "upload.csv", raw


def _wanted(name: str) -> bool:
    """A Takeout member worth reading, wherever the Fit folder sits (or none at all)."""
    lower = name.lower()
    base = lower.rsplit("/", 1)[-1]
    if lower.endswith(".csv"):
        return "daily activity metrics" in lower or base[:10].count("-") == 2
    if lower.endswith(".tcx"):
        return True
    return lower.endswith(".json") and "/all data/" not in f"/{lower}"


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
        weight = _number(row.get("Average weight (kg)"), "weight")
        data.records_read += 1
        if weight is not None:
            data.body_mass[day] = round(weight, 2)
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


def _tcx_activities(content: bytes) -> list[ImportedWorkout]:
    """The activities of a TCX file (Takeout's ``Activities/*.tcx``), one workout each."""
    try:
        root = fromstring(content)
    except ParseError as exc:
        raise HealthImportError(f"not valid TCX ({exc})") from exc
    if not root.tag.endswith("TrainingCenterDatabase"):
        raise HealthImportError("not a TCX file (no TrainingCenterDatabase)")
    found = []
    for activity in root.iter(f"{TCX_NS}Activity"):
        laps = list(activity.iter(f"{TCX_NS}Lap"))
        if not laps:
            continue
        start = _instant(laps[0].get("StartTime") or activity.findtext(f"{TCX_NS}Id") or "")
        seconds = sum(_lap_number(lap, "TotalTimeSeconds") or 0.0 for lap in laps)
        distances = [_lap_number(lap, "DistanceMeters") for lap in laps]
        energies = [_lap_number(lap, "Calories") for lap in laps]
        kind = TCX_SPORTS.get((activity.get("Sport") or "").lower(), "other")
        found.append(
            ImportedWorkout(
                external_id=f"googlefit:tcx:{kind}:{start.isoformat()}",
                activity=kind,
                exercise_id=ACTIVITY_MAP.get(kind, FALLBACK_ACTIVITY),
                started_at=start,
                ended_at=start + timedelta(seconds=seconds),
                utc_offset_minutes=0,
                duration_s=seconds,
                energy_kcal=_sum_known(energies),
                distance_m=_sum_known(distances),
                device="Google Fit",
            )
        )
    return found


def _instant(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise HealthImportError(f"bad time {text[:30]!r}") from exc
    if moment.tzinfo is None:
        raise HealthImportError(f"time without a zone {text[:30]!r}")
    return moment


def _lap_number(lap: Any, tag: str) -> float | None:
    return _number(lap.findtext(f"{TCX_NS}{tag}"), tag)


def _sum_known(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None
