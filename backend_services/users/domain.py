"""Energy-expenditure and target formulas, weight trend and adaptive TDEE: pure, no I/O.

Every number carries the name of the formula that produced it and the inputs it used, so the
UI can explain it ("formula transparency", DOMAIN.md). Arithmetic is in ``Decimal``; results
are rounded once, at the end, to the precision stated on each function.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class ActivityLevel(StrEnum):
    SEDENTARY = "sedentary"
    LIGHT = "light"
    MODERATE = "moderate"
    VERY_ACTIVE = "very_active"
    EXTRA_ACTIVE = "extra_active"


class Goal(StrEnum):
    LOSE = "lose"
    MAINTAIN = "maintain"
    GAIN = "gain"


# Activity factors (TDEE = BMR x factor), the standard multipliers used with Mifflin-St Jeor
# and Harris-Benedict (McArdle, Katch & Katch, Exercise Physiology; DOMAIN.md).
ACTIVITY_FACTORS: dict[ActivityLevel, Decimal] = {
    ActivityLevel.SEDENTARY: Decimal("1.2"),
    ActivityLevel.LIGHT: Decimal("1.375"),
    ActivityLevel.MODERATE: Decimal("1.55"),
    ActivityLevel.VERY_ACTIVE: Decimal("1.725"),
    ActivityLevel.EXTRA_ACTIVE: Decimal("1.9"),
}

# Rule of thumb: ~7700 kcal per kg of body-mass change (Wishnofsky 1958, metric form).
KCAL_PER_KG_BODY_MASS = Decimal("7700")

# Commonly cited minimum daily intakes without medical supervision (DOMAIN.md).
SAFE_FLOOR_KCAL: dict[Sex, Decimal] = {Sex.FEMALE: Decimal("1200"), Sex.MALE: Decimal("1500")}

# Protein 1.6 g per kg body mass: inside the 1.4-2.0 g/kg range of the ISSN position stand
# (Jäger et al., J Int Soc Sports Nutr 2017;14:20). Fat 25 % of energy: inside the 20-35 %
# Acceptable Macronutrient Distribution Range (IOM Dietary Reference Intakes, 2005).
PROTEIN_G_PER_KG = Decimal("1.6")
FAT_ENERGY_SHARE = Decimal("0.25")
# What a user may choose instead of the formulas (the API and a check constraint hold the
# same bounds). They are sanity limits that catch typos, not advice: a target below the safe
# floor is allowed and warned about. Protein from the RDA of 0.8 g/kg (IOM 2005) to 3.5 g/kg,
# a little above the > 3.0 g/kg/d the ISSN position stand reports in trained people (Jäger et
# al. 2017); fat from 15 % to 60 % of energy, around the 20-35 % AMDR (IOM 2005).
CUSTOM_KCAL_RANGE = (Decimal("800"), Decimal("10000"))
CUSTOM_PROTEIN_G_PER_KG_RANGE = (Decimal("0.8"), Decimal("3.5"))
CUSTOM_FAT_ENERGY_SHARE_RANGE = (Decimal("0.15"), Decimal("0.6"))
# Atwater general factors (kcal per gram).
KCAL_PER_G_PROTEIN = Decimal("4")
KCAL_PER_G_CARBOHYDRATE = Decimal("4")
KCAL_PER_G_FAT = Decimal("9")

# Exact definitions of the international yard and pound (1959).
KG_PER_POUND = Decimal("0.45359237")
CM_PER_INCH = Decimal("2.54")

# Weight trend: exponential moving average with 10 % smoothing per day, as in John Walker's
# "The Hacker's Diet" (2005), the method most weight-trend apps follow.
TREND_SMOOTHING = Decimal("0.1")
# Adaptive expenditure needs enough logged days before it says anything.
ADAPTIVE_MIN_LOGGED_DAYS = 7

_ONE = Decimal("1")
_CENTI = Decimal("0.01")


def _round(value: Decimal, places: Decimal = _CENTI) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP)


def _whole(value: Decimal) -> Decimal:
    return value.quantize(_ONE, rounding=ROUND_HALF_UP)


# --- unit conversion (the API is metric; these serve imperial input in clients and tests) ---


def pounds_to_kg(pounds: Decimal | float | int) -> Decimal:
    """Pounds to kilograms, 1 lb = 0.45359237 kg exactly; rounded to 0.01 kg."""
    return _round(Decimal(str(pounds)) * KG_PER_POUND)


def feet_inches_to_cm(feet: int, inches: Decimal | float | int = 0) -> Decimal:
    """Height in feet and inches to centimetres, 1 in = 2.54 cm exactly; rounded to 0.1 cm."""
    total_inches = Decimal(feet) * 12 + Decimal(str(inches))
    return _round(total_inches * CM_PER_INCH, Decimal("0.1"))


def kg_to_pounds(kg: Decimal | float | int) -> Decimal:
    """Kilograms to pounds, rounded to 0.1 lb."""
    return _round(Decimal(str(kg)) / KG_PER_POUND, Decimal("0.1"))


def age_on(birth_date: date, today: date) -> int:
    """Age in completed years on ``today``."""
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - int(before_birthday)


# --- formula results ---


@dataclass(frozen=True)
class FormulaResult:
    """A number, the formula that produced it, where the formula comes from, and its inputs."""

    name: str
    value: Decimal
    source: str
    inputs: dict[str, str]


def mifflin_st_jeor(sex: Sex, weight_kg: Decimal, height_cm: Decimal, age: int) -> FormulaResult:
    """BMR = 10·kg + 6.25·cm - 5·age + 5 (male) / - 161 (female); kcal/day, 0.01 precision.

    Source: Mifflin MD, St Jeor ST et al., Am J Clin Nutr 1990;51:241-247.
    """
    constant = Decimal("5") if sex is Sex.MALE else Decimal("-161")
    value = 10 * weight_kg + Decimal("6.25") * height_cm - 5 * age + constant
    return FormulaResult(
        name="Mifflin-St Jeor",
        value=_round(value),
        source="Mifflin MD, St Jeor ST et al. Am J Clin Nutr 1990;51:241-247",
        inputs=_inputs(sex=sex.value, weight_kg=weight_kg, height_cm=height_cm, age_years=age),
    )


def harris_benedict_revised(
    sex: Sex, weight_kg: Decimal, height_cm: Decimal, age: int
) -> FormulaResult:
    """Revised Harris-Benedict BMR, kcal/day, 0.01 precision.

    Male 88.362 + 13.397·kg + 4.799·cm - 5.677·age; female 447.593 + 9.247·kg + 3.098·cm -
    4.330·age. Source: Roza AM, Shizgal HM, Am J Clin Nutr 1984;40:168-182.
    """
    if sex is Sex.MALE:
        a, b, c, d = (Decimal(x) for x in ("88.362", "13.397", "4.799", "5.677"))
    else:
        a, b, c, d = (Decimal(x) for x in ("447.593", "9.247", "3.098", "4.330"))
    value = a + b * weight_kg + c * height_cm - d * age
    return FormulaResult(
        name="Harris-Benedict (revised)",
        value=_round(value),
        source="Roza AM, Shizgal HM. Am J Clin Nutr 1984;40:168-182",
        inputs=_inputs(sex=sex.value, weight_kg=weight_kg, height_cm=height_cm, age_years=age),
    )


def katch_mcardle(weight_kg: Decimal, body_fat_pct: Decimal) -> FormulaResult:
    """BMR = 370 + 21.6·LBM, LBM = kg·(1 - body-fat fraction); kcal/day, 0.01 precision.

    Source: Katch F, McArdle W. Nutrition, Weight Control, and Exercise (1975); McArdle,
    Katch & Katch, Exercise Physiology.
    """
    lean_mass = weight_kg * (1 - body_fat_pct / 100)
    return FormulaResult(
        name="Katch-McArdle",
        value=_round(Decimal("370") + Decimal("21.6") * lean_mass),
        source="McArdle WD, Katch FI, Katch VL. Exercise Physiology",
        inputs=_inputs(
            weight_kg=weight_kg, body_fat_pct=body_fat_pct, lean_body_mass_kg=_round(lean_mass)
        ),
    )


def _inputs(**values: object) -> dict[str, str]:
    return {key: str(value) for key, value in values.items()}


# --- targets ---


@dataclass(frozen=True)
class BodyProfile:
    """What the target formulas need, already validated (metric units)."""

    sex: Sex
    birth_date: date
    height_cm: Decimal
    weight_kg: Decimal
    activity_level: ActivityLevel
    goal: Goal
    goal_rate_kg_per_week: Decimal = Decimal("0")
    body_fat_pct: Decimal | None = None
    # The user's own choices; None means "use the formula".
    custom_calorie_target_kcal: Decimal | None = None
    custom_protein_g_per_kg: Decimal | None = None
    custom_fat_energy_share: Decimal | None = None


class TargetSource(StrEnum):
    """Where a target came from: the formulas, or the user's own choice."""

    FORMULA = "formula"
    USER = "user"


