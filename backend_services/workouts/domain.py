"""Pure workout logic: calories from MET, e1RM, volume, personal records, progression. No I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

# kcal per MET per kg per hour. The Compendium's convention is 1 MET ~ 1 kcal/kg/h (Ainsworth
# et al. 2011). The oxygen-cost form (1 MET = 3.5 mL O2/kg/min, ~5 kcal/L O2: kcal/min =
# MET * 3.5 * kg / 200) gives 1.05, i.e. 5 % more; DOMAIN.md's reference values use 1.0.
KCAL_PER_MET_KG_HOUR = 1.0

# e1RM formulas are validated for low-rep sets; above this they over- or under-estimate wildly
# (Brzycki 1993 diverges as reps -> 37). Sets with more reps give no e1RM.
E1RM_MAX_REPS = 12

MAX_WORKOUT_SECONDS = 24 * 3600

# Used only when a strength exercise has no measured time and the workout has no elapsed time:
# ~45 s under load + ~2 min rest per set (typical hypertrophy/strength prescription, ACSM
# Guidelines for Exercise Testing and Prescription, 11th ed.: rest 2-3 min between sets).
DEFAULT_SECONDS_PER_STRENGTH_SET = 165
MIN_SECONDS_PER_SET = 30

WORKING_SET_TYPES = frozenset({"working", "drop", "failure"})


def met_calories(met: float, body_mass_kg: float, duration_hours: float) -> float:
    """Gross energy expenditure in kcal = MET x kg x h.

    Source: Ainsworth BE et al., 2011 Compendium of Physical Activities, Med Sci Sports Exerc
    2011;43(8):1575-81. Includes resting energy (1 MET). Reference: running 6 mph (12050,
    9.8 MET), 70 kg, 30 min -> 343 kcal.
    """
    if met < 0 or body_mass_kg < 0 or duration_hours < 0:
        raise ValueError("MET, body mass and duration must be non-negative")
    return met * body_mass_kg * duration_hours * KCAL_PER_MET_KG_HOUR


def net_met_calories(met: float, body_mass_kg: float, duration_hours: float) -> float:
    """Net energy in kcal = (MET - 1) x kg x h: the resting 1 MET removed, for adding exercise
    to a day already budgeted at BMR x activity factor without double counting (DOMAIN.md)."""
    return met_calories(max(met - 1.0, 0.0), body_mass_kg, duration_hours)


# What every ``e1rm_kg`` the API shows is (it is named beside each one).
E1RM_FORMULA = (
    f"mean of Epley w(1+r/30) and Brzycki 36w/(37-r); sets over {E1RM_MAX_REPS} reps not estimated"
)


def epley_1rm(weight_kg: float, reps: int) -> float | None:
    """Epley (1985): e1RM = w x (1 + r/30). One rep is the lift itself. None above the cap."""
    if reps < 1 or weight_kg < 0 or reps > E1RM_MAX_REPS:
        return None
    if reps == 1:
        return weight_kg
    return weight_kg * (1 + reps / 30)


def brzycki_1rm(weight_kg: float, reps: int) -> float | None:
    """Brzycki (1993), J Phys Educ Rec Dance 64(1):88-90: e1RM = w x 36 / (37 - r).
    Agrees with Epley at 10 reps (both 1.333 x w). None above the cap."""
    if reps < 1 or weight_kg < 0 or reps > E1RM_MAX_REPS:
        return None
    return weight_kg * 36 / (37 - reps)


def estimated_one_rep_max(weight_kg: float, reps: int) -> float | None:
    """The e1RM the product shows: the mean of Epley and Brzycki (they bracket each other)."""
    epley, brzycki = epley_1rm(weight_kg, reps), brzycki_1rm(weight_kg, reps)
    if epley is None or brzycki is None:
        return None
    return round((epley + brzycki) / 2, 2)


@dataclass(frozen=True)
class StrengthSet:
    reps: int
    weight_kg: float
    set_type: str = "working"

    @property
    def counts(self) -> bool:
        """Warm-ups are logged but do not count for volume or records."""
        return self.set_type in WORKING_SET_TYPES


def volume(sets: Iterable[StrengthSet]) -> float:
    """Training volume (tonnage) = sum of reps x weight over working sets."""
    return round(sum(s.reps * s.weight_kg for s in sets if s.counts), 3)


@dataclass(frozen=True)
class ExerciseBests:
    """What a session (or a history) achieved for one exercise; records are new maxima here."""

    e1rm: float | None = None
    volume: float = 0.0
    weight_by_reps: dict[int, float] = field(default_factory=dict)

    @classmethod
    def of_sets(cls, sets: Sequence[StrengthSet]) -> ExerciseBests:
        working = [s for s in sets if s.counts and s.reps > 0]
        e1rms = [e for s in working if (e := estimated_one_rep_max(s.weight_kg, s.reps))]
        by_reps: dict[int, float] = {}
        for s in working:
            by_reps[s.reps] = max(by_reps.get(s.reps, 0.0), s.weight_kg)
        return cls(max(e1rms) if e1rms else None, volume(working), by_reps)

    def merge(self, other: ExerciseBests) -> ExerciseBests:
        by_reps = dict(self.weight_by_reps)
        for reps, w in other.weight_by_reps.items():
            by_reps[reps] = max(by_reps.get(reps, 0.0), w)
        e1rms = [e for e in (self.e1rm, other.e1rm) if e is not None]
        return ExerciseBests(max(e1rms) if e1rms else None, max(self.volume, other.volume), by_reps)


@dataclass(frozen=True)
class PersonalRecord:
    kind: str  # "e1rm" | "weight_at_reps" | "volume"
    value: float
    previous: float | None
    reps: int | None = None


def detect_personal_records(
    session: ExerciseBests, history: ExerciseBests | None
) -> list[PersonalRecord]:
    """A record is a new best e1RM, weight at a given rep count, or session volume (DOMAIN.md).

    With no history the first session sets baselines, not records (otherwise every first
    workout would celebrate a dozen "records").
    """
    if history is None:
        return []
    records: list[PersonalRecord] = []
    if session.e1rm is not None and (history.e1rm is None or session.e1rm > history.e1rm):
        records.append(PersonalRecord("e1rm", session.e1rm, history.e1rm))
    for reps, weight in sorted(session.weight_by_reps.items()):
        before = history.weight_by_reps.get(reps)
        if before is not None and weight > before:
            records.append(PersonalRecord("weight_at_reps", weight, before, reps))
    if history.volume > 0 and session.volume > history.volume:
        records.append(PersonalRecord("volume", session.volume, history.volume))
    return records


@dataclass(frozen=True)
class SessionOutcome:
    """One past session of a programmed exercise: the weight used and whether every working
    set reached its target reps."""

    weight_kg: float
    all_reps_met: bool


def next_target_weight(
    start_weight_kg: float,
    history: Sequence[SessionOutcome],
    *,
    increment_kg: float = 2.5,
    deload_after_misses: int = 3,
    deload_fraction: float = 0.10,
    plate_kg: float = 1.25,
) -> tuple[float, str]:
    """Linear progression as in beginner programs (StrongLifts 5x5 / Starting Strength rules):
    add ``increment_kg`` after a session where all target reps were met; repeat the weight after
    a miss; after ``deload_after_misses`` consecutive misses at the same weight, deload by 10 %
    (rounded down to ``plate_kg`` steps). ``history`` is oldest first. Returns (kg, reason).
    """
    if not history:
        return start_weight_kg, "start"
    last = history[-1]
    if last.all_reps_met:
        return round(last.weight_kg + increment_kg, 3), "progress"
    misses = 0
    for outcome in reversed(history):
        if outcome.all_reps_met or outcome.weight_kg != last.weight_kg:
            break
        misses += 1
    if misses >= deload_after_misses:
        lowered = last.weight_kg * (1 - deload_fraction)
        return round(lowered // plate_kg * plate_kg, 3), "deload"
    return last.weight_kg, "repeat"


@dataclass(frozen=True)
class LocalDay:
    local_date: str
    iso_year: int
    iso_week: int


def local_day(at: datetime, utc_offset_minutes: int) -> LocalDay:
    """The user's calendar day of an instant, with its ISO year and week (for weekly queries)."""
    day: date = (at + timedelta(minutes=utc_offset_minutes)).date()
    iso = day.isocalendar()
    return LocalDay(day.isoformat(), iso.year, iso.week)


