"""MyFitnessPal and Cronometer food-diary exports read into rows with stable keys (fixtures
in the apps' published layouts: tests/fixtures/diary_exports/)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from reference_data import FIXTURES

from backend_services.nutrition.importers.cronometer import grams_of
from backend_services.nutrition.importers.diary_export import read_export
from backend_services.nutrition.importers.diary_rows import DiaryExportError, meal_type

EXPORTS = FIXTURES / "diary_exports"
MFP = (EXPORTS / "myfitnesspal_nutrition.csv").read_bytes()
CRONOMETER = (EXPORTS / "cronometer_servings.csv").read_bytes()


def test_myfitnesspal_rows_are_meals_with_their_stated_totals() -> None:
    parsed = read_export(MFP)
    assert parsed.source == "myfitnesspal"
    assert [(r.day, r.meal_type) for r in parsed.rows[:4]] == [
        (date(2026, 3, 2), "breakfast"),
        (date(2026, 3, 2), "lunch"),
        (date(2026, 3, 2), "dinner"),
        (date(2026, 3, 2), "snack"),
    ]
    lunch = parsed.rows[1]
    assert lunch.name == "Lunch (MyFitnessPal)"
    assert lunch.grams is None and lunch.amount == ""
    assert lunch.note == "Salad, no dressing"
    stated = lunch.stated
    assert (stated.energy_kcal, stated.protein_g, stated.fat_g) == (
        Decimal("655.00"),
        Decimal("38.20"),
        Decimal("22.00"),
    )
    assert (stated.carbohydrate_g, stated.fibre_g, stated.sugars_g) == (
        Decimal("71.00"),
        Decimal("9.50"),
        Decimal("8.40"),
    )
    assert (stated.saturated_fat_g, stated.sodium_mg) == (Decimal("6.00"), Decimal("1120.00"))
    # the row whose calories are words is rejected with its line; the rest are read
    assert len(parsed.rows) == 6
    assert [(r.line, r.reason) for r in parsed.rejected] == [
        (7, "Calories: not a number: 'not counted'")
    ]


def test_cronometer_rows_are_foods_with_amounts_and_grams_when_stated() -> None:
    parsed = read_export(CRONOMETER)
    assert parsed.source == "cronometer"
    banana, milk = parsed.rows[0], parsed.rows[1]
    assert (banana.name, banana.amount, banana.grams) == (
        "Bananas, raw",
        "1.00 medium - 118g",
        Decimal("118"),
    )
    assert banana.stated.energy_kcal == Decimal("105.02")
    assert banana.stated.carbohydrate_g == Decimal("26.95")
    assert milk.grams == Decimal("250.00")
    soup = parsed.rows[3]
    assert (soup.name, soup.grams, soup.meal_type) == ("Grandma's Lentil Soup", None, "lunch")
    assert parsed.rows[6].meal_type == "snack"  # Cronometer's "Uncategorized"
    assert len(parsed.rows) == 8
    assert [r.line for r in parsed.rejected] == [10]
    assert "Energy (kcal)" in parsed.rejected[0].reason


def test_keys_are_stable_and_identical_rows_are_still_two_items() -> None:
    first, again = read_export(CRONOMETER), read_export(CRONOMETER)
    assert [r.key for r in first.rows] == [r.key for r in again.rows]
    snacks = [r for r in first.rows if r.meal_type == "snack" and r.name == "Bananas, raw"]
    assert len(snacks) == 2 and snacks[0].key != snacks[1].key
    assert len({r.key for r in first.rows}) == len(first.rows)
    # a breakfast banana is not the afternoon's
    assert first.rows[0].key != snacks[0].key


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"  \n", "empty_file"),
        (b"Date,Meal,Calories\n", "empty_file"),
        (b"name,calories\nbanana,105\n", "wrong_header"),
        ("Date,Meal,Calories\n2026-03-02,Frühstück,400\n".encode("latin-1"), "not_utf8"),
        (b"Date,Meal,Calories\n2026-13-45,Lunch,400\n", "no_readable_rows"),
        (b"Date,Meal,Calories\n2026-03-02,Lunch,400,extra\n", "bad_row"),
        (b"\xef\xbb\xbf", "empty_file"),
        (b"Date,Meal,Calories\n2026-03-02,Lunch," + b"9" * 200_000 + b"\n", "bad_row"),
        (b"Date,Meal,\x00Calories\n", "not_utf8"),
    ],
)
def test_files_that_are_not_exports_are_refused_with_a_reason(data: bytes, code: str) -> None:
    with pytest.raises(DiaryExportError) as refused:
        read_export(data)
    assert refused.value.code == code


def test_impossible_values_and_days_reject_the_row() -> None:
    data = b"Date,Meal,Calories,Protein (g)\n2026-03-02,Lunch,-5,1\n2026-03-02,Dinner,500,1200\n"
    data += b"1999-12-31,Lunch,100,2\n2999-01-01,Lunch,100,2\n20260302,Lunch,100,2\n"
    data += b"2026-03-02,Lunch,NaN,2\n2026-03-02,Lunch,1e400,2\n"
    data += b"2026-03-02,Snacks,100,2\n"
    parsed = read_export(data)
    assert [r.line for r in parsed.rejected] == [2, 3, 4, 5, 6, 7, 8]
    assert "on or after 2000-01-01" in parsed.rejected[2].reason
    assert "must not be in the future" in parsed.rejected[3].reason
    assert [r.meal_type for r in parsed.rows] == ["snack"]


def test_meal_names_map_to_ours_and_custom_ones_stay() -> None:
    assert [meal_type(n) for n in ("Breakfast", "SNACKS", "Supper", "", "Uncategorized")] == [
        "breakfast",
        "snack",
        "dinner",
        "snack",
        "snack",
    ]
    assert meal_type("Pre-workout") == "Pre-workout"
    assert meal_type("<script>") == "snack"


@pytest.mark.parametrize(
    ("amount", "grams"),
    [
        ("250.00 g", Decimal("250.00")),
        ("1.00 medium - 118g", Decimal("118")),
        ("2 grams", Decimal("2")),
        ("1.00 cup", None),
        ("1.00 bowl", None),
        ("0 g", None),
    ],
)
def test_grams_are_read_from_an_amount_that_states_them(amount: str, grams: Decimal | None) -> None:
    assert grams_of(amount) == grams
