"""The user's own calorie target and macro split, as typed in the form (no I/O). Protein is
stored per kg of body weight and typed per kg or per lb (the user's units)."""

from __future__ import annotations

import math

from app.api.users import (
    CUSTOM_FAT_ENERGY_SHARE_RANGE,
    CUSTOM_KCAL_RANGE,
    CUSTOM_PROTEIN_G_PER_KG_RANGE,
    CustomTargets,
    Profile,
)
from app.i18n import tr
from app.state import units as u
from app.state.numbers import parse_decimal

# Form field → the API field whose errors belong to it.
API_FIELDS = {
    "custom_calorie_target_kcal": "kcal",
    "custom_protein_g_per_kg": "protein",
    "custom_fat_energy_share": "fat",
}


def _fmt(value: float) -> str:
    return f"{value:g}"


def protein_shown(g_per_kg: float, units: str) -> float:
    """g per kg of body weight as the user reads it: per kg, or per lb (to 0.01)."""
    return round(g_per_kg * u.KG_PER_LB, 2) if u.imperial(units) else g_per_kg


def protein_range(units: str) -> tuple[float, float]:
    """The accepted protein range in the user's unit, rounded inwards (0.37-1.58 g/lb)."""
    low, high = CUSTOM_PROTEIN_G_PER_KG_RANGE
    if not u.imperial(units):
        return low, high
    return (
        math.ceil(low * u.KG_PER_LB * 100) / 100,
        math.floor(high * u.KG_PER_LB * 100) / 100,
    )


def form_values(profile: Profile, units: str = u.METRIC) -> dict[str, str]:
    """What the form shows for a profile: empty = the formula decides."""
    share = profile.custom_fat_energy_share
    return {
        "kcal": _fmt(profile.custom_calorie_target_kcal)
        if profile.custom_calorie_target_kcal is not None
        else "",
        "protein": _fmt(protein_shown(profile.custom_protein_g_per_kg, units))
        if profile.custom_protein_g_per_kg is not None
        else "",
        "fat": _fmt(round(share * 100, 1)) if share is not None else "",
    }


def parse_custom_targets(
    kcal: str, protein: str, fat_percent: str, units: str = u.METRIC, language: str = "en"
) -> tuple[CustomTargets, dict[str, str]]:
    """The choices to send and the problems per field ("" in a field = use the formula).

    Fat is typed as a percentage of energy (25) and sent as a share (0.25).
    """
    errors: dict[str, str] = {}
    low, high = CUSTOM_KCAL_RANGE
    calories: int | None = None
    if kcal.strip():
        value = parse_decimal(kcal.replace(",", "").replace(" ", ""))
        if value is None or value != int(value) or not low <= value <= high:
            errors["kcal"] = tr(
                language,
                "Enter whole kcal between {low} and {high}, or leave it empty.",
                low=f"{low:,}",
                high=f"{high:,}",
            )
        else:
            calories = int(value)
    p_low, p_high = protein_range(units)
    protein_value: float | None = None
    if protein.strip():
        value = parse_decimal(protein)
        if value is None or not p_low <= value <= p_high:
            errors["protein"] = tr(
                language,
                "Enter between {low} and {high} g per {unit}, or leave it empty.",
                low=f"{p_low:g}",
                high=f"{p_high:g}",
                unit=u.weight_unit(units, language),
            )
        else:
            per_kg = value / u.KG_PER_LB if u.imperial(units) else value
            protein_value = round(per_kg, 2)
    f_low, f_high = CUSTOM_FAT_ENERGY_SHARE_RANGE
    fat_share: float | None = None
    if fat_percent.strip():
        value = parse_decimal(fat_percent.rstrip("% "))
        if value is None or not f_low * 100 <= value <= f_high * 100:
            errors["fat"] = tr(
                language,
                "Enter between {low} and {high} %, or leave it empty.",
                low=f"{f_low * 100:g}",
                high=f"{f_high * 100:g}",
            )
        else:
            fat_share = round(value / 100, 2)
    return CustomTargets(calories, protein_value, fat_share), errors
