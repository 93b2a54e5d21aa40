"""Amounts of a food or a recipe: portion choices → grams, what an amount adds, the
add-food dialog's rows, quick-add and recipe inputs. Pure (no Reflex, no I/O); tested in
tests/unit/ui/test_diary_logic.py with the rest of the diary's rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from app.api.foods import Food, Nutrients, Portion
from app.api.recipes import Recipe
from app.i18n import tr, trn
from app.state.diary_logic import MACRO_KEYS, FoodFacts, fmt_kcal, fmt_number, macro_line

GRAMS = "g"  # the portion select's value for "weigh it in grams"
MAX_GRAMS = 5000.0  # one item; more is a typo (the service refuses absurd amounts too)


@dataclass(frozen=True)
class PortionChoice:
    """One entry of the portion select: grams, or a household measure of the food."""

    value: str  # GRAMS or the portion id
    label: str  # "1 medium (182 g)"
    grams_per_unit: float
    default_quantity: float


def _grams(value: float, language: str) -> str:
    return tr(language, "{n} g", n=fmt_number(value, language=language))


def _kcal(value: float | None, language: str) -> str:
    return tr(language, "{n} kcal", n=fmt_kcal(value, language))


def _per_100g(value: float | None, language: str) -> str:
    return tr(language, "{n} kcal / 100 g", n=fmt_kcal(value, language))


def portion_choices(portions: Iterable[Portion], language: str = "en") -> tuple[PortionChoice, ...]:
    """The food's measures per one unit ("1 medium (182 g)"), then grams.

    SR28 lists some measures for several units ("3 oz", "0.5 breast"); the API counts
    `quantity` in single units, so the label says one unit and the default quantity keeps
    the source's amount when it is a whole count ("3" oz) and 1 otherwise.
    """
    choices = []
    for portion in portions:
        per_unit = portion.grams_per_unit
        if per_unit <= 0:
            continue
        amount = portion.amount if portion.amount >= 1 else 1.0
        choices.append(
            PortionChoice(
                str(portion.id),
                f"1 {portion.description} ({_grams(per_unit, language)})",
                per_unit,
                amount,
            )
        )
    choices.append(PortionChoice(GRAMS, tr(language, "grams"), 1.0, 100.0))
    return tuple(choices)


def default_choice(choices: tuple[PortionChoice, ...]) -> PortionChoice:
    """The first household measure (the source's own order), else grams."""
    return choices[0]


def grams_for(choice: PortionChoice, quantity: float) -> float:
    return round(choice.grams_per_unit * quantity, 1)


def scaled(per_100g: Nutrients, grams: float) -> dict[str, float]:
    """kcal and macros of `grams` of a food (unknown values count as 0)."""
    factor = grams / 100
    return {
        "kcal": (per_100g.energy_kcal or 0.0) * factor,
        "protein_g": (per_100g.protein_g or 0.0) * factor,
        "fat_g": (per_100g.fat_g or 0.0) * factor,
        "carbohydrate_g": (per_100g.carbohydrate_g or 0.0) * factor,
    }


RECIPE_SERVING = "serving"


def recipe_choices(recipe: Recipe, language: str = "en") -> tuple[PortionChoice, ...]:
    """Servings (when the recipe has them), then grams of the cooked dish."""
    choices = []
    if recipe.serving_g:
        label = tr(language, "1 serving ({grams})", grams=_grams(recipe.serving_g, language))
        choices.append(PortionChoice(RECIPE_SERVING, label, recipe.serving_g, 1.0))
    choices.append(PortionChoice(GRAMS, tr(language, "grams"), 1.0, 100.0))
    return tuple(choices)


def recipe_row(recipe: Recipe, language: str = "en") -> dict[str, str]:
    per_100g = recipe.per_100g or recipe.total
    per_serving = ""
    if recipe.per_serving is not None and recipe.serving_g:
        per_serving = tr(
            language,
            "{kcal} per serving ({grams})",
            kcal=_kcal(recipe.per_serving.energy_kcal, language),
            grams=_grams(recipe.serving_g, language),
        )
    count = len(recipe.ingredients)
    return {
        "id": recipe.id,
        "name": recipe.name,
        "brand": trn(language, count, "{n} ingredient", "{n} ingredients"),
        "per_100g": _per_100g(per_100g.energy_kcal, language),
        "per_portion": per_serving,
    }


def food_row(food: Food, language: str = "en") -> dict[str, str]:
    """A search result or picked food: brand, kcal per 100 g and per default portion."""
    portion = food.default_portion
    per_portion = ""
    if portion is not None and food.kcal_per_100g is not None:
        kcal = food.kcal_per_100g * portion.grams_per_unit / 100
        per_portion = tr(
            language,
            "{kcal} per {portion} ({grams})",
            kcal=_kcal(kcal, language),
            portion=portion.description,
            grams=_grams(portion.grams_per_unit, language),
        )
    return {
        "id": str(food.id),
        "name": food.name_in(language),
        "brand": food.brand or (tr(language, "Your food") if food.private else ""),
        "per_100g": _per_100g(food.kcal_per_100g, language),
        "per_portion": per_portion,
    }


def edit_choices(facts: FoodFacts | None, language: str = "en") -> list[dict[str, str]]:
    """The edit dialog's unit select for a logged food: its measures, then grams."""
    options = [
        {"value": str(pid), "label": f"1 {desc} ({_grams(per_unit, language)})"}
        for pid, (desc, per_unit) in (facts.portions.items() if facts else ())
        if per_unit > 0
    ]
    return [*options, {"value": GRAMS, "label": tr(language, "grams")}]


def edit_request(unit_value: str, original_portion: str, amount: float) -> dict[str, float | int]:
    """The PATCH body for an edited food item: grams, more of the same portion, or another
    portion of the food."""
    if unit_value == GRAMS:
        return {"grams": amount}
    if unit_value == original_portion:
        return {"quantity": amount}
    return {"portion_id": int(unit_value), "quantity": amount}


def quick_add_values(
    fields: Mapping[str, Any], language: str = "en"
) -> tuple[dict[str, float], dict[str, str]]:
    """Quick-add inputs → (numbers, {field: problem}); kcal is required, macros default to 0."""
    values: dict[str, float] = {}
    problems: dict[str, str] = {}
    for key in ("energy_kcal", "protein_g", "fat_g", "carbohydrate_g"):
        raw = str(fields.get(key, "") or "").strip()
        if not raw:
            if key == "energy_kcal":
                problems[key] = tr(language, "Enter the calories.")
            else:
                values[key] = 0.0
            continue
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            problems[key] = tr(language, "Enter a number.")
            continue
        if number < 0 or number > 10000:
            problems[key] = tr(language, "Enter a number between 0 and 10000.")
            continue
        values[key] = number
    return values, problems


def recipe_preview(
    ingredients: Iterable[tuple[Nutrients, float]],
    *,
    servings: float | None = None,
    cooked_weight_g: float | None = None,
    language: str = "en",
) -> dict[str, str]:
    """What the builder shows before saving: the whole dish, per serving and per 100 g of
    the cooked dish (the raw weight when no cooked weight is given), as the service does."""
    parts = [(per_100g, grams) for per_100g, grams in ingredients if grams > 0]
    raw_weight = sum(grams for _, grams in parts)
    total = {key: 0.0 for key in MACRO_KEYS}
    for per_100g, grams in parts:
        for key, value in scaled(per_100g, grams).items():
            total[key] += value
    weight = cooked_weight_g or raw_weight
    per_serving = {k: v / servings for k, v in total.items()} if servings else None
    return {
        "total_kcal": fmt_kcal(total["kcal"], language),
        "total_macros": macro_line(total, language),
        "weight": _grams(weight, language) if weight else "",
        "per_100g": _per_100g(total["kcal"] * 100 / weight, language) if weight else "",
        "per_serving": (
            tr(
                language,
                "{kcal} per serving ({grams})",
                kcal=_kcal(per_serving["kcal"], language),
                grams=_grams(weight / servings, language),
            )
            if per_serving is not None and servings and weight
            else ""
        ),
    }
