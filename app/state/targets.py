"""The daily targets explained in words: each number with its formula, inputs and source.

Everything here is pure (no Reflex, no I/O): it turns the users service's `/me/targets`
answer into the strings the onboarding and profile pages show, so it is unit-tested. Inputs,
the goal's rate and the protein rule are in the user's units; the equation keeps kg and cm,
the units its coefficients are for.
"""

from __future__ import annotations

import dataclasses

from app.api.users import Formula, Targets
from app.i18n import tr
from app.i18n.formats import fmt_number
from app.state import units as u
from app.state.program_logic import plan_text
from app.state.units import METRIC

INPUT_WEIGHTS = frozenset({"weight_kg", "lean_body_mass_kg"})


def activity_name(level: str, language: str = "en") -> str:
    names = {
        "sedentary": tr(language, "Sedentary"),
        "light": tr(language, "Lightly active"),
        "moderate": tr(language, "Moderately active"),
        "very_active": tr(language, "Very active"),
        "extra_active": tr(language, "Extra active"),
    }
    return names.get(level, level)


def goal_name(goal: str, language: str = "en") -> str:
    names = {
        "lose": tr(language, "Lose weight"),
        "maintain": tr(language, "Keep my weight"),
        "gain": tr(language, "Gain weight"),
    }
    return names.get(goal, goal)


def _input_name(key: str, language: str) -> str:
    names = {
        "sex": tr(language, "Sex"),
        "weight_kg": tr(language, "Weight"),
        "height_cm": tr(language, "Height"),
        "age_years": tr(language, "Age"),
        "body_fat_pct": tr(language, "Body fat"),
        "lean_body_mass_kg": tr(language, "Lean body mass"),
    }
    return names.get(key, key.replace("_", " ").capitalize())


def number(value: float, places: int = 0, language: str = "en") -> str:
    """1884.09 -> "1,884" (Russian "1 884"); decimals only where needed; a real minus sign."""
    text = fmt_number(language, round(abs(value), places), places)
    return ("\u2212" if value < 0 else "") + text


def _input_number(raw: str) -> str:
    try:
        return number(float(raw), 2)
    except ValueError:
        return raw


def _input_value(key: str, raw: str, units: str, language: str = "en") -> str:
    """One input as read: "68 kg" / "149.9 lb", "165 cm" / "5 ft 5 in", "35 years"."""
    if key == "sex":
        return {"male": tr(language, "male"), "female": tr(language, "female")}.get(raw, raw)
    try:
        value = float(raw)
    except ValueError:
        return raw
    if key in INPUT_WEIGHTS:
        return u.weight_text(value, units, language)
    if key == "height_cm":
        return u.height_text(value, units, language)
    if key == "age_years":
        return tr(language, "{n} years", n=number(value, 2, language))
    if key == "body_fat_pct":
        return f"{number(value, 2, language)} %"
    return number(value, 2, language)


def input_lines(formula: Formula, units: str = METRIC, language: str = "en") -> list[str]:
    """`{"weight_kg": "68.00"}` → ["Weight: 68 kg", ...] in the formula's own order."""
    return [
        f"{_input_name(key, language)}: " + _input_value(key, raw, units, language)
        for key, raw in formula.inputs.items()
    ]


def equation(formula: Formula) -> str:
    """The formula with the user's numbers in it ("10 x 68 kg + 6.25 x 165 cm - ..."); "" for
    a formula this module does not know (the name and inputs are still shown)."""
    i = formula.inputs
    kg, cm, age = (_input_number(i.get(k, "")) for k in ("weight_kg", "height_cm", "age_years"))
    male = i.get("sex") == "male"
    if formula.name == "Mifflin-St Jeor":
        constant = "+ 5" if male else "\u2212 161"
        return f"10 \u00d7 {kg} kg + 6.25 \u00d7 {cm} cm \u2212 5 \u00d7 {age} y {constant}"
    if formula.name.startswith("Harris-Benedict"):
        a, b, c, d = (
            ("88.362", "13.397", "4.799", "5.677")
            if male
            else ("447.593", "9.247", "3.098", "4.330")
        )
        return f"{a} + {b} \u00d7 {kg} kg + {c} \u00d7 {cm} cm \u2212 {d} \u00d7 {age} y"
    if formula.name == "Katch-McArdle":
        lean = _input_number(i.get("lean_body_mass_kg", ""))
        return f"370 + 21.6 \u00d7 {lean} kg lean mass"
    return ""


@dataclasses.dataclass
class TargetsView:
    """The targets as plain sentences and numbers (empty strings before they are known)."""

    formula_name: str = ""
    formula_source: str = ""
    formula_equation: str = ""
    formula_inputs: list[str] = dataclasses.field(default_factory=list)
    bmr_kcal: str = ""
    alternatives: list[str] = dataclasses.field(default_factory=list)
    activity_name: str = ""
    activity_factor: str = ""
    tdee_kcal: str = ""
    goal_name: str = ""
    goal_rate: str = ""
    goal_adjustment_kcal: str = ""
    goal_method: str = ""
    calorie_target_kcal: str = ""
    floor_note: str = ""
    protein_g: str = ""
    protein_rule: str = ""
    fat_g: str = ""
    fat_rule: str = ""
    carbohydrate_g: str = ""
    macro_shares: str = ""
    notes: list[str] = dataclasses.field(default_factory=list)


