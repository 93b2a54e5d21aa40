"""Apple Health export (``export.zip`` with ``apple_health_export/export.xml``, or the XML).

Streamed with defusedxml's iterparse (exports reach hundreds of MB): each ``Record`` and
``Workout`` element is folded into small per-day totals / a workout list and then cleared, so
memory stays flat. Nothing is written until the whole file parsed: a malformed export imports
nothing. Workouts map to catalog activities (Compendium codes) by ``workoutActivityType``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from defusedxml.ElementTree import iterparse

from .health_common import HealthData, HealthImportError, ImportedWorkout

# HKWorkoutActivityType -> built-in catalog exercise.
ACTIVITY_MAP = {
    "HKWorkoutActivityTypeRunning": "builtin:running",
    "HKWorkoutActivityTypeWalking": "builtin:walking",
    "HKWorkoutActivityTypeHiking": "builtin:hiking",
    "HKWorkoutActivityTypeCycling": "builtin:cycling",
    "HKWorkoutActivityTypeSwimming": "builtin:swimming",
    "HKWorkoutActivityTypeElliptical": "builtin:elliptical",
    "HKWorkoutActivityTypeRowing": "builtin:rowing-machine",
    "HKWorkoutActivityTypeStairClimbing": "builtin:stair-climber",
    "HKWorkoutActivityTypeYoga": "builtin:yoga",
    "HKWorkoutActivityTypePilates": "builtin:pilates",
    "HKWorkoutActivityTypeTraditionalStrengthTraining": "builtin:strength-training",
    "HKWorkoutActivityTypeFunctionalStrengthTraining": "builtin:strength-training",
    "HKWorkoutActivityTypeHighIntensityIntervalTraining": "builtin:circuit-training",
    "HKWorkoutActivityTypeCrossTraining": "builtin:circuit-training",
    "HKWorkoutActivityTypeJumpRope": "builtin:jump-rope",
    "HKWorkoutActivityTypeBasketball": "builtin:basketball",
    "HKWorkoutActivityTypeSoccer": "builtin:soccer",
    "HKWorkoutActivityTypeTennis": "builtin:tennis",
    "HKWorkoutActivityTypeVolleyball": "builtin:volleyball",
    "HKWorkoutActivityTypeMartialArts": "builtin:martial-arts",
    "HKWorkoutActivityTypeDownhillSkiing": "builtin:skiing",
    "HKWorkoutActivityTypeCrossCountrySkiing": "builtin:skiing",
}
FALLBACK_ACTIVITY = "builtin:circuit-training"
STEPS = "HKQuantityTypeIdentifierStepCount"
ACTIVE_ENERGY = "HKQuantityTypeIdentifierActiveEnergyBurned"
BODY_MASS = "HKQuantityTypeIdentifierBodyMass"
DISTANCE_TYPES = {
    "HKQuantityTypeIdentifierDistanceWalkingRunning",
    "HKQuantityTypeIdentifierDistanceCycling",
    "HKQuantityTypeIdentifierDistanceSwimming",
}
TO_METERS = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "yd": 0.9144, "ft": 0.3048}
TO_KCAL = {"kcal": 1.0, "Cal": 1.0, "kJ": 1 / 4.184, "cal": 0.001}
TO_KG = {"kg": 1.0, "lb": 0.45359237, "g": 0.001, "st": 6.35029318}
TO_SECONDS = {"min": 60.0, "s": 1.0, "sec": 1.0, "hr": 3600.0, "h": 3600.0}


def parse_date(value: str | None) -> datetime:
    """Apple's format: ``2024-04-30 07:05:00 +0200``."""
    if not value:
        raise HealthImportError("a date is missing")
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S %z")
    except ValueError as exc:
        raise HealthImportError(f"bad date {value[:40]!r}") from exc


def _num(value: str | None, what: str) -> float:
    try:
        number = float(value or "")
    except ValueError as exc:
        raise HealthImportError(f"bad {what} {str(value)[:20]!r}") from exc
    if number != number or number < 0 or number > 1e7:
        raise HealthImportError(f"impossible {what} {value}")
    return number


