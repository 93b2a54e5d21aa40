"""The score that matches another app's food rows to our foods: name and stated nutrients."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from backend_services.nutrition.diary_matching import (
    MATCHED,
    Candidate,
    best_match,
    name_score,
    ranked,
    score,
    words,
)
from backend_services.nutrition.domain import Nutrients
from backend_services.nutrition.importers.diary_rows import DiaryRow


def make_row(**overrides: Any) -> DiaryRow:
    values: dict[str, Any] = {
        "line": 2,
        "day": date(2026, 3, 2),
        "meal_type": "breakfast",
        "name": "Banana, Raw",
        "amount": "1.00 medium - 118g",
        "grams": Decimal(118),
        "stated": Nutrients(
            energy_kcal=Decimal("105.02"),
            protein_g=Decimal("1.29"),
            fat_g=Decimal("0.39"),
            carbohydrate_g=Decimal("26.95"),
        ),
    }
    return DiaryRow(**(values | overrides))


def make_food(food_id: int = 1, name: str = "Bananas, raw", **per_100g: str) -> Candidate:
    # SR28 09040 bananas, raw: 89 kcal, 1.09 g protein, 0.33 g fat, 22.84 g carbohydrate
    values = {"energy_kcal": "89", "protein_g": "1.09", "fat_g": "0.33", "carbohydrate_g": "22.84"}
    values |= per_100g
    return Candidate(food_id, name, None, {k: Decimal(v) for k, v in values.items()})


def test_words_fold_plurals_and_drop_stop_words() -> None:
    assert words("Bananas, raw") == words("Banana, Raw") == {"banana", "raw"}
    assert words("Berries with cream") == {"berry", "cream"}
    assert words("Milk, whole, 3.25% milkfat") == {"milk", "whole", "3.25%", "milkfat"}


def test_name_score_weighs_the_rows_words_more_than_the_foods() -> None:
    assert name_score("Banana, Raw", "Bananas, raw") == 1.0
    # all of the row's words, 4 of the food's 7
    assert name_score(
        "Milk, whole, 3.25% milkfat", "Milk, whole, 3.25% milkfat, with added vitamin D"
    ) == pytest.approx(0.75 + 0.25 * 4 / 7, abs=0.001)
    assert name_score("Grandma's Lentil Soup", "Bananas, raw") == 0.0


def test_the_same_food_in_the_same_amount_is_matched() -> None:
    scored = score(make_row(), make_food())
    assert scored.grams == Decimal(118) and scored.grams_from == "amount"
    assert scored.energy_kcal == pytest.approx(105.0, abs=0.1)
    assert scored.nutrient_score > 0.99
    assert scored.score > 0.99
    assert best_match([scored]) == scored


def test_the_right_name_with_other_nutrients_goes_to_review() -> None:
    # roasted chicken breast (165 kcal / 100 g) against raw (120 kcal / 100 g), 150 g
    row = make_row(
        name="Chicken Breast, Roasted",
        grams=Decimal(150),
        stated=Nutrients(
            energy_kcal=Decimal("247.50"),
            protein_g=Decimal("46.50"),
            fat_g=Decimal("5.36"),
            carbohydrate_g=Decimal(0),
        ),
    )
    raw = make_food(
        name="Chicken, broiler or fryers, breast, skinless, boneless, meat only, raw",
        energy_kcal="120",
        protein_g="22.5",
        fat_g="2.62",
        carbohydrate_g="0",
    )
    scored = score(row, raw)
    assert scored.nutrient_score == pytest.approx((0.727 + 0.726 + 0.733 + 1) / 4, abs=0.01)
    assert scored.score < MATCHED
    assert best_match([scored]) is None


def test_without_grams_the_amount_comes_from_the_energy_and_the_macros_check_it() -> None:
    row = make_row(amount="1.00 medium", grams=None)
    scored = score(row, make_food())
    assert scored.grams_from == "energy"
    assert scored.grams == Decimal("118.00")
    assert scored.score > MATCHED
    # a food with the same energy but other macros is not the same food
    fatty = score(row, make_food(fat_g="9.9", carbohydrate_g="0.5", protein_g="0.1"))
    assert fatty.nutrient_score < 0.2 and fatty.score < MATCHED


def test_a_food_without_energy_has_no_amount_and_is_never_matched() -> None:
    scored = score(make_row(grams=None, amount="1 cup"), make_food(energy_kcal="0"))
    assert scored.grams is None and scored.nutrient_score == 0.0
    assert best_match([scored]) is None


def test_candidates_rank_by_score_and_ties_keep_the_search_order() -> None:
    row = make_row()
    dried = make_food(2, "Bananas, dehydrated, or banana powder", energy_kcal="346")
    first, second = make_food(3), make_food(4)
    order = [s.food_id for s in ranked(row, [dried, first, second])]
    assert order == [3, 4, 2]