def macro_energy_shares(protein_g: float, fat_g: float, carbohydrate_g: float) -> tuple[int, ...]:
    """Percent of energy from protein, fat and carbohydrate (Atwater 4/9/4), summing to 100."""
    kcal = (protein_g * 4, fat_g * 9, carbohydrate_g * 4)
    total = sum(kcal)
    if total <= 0:
        return (0, 0, 0)
    shares = [round(100 * k / total) for k in kcal]
    shares[2] += 100 - sum(shares)  # rounding remainder goes to carbohydrate
    return tuple(shares)


def goal_rate_text(rate_kg_per_week: float, units: str = METRIC, language: str = "en") -> str:
    """ "0.5 kg/week" / "1.1 lb/week"."""
    shown = number(u.kg_to_shown(rate_kg_per_week, units), 2, language)
    return tr(language, "{n} {unit}/week", n=shown, unit=u.weight_unit(units, language))


def protein_rule_text(g_per_kg: float, units: str = METRIC, language: str = "en") -> str:
    """ "1.6 g per kg of body weight" / "0.73 g per lb of body weight"."""
    per = g_per_kg * u.KG_PER_LB if u.imperial(units) else g_per_kg
    return tr(
        language,
        "{n} g per {unit} of body weight",
        n=number(per, 2, language),
        unit=u.weight_unit(units, language),
    )


def explain_targets(t: Targets, units: str = METRIC, language: str = "en") -> TargetsView:
    m = t.macros
    protein, fat, carbs = macro_energy_shares(m.protein_g, m.fat_g, m.carbohydrate_g)

    def num(value: float, places: int = 0) -> str:
        return number(value, places, language)

    floor_note = ""
    if t.floor_applied:
        floor_note = tr(
            language,
            "Your goal would need {need} kcal a day, below the safe minimum of {floor} kcal. "
            "The target is held at the minimum: choose a slower rate or ask a clinician.",
            need=num(t.unadjusted_target_kcal),
            floor=num(t.safe_floor_kcal),
        )
    return TargetsView(
        formula_name=t.bmr.name,
        formula_source=t.bmr.source,
        formula_equation=equation(t.bmr),
        formula_inputs=input_lines(t.bmr, units, language),
        bmr_kcal=num(t.bmr.value),
        alternatives=[
            tr(language, "{name} would give {kcal} kcal", name=f.name, kcal=num(f.value))
            for f in t.alternatives
        ],
        activity_name=activity_name(t.activity_level, language),
        activity_factor=num(t.activity_factor, 3),
        tdee_kcal=num(t.tdee_kcal),
        goal_name=goal_name(t.goal, language),
        goal_rate=""
        if t.goal == "maintain"
        else goal_rate_text(t.goal_rate_kg_per_week, units, language),
        goal_adjustment_kcal=("+" if t.goal_adjustment_kcal > 0 else "")
        + num(t.goal_adjustment_kcal),
        goal_method=t.goal_method,
        calorie_target_kcal=num(t.calorie_target_kcal),
        floor_note=floor_note,
        protein_g=num(m.protein_g),
        protein_rule=protein_rule_text(m.protein_g_per_kg, units, language),
        fat_g=num(m.fat_g),
        fat_rule=tr(language, "{n} % of energy", n=round(m.fat_energy_share * 100)),
        carbohydrate_g=num(m.carbohydrate_g),
        macro_shares=tr(
            language,
            "Protein {protein} % · fat {fat} % · carbohydrate {carbs} % of energy",
            protein=protein,
            fat=fat,
            carbs=carbs,
        ),
        notes=[n for n in t.notes if not (t.floor_applied and "safe minimum" in n)],
    )


def training_day_text(targets: Targets, language: str = "en") -> str:
    """The training-day extra with why the day is one: "training day (planned: Push pull,
    Mon · Wed · Fri): +250 kcal", "training day (workout completed): ...", or both."""
    extra = number(targets.training_extra_kcal, language=language)
    if not targets.training_planned_program:
        return tr(language, "training day (workout completed): +{kcal} kcal", kcal=extra)
    plan = f"{targets.training_planned_program}, "
    plan += plan_text(targets.training_planned_weekdays, language)
    if targets.training_workouts:
        return tr(
            language,
            "training day (workout completed; planned: {plan}): +{kcal} kcal",
            plan=plan,
            kcal=extra,
        )
    return tr(language, "training day (planned: {plan}): +{kcal} kcal", plan=plan, kcal=extra)
