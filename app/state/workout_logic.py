"""Pure logic of the workout tracker (no I/O, no Reflex): parsing what was typed into a set row,
volume and e1RM as shown, the rows of a workout, "last time" hints, the rest timer, and the
words for a program's progression rule and a finished workout's summary.

Formulas (docs/DOMAIN.md): volume = Σ reps x weight over working sets; e1RM = mean of Epley
w·(1 + r/30) and Brzycki w·36/(37 - r), not estimated above 12 reps (the service's rule).
Weights and distances are stored in kg and m; what a row shows and takes is in the user's units
(`units`: app/state/units.py, metric by default).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.i18n import tr, trn
from app.i18n.formats import fmt_number
from app.state import units as u
from app.state.units import METRIC, distance_text, weight_text

E1RM_MAX_REPS = 12
MAX_LIFT_KG = 1000.0  # the service's limits (workouts/models.py)
MAX_DISTANCE_M = 1_000_000.0
BODY_WEIGHT_KG = (20.0, 400.0)  # above the first, up to the second
TIMES = "\u00d7"  # "60 kg x 5" as people write it
REST_SECONDS = 120  # between sets: ACSM's 2-3 min for strength work, the common app default
SET_TYPES: tuple[str, ...] = ("warm_up", "working", "drop", "failure")
WORKING_TYPES = frozenset({"working", "drop", "failure"})


def rule_words(rule: str, language: str = "en") -> str:
    """Why a program's target is that weight, in words ("" for an unknown rule)."""
    words = {
        "start": tr(language, "first time: the program's starting weight"),
        "progress": tr(language, "every target rep made last time: weight up"),
        "repeat": tr(language, "a target was missed last time: same weight again"),
        "deload": tr(language, "three misses in a row at this weight: 10 % lighter"),
        "percent_e1rm": tr(language, "a share of your estimated 1RM"),
    }
    return words.get(rule, "")


def weight_source_words(source: str, language: str = "en") -> str:
    """Where a finished workout's body weight came from, in words."""
    words = {
        "workout": tr(language, "entered for this workout"),
        "users_service": tr(language, "your logged weight that day"),
        "users_copy": tr(language, "your last logged weight"),
        "users_copy_latest": tr(language, "your next logged weight"),
        # workouts completed before decision 0010 (workouts' own weight log)
        "profile": tr(language, "your last logged weight"),
        "profile_latest": tr(language, "your latest logged weight"),
        "none": tr(language, "no body weight known"),
    }
    return words.get(source, "")


def vocabulary(language: str) -> dict[str, str]:
    """The catalog's muscle groups, equipment and categories as `language` names them."""
    return {
        "abdominals": tr(language, "Abdominals"),
        "biceps": tr(language, "Biceps"),
        "calves": tr(language, "Calves"),
        "chest": tr(language, "Chest"),
        "forearms": tr(language, "Forearms"),
        "glutes": tr(language, "Glutes"),
        "hamstrings": tr(language, "Hamstrings"),
        "lats": tr(language, "Lats"),
        "lower back": tr(language, "Lower back"),
        "middle back": tr(language, "Middle back"),
        "quadriceps": tr(language, "Quadriceps"),
        "shoulders": tr(language, "Shoulders"),
        "traps": tr(language, "Traps"),
        "triceps": tr(language, "Triceps"),
        "neck": tr(language, "Neck"),
        "adductors": tr(language, "Adductors"),
        "abductors": tr(language, "Abductors"),
        "barbell": tr(language, "Barbell"),
        "dumbbell": tr(language, "Dumbbell"),
        "cable": tr(language, "Cable"),
        "machine": tr(language, "Machine"),
        "kettlebells": tr(language, "Kettlebells"),
        "body only": tr(language, "Body only"),
        "bands": tr(language, "Bands"),
        "medicine ball": tr(language, "Medicine ball"),
        "exercise ball": tr(language, "Exercise ball"),
        "foam roll": tr(language, "Foam roll"),
        "e-z curl bar": tr(language, "E-Z curl bar"),
        "other": tr(language, "Other"),
        "strength": tr(language, "Strength"),
        "cardio": tr(language, "Cardio"),
        "stretching": tr(language, "Stretching"),
        "sport": tr(language, "Sport"),
    }


def catalog_word(value: str, language: str = "en") -> str:
    """A catalog value as the details line writes it: "chest" / "грудь" (unknown: as is)."""
    if language != "ru":
        return value
    return vocabulary(language).get(value, value).lower()


