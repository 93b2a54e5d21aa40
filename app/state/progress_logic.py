"""The progress page's numbers (pure: no Reflex, no I/O): the range picker's periods, the
exercises one can look at, an exercise's sessions as chart and table rows, and the weekly sets
and volume per muscle group.

Volume and sets count working sets only (warm-ups do not), as the tracker and the service do;
the e1RM is the service's (its formula is named on the page). Rows keep kg; the texts are in
the user's units (`units`, app/state/units.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from app.api.parsing import EARLIEST_DAY
from app.api.workouts import ExerciseProgress, Workout
from app.state import units as u
from app.state import workout_logic as logic
from app.state.dashboard import day_label
from app.state.units import METRIC

# (key, label, days back; None = everything)
RANGES: tuple[tuple[str, str, int | None], ...] = (
    ("4w", "4 weeks", 28),
    ("3m", "3 months", 91),
    ("1y", "1 year", 365),
    ("all", "All", None),
)
DEFAULT_RANGE = "3m"
# "All" asks the service from this day (the earliest a stored date may be).
ALL_FROM = EARLIEST_DAY
_DAYS = {key: days for key, _, days in RANGES}


def range_start(key: str, today: dt.date) -> dt.date:
    """The first day of the period `key` ends today with (unknown keys: the default)."""
    days = _DAYS.get(key, _DAYS[DEFAULT_RANGE])
    return ALL_FROM if days is None else today - dt.timedelta(days=days - 1)


def valid_range(key: str) -> str:
    return key if key in _DAYS else DEFAULT_RANGE


def exercise_options(workouts: Iterable[Workout]) -> list[dict[str, str]]:
    """Strength exercises of the completed workouts, the most recently done first."""
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    done = sorted(
        (w for w in workouts if w.completed),
        key=lambda w: w.started_at or epoch,
        reverse=True,
    )
    seen: dict[str, str] = {}
    for workout in done:
        for entry in workout.exercises:
            if entry.set_kind == "strength" and entry.sets:
                seen.setdefault(entry.exercise_id, entry.name)
    return [{"id": k, "name": v} for k, v in seen.items()]


@dataclasses.dataclass
class SessionRow:
    """One session of the chosen exercise (chart x = date)."""

    date: str
    label: str
    best_set: str  # "62.5 kg x 5" (with the multiplication sign)
    e1rm_kg: float | None
    volume_kg: float
    workout_id: str


def session_rows(progress: ExerciseProgress, units: str = METRIC) -> list[SessionRow]:
    rows = []
    for s in sorted(progress.sessions, key=lambda s: s.local_date):
        best = ""
        if s.best_reps is not None:
            best = logic.set_text({"reps": s.best_reps, "weight_kg": s.best_weight_kg or 0}, units)
        rows.append(
            SessionRow(
                date=s.local_date.isoformat(),
                label=day_label(s.local_date),
                best_set=best,
                e1rm_kg=s.e1rm_kg,
                volume_kg=s.volume_kg,
                workout_id=s.workout_id,
            )
        )
    return rows


def session_table(rows: Sequence[SessionRow], units: str = METRIC) -> list[list[str]]:
    """Newest first: day, best set, e1RM, volume."""
    return [
        [
            r.label,
            r.best_set or "\u2013",
            u.weight_text(r.e1rm_kg, units),
            u.weight_text(r.volume_kg, units),
        ]
        for r in reversed(rows)
    ]


def best_sets(
    rows: Sequence[SessionRow], count: int = 5, units: str = METRIC
) -> list[dict[str, str]]:
    """The sessions with the highest e1RM (ties: the earlier one), best first."""
    ranked = sorted(
        (r for r in rows if r.e1rm_kg is not None), key=lambda r: (-(r.e1rm_kg or 0), r.date)
    )
    return [
        {"label": r.label, "set": r.best_set, "e1rm": u.weight_text(r.e1rm_kg, units)}
        for r in ranked[:count]
    ]


def latest_e1rm_text(rows: Sequence[SessionRow], units: str = METRIC) -> str:
    """ "45.8 kg" of the newest session with an estimate, a dash without one."""
    known = [r for r in rows if r.e1rm_kg is not None]
    return u.weight_text(known[-1].e1rm_kg, units) if known else "\u2013"


def change_text(rows: Sequence[SessionRow], units: str = METRIC) -> str:
    """The e1RM's change over the period: "+4.2 kg since Mon 3 Nov"."""
    known = [r for r in rows if r.e1rm_kg is not None]
    if len(known) < 2:
        return ""
    delta = (known[-1].e1rm_kg or 0) - (known[0].e1rm_kg or 0)
    sign = "+" if delta >= 0 else "\u2212"
    return f"{sign}{u.weight_text(abs(delta), units)} since {known[0].label}"


@dataclasses.dataclass
class MuscleWeeks:
    """Per ISO week (x = its Monday) and muscle group: working sets and volume (kg)."""

    weeks: list[str]  # ISO dates of the Mondays, oldest first
    labels: list[str]  # "W49 · 1 Dec"
    muscles: list[str]  # most trained first (by sets over the period)
    sets: dict[str, list[int]]  # muscle -> one count per week
    volume: dict[str, list[float]]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def muscle_weeks(workouts: Iterable[Workout], start: dt.date, end: dt.date) -> MuscleWeeks:
    """Completed workouts whose day is in [start, end], by week and primary muscle. A set of
    an exercise with two primary muscles counts for both (as the service's volume does)."""
    sets: dict[tuple[dt.date, str], int] = {}
    volume: dict[tuple[dt.date, str], float] = {}
    weeks: set[dt.date] = set()
    for workout in workouts:
        day = workout.local_date
        if not workout.completed or day is None or not start <= day <= end:
            continue
        week = _monday(day)
        for entry in workout.exercises:
            if entry.set_kind != "strength":
                continue
            working = [s for s in entry.sets if s.get("set_type", "working") in logic.WORKING_TYPES]
            if not working:
                continue
            weeks.add(week)
            for muscle in entry.muscles or ("other",):
                sets[week, muscle] = sets.get((week, muscle), 0) + len(working)
                volume[week, muscle] = round(
                    volume.get((week, muscle), 0.0) + logic.volume(working), 3
                )
    ordered = sorted(weeks)
    totals: dict[str, int] = {}
    for (_, muscle), count in sets.items():
        totals[muscle] = totals.get(muscle, 0) + count
    muscles = sorted(totals, key=lambda m: (-totals[m], m))
    return MuscleWeeks(
        weeks=[w.isoformat() for w in ordered],
        labels=[f"W{w.isocalendar().week:02d} \u00b7 {w.day} {w.strftime('%b')}" for w in ordered],
        muscles=muscles,
        sets={m: [sets.get((w, m), 0) for w in ordered] for m in muscles},
        volume={m: [volume.get((w, m), 0.0) for w in ordered] for m in muscles},
    )


def muscle_table(weeks: MuscleWeeks, units: str = METRIC) -> list[list[str]]:
    """Muscle group, its sets over the period, its volume over the period, weekly average."""
    count = max(len(weeks.weeks), 1)
    rows = []
    for muscle in weeks.muscles:
        total_sets = sum(weeks.sets[muscle])
        rows.append(
            [
                muscle.capitalize(),
                str(total_sets),
                u.weight_text(sum(weeks.volume[muscle]), units),
                f"{total_sets / count:.1f}",
            ]
        )
    return rows