@dataclass(frozen=True)
class MacroTargets:
    protein_g: Decimal
    fat_g: Decimal
    carbohydrate_g: Decimal
    protein_g_per_kg: Decimal = PROTEIN_G_PER_KG
    fat_energy_share: Decimal = FAT_ENERGY_SHARE
    protein_source: TargetSource = TargetSource.FORMULA
    fat_source: TargetSource = TargetSource.FORMULA


@dataclass(frozen=True)
class Targets:
    """The daily targets and how each number was reached."""

    age_years: int
    bmr: FormulaResult
    alternatives: tuple[FormulaResult, ...]
    activity_factor: Decimal
    tdee_kcal: Decimal
    goal_adjustment_kcal: Decimal
    unadjusted_target_kcal: Decimal
    safe_floor_kcal: Decimal
    floor_applied: bool  # the formula's target was lifted to the floor
    # What the formulas suggest (after the floor); ``calorie_target_kcal`` is the target in
    # force: the same number, unless the user chose their own (``target_source`` USER).
    formula_target_kcal: Decimal
    target_source: TargetSource
    calorie_target_kcal: Decimal
    below_safe_floor: bool  # only a user's own target can be below the floor
    macros: MacroTargets
    notes: tuple[str, ...] = field(default=())


def goal_adjustment(goal: Goal, rate_kg_per_week: Decimal) -> Decimal:
    """Daily energy change for a goal: rate (kg/week) x 7700 / 7, negative to lose weight."""
    if goal is Goal.MAINTAIN:
        return Decimal("0")
    daily = rate_kg_per_week * KCAL_PER_KG_BODY_MASS / 7
    return _round(-daily if goal is Goal.LOSE else daily)


