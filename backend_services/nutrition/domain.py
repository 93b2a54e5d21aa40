"""Nutrient arithmetic: the ``Nutrients`` value object, Atwater energy and the quality check.

Sources:
- Atwater general factors: protein 4, carbohydrate 4, fat 9, alcohol 7 kcal/g; fibre 2 kcal/g
  (Regulation (EU) No 1169/2011, Annex XIV). 1 kcal = 4.184 kJ (thermochemical calorie).
- Nutrients are per 100 g of edible portion (USDA SR28 documentation, "Nutr_Val").

Rounding rule (exact, in ``Decimal``): a food's per-100 g values are kept as the source gives
them; a logged amount scales them exactly and then rounds each value once, half-even, to
``STEP`` (0.001 g / mg / kcal). Meal and day totals are exact sums of the rounded item values,
so a total always equals the sum of its items to the last digit. Display rounding (whole kcal,
0.1 g) is the client's business.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

STEP = Decimal("0.001")
HUNDRED = Decimal(100)
KJ_PER_KCAL = Decimal("4.184")
ATWATER = {"protein": Decimal(4), "carbohydrate": Decimal(4), "fat": Decimal(9)}
ALCOHOL_KCAL_PER_G = Decimal(7)
FIBRE_KCAL_PER_G = Decimal(2)
# Stated and Atwater energy may differ by specific factors (SR28 uses food-specific ones) and
# rounding on labels; beyond this the food is flagged, not silently trusted.
ENERGY_TOLERANCE_KCAL = Decimal(25)
ENERGY_TOLERANCE_RATIO = Decimal("0.20")
MAX_KCAL_PER_100G = Decimal(902)  # pure fat ~ 900 kcal
MAX_SODIUM_MG_PER_100G = Decimal(39_400)  # pure salt is 39.3 % sodium

# a food's other names ("aliases") are stored as one text, separated by this
ALIAS_SEPARATOR = "; "

CORE = (
    "energy_kcal",
    "protein_g",
    "fat_g",
    "saturated_fat_g",
    "carbohydrate_g",
    "sugars_g",
    "fibre_g",
    "sodium_mg",
)


def quantize(value: Decimal) -> Decimal:
    return value.quantize(STEP, rounding=ROUND_HALF_EVEN)


def to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    result = Decimal(str(value))
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return result


@dataclass(frozen=True)
class Nutrients:
    """Amounts of nutrients (for 100 g of a food, or for a logged amount). None = unknown."""

    energy_kcal: Decimal | None = None
    protein_g: Decimal | None = None
    fat_g: Decimal | None = None
    saturated_fat_g: Decimal | None = None
    carbohydrate_g: Decimal | None = None
    sugars_g: Decimal | None = None
    fibre_g: Decimal | None = None
    sodium_mg: Decimal | None = None
    micronutrients: Mapping[str, Decimal] = field(default_factory=dict)

    @property
    def energy_kj(self) -> Decimal | None:
        return None if self.energy_kcal is None else quantize(self.energy_kcal * KJ_PER_KCAL)

    def scaled(self, grams: Decimal) -> Nutrients:
        """The nutrients in ``grams`` of a food whose per-100 g values these are (rounded)."""
        factor = grams / HUNDRED
        return Nutrients(
            **{name: _mul(getattr(self, name), factor) for name in CORE},
            micronutrients={k: quantize(v * factor) for k, v in self.micronutrients.items()},
        )

    def per_100g(self, grams: Decimal) -> Nutrients:
        """Per-100 g values of a mixture weighing ``grams`` that holds these nutrients."""
        if grams <= 0:
            raise ValueError("weight must be positive")
        return self.scaled(HUNDRED * HUNDRED / grams)

    def __add__(self, other: Nutrients) -> Nutrients:
        micro = dict(self.micronutrients)
        for key, value in other.micronutrients.items():
            micro[key] = micro.get(key, Decimal(0)) + value
        return Nutrients(
            **{name: _add(getattr(self, name), getattr(other, name)) for name in CORE},
            micronutrients=micro,
        )

    @classmethod
    def total(cls, items: Iterable[Nutrients]) -> Nutrients:
        result = ZERO
        for item in items:
            result = result + item
        return result

    def to_json(self) -> dict[str, Any]:
        """Numbers as strings would be exact but awkward for clients; floats of 3-decimal
        values round-trip through ``Decimal(str(x))`` exactly."""
        out: dict[str, Any] = {name: _num(getattr(self, name)) for name in CORE}
        out["energy_kj"] = _num(self.energy_kj)
        out["micronutrients"] = {k: _num(v) for k, v in sorted(self.micronutrients.items())}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Nutrients:
        values = {name: to_decimal(data.get(name)) for name in CORE}
        micro = {k: Decimal(str(v)) for k, v in (data.get("micronutrients") or {}).items()}
        return cls(**values, micronutrients=micro)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Nutrients):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self))

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in CORE))


_0 = Decimal(0)
ZERO = Nutrients(_0, _0, _0, _0, _0, _0, _0, _0)


def _mul(value: Decimal | None, factor: Decimal) -> Decimal | None:
    return None if value is None else quantize(value * factor)


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    # Unknown plus known counts the known part; totals of "unknown" stay unknown only when
    # every item is unknown (a day with one unlabelled item still shows its protein).
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def atwater_energy_kcal(
    *,
    protein_g: Decimal | None,
    fat_g: Decimal | None,
    carbohydrate_g: Decimal | None,
    fibre_g: Decimal | None = None,
    alcohol_g: Decimal | None = None,
    carbohydrate_includes_fibre: bool = True,
) -> Decimal | None:
    """Energy from macronutrients with the general Atwater factors (EU 1169/2011 Annex XIV).

    US data (SR28, FDC) give carbohydrate "by difference", fibre included, counted at 4 kcal/g;
    EU labels (Open Food Facts) give available carbohydrate and fibre separately (2 kcal/g).
    None when no macronutrient is known.
    """
    if protein_g is None and fat_g is None and carbohydrate_g is None:
        return None
    zero = Decimal(0)
    kcal = (
        ATWATER["protein"] * (protein_g or zero)
        + ATWATER["fat"] * (fat_g or zero)
        + ATWATER["carbohydrate"] * (carbohydrate_g or zero)
        + ALCOHOL_KCAL_PER_G * (alcohol_g or zero)
    )
    if not carbohydrate_includes_fibre:
        kcal += FIBRE_KCAL_PER_G * (fibre_g or zero)
    return quantize(kcal)


def energy_mismatch(stated_kcal: Decimal, derived_kcal: Decimal) -> bool:
    """True when stated energy and Atwater energy disagree beyond the tolerance."""
    allowed = max(ENERGY_TOLERANCE_KCAL, ENERGY_TOLERANCE_RATIO * derived_kcal)
    return abs(stated_kcal - derived_kcal) > allowed


def impossible_values(per_100g: Nutrients) -> list[str]:
    """Reasons why per-100 g values cannot be real (negative, macros over 100 g, ...)."""
    reasons = []
    for name in CORE:
        value = getattr(per_100g, name)
        if value is not None and value < 0:
            reasons.append(f"negative {name}")
    for name in ("protein_g", "fat_g", "saturated_fat_g", "carbohydrate_g", "sugars_g", "fibre_g"):
        value = getattr(per_100g, name)
        if value is not None and value > HUNDRED:
            reasons.append(f"{name} over 100 g per 100 g")
    grams = [per_100g.protein_g, per_100g.fat_g, per_100g.carbohydrate_g]
    if sum((g for g in grams if g is not None), Decimal(0)) > HUNDRED + 2:
        reasons.append("macronutrients over 100 g per 100 g")
    for part, whole in (("sugars_g", "carbohydrate_g"), ("saturated_fat_g", "fat_g")):
        p, w = getattr(per_100g, part), getattr(per_100g, whole)
        if p is not None and w is not None and p > w + 1:
            reasons.append(f"{part} exceeds {whole}")
    if per_100g.energy_kcal is not None and per_100g.energy_kcal > MAX_KCAL_PER_100G:
        reasons.append("energy over 900 kcal per 100 g")
    if per_100g.sodium_mg is not None and per_100g.sodium_mg > MAX_SODIUM_MG_PER_100G:
        reasons.append("sodium over 39.4 g per 100 g")
    return reasons


MACRONUTRIENTS = ("protein_g", "fat_g", "carbohydrate_g")
ENERGY_MISMATCH = "stated energy differs from macronutrients"


def impossible_fields(per_100g: Nutrients) -> dict[str, str]:
    """``impossible_values`` by the field each reason is about (for a 422's ``fields``)."""
    out: dict[str, str] = {}
    for reason in impossible_values(per_100g):
        names = sorted((n for n in CORE if n in reason), key=reason.index)
        if reason.startswith("macronutrients"):
            names = list(MACRONUTRIENTS)
        elif reason.startswith("energy"):
            names = ["energy_kcal"]
        elif reason.startswith("sodium"):
            names = ["sodium_mg"]
        for name in names[:1] if " exceeds " in reason else names:
            out.setdefault(name, reason)
    return out


def stated_energy_flags(per_100g: Nutrients) -> list[str]:
    """The importers' energy check for a stated energy: flagged when it is far from the
    Atwater estimate under both labelling conventions (carbohydrate with fibre, US; without
    fibre, fibre at 2 kcal/g, EU), so a correct label of either kind passes."""
    if per_100g.energy_kcal is None:
        return []
    macros = {name: getattr(per_100g, name) for name in MACRONUTRIENTS}
    estimates = [
        atwater_energy_kcal(**macros),
        atwater_energy_kcal(**macros, fibre_g=per_100g.fibre_g, carbohydrate_includes_fibre=False),
    ]
    known = [e for e in estimates if e is not None]
    if known and all(energy_mismatch(per_100g.energy_kcal, e) for e in known):
        return [ENERGY_MISMATCH]
    return []


def valid_gtin(code: str) -> bool:
    """EAN-13 / UPC-A (12 digits) / EAN-8 check digit (GS1 General Specifications, 7.9.1).

    A UPC-E code (8 digits too) is checked through its UPC-A form: ``upc_e_to_upc_a``."""
    if not code.isdigit() or len(code) not in (8, 12, 13):
        return False
    digits = [int(c) for c in code]
    body, check = digits[:-1], digits[-1]
    weights = [3 if i % 2 == 0 else 1 for i in range(len(body))]
    total = sum(d * w for d, w in zip(reversed(body), weights, strict=True))
    return (10 - total % 10) % 10 == check


def normalize_gtin(code: str) -> str:
    """UPC-A is EAN-13 with a leading zero; store and look up the 13-digit form."""
    return "0" + code if len(code) == 12 else code


def upc_e_to_upc_a(code: str) -> str | None:
    """The UPC-A a zero-suppressed UPC-E code stands for, or None if it is not one.

    UPC-E is number system (0 or 1), six digits and the UPC-A check digit; the last of the
    six says where the zeros were suppressed (GS1 General Specifications, UPC-E):
    0-2 -> NS d1 d2 d6 0000 d3 d4 d5, 3 -> NS d1 d2 d3 00000 d4 d5,
    4 -> NS d1 d2 d3 d4 00000 d5, 5-9 -> NS d1 d2 d3 d4 d5 0000 d6.
    """
    if len(code) != 8 or not code.isdigit() or code[0] not in "01":
        return None
    ns, d, check = code[0], code[1:7], code[7]
    last = d[5]
    if last in "012":
        body = d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = d[0:4] + "00000" + d[4]
    else:
        body = d[0:5] + "0000" + last
    upc_a = ns + body + check
    return upc_a if valid_gtin(upc_a) else None


def canonical_barcode(code: str) -> str | None:
    """The one stored form of a valid barcode: EAN-13 (UPC-A and UPC-E expanded to it with a
    leading zero), EAN-8 as it is; None for an invalid code. An 8-digit code valid both as
    EAN-8 and as UPC-E stays EAN-8."""
    if valid_gtin(code):
        return normalize_gtin(code)
    upc_a = upc_e_to_upc_a(code)
    return normalize_gtin(upc_a) if upc_a else None


def barcode_forms(code: str) -> list[str]:
    """The stored forms a scanned or typed barcode may have: EAN-13, UPC-A (as EAN-13),
    EAN-8 as it is, and UPC-E both as printed and expanded to UPC-A (an 8-digit code can
    be valid as both EAN-8 and UPC-E). Empty when the code is no valid barcode."""
    forms = []
    if valid_gtin(code):
        forms.append(normalize_gtin(code))
    upc_a = upc_e_to_upc_a(code)
    if upc_a is not None:
        forms += [code, normalize_gtin(upc_a)]
    return list(dict.fromkeys(forms))


ENERGY_DERIVED = "energy derived from macronutrients"


def food_quality_flags(per_100g: Nutrients) -> list[str]:
    """The flags a food with these stated values gets (impossible values, an energy far from
    its macronutrients): what the importers compute, for a food an admin corrected."""
    return impossible_values(per_100g) + stated_energy_flags(per_100g)


def flag_reason(flag: str, per_100g: Nutrients) -> str:
    """Why ``flag`` is on a food, with its numbers, for the admin who checks it."""
    if flag == ENERGY_MISMATCH and per_100g.energy_kcal is not None:
        macros = {name: getattr(per_100g, name) for name in MACRONUTRIENTS}
        us = atwater_energy_kcal(**macros)
        eu = atwater_energy_kcal(
            **macros, fibre_g=per_100g.fibre_g, carbohydrate_includes_fibre=False
        )
        return (
            f"states {per_100g.energy_kcal} kcal per 100 g; its macronutrients give {us} kcal"
            f" (carbohydrate with fibre) or {eu} kcal (fibre apart), beyond the tolerance of"
            f" {ENERGY_TOLERANCE_KCAL} kcal or {ENERGY_TOLERANCE_RATIO:.0%}"
        )
    if flag == ENERGY_DERIVED:
        return "the source states no energy: it was computed from the macronutrients"
    return f"cannot be real: {flag}"
