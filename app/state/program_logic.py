"""Programs in the UI (pure: no Reflex, no I/O): a program as a card of the list (its days,
where the user is in it), the editor's rows for a program, and the editor's boxes read back
into a program to send (with a clear message for the box that is wrong).

An exercise's progression rule is one of two, as the workouts service applies them:
"linear" (start at a weight; add `increment` kg after a session where every target rep was
made, repeat after a miss, 10 % lighter after three misses) or "percent" (a share of the
estimated 1RM, rounded down to 1.25 kg). The editor's weights are in the user's units (kg or
lb, `units`); the program stores kg.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from app.api.workouts import Program, ProgramDay, ProgramDraft, ProgramExercise
from app.i18n import tr, trn
from app.state import units as u
from app.state import workout_logic as logic
from app.state.units import METRIC

MAX_DAYS = 7
MAX_EXERCISES_PER_DAY = 20
MAX_START_KG = 1000.0  # the service's limits (workouts/models.py)
MAX_INCREMENT_KG = 50.0
# A common linear start: the empty bar and the smallest usual step (20 kg +2.5, 45 lb +5).
LINEAR_START = {u.METRIC: ("20", "2.5"), u.IMPERIAL: ("45", "5")}
DAY_NAMES = "ABCDEFG"
# The training weekdays as the workouts service names them, Monday first.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class InvalidProgram(ValueError):
    """What was typed cannot be sent; `field` is the box ("name", "<row id>-sets", ...)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def new_id() -> str:
    return uuid.uuid4().hex[:10]


# ---- words ----


def position_text(program: Program, language: str = "en") -> str:
    """ "Week 2 · next: day B · 4 sessions done"."""
    at = program.position
    done = trn(language, at.sessions_done, "{n} session done", "{n} sessions done")
    return tr(
        language,
        "Week {week} · next: day {day} · {done}",
        week=at.week,
        day=at.next_day,
        done=done,
    )


def weekday_words(language: str = "en") -> dict[str, tuple[str, str]]:
    """Each weekday's words on the page: short (the list, the toggles) and whole (for screen
    readers)."""
    return {
        "monday": (tr(language, "Mon"), tr(language, "Monday")),
        "tuesday": (tr(language, "Tue"), tr(language, "Tuesday")),
        "wednesday": (tr(language, "Wed"), tr(language, "Wednesday")),
        "thursday": (tr(language, "Thu"), tr(language, "Thursday")),
        "friday": (tr(language, "Fri"), tr(language, "Friday")),
        "saturday": (tr(language, "Sat"), tr(language, "Saturday")),
        "sunday": (tr(language, "Sun"), tr(language, "Sunday")),
    }


def plan_text(schedule: Sequence[str], language: str = "en") -> str:
    """ "Mon · Wed · Fri": a program's training weekdays, Monday first."""
    words = weekday_words(language)
    return " · ".join(words[d][0] for d in WEEKDAYS if d in schedule)


def weekday_toggles(schedule: Sequence[str], language: str = "en") -> list[dict[str, str]]:
    """The editor's seven weekday toggles: value, short label, whole name, on ("1") or off."""
    words = weekday_words(language)
    return [
        {
            "day": day,
            "short": words[day][0],
            "name": words[day][1],
            "on": "1" if day in schedule else "",
        }
        for day in WEEKDAYS
    ]


def toggled(schedule: Sequence[str], day: str) -> list[str]:
    """The weekdays with ``day`` switched on or off, Monday first."""
    chosen = set(schedule) ^ {day}
    return [d for d in WEEKDAYS if d in chosen]


def program_card(
    program: Program, names: Mapping[str, str], units: str = METRIC, language: str = "en"
) -> dict[str, str]:
    """A program in the list; its name and description are the service's words (the
    built-in programs' in English), the description's amounts in the user's units."""

    def name(exercise_id: str) -> str:
        return names.get(exercise_id) or logic.exercise_name_from_id(exercise_id)

    days = [
        tr(
            language,
            "Day {day}: {exercises}",
            day=day.name,
            exercises=", ".join(
                f"{name(x.exercise_id)} {x.sets}{logic.TIMES}{x.reps}" for x in day.exercises
            ),
        )
        for day in program.days
    ]
    return {
        "id": program.id,
        "name": program.name,
        "description": u.in_units(program.description, units),
        "days": " | ".join(days),
        "per_week": trn(language, program.days_per_week, "{n} day a week", "{n} days a week"),
        "plan": tr(
            language, "Training weekdays: {plan}", plan=plan_text(program.schedule, language)
        ),
        "position": position_text(program, language),
        "own": "1" if program.own else "",
        "dom_id": program.id.replace(":", "-"),
    }


# ---- the editor ----


def new_row(exercise_id: str, name: str, units: str = METRIC) -> dict[str, str]:
    """An exercise just picked: 3 sets of 5 from the empty bar (20 kg +2.5 / 45 lb +5)."""
    start, increment = LINEAR_START.get(units, LINEAR_START[METRIC])
    return {
        "id": new_id(),
        "exercise_id": exercise_id,
        "name": name,
        "sets": "3",
        "reps": "5",
        "start": start,
        "rule": "linear",
        "increment": increment,
        "percent": "80",
        "error": "",
        "error_field": "",
    }


def new_day(existing: Sequence[Mapping[str, str]]) -> dict[str, str]:
    taken = {d["name"] for d in existing}
    name = next((n for n in DAY_NAMES if n not in taken), str(len(existing) + 1))
    return {"id": new_id(), "name": name}


