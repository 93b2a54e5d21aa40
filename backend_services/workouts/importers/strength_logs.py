"""Workout history from other strength-log apps' CSV exports: Strong and Hevy.

Both export one row per set. Strong (`;`- or `,`-separated, by the phone's locale: `;` where
the decimal mark is a comma; fields may be quoted) states weights and distances in the unit
the app was set to, which the file does not say, so the caller passes it; Hevy states kilograms
and kilometres in its column names. Rows are grouped into workouts by start time and title,
sets into exercises in file order. Names stay as the app wrote them: matching them to our
exercises (and the review of the ones that did not match) is ``exercise_matching.py``'s job.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

KG_PER_LB = 0.45359237
M_PER_MILE = 1609.344
STRONG_HEADER = ("Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Reps")
HEVY_HEADER = ("title", "start_time", "exercise_title", "set_index", "weight_kg", "reps")
HEVY_SET_TYPES = {"warmup": "warm_up", "normal": "working", "dropset": "drop", "failure": "failure"}
MAX_ROWS = 200_000
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$")


class StrengthLogError(ValueError):
    """The file is not a Strong or Hevy export we can read; nothing was imported."""


@dataclass(frozen=True)
class LoggedSet:
    kind: str  # warm_up | working | drop | failure
    weight_kg: float | None
    reps: int | None
    distance_m: float | None = None
    duration_s: float | None = None
    rpe: float | None = None


@dataclass
class LoggedExercise:
    name: str
    notes: str = ""
    sets: list[LoggedSet] = field(default_factory=list)


@dataclass
class LoggedWorkout:
    source: str  # strong | hevy
    title: str
    started_at: datetime  # local time, as the app shows it
    ended_at: datetime | None
    notes: str = ""
    exercises: list[LoggedExercise] = field(default_factory=list)

    @property
    def external_id(self) -> str:
        """The same workout from the same app gets the same id: importing twice adds nothing."""
        key = f"{self.source}:{self.started_at.isoformat()}:{self.title}"
        return f"{self.source}:{hashlib.sha256(key.encode()).hexdigest()[:20]}"


def detect(text: str) -> str | None:
    """ "strong", "hevy" or None, from the header line."""
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if all(name in first for name in STRONG_HEADER) and strong_delimiter(first):
        return "strong"
    if all(name in first for name in HEVY_HEADER):
        return "hevy"
    return None


def strong_delimiter(header: str) -> str | None:
    """The separator of a Strong header line: ``;`` or ``,`` (None: neither)."""
    for delimiter in (";", ","):
        if delimiter in header:
            return delimiter
    return None


def parse(text: str, *, units: str = "metric") -> list[LoggedWorkout]:
    """Either export; ``units`` ("metric" | "imperial") is what Strong was set to."""
    kind = detect(text)
    if kind == "strong":
        return parse_strong(text, units=units)
    if kind == "hevy":
        return parse_hevy(text)
    raise StrengthLogError("Not a Strong or Hevy CSV export (its first line names the columns).")


def parse_strong(text: str, *, units: str = "metric") -> list[LoggedWorkout]:
    if units not in ("metric", "imperial"):
        raise StrengthLogError("units must be metric or imperial")
    kg = KG_PER_LB if units == "imperial" else 1.0
    metres = M_PER_MILE if units == "imperial" else 1000.0
    workouts: dict[tuple[str, str], LoggedWorkout] = {}
    header = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    for line, row in _rows(text, delimiter=strong_delimiter(header) or ";"):
        started = _when(row["Date"], "%Y-%m-%d %H:%M:%S", line)
        title = row["Workout Name"].strip() or "Workout"
        workout = workouts.get((row["Date"], title))
        if workout is None:
            duration = _duration(row.get("Duration", ""), line)
            ended = started + duration if duration else None
            workout = LoggedWorkout("strong", title, started, ended, row.get("Workout Notes", ""))
            workouts[(row["Date"], title)] = workout
        weight = _number(row.get("Weight"), line)
        distance = _number(row.get("Distance"), line)
        logged = LoggedSet(
            kind="working",  # Strong's export does not say which sets were warm-ups
            weight_kg=round(weight * kg, 2) if weight else None,
            reps=_whole(row.get("Reps"), line),
            distance_m=round(distance * metres, 1) if distance else None,
            duration_s=_number(row.get("Seconds"), line) or None,
            rpe=_rpe(row.get("RPE"), line),
        )
        _exercise(workout, row["Exercise Name"], row.get("Notes", "")).sets.append(logged)
    return _checked(workouts.values())


def parse_hevy(text: str) -> list[LoggedWorkout]:
    workouts: dict[tuple[str, str], LoggedWorkout] = {}
    for line, row in _rows(text, delimiter=","):
        started = _when(row["start_time"], "%d %b %Y, %H:%M", line)
        title = row["title"].strip() or "Workout"
        workout = workouts.get((row["start_time"], title))
        if workout is None:
            end = row.get("end_time", "").strip()
            ended = _when(end, "%d %b %Y, %H:%M", line) if end else None
            workout = LoggedWorkout("hevy", title, started, ended, row.get("description", ""))
            workouts[(row["start_time"], title)] = workout
        kind = HEVY_SET_TYPES.get(row.get("set_type", "normal").strip() or "normal")
        if kind is None:
            raise StrengthLogError(f"line {line}: unknown set type {row['set_type']!r}")
        distance = _number(row.get("distance_km"), line)
        logged = LoggedSet(
            kind=kind,
            weight_kg=_number(row.get("weight_kg"), line),
            reps=_whole(row.get("reps"), line),
            distance_m=round(distance * 1000, 1) if distance else None,
            duration_s=_number(row.get("duration_seconds"), line),
            rpe=_rpe(row.get("rpe"), line),
        )
        _exercise(workout, row["exercise_title"], row.get("exercise_notes", "")).sets.append(logged)
    return _checked(workouts.values())


def _rows(text: str, *, delimiter: str) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS:
            raise StrengthLogError(f"More than {MAX_ROWS:,} rows: split the export.")
        if None in row or any(value is None for value in row.values()):
            raise StrengthLogError(f"line {number}: wrong number of columns")
        yield number, row


def _exercise(workout: LoggedWorkout, name: str, notes: str) -> LoggedExercise:
    name = name.strip()
    if not name:
        raise StrengthLogError("a row without an exercise name")
    if not workout.exercises or workout.exercises[-1].name != name:
        workout.exercises.append(LoggedExercise(name, notes.strip()))
    return workout.exercises[-1]


def _checked(workouts: Iterable[LoggedWorkout]) -> list[LoggedWorkout]:
    found = sorted(workouts, key=lambda w: w.started_at)
    if not found:
        raise StrengthLogError("The export holds no workouts.")
    return found


def _when(value: str, pattern: str, line: int) -> datetime:
    try:
        return datetime.strptime(value.strip(), pattern)
    except ValueError as error:
        raise StrengthLogError(f"line {line}: unreadable date {value!r}") from error


def _duration(value: str, line: int) -> timedelta | None:
    if not value.strip():
        return None
    match = _DURATION.match(value)
    if not match or not any(match.groups()):
        raise StrengthLogError(f"line {line}: unreadable duration {value!r}")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _number(value: str | None, line: int) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError as error:
        raise StrengthLogError(f"line {line}: not a number: {value!r}") from error
    if number < 0 or not math.isfinite(number):
        raise StrengthLogError(f"line {line}: impossible value {value!r}")
    return number


def _whole(value: str | None, line: int) -> int | None:
    number = _number(value, line)
    return None if not number else int(number)


def _rpe(value: str | None, line: int) -> float | None:
    number = _number(value, line)
    if number is not None and not 1 <= number <= 10:
        raise StrengthLogError(f"line {line}: RPE must be 1-10, not {value!r}")
    return number