def macro_targets(
    calories_kcal: Decimal,
    weight_kg: Decimal,
    protein_g_per_kg: Decimal | None = None,
    fat_energy_share: Decimal | None = None,
) -> MacroTargets:
    """Protein by body mass, fat as a share of energy, carbohydrate the rest; whole grams.

    ``protein_g_per_kg`` and ``fat_energy_share`` are the user's choices; None takes the
    defaults above (1.6 g/kg, 25 %). Carbohydrate is never negative: when protein and fat
    alone exceed the energy, it is 0 g and the macros add up to more than ``calories_kcal``.
    """
    protein_per_kg = PROTEIN_G_PER_KG if protein_g_per_kg is None else protein_g_per_kg
    fat_share = FAT_ENERGY_SHARE if fat_energy_share is None else fat_energy_share
    protein_g = weight_kg * protein_per_kg
    fat_g = calories_kcal * fat_share / KCAL_PER_G_FAT
    rest_kcal = calories_kcal - protein_g * KCAL_PER_G_PROTEIN - fat_g * KCAL_PER_G_FAT
    carbohydrate_g = max(Decimal("0"), rest_kcal / KCAL_PER_G_CARBOHYDRATE)
    return MacroTargets(
        protein_g=_whole(protein_g),
        fat_g=_whole(fat_g),
        carbohydrate_g=_whole(carbohydrate_g),
        protein_g_per_kg=protein_per_kg,
        fat_energy_share=fat_share,
        protein_source=TargetSource.FORMULA if protein_g_per_kg is None else TargetSource.USER,
        fat_source=TargetSource.FORMULA if fat_energy_share is None else TargetSource.USER,
    )