# ---- amounts in the page's language ----


def unit_word(unit: str, language: str = "en") -> str:
    """A unit as the language writes it: кг, км, мин in Russian; lb and mi stay."""
    words = {
        "kg": tr(language, "kg"),
        "km": tr(language, "km"),
        "min": tr(language, "min"),
        "kcal": tr(language, "kcal"),
    }
    return words.get(unit, unit)


def number_text(value: float, language: str = "en", decimals: int = 1) -> str:
    """ "1,217.5" (en, as app/state/units.py writes it) or "1 217,5" (ru)."""
    if language != "ru":
        text = f"{round(value, decimals):,.{decimals}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return fmt_number(language, value, decimals)


def kcal_text(kcal: float, language: str = "en") -> str:
    """ "312 kcal" / "312 ккал"."""
    if language != "ru":
        return f"{round(kcal)} kcal"
    return f"{number_text(round(kcal), language, 0)} {unit_word('kcal', language)}"


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


def box_text(box: str, language: str = "en") -> str:
    """A number as a box holds it ("62.5"), as `language` writes it in a sentence ("62,5")."""
    return box.replace(".", ",") if language == "ru" else box


def weight_box(kg: float | None, units: str = METRIC) -> str:
    """A stored weight as a row's box shows it: 62.5 (kg, to 0.01) or 135 (lb, to 0.1)."""
    if kg is None:
        return ""
    return plain(round(u.kg_to_shown(kg, units), 1)) if u.imperial(units) else plain(kg)


def distance_box(metres: float | None, units: str = METRIC) -> str:
    """A stored distance as a row's box shows it: 5 (km) or 3.11 (mi); "" for none."""
    return plain(u.metres_to_shown(metres, units)) if metres else ""


def _kg_typed(text: str, units: str) -> float | None:
    """A typed weight (kg or lb) in kg, to the gram; ValueError when not a number."""
    value = parse_number(text)
    return None if value is None else round(u.weight_to_kg(value, units), 3)


def parse_strength_set(
    weight: str, reps: str, rpe: str, set_type: str, units: str = METRIC, language: str = "en"
) -> dict[str, Any]:
    """The body of a strength set from a row's boxes (weight in kg or lb, reps, RPE, type)."""
    unit = unit_word(u.weight_unit(units), language)
    try:
        kg = _kg_typed(weight, units)
    except ValueError:
        example = "135" if u.imperial(units) else number_text(62.5, language)
        raise InvalidSet(
            "weight",
            tr(language, "Weight: a number of {unit}, e.g. {example}", unit=unit, example=example),
        ) from None
    if kg is not None and not 0 <= kg <= MAX_LIFT_KG:
        top = number_text(u.kg_to_shown(MAX_LIFT_KG, units), language)
        raise InvalidSet("weight", tr(language, "Weight: 0 to {top} {unit}", top=top, unit=unit))
    try:
        count = parse_number(reps)
    except ValueError:
        count = -1.0
    if count is None:
        raise InvalidSet("reps", tr(language, "Enter the reps"))
    if count != int(count) or not 0 <= count <= 1000:
        raise InvalidSet("reps", tr(language, "Reps: a whole number"))
    try:
        effort = parse_number(rpe)
    except ValueError:
        effort = -1.0
    if effort is not None and not 1 <= effort <= 10:
        raise InvalidSet("rpe", tr(language, "RPE: 1 to 10"))
    body: dict[str, Any] = {
        "kind": "strength",
        "reps": int(count),
        "weight_kg": kg or 0.0,
        "set_type": set_type if set_type in SET_TYPES else "working",
    }
    if effort is not None:
        body["rpe"] = effort
    return body


def parse_body_weight(text: str, units: str = METRIC, language: str = "en") -> float | None:
    """Today's body weight (kg or lb) in kg for the calories (optional: empty uses the
    logged weight)."""
    try:
        kg = _kg_typed(text, units)
    except ValueError:
        kg = -1.0
    low, high = BODY_WEIGHT_KG
    if kg is not None and not low < kg <= high:
        low_text, high_text = (
            number_text(u.kg_to_shown(limit, units), language) for limit in BODY_WEIGHT_KG
        )
        raise InvalidSet(
            "body_weight",
            tr(
                language,
                "Body weight: {low} to {high} {unit}",
                low=low_text,
                high=high_text,
                unit=unit_word(u.weight_unit(units), language),
            ),
        )
    return kg