def allocate_strength_seconds(
    elapsed_seconds: float | None, timed_seconds: float, strength_set_counts: Sequence[int]
) -> list[float]:
    """Time attributed to each strength exercise (they have no stopwatch of their own).

    The workout's elapsed time minus explicitly timed (cardio/sport) work is shared among the
    strength exercises in proportion to their set counts; with no usable elapsed time (none,
    or under ``MIN_SECONDS_PER_SET`` per set) each set counts
    ``DEFAULT_SECONDS_PER_STRENGTH_SET``.
    """
    total_sets = sum(strength_set_counts)
    if total_sets == 0:
        return [0.0 for _ in strength_set_counts]
    remaining = (elapsed_seconds or 0.0) - timed_seconds
    # Less than half a minute per set is not a real session clock: the workout was logged
    # after the fact (started and completed in one go), so use the per-set estimate.
    if remaining < total_sets * MIN_SECONDS_PER_SET:
        return [n * DEFAULT_SECONDS_PER_STRENGTH_SET for n in strength_set_counts]
    return [remaining * n / total_sets for n in strength_set_counts]


# Sports: the Compendium has separate codes by intensity; (code, MET) per intensity where it
# has them, else the general code for every intensity (Ainsworth 2011).
def met_for_intensity(
    default: tuple[str, float], by_intensity: dict[str, tuple[str, float]], intensity: str | None
) -> tuple[str, float]:
    if intensity and intensity in by_intensity:
        return by_intensity[intensity]
    return default


