"""How much of a food a parsed item means: a portion of the food's own, or grams.

"a slice of toast" takes the toast's "slice" measure; "2 eggs" a count measure (medium first,
the size people mean when they say none); "250 ml milk" uses the food's cup measure for its
density; what the food has no measure for is converted by a household rule (a glass is 250 ml,
a cup 240 ml, a tablespoon 15 ml, a handful 30 g) and the answer says so, so the person can
check it before anything is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .phrases import ParsedItem, Size, Unit, accompaniment_default

GRAMS_PER_OUNCE = 28.349523125
ML_PER_CUP = 236.5882365  # US customary cup, the one SR28's "cup" measures use
ML_PER_FL_OZ = 29.5735295625
# Household volumes when the food has no such measure.
HOUSEHOLD_ML = {Unit.GLASS: 250.0, Unit.CUP: 240.0, Unit.TABLESPOON: 15.0, Unit.TEASPOON: 5.0}
HOUSEHOLD_G = {Unit.HANDFUL: 30.0, Unit.BOWL: 300.0, Unit.SLICE: 30.0, Unit.SERVING: 100.0}
DEFAULT_GRAMS = 100.0
# Which of a food's measures a unit means, by the measure's first word(s), best first.
MEASURE_WORDS: dict[Unit, tuple[str, ...]] = {
    Unit.CUP: ("cup",),
    Unit.TABLESPOON: ("tbsp", "tablespoon"),
    Unit.TEASPOON: ("tsp", "teaspoon"),
    Unit.SLICE: ("slice", "piece"),
    Unit.PIECE: ("piece", "each", "medium", "large", "small", "item", "whole"),
    Unit.CAN: ("can",),
    Unit.BOTTLE: ("bottle",),
    Unit.BOWL: ("bowl",),
    Unit.SERVING: ("serving", "portion"),
    Unit.OUNCE: ("oz",),
}
# A count with no unit ("2 eggs", "an apple", "a coffee"): these measures, best first.
COUNT_WORDS = (
    "medium", "large", "each", "piece", "whole", "fruit", "small", "slice", "item", "serving",
    "cup",
)  # fmt: skip


@dataclass(frozen=True)
class Amount:
    grams: float
    portion_id: int | None  # log as portion x quantity when set, else as grams
    quantity: float | None
    said: str  # the amount in words: "1 slice (25 g)", "250 ml (258 g)"
    assumption: str | None = None  # what we assumed, for the person to check


def amount_for(item: ParsedItem, portions: Sequence[dict[str, Any]]) -> Amount:
    """The amount of ``item`` given the food's measures (``{id, amount, description, grams}``)."""
    quantity, unit, assumption = _quantity(item)
    q = float(quantity)
    if unit is Unit.GRAM:
        return Amount(q, None, None, f"{q:g} g", assumption)
    if unit is Unit.OUNCE and not _measure(portions, MEASURE_WORDS[Unit.OUNCE], None):
        return Amount(q * GRAMS_PER_OUNCE, None, None, f"{q:g} oz", assumption)
    if unit is Unit.MILLILITRE:
        return _volume(q, portions, assumption)
    words = MEASURE_WORDS.get(unit) if unit else COUNT_WORDS
    measure = _measure(portions, words or (), item.size)
    if measure is not None:
        per_unit = measure["grams"] / measure["amount"]
        label = _unit_label(measure)
        return Amount(
            q * per_unit,
            measure["id"],
            q,
            f"{q:g} {label} ({q * per_unit:,.0f} g)",
            assumption,
        )
    if unit in HOUSEHOLD_ML:
        amount = _volume(q * HOUSEHOLD_ML[unit], portions, None)
        note = f"{q:g} {unit.value} taken as {q * HOUSEHOLD_ML[unit]:g} ml"
        return Amount(
            amount.grams, None, None, amount.said, _join(assumption, note, amount.assumption)
        )
    grams = q * HOUSEHOLD_G.get(unit, DEFAULT_GRAMS) if unit else q * DEFAULT_GRAMS
    what = unit.value if unit else "one"
    note = f"no '{what}' measure for this food: {grams:g} g assumed"
    return Amount(grams, None, None, f"{grams:g} g", _join(assumption, note))


def _quantity(item: ParsedItem) -> tuple[Fraction, Unit | None, str | None]:
    if item.quantity is not None:
        return item.quantity, item.unit, None
    if item.goes_with is not None and (usual := accompaniment_default(item.query)):
        amount, unit = usual
        return amount, unit, f"the usual {amount} {unit.value} with {item.goes_with}"
    return Fraction(1), item.unit, None


def _volume(ml: float, portions: Sequence[dict[str, Any]], assumption: str | None) -> Amount:
    cup = _measure(portions, ("cup",), None)
    fl_oz = _measure(portions, ("fl oz",), None)
    if cup is not None:
        density = cup["grams"] / cup["amount"] / ML_PER_CUP
    elif fl_oz is not None:
        density = fl_oz["grams"] / fl_oz["amount"] / ML_PER_FL_OZ
    else:
        density = 1.0
        assumption = _join(assumption, "1 g per ml assumed")
    return Amount(ml * density, None, None, f"{ml:g} ml ({ml * density:,.0f} g)", assumption)


def _measure(
    portions: Sequence[dict[str, Any]], words: Sequence[str], size: Size | None
) -> dict[str, Any] | None:
    usable = [p for p in portions if p["grams"] > 0 and p["amount"] > 0]
    if size is not None:
        sized = [p for p in usable if size.value in p["description"].lower().split()]
        if sized:
            return sized[0]
    for word in words:
        for portion in usable:
            if portion["description"].lower().startswith(word):
                return portion
    return None


def _unit_label(portion: dict[str, Any]) -> str:
    return str(portion["description"]).split(",")[0].split("(")[0].strip()


def _join(*notes: str | None) -> str | None:
    present = [n for n in notes if n]
    return "; ".join(present) if present else None
