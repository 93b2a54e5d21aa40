"""From a parsed item and a food's measures to grams, with every assumption said."""

from __future__ import annotations

from typing import Any

import pytest

from backend_services.nutrition.phrase_amounts import amount_for
from backend_services.nutrition.phrases import parse

# Measures as SR28 lists them (grams for `amount` units).
EGG = [
    {"id": 1, "amount": 1, "description": "large", "grams": 50.0},
    {"id": 2, "amount": 1, "description": "medium", "grams": 44.0},
    {"id": 3, "amount": 1, "description": "cup (4.86 large eggs)", "grams": 243.0},
]
TOAST = [{"id": 10, "amount": 1, "description": "slice, regular", "grams": 22.0}]
MILK = [
    {"id": 20, "amount": 1, "description": "cup", "grams": 244.0},
    {"id": 21, "amount": 1, "description": "fl oz", "grams": 30.5},
]
BUTTER = [
    {"id": 30, "amount": 1, "description": 'pat (1" sq, 1/3" high)', "grams": 5.0},
    {"id": 31, "amount": 1, "description": "tbsp", "grams": 14.2},
    {"id": 32, "amount": 1, "description": "cup", "grams": 227.0},
]
OATS = [{"id": 40, "amount": 0.5, "description": "cup", "grams": 40.5}]
PLAIN: list[dict[str, Any]] = []


def _one(phrase: str) -> Any:
    return parse(phrase)[0]


def test_a_count_takes_the_medium_measure_unless_a_size_is_said() -> None:
    two = amount_for(_one("2 eggs"), EGG)
    assert (two.portion_id, two.quantity, two.grams) == (2, 2.0, 88.0)
    assert two.said == "2 medium (88 g)" and two.assumption is None
    large = amount_for(_one("3 large eggs"), EGG)
    assert (large.portion_id, large.grams) == (1, 150.0)


def test_a_unit_takes_the_matching_measure_per_one_unit() -> None:
    slice_ = amount_for(_one("2 slices of toast"), TOAST)
    assert (slice_.portion_id, slice_.quantity, slice_.grams) == (10, 2.0, 44.0)
    assert slice_.said == "2 slice (44 g)"
    # SR28 states oats per half cup: one cup is twice that.
    oats = amount_for(_one("1 cup of oats"), OATS)
    assert oats.grams == pytest.approx(81.0)


def test_grams_and_ounces_need_no_measure() -> None:
    assert amount_for(_one("150 g salmon"), PLAIN).grams == 150.0
    assert amount_for(_one("4 oz steak"), PLAIN).grams == pytest.approx(113.4, abs=0.1)


def test_millilitres_use_the_foods_own_density() -> None:
    milk = amount_for(_one("250 ml milk"), MILK)
    assert milk.grams == pytest.approx(250 * 244 / 236.5882365)
    assert milk.assumption is None
    water = amount_for(_one("250 ml water"), PLAIN)
    assert water.grams == 250 and water.assumption == "1 g per ml assumed"


def test_a_glass_is_250_ml_and_the_answer_says_so() -> None:
    glass = amount_for(_one("a glass of milk"), MILK)
    assert glass.grams == pytest.approx(250 * 244 / 236.5882365)
    assert glass.assumption == "1 glass taken as 250 ml"


def test_an_add_on_without_an_amount_gets_the_usual_one() -> None:
    items = parse("toast with butter, coffee with milk")
    butter = amount_for(items[1], BUTTER)
    # 1 tsp; butter has no tsp measure: 5 ml at the density of its cup measure.
    assert butter.grams == pytest.approx(5 * 227 / 236.5882365)
    assert butter.assumption is not None
    assert butter.assumption.startswith("the usual 1 tsp with toast; 1 tsp taken as 5 ml")
    milk = amount_for(items[3], MILK)
    assert milk.grams == pytest.approx(30 * 244 / 236.5882365)
    assert milk.assumption == "the usual 30 ml with coffee"


def test_a_food_without_the_measure_gets_a_named_default() -> None:
    bowl = amount_for(_one("a bowl of soup"), PLAIN)
    assert bowl.grams == 300 and bowl.assumption == "no 'bowl' measure for this food: 300 g assumed"
    apple = amount_for(_one("an apple"), PLAIN)
    assert (
        apple.grams == 100 and apple.assumption == "no 'one' measure for this food: 100 g assumed"
    )
