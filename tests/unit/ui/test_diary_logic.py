"""The diary's rules without a browser: dates, portions → grams, totals, remaining, names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.api.diary import DiaryChange, DiaryDay, Meal
from app.api.foods import Food, Nutrients
from app.api.recipes import Recipe
from app.state import diary_logic as logic
from app.state import portions

TODAY = dt.date(2026, 12, 1)


def make_item(**overrides: Any) -> dict[str, Any]:
    item = {
        "id": "i1",
        "food_id": 2122,
        "recipe_id": None,
        "portion_id": 4003,
        "quantity": 1.0,
        "grams": 223.0,
        "name": "Apples, raw, with skin",
        "nutrients": {"energy_kcal": 115.96, "protein_g": 0.58, "fat_g": 0.38},
    }
    return {**item, **overrides}


def make_meal(**overrides: Any) -> dict[str, Any]:
    meal = {
        "id": "m1",
        "date": TODAY.isoformat(),
        "meal_type": "breakfast",
        "note": None,
        "items": [make_item()],
        "totals": {"energy_kcal": 115.96, "protein_g": 0.58, "fat_g": 0.38},
    }
    return {**meal, **overrides}


def make_day(*meals: dict[str, Any], totals: dict[str, Any] | None = None) -> DiaryDay:
    return DiaryDay.from_json(
        {"date": TODAY.isoformat(), "meals": list(meals), "totals": totals or {}}
    )


def make_food(**overrides: Any) -> Food:
    food = {
        "id": 2122,
        "name": "Apples, raw, with skin",
        "brand": None,
        "source": "usda-sr28",
        "nutrients_per_100g": {"energy_kcal": 52.0, "protein_g": 0.26, "carbohydrate_g": 13.81},
        "portions": [
            {"id": 4003, "amount": 1.0, "description": 'large (3-1/4" dia)', "grams": 223.0},
            {"id": 2085, "amount": 0.5, "description": "breast, bone removed", "grams": 87.0},
            {"id": 2097, "amount": 3.0, "description": "oz", "grams": 85.0},
        ],
    }
    return Food.from_json({**food, **overrides})


# ---- numbers ----


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        (0, "0"),
        (0.58, "0.6"),
        (2.0, "2"),
        (9.96, "10"),
        (12.4, "12"),
        (153.5, "154"),
        (1326.2, "1,326"),
    ],
)
def test_fmt_number_reads_like_a_label(value, text):
    assert logic.fmt_number(value) == text


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("150", 150.0), (" 1,5 ", 1.5), ("", None), ("abc", None), ("0", None), ("-2", None)],
)
def test_parse_amount_takes_commas_and_refuses_nonsense(typed, amount):
    assert logic.parse_amount(typed) == amount


def test_input_numbers_read_back_as_they_were():
    for value in (1.0, 0.5, 150.0, 1200.0, 2.25):
        assert logic.parse_amount(logic.input_number(value)) == round(value, 1)
    assert logic.input_number(1200) == "1200"
    assert logic.input_number(None) == ""


# ---- dates ----


def test_parse_day_accepts_iso_dates_only():
    assert logic.parse_day("2026-11-30", TODAY) == dt.date(2026, 11, 30)
    assert logic.parse_day("", TODAY) is None
    assert logic.parse_day("2026-13-01", TODAY) is None
    assert logic.parse_day("yesterday", TODAY) is None


def test_previous_and_next_day_cross_months_and_years():
    assert logic.shift_day(dt.date(2026, 12, 1), -1) == dt.date(2026, 11, 30)
    assert logic.shift_day(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 1)


def test_day_labels_are_relative_near_today():
    assert logic.day_label(TODAY, TODAY) == "Today"
    assert logic.day_label(dt.date(2026, 11, 30), TODAY) == "Yesterday"
    assert logic.day_label(dt.date(2026, 12, 2), TODAY) == "Tomorrow"
    assert logic.day_label(dt.date(2026, 11, 27), TODAY) == "Fri 27 Nov"
    assert logic.day_label(dt.date(2025, 11, 27), TODAY) == "Thu 27 Nov 2025"


# ---- portions ----


def test_portion_choices_are_per_unit_then_grams():
    choices = portions.portion_choices(make_food().portions)
    assert [c.label for c in choices] == [
        '1 large (3-1/4" dia) (223 g)',
        "1 breast, bone removed (174 g)",
        "1 oz (28 g)",
        "grams",
    ]
    assert [c.default_quantity for c in choices] == [1.0, 1.0, 3.0, 100.0]
    assert portions.default_choice(choices).value == "4003"


def test_portion_to_grams_matches_the_service_rule():
    """The service computes portion.grams / portion.amount x quantity."""
    oz, grams = portions.portion_choices(make_food().portions)[2:]
    assert portions.grams_for(oz, 3) == 85.0
    assert portions.grams_for(oz, 1.5) == 42.5
    assert portions.grams_for(grams, 150) == 150.0


def test_a_food_without_measures_is_weighed_in_grams():
    choices = portions.portion_choices(())
    assert [c.value for c in choices] == [portions.GRAMS]


def test_scaled_nutrients_and_macro_line():
    values = portions.scaled(make_food().per_100g, 223)
    assert round(values["kcal"], 2) == 115.96
    assert logic.macro_line(values) == "P 0.6 g · F 0 g · C 31 g"


def test_recipe_choices_offer_servings_when_the_recipe_has_them():
    recipe = Recipe.from_json(
        {"id": "r1", "name": "Chili", "servings": 4, "serving_g": 350.0, "total": {}}
    )
    choices = portions.recipe_choices(recipe)
    assert [c.label for c in choices] == ["1 serving (350 g)", "grams"]
    without = Recipe.from_json({"id": "r2", "name": "Soup", "total": {}})
    assert [c.value for c in portions.recipe_choices(without)] == [portions.GRAMS]


# ---- display rows ----


def test_food_row_shows_brand_and_kcal_per_100g_and_portion():
    row = portions.food_row(make_food(brand="Acme"))
    assert row["brand"] == "Acme"
    assert row["per_100g"] == "52 kcal / 100 g"
    assert row["per_portion"] == '116 kcal per large (3-1/4" dia) (223 g)'
    assert portions.food_row(make_food(private=True))["brand"] == "Your food"


def test_item_amount_in_the_unit_logged():
    facts = logic.FoodFacts.of(make_food(brand="Acme"))
    portioned = DiaryDay.from_json({"date": "2026-12-01", "meals": [make_meal()]}).meals[0]
    assert logic.item_amount(portioned.items[0], facts) == '1 large (3-1/4" dia) (223 g)'
    assert logic.item_amount(portioned.items[0]) == "1 portion (223 g)"
    weighed = Meal.from_json(
        make_meal(items=[make_item(portion_id=None, quantity=None, grams=150)])
    )
    assert logic.item_amount(weighed.items[0]) == "150 g"
    quick = Meal.from_json(make_meal(items=[make_item(food_id=None, grams=None, name=None)]))
    assert logic.item_amount(quick.items[0]) == "Quick add"
    recipe = Meal.from_json(
        make_meal(items=[make_item(food_id=None, recipe_id="r1", quantity=2.0, grams=700)])
    )
    assert logic.item_amount(recipe.items[0]) == "2 servings (700 g)"


def test_item_row_knows_how_the_amount_is_edited():
    facts = {2122: logic.FoodFacts.of(make_food(brand="Acme"))}
    rows = logic.meal_rows(make_day(make_meal()), facts)
    row = rows["breakfast"][0]
    assert (row["brand"], row["kcal"], row["edit_unit"], row["edit_value"]) == (
        "Acme",
        "116",
        "portions",
        "1",
    )
    assert rows["lunch"] == [] and rows["dinner"] == [] and rows["snack"] == []
    quick = logic.meal_rows(make_day(make_meal(items=[make_item(grams=None)])))
    assert quick["breakfast"][0]["editable"] == ""


def test_meal_totals_merge_every_meal_of_a_type():
    day = make_day(
        make_meal(),
        make_meal(id="m2", totals={"energy_kcal": 200, "protein_g": 10, "fat_g": 5}),
    )
    sums = logic.meal_totals(day)
    assert sums["breakfast"]["kcal"] == "316"
    assert sums["breakfast"]["count"] == "2"
    assert logic.meal_ids(day)["breakfast"] == ["m1", "m2"]


# ---- totals and remaining ----


def test_remaining_adds_the_calories_of_completed_workouts():
    assert logic.remaining_kcal(2000, 1500, 300) == 800
    assert logic.remaining_kcal(None, 1500, 300) is None
    assert logic.remaining_line(2000, 1500, 300) == "800 kcal left"
    assert logic.remaining_line(1800, 2000, 0) == "200 kcal over"
    assert logic.remaining_line(None, 10, 0) == ""


def test_macro_amounts_are_rounded_for_the_rings():
    totals = Nutrients(energy_kcal=523.6, protein_g=40.4, fat_g=None, carbohydrate_g=9.25)
    assert logic.macro_amounts(totals) == {
        "kcal": 524,
        "protein_g": 40,
        "fat_g": 0.0,
        "carbohydrate_g": 9.2,
    }


def test_micronutrients_have_names_and_units_not_usda_tags():
    totals = Nutrients(
        fibre_g=5.35,
        sodium_mg=2.23,
        micronutrients={"vitc_mg": 10.26, "se_ug": 0.0, "k_mg": 238.6, "f18d2_g": 0.1},
    )
    rows = [
        {"name": m.name, "amount": f"{logic.fmt_number(m.amount)} {m.unit}"}
        for m in logic.micronutrient_amounts(totals)
    ]
    assert rows == [
        {"name": "Fibre", "amount": "5.3 g"},
        {"name": "Sodium", "amount": "2.2 mg"},
        {"name": "Potassium", "amount": "239 mg"},
        {"name": "Selenium", "amount": "0 µg"},
        {"name": "Vitamin C", "amount": "10 mg"},
    ]
    assert not any("_" in row["name"] for row in rows)


# ---- applying answers ----


def test_apply_change_adds_or_replaces_the_meal_and_takes_the_new_totals():
    day = make_day(make_meal(), totals={"energy_kcal": 116})
    lunch = make_meal(id="m2", meal_type="lunch", totals={"energy_kcal": 300})
    change = DiaryChange.from_json({"meal": lunch, "day_totals": {"energy_kcal": 416}})
    after = logic.apply_change(day, change)
    assert [m.id for m in after.meals] == ["m1", "m2"]
    assert after.totals.energy_kcal == 416
    edited = make_meal(items=[make_item(grams=100)], totals={"energy_kcal": 52})
    change = DiaryChange.from_json({"meal": edited, "day_totals": {"energy_kcal": 352}})
    again = logic.apply_change(after, change)
    assert [m.id for m in again.meals] == ["m1", "m2"]
    assert again.meals[0].items[0].grams == 100


def test_apply_change_drops_a_meal_moved_to_another_day():
    day = make_day(make_meal())
    moved = make_meal(date="2026-12-02")
    after = logic.apply_change(day, DiaryChange.from_json({"meal": moved, "day_totals": {}}))
    assert after.meals == ()


def test_without_item_recomputes_the_meal_and_drops_empty_meals():
    day = make_day(
        make_meal(items=[make_item(), make_item(id="i2", nutrients={"energy_kcal": 50})])
    )
    after = logic.without_item(day, "i1", Nutrients(energy_kcal=50))
    assert [i.id for i in after.meals[0].items] == ["i2"]
    assert after.meals[0].totals.energy_kcal == 50
    assert logic.without_item(after, "i2", Nutrients()).meals == ()


# ---- quick add ----


def test_quick_add_needs_kcal_and_defaults_macros_to_zero():
    values, problems = portions.quick_add_values({"energy_kcal": "450", "protein_g": "20,5"})
    assert problems == {}
    assert values == {"energy_kcal": 450.0, "protein_g": 20.5, "fat_g": 0.0, "carbohydrate_g": 0.0}
    _, problems = portions.quick_add_values({"protein_g": "x", "fat_g": "-1"})
    assert set(problems) == {"energy_kcal", "protein_g", "fat_g"}


def test_recipe_preview_uses_the_cooked_weight_and_servings():
    rice = Nutrients(energy_kcal=360, protein_g=7, carbohydrate_g=80)
    beans = Nutrients(energy_kcal=340, protein_g=21, fat_g=1.2, carbohydrate_g=60)
    preview = portions.recipe_preview(
        [(rice, 200), (beans, 100), (beans, 0)], servings=4, cooked_weight_g=900
    )
    assert preview["total_kcal"] == "1,060"
    assert preview["weight"] == "900 g"
    assert preview["per_100g"] == "118 kcal / 100 g"
    assert preview["per_serving"] == "265 kcal per serving (225 g)"
    raw = portions.recipe_preview([(rice, 200)])
    assert (raw["weight"], raw["per_100g"], raw["per_serving"]) == ("200 g", "360 kcal / 100 g", "")


def test_editing_a_food_item_can_switch_its_portion():
    facts = logic.FoodFacts.of(make_food())
    options = portions.edit_choices(facts)
    assert options[0] == {"value": "4003", "label": '1 large (3-1/4" dia) (223 g)'}
    assert options[-1] == {"value": portions.GRAMS, "label": "grams"}
    assert portions.edit_choices(None) == [{"value": portions.GRAMS, "label": "grams"}]
    assert portions.edit_request(portions.GRAMS, "4003", 150) == {"grams": 150}
    assert portions.edit_request("4003", "4003", 2) == {"quantity": 2}
    assert portions.edit_request("2097", "4003", 3) == {"portion_id": 2097, "quantity": 3}


def test_other_meal_types_are_shown_together_after_the_four():
    day = make_day(
        make_meal(),
        make_meal(id="m2", meal_type="brunch", totals={"energy_kcal": 200}),
        make_meal(id="m3", meal_type="second_dinner", totals={"energy_kcal": 300}),
    )
    assert [g.meal_type for g in logic.display_groups(day)] == [
        "breakfast",
        "lunch",
        "dinner",
        "snack",
        logic.OTHER,
    ]
    assert logic.meal_totals(day)[logic.OTHER]["kcal"] == "500"
    assert logic.meal_ids(day)[logic.OTHER] == ["m2", "m3"]
    assert len(logic.meal_rows(day)[logic.OTHER]) == 2
    assert logic.OTHER not in logic.meal_rows(make_day(make_meal()))