def compute_targets(profile: BodyProfile, today: date) -> Targets:
    """BMR → TDEE (x activity factor) → goal adjustment → safe floor → (user's target) → macros.

    BMR is Katch-McArdle when body fat is known (it uses lean mass), otherwise Mifflin-St Jeor,
    the most accurate of the common equations for healthy adults (Frankenfield et al., J Am
    Diet Assoc 2005;105:775-789). The activity factor multiplies the whole BMR (one tracker
    applied it to the weight term only and under-estimated active users' needs). The formula
    target never goes below the safe floor; when the floor lifts it, ``floor_applied`` says so.

    A calorie target the user chose replaces the formula's (``target_source`` USER); the
    formula's stays in ``formula_target_kcal`` and a note compares the two. A chosen target
    below the safe floor is kept, with a warning (DOMAIN.md: never below the floor "without
    saying so"). Macros follow the target in force, with the user's protein and fat inputs.
    """
    age = age_on(profile.birth_date, today)
    msj = mifflin_st_jeor(profile.sex, profile.weight_kg, profile.height_cm, age)
    hb = harris_benedict_revised(profile.sex, profile.weight_kg, profile.height_cm, age)
    notes: list[str] = []
    if profile.body_fat_pct is not None:
        bmr = katch_mcardle(profile.weight_kg, profile.body_fat_pct)
        alternatives: tuple[FormulaResult, ...] = (msj, hb)
        notes.append("Body fat is known, so BMR uses lean body mass (Katch-McArdle).")
    else:
        bmr, alternatives = msj, (hb,)
    factor = ACTIVITY_FACTORS[profile.activity_level]
    tdee = _round(bmr.value * factor)
    adjustment = goal_adjustment(profile.goal, profile.goal_rate_kg_per_week)
    unadjusted = _whole(tdee + adjustment)
    floor = SAFE_FLOOR_KCAL[profile.sex]
    floor_applied = unadjusted < floor
    formula_target = floor if floor_applied else unadjusted
    custom = profile.custom_calorie_target_kcal
    source = TargetSource.FORMULA if custom is None else TargetSource.USER
    target = formula_target if custom is None else _whole(custom)
    below_floor = target < floor
    if floor_applied:
        held = "the target is" if custom is None else "the formulas' suggestion is"
        notes.append(
            f"The goal would need {unadjusted} kcal/day, below the safe minimum of {floor} kcal "
            f"for {profile.sex.value}s; {held} held at {floor} kcal. "
            "Choose a slower rate or ask a clinician."
        )
    if custom is not None:
        notes.append(f"You set {target} kcal/day; the formulas suggest {formula_target} kcal/day.")
    if below_floor:
        notes.append(
            f"Warning: {target} kcal/day is below the safe minimum of {floor} kcal/day for "
            f"{profile.sex.value}s. Eat this little only under medical supervision."
        )
    macros = macro_targets(
        target, profile.weight_kg, profile.custom_protein_g_per_kg, profile.custom_fat_energy_share
    )
    protein_and_fat_kcal = _whole(
        profile.weight_kg * macros.protein_g_per_kg * KCAL_PER_G_PROTEIN
        + target * macros.fat_energy_share
    )
    if protein_and_fat_kcal > target:
        notes.append(
            f"Protein ({macros.protein_g} g) and fat ({macros.fat_g} g) alone give "
            f"{protein_and_fat_kcal} kcal, more than the {target} kcal target, so carbohydrate "
            "is 0 g. Lower the protein or fat setting, or raise the target."
        )
    notes.append(
        "The activity factor already includes usual exercise; logged workout calories are "
        "shown separately and not added to the target, so nothing is counted twice."
    )
    return Targets(
        age_years=age,
        bmr=bmr,
        alternatives=alternatives,
        activity_factor=factor,
        tdee_kcal=tdee,
        goal_adjustment_kcal=adjustment,
        unadjusted_target_kcal=unadjusted,
        safe_floor_kcal=floor,
        floor_applied=floor_applied,
        formula_target_kcal=formula_target,
        target_source=source,
        calorie_target_kcal=target,
        below_safe_floor=below_floor,
        macros=macros,
        notes=tuple(notes),
    )


