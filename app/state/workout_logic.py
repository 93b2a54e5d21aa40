"""Pure logic of the workout tracker (no I/O, no Reflex): parsing what was typed into a set row,
volume and e1RM as shown, the rows of a workout, "last time" hints, the rest timer, and the
words for a program's progression rule and a finished workout's summary.

Formulas (docs/DOMAIN.md): volume = Σ reps x weight over working sets; e1RM = mean of Epley
w·(1 + r/30) and Brzycki w·36/(37 - r), not estimated above 12 reps (the service's rule).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

E1RM_MAX_REPS = 12
TIMES = "\u00d7"  # "60 kg x 5" as people write it
REST_SECONDS = 120  # between sets: ACSM's 2-3 min for strength work, the common app default
SET_TYPES: tuple[tuple[str, str], ...] = (
    ("warm_up", "Warm-up"),
    ("working", "Working"),
    ("drop", "Drop"),
    ("failure", "Failure"),
)
WORKING_TYPES = frozenset({"working", "drop", "failure"})
RULE_WORDS = {
    "start": "first time: the program's starting weight",
    "progress": "every target rep made last time: weight up",
    "repeat": "a target was missed last time: same weight again",
    "deload": "three misses in a row at this weight: 10 % lighter",
    "percent_e1rm": "a share of your estimated 1RM",
}
WEIGHT_SOURCE_WORDS = {
    "workout": "entered for this workout",
    "users_service": "your logged weight that day",
    "profile": "your last logged weight",
    "profile_latest": "your latest logged weight",
    "none": "no body weight known",
}


class InvalidSet(ValueError):
    """What was typed cannot be a set; `field` says which box, the message what to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


# ---- numbers as typed ----


def parse_number(text: str) -> float | None:
    """ "62,5" and "62.5" are both 62.5; empty is None; anything else raises ValueError."""
    cleaned = text.strip().replace(",", ".").replace(" ", "")
    if not cleaned:
        return None
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def plain(value: float | None) -> str:
    """A number for an input box: 62.5, 60 (no ".0"), "" for None."""
    if value is None:
        return ""
    rounded = round(value, 2)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:g}"


def parse_strength_set(weight: str, reps: str, rpe: str, set_type: str) -> dict[str, Any]:
    """The body of a strength set from a row's boxes (kg, reps, RPE, type)."""
    try:
        kg = parse_number(weight)
    except ValueError:
        raise InvalidSet("weight", "Weight: a number of kg, e.g. 62.5") from None
    if kg is not None and not 0 <= kg <= 1000:
        raise InvalidSet("weight", "Weight: 0 to 1000 kg")
    try:
        count = parse_number(reps)
    except ValueError:
        count = -1.0
    if count is None:
        raise InvalidSet("reps", "Enter the reps")
    if count != int(count) or not 0 <= count <= 1000:
        raise InvalidSet("reps", "Reps: a whole number")
    try:
        effort = parse_number(rpe)
    except ValueError:
        effort = -1.0
    if effort is not None and not 1 <= effort <= 10:
        raise InvalidSet("rpe", "RPE: 1 to 10")
    body: dict[str, Any] = {
        "kind": "strength",
        "reps": int(count),
        "weight_kg": kg or 0.0,
        "set_type": set_type if set_type in dict(SET_TYPES) else "working",
    }
    if effort is not None:
        body["rpe"] = effort
    return body


def parse_body_weight(text: str) -> float | None:
    """Today's body weight for the calories (optional: empty uses the logged weight)."""
    try:
        kg = parse_number(text)
    except ValueError:
        kg = -1.0
    if kg is not None and not 20 < kg <= 400:
        raise InvalidSet("body_weight", "Body weight: 20 to 400 kg")
    return kg


def parse_cardio_set(minutes: str, km: str) -> dict[str, Any]:
    """A cardio interval from minutes (e.g. "25" or "25:30") and kilometres (optional)."""
    text = minutes.strip()
    try:
        if ":" in text:
            mm, ss = text.split(":", 1)
            seconds = int(mm or 0) * 60 + int(ss or 0)
        else:
            value = parse_number(text)
            seconds = round((value or 0) * 60)
    except ValueError:
        raise InvalidSet("duration", "Time: minutes, e.g. 25 or 25:30") from None
    if not 1 <= seconds <= 24 * 3600:
        raise InvalidSet("duration", "Enter the time in minutes")
    try:
        distance = parse_number(km)
    except ValueError:
        raise InvalidSet("distance", "Distance: a number of km") from None
    if distance is not None and not 0 <= distance <= 1000:
        raise InvalidSet("distance", "Distance: 0 to 1000 km")
    body: dict[str, Any] = {"kind": "cardio", "duration_s": seconds}
    if distance:
        body["distance_m"] = round(distance * 1000, 1)
    return body


def minutes_text(seconds: float | None) -> str:
    """Seconds as a time box shows them: 1530 → "25:30", 1500 → "25"."""
    if not seconds:
        return ""
    whole = round(seconds)
    mm, ss = divmod(whole, 60)
    return f"{mm}" if ss == 0 else f"{mm}:{ss:02d}"


