"""The user's own calorie target and macro split, as typed in the form (no I/O)."""

from __future__ import annotations

from app.api.users import (
    CUSTOM_FAT_ENERGY_SHARE_RANGE,
    CUSTOM_KCAL_RANGE,
    CUSTOM_PROTEIN_G_PER_KG_RANGE,
    CustomTargets,
    Profile,
)
from app.state.numbers import parse_decimal

# Form field → the API field whose errors belong to it.
API_FIELDS = {
    "custom_calorie_target_kcal": "kcal",
    "custom_protein_g_per_kg": "protein",
    "custom_fat_energy_share": "fat",
}


def _fmt(value: float) -> str:
    return f"{value:g}"


def form_values(profile: Profile) -> dict[str, str]:
    """What the form shows for a profile: empty = the formula decides."""
    share = profile.custom_fat_energy_share
    return {
        "kcal": _fmt(profile.custom_calorie_target_kcal)
        if profile.custom_calorie_target_kcal is not None
        else "",
        "protein": _fmt(profile.custom_protein_g_per_kg)
        if profile.custom_protein_g_per_kg is not None
        else "",
        "fat": _fmt(round(share * 100, 1)) if share is not None else "",
    }


def parse_custom_targets(
    kcal: str, protein: str, fat_percent: str
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
            errors["kcal"] = f"Enter whole kcal between {low:,} and {high:,}, or leave it empty."
        else:
            calories = int(value)
    p_low, p_high = CUSTOM_PROTEIN_G_PER_KG_RANGE
    protein_value: float | None = None
    if protein.strip():
        value = parse_decimal(protein)
        if value is None or not p_low <= value <= p_high:
            errors["protein"] = (
                f"Enter between {p_low:g} and {p_high:g} g per kg, or leave it empty."
            )
        else:
            protein_value = round(value, 2)
    f_low, f_high = CUSTOM_FAT_ENERGY_SHARE_RANGE
    fat_share: float | None = None
    if fat_percent.strip():
        value = parse_decimal(fat_percent.rstrip("% "))
        if value is None or not f_low * 100 <= value <= f_high * 100:
            errors["fat"] = (
                f"Enter between {f_low * 100:g} and {f_high * 100:g} %, or leave it empty."
            )
        else:
            fat_share = round(value / 100, 2)
    return CustomTargets(calories, protein_value, fat_share), errors