# --- weight trend and adaptive expenditure ---


@dataclass(frozen=True)
class TrendPoint:
    day: date
    weight_kg: Decimal
    trend_kg: Decimal


def weight_trend(
    entries: Iterable[tuple[date, Decimal]], smoothing: Decimal = TREND_SMOOTHING
) -> list[TrendPoint]:
    """Exponential moving average of logged weights, in date order; trend to 0.01 kg.

    trend_n = trend_{n-1} + a·(w_n - trend_{n-1}) per day (Walker, The Hacker's Diet). A gap of
    g days counts as g steps toward the new weight: a_g = 1 - (1 - a)^g, so a weight after a
    week away moves the trend as far as a week of identical daily weights would.
    """
    points: list[TrendPoint] = []
    trend: Decimal | None = None
    previous: date | None = None
    for day, weight in sorted(entries):
        if trend is None or previous is None:
            trend = weight
        else:
            gap = max(1, (day - previous).days)
            alpha = 1 - (1 - smoothing) ** gap
            trend = trend + alpha * (weight - trend)
        previous = day
        points.append(TrendPoint(day, weight, _round(trend)))
    return points


@dataclass(frozen=True)
class AdaptiveEstimate:
    """Expenditure estimated from what the user actually ate and how their trend moved."""

    tdee_kcal: Decimal
    mean_intake_kcal: Decimal
    trend_change_kg: Decimal
    days: int
    logged_days: int
    formula: str = "TDEE ≈ mean intake - (Δ trend weight x 7700 kcal/kg) / days"


def adaptive_tdee(
    intake_by_day: dict[date, Decimal],
    trend: Sequence[TrendPoint],
    *,
    min_logged_days: int = ADAPTIVE_MIN_LOGGED_DAYS,
) -> AdaptiveEstimate | None:
    """Real expenditure from logged intake and the weight trend over the same span (DOMAIN.md).

    Days without logged intake are skipped in the mean (they are missing data, not zero).
    Returns None when fewer than ``min_logged_days`` days were logged or there are fewer than
    two weigh-ins in the span.
    """
    if len(trend) < 2:
        return None
    first, last = trend[0], trend[-1]
    span_days = (last.day - first.day).days
    logged = [kcal for day, kcal in intake_by_day.items() if first.day <= day <= last.day]
    if span_days <= 0 or len(logged) < min_logged_days:
        return None
    mean_intake = sum(logged, Decimal("0")) / len(logged)
    change = last.trend_kg - first.trend_kg
    tdee = mean_intake - change * KCAL_PER_KG_BODY_MASS / span_days
    return AdaptiveEstimate(
        tdee_kcal=_whole(tdee),
        mean_intake_kcal=_whole(mean_intake),
        trend_change_kg=_round(change),
        days=span_days,
        logged_days=len(logged),
    )


def logged_day_streak(logged_days: Iterable[date], until: date) -> int:
    """Consecutive days with logged food ending at ``until``.

    A day not logged yet at ``until`` (usually today) does not break the streak: it is counted
    from the day before, so the number does not drop to zero every morning.
    """
    days = set(logged_days)
    cursor = until if until in days else until - timedelta(days=1)
    streak = 0
    while cursor in days:
        streak += 1
        cursor -= timedelta(days=1)
    return streak


def birthdays_after(birth_date: date, after: date, until: date) -> list[date]:
    """The days in (``after``, ``until``] a person born on ``birth_date`` turns a year older
    (``age_on`` changes): the anniversary, 1 March in common years for 29 February."""
    found = []
    for year in range(after.year, until.year + 1):
        try:
            day = birth_date.replace(year=year)
        except ValueError:  # 29 February in a common year: a year older on 1 March
            day = date(year, 3, 1)
        if after < day <= until and day > birth_date:
            found.append(day)
    return found


def target_in_force(
    history: Sequence[tuple[date, int | None]], day: date, before_history: int | None
) -> int | None:
    """A day's calorie target: the last change on or before that day (history sorted by
    day); for a day before the first change, ``before_history`` (the first target known),
    so every day of a range has one once the user has a target at all."""
    found = before_history
    for effective, target in history:
        if effective > day:
            break
        found = target
    return found