def parse_cardio_set(
    minutes: str, distance: str, units: str = METRIC, language: str = "en"
) -> dict[str, Any]:
    """A cardio interval from minutes (e.g. "25" or "25:30") and a distance in km or mi
    (optional)."""
    text = minutes.strip()
    try:
        if ":" in text:
            mm, ss = text.split(":", 1)
            seconds = int(mm or 0) * 60 + int(ss or 0)
        else:
            value = parse_number(text)
            seconds = round((value or 0) * 60)
    except ValueError:
        raise InvalidSet("duration", tr(language, "Time: minutes, e.g. 25 or 25:30")) from None
    if not 1 <= seconds <= 24 * 3600:
        raise InvalidSet("duration", tr(language, "Enter the time in minutes"))
    unit = unit_word(u.distance_unit(units), language)
    try:
        typed = parse_number(distance)
    except ValueError:
        raise InvalidSet(
            "distance", tr(language, "Distance: a number of {unit}", unit=unit)
        ) from None
    metres = None if typed is None else round(u.distance_to_m(typed, units), 1)
    if metres is not None and not 0 <= metres <= MAX_DISTANCE_M:
        top = distance_text(MAX_DISTANCE_M, units, language)
        raise InvalidSet("distance", tr(language, "Distance: 0 to {top}", top=top))
    body: dict[str, Any] = {"kind": "cardio", "duration_s": seconds}
    if metres:
        body["distance_m"] = metres
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


def e1rm_text(weight_kg: float, reps: int, units: str = METRIC, language: str = "en") -> str:
    value = estimated_one_rep_max(weight_kg, reps)
    if value is None:
        return ""
    return tr(language, "e1RM {weight}", weight=weight_text(value, units, language))


def set_volume(s: Mapping[str, Any]) -> float:
    """reps x kg of a working set (warm-ups do not count)."""
    if s.get("set_type", "working") not in WORKING_TYPES:
        return 0.0
    return float(s.get("reps") or 0) * float(s.get("weight_kg") or 0)


def volume(sets: Iterable[Mapping[str, Any]]) -> float:
    return round(sum(set_volume(s) for s in sets), 3)


def set_text(s: Mapping[str, Any], units: str = METRIC, language: str = "en") -> str:
    """ "60 kg x 5" / "135 lb x 5" / "25 min · 5 km"."""
    if "reps" in s:
        kg = float(s.get("weight_kg") or 0)
        reps = int(s.get("reps") or 0)
        if not kg:
            return trn(language, reps, "{n} rep", "{n} reps")
        unit = unit_word(u.weight_unit(units), language)
        return f"{box_text(weight_box(kg, units), language)} {unit} {TIMES} {reps}"
    parts = []
    if s.get("duration_s"):
        parts.append(f"{minutes_text(s.get('duration_s'))} {unit_word('min', language)}")
    if s.get("distance_m"):
        shown = box_text(distance_box(float(s["distance_m"]), units), language)
        parts.append(f"{shown} {unit_word(u.distance_unit(units), language)}")
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


def logged_row(
    entry: EntryView, s: Mapping[str, Any], units: str = METRIC, language: str = "en"
) -> dict[str, str]:
    working = s.get("set_type", "working") in WORKING_TYPES
    return {
        "e1rm": e1rm_text(float(s.get("weight_kg") or 0), int(s.get("reps") or 0), units, language)
        if "reps" in s and working
        else "",
        "set_id": str(s.get("id", "")),
        "done": "1",
        "weight": weight_box(s.get("weight_kg"), units) if "reps" in s else "",
        "reps": str(s.get("reps", "")),
        "rpe": plain(s.get("rpe")),
        "set_type": str(s.get("set_type", "working")),
        "duration": minutes_text(s.get("duration_s")),
        "distance": distance_box(s.get("distance_m"), units),
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
    entry: EntryView, last_time: Sequence[Mapping[str, Any]] = (), units: str = METRIC
) -> list[dict[str, str]]:
    """The rows a new exercise starts with: the program's target sets, else last time's sets
    as they were, else one empty row."""
    if entry.target_sets:
        missing = max(entry.target_sets - len(entry.sets), 0)
        weight = weight_box(entry.target_weight_kg, units) if entry.target_weight_kg else ""
        return [draft_row(weight, str(entry.target_reps or "")) for _ in range(missing)]
    if entry.sets:
        return []
    if last_time and entry.set_kind == "strength":
        return [
            draft_row(
                weight_box(s.get("weight_kg"), units), str(s.get("reps", "")), s.get("set_type", "")
            )
            for s in last_time
        ]
    return [draft_row()]