# ---- strength numbers ----


def estimated_one_rep_max(weight_kg: float, reps: int) -> float | None:
    """Mean of Epley and Brzycki; None for no weight, no reps or more than 12 reps."""
    if weight_kg <= 0 or reps <= 0 or reps > E1RM_MAX_REPS:
        return None
    if reps == 1:
        return round(weight_kg, 2)
    epley = weight_kg * (1 + reps / 30)
    brzycki = weight_kg * 36 / (37 - reps)
    return round((epley + brzycki) / 2, 2)


def e1rm_text(weight_kg: float, reps: int) -> str:
    value = estimated_one_rep_max(weight_kg, reps)
    return "" if value is None else f"e1RM {value:.1f} kg"


def set_volume(s: Mapping[str, Any]) -> float:
    """reps x kg of a working set (warm-ups do not count)."""
    if s.get("set_type", "working") not in WORKING_TYPES:
        return 0.0
    return float(s.get("reps") or 0) * float(s.get("weight_kg") or 0)


def volume(sets: Iterable[Mapping[str, Any]]) -> float:
    return round(sum(set_volume(s) for s in sets), 3)


def kg_number(value: float) -> str:
    """A weight to read (not to edit): 0.1 kg, thousands separated: 1,217.5 / 83.1 / 60."""
    return f"{round(value, 1):,.1f}".removesuffix(".0")


def kg_text(value: float | None) -> str:
    return "—" if value is None else f"{kg_number(value)} kg"


def set_text(s: Mapping[str, Any]) -> str:
    """ "60 kg x 5" / "25 min · 5 km"."""
    if "reps" in s:
        kg = float(s.get("weight_kg") or 0)
        return f"{plain(kg)} kg {TIMES} {s.get('reps')}" if kg else f"{s.get('reps')} reps"
    parts = [f"{minutes_text(s.get('duration_s'))} min"] if s.get("duration_s") else []
    if s.get("distance_m"):
        parts.append(f"{plain(float(s['distance_m']) / 1000)} km")
    return " · ".join(parts)


# ---- the rows of a workout ----


@dataclass(frozen=True)
class EntryView:
    """What the tracker needs of one exercise in the workout (built from the API's shape)."""

    id: str
    exercise_id: str
    name: str
    set_kind: str  # strength | cardio | sport
    sets: Sequence[Mapping[str, Any]]
    target_sets: int = 0
    target_reps: int = 0
    target_weight_kg: float | None = None
    target_rule: str = ""


def logged_row(entry: EntryView, s: Mapping[str, Any]) -> dict[str, str]:
    working = s.get("set_type", "working") in WORKING_TYPES
    return {
        "e1rm": e1rm_text(float(s.get("weight_kg") or 0), int(s.get("reps") or 0))
        if "reps" in s and working
        else "",
        "set_id": str(s.get("id", "")),
        "done": "1",
        "weight": plain(s.get("weight_kg")) if "reps" in s else "",
        "reps": str(s.get("reps", "")),
        "rpe": plain(s.get("rpe")),
        "set_type": str(s.get("set_type", "working")),
        "duration": minutes_text(s.get("duration_s")),
        "distance": plain(float(s["distance_m"]) / 1000) if s.get("distance_m") else "",
        "error": "",
        "error_field": "",
    }


def draft_row(weight: str = "", reps: str = "", set_type: str = "working") -> dict[str, str]:
    return {
        "e1rm": "",
        "set_id": "",
        "done": "",
        "weight": weight,
        "reps": reps,
        "rpe": "",
        "set_type": set_type,
        "duration": "",
        "distance": "",
        "error": "",
        "error_field": "",  # the box the error is about (marked invalid)
    }


def first_drafts(
    entry: EntryView, last_time: Sequence[Mapping[str, Any]] = ()
) -> list[dict[str, str]]:
    """The rows a new exercise starts with: the program's target sets, else last time's sets
    as they were, else one empty row."""
    if entry.target_sets:
        missing = max(entry.target_sets - len(entry.sets), 0)
        weight = plain(entry.target_weight_kg) if entry.target_weight_kg else ""
        return [draft_row(weight, str(entry.target_reps or "")) for _ in range(missing)]
    if entry.sets:
        return []
    if last_time and entry.set_kind == "strength":
        return [
            draft_row(plain(s.get("weight_kg")), str(s.get("reps", "")), s.get("set_type", ""))
            for s in last_time
        ]
    return [draft_row()]


def numbered_rows(
    entries: Sequence[EntryView],
    drafts: Mapping[str, Sequence[Mapping[str, str]]],
    last_time: Mapping[str, Sequence[Mapping[str, Any]]],
) -> dict[str, list[dict[str, str]]]:
    """Each entry's rows (logged sets, then drafts), numbered 1… through the whole workout so
    every box has one stable id (`set-<n>-weight`); `hint` is the same set last time."""
    out: dict[str, list[dict[str, str]]] = {}
    n = 0
    for entry in entries:
        rows = [logged_row(entry, s) for s in entry.sets]
        rows += [dict(d) for d in drafts.get(entry.id, ())]
        previous = last_time.get(entry.exercise_id, ())
        for index, row in enumerate(rows):
            n += 1
            row["n"] = str(n)
            row["key"] = f"{entry.id}:{index}"
            row["entry_id"] = entry.id
            row["kind"] = entry.set_kind
            row["label"] = str(index + 1)
            row["hint"] = set_text(previous[index]) if index < len(previous) else ""
        out[entry.id] = rows
    return out


