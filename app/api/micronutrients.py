"""The micronutrient names table: the nutrition service answers USDA tag keys such as
`vitc_mg`, not words; this turns them into labelled rows in a nutrition label's order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# USDA SR28 tag keys (`<tagname>_<unit>`, as the importer stores them) → readable name and
# unit, in the order a nutrition label lists them. Keys not here are shown only on request.
MICRONUTRIENTS: dict[str, tuple[str, str]] = {
    "chole_mg": ("Cholesterol", "mg"),
    "fatrn_g": ("Trans fat", "g"),
    "fams_g": ("Monounsaturated fat", "g"),
    "fapu_g": ("Polyunsaturated fat", "g"),
    "k_mg": ("Potassium", "mg"),
    "ca_mg": ("Calcium", "mg"),
    "fe_mg": ("Iron", "mg"),
    "mg_mg": ("Magnesium", "mg"),
    "p_mg": ("Phosphorus", "mg"),
    "zn_mg": ("Zinc", "mg"),
    "cu_mg": ("Copper", "mg"),
    "mn_mg": ("Manganese", "mg"),
    "se_ug": ("Selenium", "µg"),
    "vita_rae_ug": ("Vitamin A", "µg"),
    "vitc_mg": ("Vitamin C", "mg"),
    "vitd_ug": ("Vitamin D", "µg"),
    "tocpha_mg": ("Vitamin E", "mg"),
    "vitk1_ug": ("Vitamin K", "µg"),
    "thia_mg": ("Thiamin (B1)", "mg"),
    "ribf_mg": ("Riboflavin (B2)", "mg"),
    "nia_mg": ("Niacin (B3)", "mg"),
    "pantac_mg": ("Pantothenic acid (B5)", "mg"),
    "vitb6a_mg": ("Vitamin B6", "mg"),
    "foldfe_ug": ("Folate (DFE)", "µg"),
    "vitb12_ug": ("Vitamin B12", "µg"),
    "choln_mg": ("Choline", "mg"),
    "caffn_mg": ("Caffeine", "mg"),
    "alc_g": ("Alcohol", "g"),
    "water_g": ("Water", "g"),
}
_UNITS = {"ug": "µg", "mg": "mg", "g": "g", "kcal": "kcal", "kj": "kJ", "iu": "IU"}


@dataclass(frozen=True)
class Micronutrient:
    key: str  # the service's key, e.g. "vitc_mg"
    name: str  # "Vitamin C"
    amount: float
    unit: str  # "mg", "µg", ...


def micronutrient_label(key: str) -> tuple[str, str]:
    """(readable name, unit) for a service key; unknown keys get a tidied version of it."""
    if key in MICRONUTRIENTS:
        return MICRONUTRIENTS[key]
    stem, _, unit = key.rpartition("_")
    if not stem:
        return key, ""
    return stem.replace("_", " ").capitalize(), _UNITS.get(unit.lower(), unit)


def readable_micronutrients(
    amounts: Mapping[str, float], *, known_only: bool = True
) -> tuple[Micronutrient, ...]:
    """The amounts as labelled rows: the known ones in label order, then (optionally) the rest."""
    rows = [
        Micronutrient(key, *_name_unit_amount(key, amounts[key]))
        for key in MICRONUTRIENTS
        if key in amounts
    ]
    if not known_only:
        rows += [
            Micronutrient(key, *_name_unit_amount(key, value))
            for key, value in sorted(amounts.items())
            if key not in MICRONUTRIENTS
        ]
    return tuple(rows)


def _name_unit_amount(key: str, amount: float) -> tuple[str, float, str]:
    name, unit = micronutrient_label(key)
    return name, amount, unit
