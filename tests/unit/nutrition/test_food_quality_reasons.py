"""A quality flag's reason gives the admin the food's numbers; a corrected food is flagged as
the importers flag theirs."""

from __future__ import annotations

from decimal import Decimal

from backend_services.nutrition.domain import (
    ENERGY_DERIVED,
    ENERGY_MISMATCH,
    Nutrients,
    flag_reason,
    food_quality_flags,
)


def per_100g(**values: str) -> Nutrients:
    return Nutrients.from_json({k: Decimal(v) for k, v in values.items()})


def test_energy_far_from_the_macronutrients_says_both_numbers() -> None:
    # 4 * 10 + 9 * 5 + 4 * 50 = 285 kcal; with fibre apart at 2 kcal/g, 285 + 2 * 6 = 297
    food = per_100g(energy_kcal="120", protein_g="10", fat_g="5", carbohydrate_g="50", fibre_g="6")
    assert food_quality_flags(food) == [ENERGY_MISMATCH]
    reason = flag_reason(ENERGY_MISMATCH, food)
    assert "states 120" in reason and "285.000 kcal" in reason and "297.000 kcal" in reason


def test_impossible_values_and_a_correct_food() -> None:
    impossible = per_100g(energy_kcal="300", protein_g="60", fat_g="30", carbohydrate_g="20")
    assert food_quality_flags(impossible) == [
        "macronutrients over 100 g per 100 g",
        ENERGY_MISMATCH,  # 590 kcal from the macronutrients
    ]
    assert flag_reason("negative fat_g", impossible) == "cannot be real: negative fat_g"
    right = per_100g(energy_kcal="285", protein_g="10", fat_g="5", carbohydrate_g="50")
    assert food_quality_flags(right) == []
    assert "computed from the macronutrients" in flag_reason(ENERGY_DERIVED, right)