# Running by speed (Compendium 2011 codes 12020-12090); the slowest code at or below the pace.
RUNNING_BY_SPEED_MPH: tuple[tuple[float, str, float], ...] = (
    (4.0, "12020", 7.0),
    (5.0, "12030", 8.3),
    (6.0, "12050", 9.8),
    (7.0, "12070", 11.0),
    (8.0, "12090", 11.8),
)
METERS_PER_MILE = 1609.344


def running_met_for_speed(distance_m: float, duration_s: float) -> tuple[str, float] | None:
    """Compendium code and MET for a run of this average speed; None below jogging pace."""
    if distance_m <= 0 or duration_s <= 0:
        return None
    mph = distance_m / METERS_PER_MILE / (duration_s / 3600)
    chosen: tuple[str, float] | None = None
    for threshold, code, met in RUNNING_BY_SPEED_MPH:
        if mph >= threshold:
            chosen = (code, met)
    return chosen


# ---------------------------------------------------------------- a completed workout's result
# Compendium codes of running at a speed: a set with distance and time uses the speed's MET.
RUNNING_CODES = frozenset({"12020", "12030", "12050", "12070", "12090"})
CALORIE_FORMULA = "MET x body mass (kg) x duration (h), Compendium 2011; net = (MET-1)"


@dataclass(frozen=True)
class WeightUsed:
    """The body weight calories were computed with, and where it came from."""

    kg: float | None
    source: str  # workout | users_service | users_copy | users_copy_latest | none | <source>_export


def bests_from_doc(stored: dict[str, Any]) -> ExerciseBests:
    """The bests as stored on a workout entry or an ``exercise_bests`` document."""
    return ExerciseBests(
        stored.get("e1rm"),
        stored.get("volume", 0.0),
        {int(k): v for k, v in stored.get("weight_by_reps", {}).items()},
    )


def strength_sets(entry: dict[str, Any]) -> list[StrengthSet]:
    return [
        StrengthSet(s["reps"], s.get("weight_kg", 0.0), s.get("set_type", "working"))
        for s in entry["sets"]
    ]


