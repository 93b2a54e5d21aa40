"""The daily targets explained in words: each number with its formula, inputs and source.

Everything here is pure (no Reflex, no I/O): it turns the users service's `/me/targets`
answer into the strings the onboarding and profile pages show, so it is unit-tested. Inputs,
the goal's rate and the protein rule are in the user's units; the equation keeps kg and cm,
the units its coefficients are for.
"""

from __future__ import annotations

import dataclasses

from app.api.users import Formula, Targets
from app.state import units as u
from app.state.units import METRIC

ACTIVITY_NAMES = {
    "sedentary": "Sedentary",
    "light": "Lightly active",
    "moderate": "Moderately active",
    "very_active": "Very active",
    "extra_active": "Extra active",
}
GOAL_NAMES = {"lose": "Lose weight", "maintain": "Keep my weight", "gain": "Gain weight"}
INPUT_NAMES = {
    "sex": "Sex",
    "weight_kg": "Weight",
    "height_cm": "Height",
    "age_years": "Age",
    "body_fat_pct": "Body fat",
    "lean_body_mass_kg": "Lean body mass",
}
INPUT_UNITS = {"age_years": "years", "body_fat_pct": "%"}
INPUT_WEIGHTS = frozenset({"weight_kg", "lean_body_mass_kg"})


def number(value: float, places: int = 0) -> str:
    """1884.09 -> "1,884"; decimals only where needed; a real minus sign for negatives."""
    text = f"{abs(value):,.{places}f}"
    if places and "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("\u2212" if value < 0 else "") + text


def _input_number(raw: str) -> str:
    try:
        return number(float(raw), 2)
    except ValueError:
        return raw


def _input_value(key: str, raw: str, units: str) -> str:
    """One input as read: "68 kg" / "149.9 lb", "165 cm" / "5 ft 5 in", "35 years"."""
    if key == "sex":
        return raw
    try:
        value = float(raw)
    except ValueError:
        return raw
    if key in INPUT_WEIGHTS:
        return u.weight_text(value, units)
    if key == "height_cm":
        return u.height_text(value, units)
    unit = INPUT_UNITS.get(key, "")
    return _input_number(raw) + (f" {unit}" if unit else "")


def input_lines(formula: Formula, units: str = METRIC) -> list[str]:
    """`{"weight_kg": "68.00"}` → ["Weight: 68 kg", ...] in the formula's own order."""
    return [
        f"{INPUT_NAMES.get(key, key.replace('_', ' ').capitalize())}: "
        + _input_value(key, raw, units)
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


def goal_rate_text(rate_kg_per_week: float, units: str = METRIC) -> str:
    """ "0.5 kg/week" / "1.1 lb/week"."""
    return f"{number(u.kg_to_shown(rate_kg_per_week, units), 2)} {u.weight_unit(units)}/week"


def protein_rule_text(g_per_kg: float, units: str = METRIC) -> str:
    """ "1.6 g per kg of body weight" / "0.73 g per lb of body weight"."""
    per = g_per_kg * u.KG_PER_LB if u.imperial(units) else g_per_kg
    return f"{number(per, 2)} g per {u.weight_unit(units)} of body weight"


def explain_targets(t: Targets, units: str = METRIC) -> TargetsView:
    m = t.macros
    protein, fat, carbs = macro_energy_shares(m.protein_g, m.fat_g, m.carbohydrate_g)
    floor_note = ""
    if t.floor_applied:
        floor_note = (
            f"Your goal would need {number(t.unadjusted_target_kcal)} kcal a day, below the "
            f"safe minimum of {number(t.safe_floor_kcal)} kcal. The target is held at the "
            "minimum: choose a slower rate or ask a clinician."
        )
    return TargetsView(
        formula_name=t.bmr.name,
        formula_source=t.bmr.source,
        formula_equation=equation(t.bmr),
        formula_inputs=input_lines(t.bmr, units),
        bmr_kcal=number(t.bmr.value),
        alternatives=[f"{f.name} would give {number(f.value)} kcal" for f in t.alternatives],
        activity_name=ACTIVITY_NAMES.get(t.activity_level, t.activity_level),
        activity_factor=number(t.activity_factor, 3),
        tdee_kcal=number(t.tdee_kcal),
        goal_name=GOAL_NAMES.get(t.goal, t.goal),
        goal_rate="" if t.goal == "maintain" else goal_rate_text(t.goal_rate_kg_per_week, units),
        goal_adjustment_kcal=("+" if t.goal_adjustment_kcal > 0 else "")
        + number(t.goal_adjustment_kcal),
        goal_method=t.goal_method,
        calorie_target_kcal=number(t.calorie_target_kcal),
        floor_note=floor_note,
        protein_g=number(m.protein_g),
        protein_rule=protein_rule_text(m.protein_g_per_kg, units),
        fat_g=number(m.fat_g),
        fat_rule=f"{round(m.fat_energy_share * 100)} % of energy",
        carbohydrate_g=number(m.carbohydrate_g),
        macro_shares=f"Protein {protein} % · fat {fat} % · carbohydrate {carbs} % of energy",
        notes=[n for n in t.notes if not (t.floor_applied and "safe minimum" in n)],
    )
