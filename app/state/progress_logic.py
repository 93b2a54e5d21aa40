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
from app.i18n import tr
from app.i18n.formats import fmt_date
from app.state import workout_logic as logic
from app.state.units import METRIC

# (key, days back; None = everything); the page names them
RANGES: tuple[tuple[str, int | None], ...] = (("4w", 28), ("3m", 91), ("1y", 365), ("all", None))
DEFAULT_RANGE = "3m"
# "All" asks the service from this day (the earliest a stored date may be).
ALL_FROM = EARLIEST_DAY
_DAYS = dict(RANGES)


def range_start(key: str, today: dt.date) -> dt.date:
    """The first day of the period `key` ends today with (unknown keys: the default)."""
    days = _DAYS.get(key, _DAYS[DEFAULT_RANGE])
    return ALL_FROM if days is None else today - dt.timedelta(days=days - 1)


def valid_range(key: str) -> str:
    return key if key in _DAYS else DEFAULT_RANGE


def exercise_options(
    workouts: Iterable[Workout], names: dict[str, str] | None = None
) -> list[dict[str, str]]:
    """Strength exercises of the completed workouts, the most recently done first (`names`:
    by id, in the page's language; else the workouts' own names)."""
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
    return [{"id": k, "name": (names or {}).get(k, v)} for k, v in seen.items()]


@dataclasses.dataclass
class SessionRow:
    """One session of the chosen exercise (chart x = date)."""

    date: str
    label: str
    best_set: str  # "62.5 kg x 5" (with the multiplication sign)
    e1rm_kg: float | None
    volume_kg: float
    workout_id: str


def session_rows(
    progress: ExerciseProgress, units: str = METRIC, language: str = "en"
) -> list[SessionRow]:
    rows = []
    for s in sorted(progress.sessions, key=lambda s: s.local_date):
        best = ""
        if s.best_reps is not None:
            best = logic.set_text(
                {"reps": s.best_reps, "weight_kg": s.best_weight_kg or 0}, units, language
            )
        rows.append(
            SessionRow(
                date=s.local_date.isoformat(),
                label=fmt_date(language, s.local_date, "day"),
                best_set=best,
                e1rm_kg=s.e1rm_kg,
                volume_kg=s.volume_kg,
                workout_id=s.workout_id,
            )
        )
    return rows


def session_table(
    rows: Sequence[SessionRow], units: str = METRIC, language: str = "en"
) -> list[list[str]]:
    """Newest first: day, best set, e1RM, volume."""
    return [
        [
            r.label,
            r.best_set or "\u2013",
            logic.weight_text(r.e1rm_kg, units, language),
            logic.weight_text(r.volume_kg, units, language),
        ]
        for r in reversed(rows)
    ]


def best_sets(
    rows: Sequence[SessionRow], count: int = 5, units: str = METRIC, language: str = "en"
) -> list[dict[str, str]]:
    """The sessions with the highest e1RM (ties: the earlier one), best first."""
    ranked = sorted(
        (r for r in rows if r.e1rm_kg is not None), key=lambda r: (-(r.e1rm_kg or 0), r.date)
    )
    return [
        {"label": r.label, "set": r.best_set, "e1rm": logic.weight_text(r.e1rm_kg, units, language)}
        for r in ranked[:count]
    ]


def latest_e1rm_text(rows: Sequence[SessionRow], units: str = METRIC, language: str = "en") -> str:
    """ "45.8 kg" of the newest session with an estimate, a dash without one."""
    known = [r for r in rows if r.e1rm_kg is not None]
    return logic.weight_text(known[-1].e1rm_kg, units, language) if known else "\u2013"


def change_text(rows: Sequence[SessionRow], units: str = METRIC, language: str = "en") -> str:
    """The e1RM's change over the period: "+4.2 kg since Mon 3 Nov"."""
    known = [r for r in rows if r.e1rm_kg is not None]
    if len(known) < 2:
        return ""
    delta = (known[-1].e1rm_kg or 0) - (known[0].e1rm_kg or 0)
    sign = "+" if delta >= 0 else "\u2212"
    return tr(
        language,
        "{change} since {day}",
        change=f"{sign}{logic.weight_text(abs(delta), units, language)}",
        day=known[0].label,
    )


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


def muscle_weeks(
    workouts: Iterable[Workout], start: dt.date, end: dt.date, language: str = "en"
) -> MuscleWeeks:
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
    # The muscle groups by name: the catalog's word in English, its Russian name in Russian
    # (charts and the table show them capitalized).
    words = logic.vocabulary(language) if language == "ru" else {}
    named = {m: words.get(m, m) for m in muscles}
    return MuscleWeeks(
        weeks=[w.isoformat() for w in ordered],
        labels=[
            tr(
                language,
                "W{week} · {day}",
                week=f"{w.isocalendar().week:02d}",
                day=fmt_date(language, w, "day_month"),
            )
            for w in ordered
        ],
        muscles=[named[m] for m in muscles],
        sets={named[m]: [sets.get((w, m), 0) for w in ordered] for m in muscles},
        volume={named[m]: [volume.get((w, m), 0.0) for w in ordered] for m in muscles},
    )


def muscle_table(weeks: MuscleWeeks, units: str = METRIC, language: str = "en") -> list[list[str]]:
    """Muscle group, its sets over the period, its volume over the period, weekly average."""
    count = max(len(weeks.weeks), 1)
    rows = []
    for muscle in weeks.muscles:
        total_sets = sum(weeks.sets[muscle])
        rows.append(
            [
                muscle.capitalize(),
                str(total_sets),
                logic.weight_text(sum(weeks.volume[muscle]), units, language),
                f"{total_sets / count:.1f}".replace(".", "," if language == "ru" else "."),
            ]
        )
    return rows