def compute_result(
    doc: dict[str, Any],
    ended: datetime,
    weight: WeightUsed,
    history: dict[str, ExerciseBests],
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Calories per exercise and in total, volume, records. Returns (result, bests by entry)."""
    started = doc["started_at"]
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    elapsed = (ended - started).total_seconds()
    timed = sum(
        s.get("duration_s", 0)
        for e in doc["exercises"]
        if e["set_kind"] != "strength"
        for s in e["sets"]
    )
    strength = [e for e in doc["exercises"] if e["set_kind"] == "strength"]
    allocated = dict(
        zip(
            [e["id"] for e in strength],
            allocate_strength_seconds(elapsed, timed, [len(e["sets"]) for e in strength]),
            strict=True,
        )
    )
    per_exercise, records, bests_by_entry = [], [], {}
    total_kcal = total_net = total_volume = 0.0
    for entry in doc["exercises"]:
        parts = met_parts(entry, allocated.get(entry["id"], 0.0))
        seconds = sum(p[2] for p in parts)
        kcal = net = None
        if weight.kg is not None:
            kcal = sum(met_calories(met, weight.kg, sec / 3600) for _, met, sec in parts)
            net = sum(net_met_calories(met, weight.kg, sec / 3600) for _, met, sec in parts)
            total_kcal += kcal
            total_net += net
        item: dict[str, Any] = {
            "entry_id": entry["id"],
            "exercise_id": entry["exercise_id"],
            "name": entry["name"],
            "muscles": entry.get("muscles", []),
            "duration_s": round(seconds),
            "met": [
                {"code": code, "value": met, "seconds": round(sec)} for code, met, sec in parts
            ],
            "met_edition": entry["met"].get("edition"),
            "calories_kcal": _r(kcal),
            "net_calories_kcal": _r(net),
            "volume_kg": 0.0,
            "e1rm_kg": None,
            "e1rm_formula": E1RM_FORMULA,
        }
        if entry["set_kind"] == "strength":
            sets = strength_sets(entry)
            bests = ExerciseBests.of_sets(sets)
            item["volume_kg"] = bests.volume
            item["e1rm_kg"] = bests.e1rm
            total_volume += bests.volume
            bests_by_entry[entry["id"]] = {
                "e1rm": bests.e1rm,
                "volume": bests.volume,
                "weight_by_reps": {str(k): v for k, v in bests.weight_by_reps.items()},
            }
            for pr in detect_personal_records(bests, history.get(entry["exercise_id"])):
                records.append(
                    {
                        "exercise_id": entry["exercise_id"],
                        "exercise_name": entry["name"],
                        "kind": pr.kind,
                        "value": pr.value,
                        "previous": pr.previous,
                        "reps": pr.reps,
                    }
                )
        per_exercise.append(item)
    result = {
        "duration_s": round(max(elapsed, timed)),
        "calories_kcal": _r(total_kcal) if weight.kg is not None else None,
        "net_calories_kcal": _r(total_net) if weight.kg is not None else None,
        "calorie_formula": CALORIE_FORMULA,
        "weight_kg": weight.kg,
        "weight_source": weight.source,
        "volume_kg": round(total_volume, 3),
        "per_exercise": per_exercise,
        "personal_records": records,
    }
    return result, bests_by_entry


def met_parts(entry: dict[str, Any], strength_seconds: float) -> list[tuple[str, float, float]]:
    """(Compendium code, MET, seconds) pieces of one exercise entry."""
    met = entry["met"]
    if entry["set_kind"] == "strength":
        explicit = sum(s.get("duration_s", 0) for s in entry["sets"])
        return [(met["code"], met["value"], float(explicit or strength_seconds))]
    parts = []
    for s in entry["sets"]:
        code, value = met["code"], met["value"]
        if entry["set_kind"] == "sport":
            chosen = entry.get("met_by_intensity", {}).get(s.get("intensity", "moderate"))
            if chosen:
                code, value = chosen["code"], chosen["value"]
        elif code in RUNNING_CODES and s.get("distance_m"):
            by_speed = running_met_for_speed(s["distance_m"], s["duration_s"])
            if by_speed:
                code, value = by_speed
        parts.append((code, value, float(s["duration_s"])))
    return parts


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
