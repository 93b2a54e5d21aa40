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


class InvalidProgram(ValueError):
    """What was typed cannot be sent; `field` is the box ("name", "<row id>-sets", ...)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def new_id() -> str:
    return uuid.uuid4().hex[:10]


# ---- words ----


def position_text(program: Program) -> str:
    """ "Week 2 · next: day B · 4 sessions done"."""
    at = program.position
    done = logic.count_text(at.sessions_done, "session") + " done"
    return f"Week {at.week} \u00b7 next: day {at.next_day} \u00b7 {done}"


def program_card(program: Program, names: Mapping[str, str], units: str = METRIC) -> dict[str, str]:
    """A program in the list; its description (the service's words, in kg) in the user's units."""

    def name(exercise_id: str) -> str:
        return names.get(exercise_id) or logic.exercise_name_from_id(exercise_id)

    days = [
        f"Day {day.name}: "
        + ", ".join(f"{name(x.exercise_id)} {x.sets}{logic.TIMES}{x.reps}" for x in day.exercises)
        for day in program.days
    ]
    return {
        "id": program.id,
        "name": program.name,
        "description": u.in_units(program.description, units),
        "days": " | ".join(days),
        "per_week": f"{program.days_per_week} days a week",
        "position": position_text(program),
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


def _whole(text: str, low: int, high: int, field: str, what: str) -> int:
    try:
        value = logic.parse_number(text)
    except ValueError:
        value = None
    if value is None or value != int(value) or not low <= value <= high:
        raise InvalidProgram(field, f"{what}: a whole number from {low} to {high}")
    return int(value)


def _decimal(text: str, low: float, high: float, field: str, what: str) -> float:
    try:
        value = logic.parse_number(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise InvalidProgram(field, f"{what}: {logic.plain(low)} to {logic.plain(high)}")
    return value


def _weight(text: str, top_kg: float, field: str, what: str, units: str) -> float:
    """A weight box (kg or lb) in kg, to the gram, from 0 to `top_kg`."""
    top = round(u.kg_to_shown(top_kg, units), 1)
    shown = _decimal(text or "0", 0, top, field, f"{what} ({u.weight_unit(units)})")
    return min(round(u.weight_to_kg(shown, units), 3), top_kg)


def copy_of(program: Program) -> ProgramDraft:
    """A program (a built-in one) as a new program of one's own, to edit from there."""
    name = f"{program.name} (my copy)"
    return ProgramDraft(name[:120], program.description, program.days_per_week, program.days)


def read_exercise(row: Mapping[str, str], units: str = METRIC) -> ProgramExercise:
    key = row["id"]
    sets = _whole(row["sets"], 1, 20, f"{key}-sets", "Sets")
    reps = _whole(row["reps"], 1, 100, f"{key}-reps", "Reps")
    if row["rule"] == "percent":
        percent = _decimal(row["percent"], 1, 100, f"{key}-percent", "Share of e1RM (%)")
        return ProgramExercise(row["exercise_id"], sets, reps, 0.0, 0.0, percent)
    start = _weight(row["start"], MAX_START_KG, f"{key}-start", "Starting weight", units)
    step = _weight(row["increment"], MAX_INCREMENT_KG, f"{key}-increment", "Increase", units)
    return ProgramExercise(row["exercise_id"], sets, reps, start, step)


def read_program(
    name: str,
    description: str,
    days_per_week: str,
    days: Sequence[Mapping[str, str]],
    rows: Mapping[str, Sequence[Mapping[str, str]]],
    units: str = METRIC,
) -> ProgramDraft:
    """The editor's boxes as a program to send; raises InvalidProgram for the first wrong box."""
    if not name.strip():
        raise InvalidProgram("name", "Give the program a name")
    if len(name.strip()) > 120:
        raise InvalidProgram("name", "Name: at most 120 characters")
    if len(description) > 2000:
        raise InvalidProgram("description", "Description: at most 2000 characters")
    per_week = _whole(days_per_week, 1, 7, "days_per_week", "Days a week")
    if not days:
        raise InvalidProgram("days", "Add at least one day")
    out = []
    for day in days:
        label = day["name"].strip()
        if not label:
            raise InvalidProgram(f"{day['id']}-name", "Give every day a name")
        exercises = rows.get(day["id"], ())
        if not exercises:
            raise InvalidProgram(f"{day['id']}-name", f"Day {label}: add an exercise")
        out.append(ProgramDay(label, tuple(read_exercise(r, units) for r in exercises)))
    return ProgramDraft(name.strip(), description.strip(), per_week, tuple(out))