@contextmanager
def open_export(path: Path) -> Iterator[tuple[IO[bytes], int]]:
    """The export.xml stream and its size, from a zip or a bare XML file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.endswith("export.xml")]
            if not names:
                raise HealthImportError(
                    "the zip has no export.xml (expected apple_health_export/export.xml)"
                )
            info = archive.getinfo(sorted(names, key=len)[0])
            with archive.open(info) as stream:
                yield stream, info.file_size
    else:
        with path.open("rb") as stream:
            yield stream, path.stat().st_size


def parse_apple_health(
    path: Path, progress: Callable[[int, int], None] | None = None
) -> HealthData:
    data = HealthData(source="apple_health")
    seen_root = False
    with open_export(path) as (stream, total):
        try:
            root: Any = None
            for count, (event, elem) in enumerate(iterparse(stream, events=("start", "end"))):
                if event == "start":
                    if root is None:
                        root = elem
                        if elem.tag != "HealthData":
                            raise HealthImportError("not an Apple Health export (no <HealthData>)")
                        seen_root = True
                    continue
                if elem.tag == "Record":
                    _record(data, elem.attrib)
                    root.clear()
                elif elem.tag == "Workout":
                    data.workouts.append(_workout(elem))
                    root.clear()
                if progress and count % 20000 == 0:
                    progress(_position(stream), total)
        except HealthImportError:
            raise
        except Exception as exc:  # ParseError, DTD/entity refusals, truncated zip member
            raise HealthImportError(f"the export is not valid XML: {exc}") from exc
        if progress:
            progress(total, total)
    if not seen_root:
        raise HealthImportError("empty export")
    return data


def _position(stream: IO[bytes]) -> int:
    try:
        return stream.tell()
    except (OSError, ValueError):
        return 0


def _record(data: HealthData, attrs: dict[str, str]) -> None:
    kind = attrs.get("type")
    if kind not in (STEPS, ACTIVE_ENERGY, BODY_MASS):
        return
    start = parse_date(attrs.get("startDate"))
    day = start.date().isoformat()  # the day in the device's own offset, as Health shows it
    value = _num(attrs.get("value"), kind)
    data.records_read += 1
    if kind == STEPS:
        data.add_steps(day, value)
    elif kind == ACTIVE_ENERGY:
        factor = TO_KCAL.get(attrs.get("unit", "kcal"))
        if factor is None:
            raise HealthImportError(f"unknown energy unit {attrs.get('unit')!r}")
        data.add_active_energy(day, value * factor)
    else:
        factor = TO_KG.get(attrs.get("unit", "kg"))
        if factor is None:
            raise HealthImportError(f"unknown mass unit {attrs.get('unit')!r}")
        data.body_mass[day] = round(value * factor, 2)


def _workout(elem: Any) -> ImportedWorkout:
    attrs = elem.attrib
    start, end = parse_date(attrs.get("startDate")), parse_date(attrs.get("endDate"))
    activity = attrs.get("workoutActivityType", "")
    seconds = (end - start).total_seconds()
    if attrs.get("duration"):
        seconds = _num(attrs["duration"], "duration") * TO_SECONDS.get(
            attrs.get("durationUnit", "min"), 60.0
        )
    energy = distance = None
    if attrs.get("totalEnergyBurned"):
        energy = _num(attrs["totalEnergyBurned"], "energy") * TO_KCAL.get(
            attrs.get("totalEnergyBurnedUnit", "kcal"), 1.0
        )
    if attrs.get("totalDistance"):
        distance = _num(attrs["totalDistance"], "distance") * TO_METERS.get(
            attrs.get("totalDistanceUnit", "km"), 1000.0
        )
    # iOS 16+ exports move the totals into <WorkoutStatistics> children.
    for stat in elem.findall("WorkoutStatistics"):
        kind, total = stat.get("type"), stat.get("sum")
        if not total:
            continue
        if kind == ACTIVE_ENERGY and energy is None:
            energy = _num(total, "energy") * TO_KCAL.get(stat.get("unit", "kcal"), 1.0)
        elif kind in DISTANCE_TYPES and distance is None:
            distance = _num(total, "distance") * TO_METERS.get(stat.get("unit", "km"), 1000.0)
    return ImportedWorkout(
        external_id=f"apple:{activity}:{start.isoformat()}:{end.isoformat()}",
        activity=activity,
        exercise_id=ACTIVITY_MAP.get(activity, FALLBACK_ACTIVITY),
        started_at=start,
        ended_at=end,
        utc_offset_minutes=int(
            (start.utcoffset() or end.utcoffset() or _zero()).total_seconds() // 60
        ),
        duration_s=seconds,
        energy_kcal=energy,
        distance_m=distance,
        device=attrs.get("sourceName"),
    )


def _zero() -> Any:
    from datetime import timedelta

    return timedelta(0)