def numbered_rows(
    entries: Sequence[EntryView],
    drafts: Mapping[str, Sequence[Mapping[str, str]]],
    last_time: Mapping[str, Sequence[Mapping[str, Any]]],
    units: str = METRIC,
    language: str = "en",
) -> dict[str, list[dict[str, str]]]:
    """Each entry's rows (logged sets, then drafts), numbered 1… through the whole workout so
    every box has one stable id (`set-<n>-weight`); `hint` is the same set last time."""
    out: dict[str, list[dict[str, str]]] = {}
    n = 0
    for entry in entries:
        rows = [logged_row(entry, s, units, language) for s in entry.sets]
        rows += [dict(d) for d in drafts.get(entry.id, ())]
        previous = last_time.get(entry.exercise_id, ())
        for index, row in enumerate(rows):
            n += 1
            row["n"] = str(n)
            row["key"] = f"{entry.id}:{index}"
            row["entry_id"] = entry.id
            row["kind"] = entry.set_kind
            row["label"] = str(index + 1)
            row["hint"] = (
                set_text(previous[index], units, language) if index < len(previous) else ""
            )
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


def rule_text(
    rule: str,
    weight_kg: float | None,
    reps: int,
    sets: int,
    units: str = METRIC,
    language: str = "en",
) -> str:
    """ "3 x 5 at 42.5 kg — every target rep made last time: weight up"."""
    target = f"{sets} {TIMES} {reps}"
    if weight_kg:
        box = weight_box(weight_kg, units)
        weight = f"{box_text(box, language)} {unit_word(u.weight_unit(units), language)}"
        target = tr(language, "{target} at {weight}", target=target, weight=weight)
    why = rule_words(rule, language)
    return f"{target} — {why}" if why else target


def count_text(count: int, noun: str, language: str = "en") -> str:
    """ "1 set", "3 sets" (nouns: set, exercise, session, workout)."""
    texts = {
        "set": lambda: trn(language, count, "{n} set", "{n} sets"),
        "exercise": lambda: trn(language, count, "{n} exercise", "{n} exercises"),
        "session": lambda: trn(language, count, "{n} session", "{n} sessions"),
        "workout": lambda: trn(language, count, "{n} workout", "{n} workouts"),
    }
    return texts[noun]()


def duration_text(seconds: float, language: str = "en") -> str:
    if seconds < 60:
        return tr(language, "{n} s", n=max(round(seconds), 0))
    minutes = round(seconds / 60)
    hours, mins = divmod(minutes, 60)
    if hours:
        return tr(language, "{hours} h {minutes} min", hours=hours, minutes=f"{mins:02d}")
    return tr(language, "{minutes} min", minutes=mins)


def exercise_name_from_id(exercise_id: str) -> str:
    """ "builtin:barbell-back-squat" → "Barbell back squat" (a program lists ids only)."""
    slug = exercise_id.split(":", 1)[-1].replace("-", " ")
    return slug[:1].upper() + slug[1:]


def record_text(
    kind: str,
    value: float,
    previous: float | None,
    reps: int | None,
    units: str = METRIC,
    language: str = "en",
) -> str:
    """A personal record in words: "Estimated 1RM: 70.2 kg (was 66 kg)" (volume is reps x
    weight, so it converts like a weight)."""
    if kind == "weight_at_reps" and reps:
        what = trn(language, reps, "Heaviest for {n} rep", "Heaviest for {n} reps")
    else:
        what = {  # the kinds the service detects (workouts/domain.py)
            "e1rm": tr(language, "Estimated 1RM"),
            "weight_at_reps": tr(language, "Heaviest set"),
            "volume": tr(language, "Most volume"),
        }.get(kind, kind.replace("_", " ").capitalize())
    shown = weight_text(value, units, language)
    if previous:
        return tr(
            language,
            "{what}: {value} (was {previous})",
            what=what,
            value=shown,
            previous=weight_text(previous, units, language),
        )
    return tr(language, "{what}: {value} (first time)", what=what, value=shown)