def last_sets_by_exercise(
    workouts: Iterable[Any], *, exclude_id: str = ""
) -> dict[str, list[dict[str, Any]]]:
    """Each exercise's sets in the most recent completed workout that has it. `workouts` are
    `app.api.workouts.Workout`s (any order)."""
    done = sorted(
        (w for w in workouts if w.completed and w.id != exclude_id),
        key=lambda w: w.started_at or dt.datetime.min.replace(tzinfo=dt.UTC),
        reverse=True,
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for workout in done:
        for entry in workout.exercises:
            if entry.exercise_id not in found and entry.sets:
                found[entry.exercise_id] = [dict(s) for s in entry.sets]
    return found


def recent_exercise_ids(workouts: Iterable[Any], limit: int = 8) -> list[str]:
    """Exercises of the newest workouts first, each once (the picker lists them first)."""
    ordered = sorted(
        workouts,
        key=lambda w: w.started_at or dt.datetime.min.replace(tzinfo=dt.UTC),
        reverse=True,
    )
    seen: dict[str, None] = {}
    for workout in ordered:
        for entry in workout.exercises:
            seen.setdefault(entry.exercise_id, None)
    return list(seen)[:limit]


def recent_first(rows: Sequence[Mapping[str, str]], recent: Sequence[str]) -> list[dict[str, str]]:
    """Search results with the recently used exercises on top (otherwise in their order)."""
    rank = {exercise_id: n for n, exercise_id in enumerate(recent)}
    return [
        dict(r)
        for r in sorted(rows, key=lambda r: rank.get(r["id"], len(rank)))  # stable sort
    ]


def move(items: Sequence[str], item: str, step: int) -> list[str]:
    """`items` with `item` moved `step` places (-1 up, +1 down), kept inside the list."""
    order = list(items)
    if item not in order:
        return order
    at = order.index(item)
    to = min(max(at + step, 0), len(order) - 1)
    order.insert(to, order.pop(at))
    return order


# ---- rest timer ----


def rest_end(now: dt.datetime, seconds: int = REST_SECONDS) -> float:
    """The instant the rest is over, as a Unix time (what the browser stores)."""
    return now.timestamp() + seconds


def rest_remaining(end_unix: float | None, now: dt.datetime) -> int:
    """Whole seconds of rest left (0 when over or never started)."""
    if not end_unix:
        return 0
    return max(0, int(end_unix - now.timestamp() + 0.999))


def clock_text(seconds: int) -> str:
    mm, ss = divmod(max(seconds, 0), 60)
    return f"{mm}:{ss:02d}"


def encode_rest(workout_id: str, end_unix: float) -> str:
    return f"{workout_id}|{end_unix:.0f}"


def decode_rest(stored: str, workout_id: str) -> float | None:
    """The end of the rest stored for this workout (None if it belongs to another)."""
    owner, _, end = stored.partition("|")
    if owner != workout_id or not end:
        return None
    try:
        return float(end)
    except ValueError:
        return None


# ---- words ----


def rule_text(rule: str, weight_kg: float | None, reps: int, sets: int) -> str:
    """ "3 x 5 at 42.5 kg — every target rep made last time: weight up"."""
    target = f"{sets} {TIMES} {reps}"
    if weight_kg:
        target += f" at {plain(weight_kg)} kg"
    why = RULE_WORDS.get(rule, "")
    return f"{target} — {why}" if why else target


def count_text(count: int, noun: str) -> str:
    """ "1 set", "3 sets"."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def duration_text(seconds: float) -> str:
    if seconds < 60:
        return f"{max(round(seconds), 0)} s"
    minutes = round(seconds / 60)
    hours, mins = divmod(minutes, 60)
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"


def exercise_name_from_id(exercise_id: str) -> str:
    """ "builtin:barbell-back-squat" → "Barbell back squat" (a program lists ids only)."""
    slug = exercise_id.split(":", 1)[-1].replace("-", " ")
    return slug[:1].upper() + slug[1:]


def record_text(kind: str, value: float, previous: float | None, reps: int | None) -> str:
    """A personal record in words: "e1RM 70.2 kg (was 66.0)"."""
    what = {  # the kinds the service detects (workouts/domain.py)
        "e1rm": "Estimated 1RM",
        "weight_at_reps": f"Heaviest for {reps} reps" if reps else "Heaviest set",
        "volume": "Most volume",
    }.get(kind, kind.replace("_", " ").capitalize())
    was = f" (was {kg_number(previous)} kg)" if previous else " (first time)"
    return f"{what}: {kg_number(value)} kg{was}"