def editor_form(
    program: Program, names: Mapping[str, str], units: str = METRIC
) -> tuple[list[dict[str, str]], dict[str, list[dict[str, str]]]]:
    """The editor's days and each day's exercise rows for an existing program."""
    days: list[dict[str, str]] = []
    rows: dict[str, list[dict[str, str]]] = {}
    for day in program.days:
        day_id = new_id()
        days.append({"id": day_id, "name": day.name})
        rows[day_id] = []
        for x in day.exercises:
            row = new_row(
                x.exercise_id,
                names.get(x.exercise_id) or logic.exercise_name_from_id(x.exercise_id),
                units,
            )
            row.update(
                sets=str(x.sets),
                reps=str(x.reps),
                start=logic.weight_box(x.start_weight_kg, units),
                rule="percent" if x.percent_e1rm else "linear",
                increment=logic.weight_box(x.increment_kg, units),
                percent=logic.plain(x.percent_e1rm) if x.percent_e1rm else "80",
            )
            rows[day_id].append(row)
    return days, rows


def _whole(text: str, low: int, high: int, field: str, what: str, language: str = "en") -> int:
    try:
        value = logic.parse_number(text)
    except ValueError:
        value = None
    if value is None or value != int(value) or not low <= value <= high:
        raise InvalidProgram(
            field,
            tr(
                language,
                "{what}: a whole number from {low} to {high}",
                what=what,
                low=low,
                high=high,
            ),
        )
    return int(value)


def _decimal(
    text: str, low: float, high: float, field: str, what: str, language: str = "en"
) -> float:
    try:
        value = logic.parse_number(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise InvalidProgram(
            field,
            tr(
                language,
                "{what}: {low} to {high}",
                what=what,
                low=logic.box_text(logic.plain(low), language),
                high=logic.box_text(logic.plain(high), language),
            ),
        )
    return value


def _weight(
    text: str, top_kg: float, field: str, what: str, units: str, language: str = "en"
) -> float:
    """A weight box (kg or lb) in kg, to the gram, from 0 to `top_kg`."""
    top = round(u.kg_to_shown(top_kg, units), 1)
    unit = logic.unit_word(u.weight_unit(units), language)
    shown = _decimal(text or "0", 0, top, field, f"{what} ({unit})", language)
    return min(round(u.weight_to_kg(shown, units), 3), top_kg)


def copy_of(program: Program, language: str = "en") -> ProgramDraft:
    """A program (a built-in one) as a new program of one's own, to edit from there."""
    name = tr(language, "{name} (my copy)", name=program.name)
    return ProgramDraft(
        name[:120], program.description, program.days_per_week, program.days, program.schedule
    )


def read_exercise(
    row: Mapping[str, str], units: str = METRIC, language: str = "en"
) -> ProgramExercise:
    key = row["id"]
    sets = _whole(row["sets"], 1, 20, f"{key}-sets", tr(language, "Sets"), language)
    reps = _whole(row["reps"], 1, 100, f"{key}-reps", tr(language, "Reps"), language)
    if row["rule"] == "percent":
        percent = _decimal(
            row["percent"],
            1,
            100,
            f"{key}-percent",
            tr(language, "Share of e1RM (%)"),
            language,
        )
        return ProgramExercise(row["exercise_id"], sets, reps, 0.0, 0.0, percent)
    start = _weight(
        row["start"],
        MAX_START_KG,
        f"{key}-start",
        tr(language, "Starting weight"),
        units,
        language,
    )
    step = _weight(
        row["increment"],
        MAX_INCREMENT_KG,
        f"{key}-increment",
        tr(language, "Increase"),
        units,
        language,
    )
    return ProgramExercise(row["exercise_id"], sets, reps, start, step)


def read_program(
    name: str,
    description: str,
    days_per_week: str,
    days: Sequence[Mapping[str, str]],
    rows: Mapping[str, Sequence[Mapping[str, str]]],
    units: str = METRIC,
    language: str = "en",
    schedule: Sequence[str] = (),
) -> ProgramDraft:
    """The editor's boxes as a program to send; raises InvalidProgram for the first wrong box."""
    if not name.strip():
        raise InvalidProgram("name", tr(language, "Give the program a name"))
    if len(name.strip()) > 120:
        raise InvalidProgram("name", tr(language, "Name: at most 120 characters"))
    if len(description) > 2000:
        raise InvalidProgram("description", tr(language, "Description: at most 2000 characters"))
    per_week = _whole(days_per_week, 1, 7, "days_per_week", tr(language, "Days a week"), language)
    if schedule and len(schedule) != per_week:
        raise InvalidProgram(
            "schedule",
            trn(
                language,
                per_week,
                "Training weekdays: choose {n} day, one per session of the week (or none)",
                "Training weekdays: choose {n} days, one per session of the week (or none)",
            ),
        )
    if not days:
        raise InvalidProgram("days", tr(language, "Add at least one day"))
    out = []
    for day in days:
        label = day["name"].strip()
        if not label:
            raise InvalidProgram(f"{day['id']}-name", tr(language, "Give every day a name"))
        exercises = rows.get(day["id"], ())
        if not exercises:
            raise InvalidProgram(
                f"{day['id']}-name", tr(language, "Day {day}: add an exercise", day=label)
            )
        out.append(ProgramDay(label, tuple(read_exercise(r, units, language) for r in exercises)))
    return ProgramDraft(name.strip(), description.strip(), per_week, tuple(out), tuple(schedule))
