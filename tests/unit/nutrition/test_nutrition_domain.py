"""Nutrient arithmetic, Atwater energy, quality checks and barcodes (no I/O)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from backend_services.nutrition.domain import (
    STEP,
    Nutrients,
    atwater_energy_kcal,
    barcode_forms,
    canonical_barcode,
    energy_mismatch,
    impossible_fields,
    impossible_values,
    normalize_gtin,
    stated_energy_flags,
    upc_e_to_upc_a,
    valid_gtin,
)
from backend_services.nutrition.nutrient_reference import NutrientInfo, unit_symbol

APPLE = Nutrients(  # USDA SR28 09003, apples, raw, with skin
    energy_kcal=Decimal(52),
    protein_g=Decimal("0.26"),
    fat_g=Decimal("0.17"),
    carbohydrate_g=Decimal("13.81"),
    fibre_g=Decimal("2.4"),
    micronutrients={"vitc_mg": Decimal("4.6")},
)

amounts = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False)
grams = st.decimals(min_value=Decimal("0.01"), max_value=5000, places=2, allow_nan=False)
per_100g = st.builds(
    Nutrients,
    energy_kcal=st.decimals(min_value=0, max_value=900, places=3, allow_nan=False),
    protein_g=amounts,
    fat_g=amounts,
    carbohydrate_g=amounts,
    sodium_mg=st.none() | st.decimals(min_value=0, max_value=39400, places=3),
)


def test_a_medium_apple_182_g_has_94_64_kcal() -> None:
    portion = APPLE.scaled(Decimal(182))
    assert portion.energy_kcal == Decimal("94.640")
    assert portion.carbohydrate_g == Decimal("25.134")  # 13.81 * 1.82 = 25.1342 -> 25.134
    assert portion.micronutrients == {"vitc_mg": Decimal("8.372")}
    assert portion.sodium_mg is None  # unknown stays unknown


def test_kilojoules_use_4_184() -> None:
    assert Nutrients(energy_kcal=Decimal(100)).energy_kj == Decimal("418.400")


def test_atwater_us_and_eu_conventions() -> None:
    # chicken breast 22.5 g protein, 2.62 g fat: 4*22.5 + 9*2.62 = 113.58 (SR28 states 120)
    chicken = atwater_energy_kcal(
        protein_g=Decimal("22.5"), fat_g=Decimal("2.62"), carbohydrate_g=Decimal(0)
    )
    assert chicken == Decimal("113.580")
    assert not energy_mismatch(Decimal(120), chicken)
    eu = atwater_energy_kcal(
        protein_g=Decimal(1),
        fat_g=Decimal(1),
        carbohydrate_g=Decimal(10),
        fibre_g=Decimal(5),
        alcohol_g=Decimal(2),
        carbohydrate_includes_fibre=False,
    )
    assert eu == Decimal(4 + 9 + 40 + 10 + 14)
    assert atwater_energy_kcal(protein_g=None, fat_g=None, carbohydrate_g=None) is None
    assert energy_mismatch(Decimal(500), Decimal(100))


def test_impossible_values_are_named() -> None:
    assert impossible_values(APPLE) == []
    bad = Nutrients(protein_g=Decimal(-1), fat_g=Decimal(150), sodium_mg=Decimal(10_000_000))
    reasons = impossible_values(bad)
    assert "negative protein_g" in reasons
    assert "fat_g over 100 g per 100 g" in reasons
    assert "sodium over 39.4 g per 100 g" in reasons
    assert impossible_values(Nutrients(protein_g=Decimal(60), fat_g=Decimal(60))) == [
        "macronutrients over 100 g per 100 g"
    ]


def test_barcodes() -> None:
    assert valid_gtin("4006381333931")  # EAN-13 from GS1's example
    assert valid_gtin("036000291452")  # UPC-A
    assert not valid_gtin("4006381333932")
    assert not valid_gtin("40063813339x1")
    assert normalize_gtin("036000291452") == "0036000291452"


@given(st.lists(st.tuples(per_100g, grams), min_size=1, max_size=12))
def test_totals_equal_the_sum_of_items(entries: list[tuple[Nutrients, Decimal]]) -> None:
    items = [food.scaled(g) for food, g in entries]
    total = Nutrients.total(items)
    assert total.energy_kcal == sum(i.energy_kcal for i in items if i.energy_kcal is not None)
    assert total.protein_g == sum(i.protein_g for i in items if i.protein_g is not None)
    # JSON round trip (what the diary stores) keeps every digit
    assert Nutrients.total(Nutrients.from_json(i.to_json()) for i in items) == total


@given(per_100g, grams)
def test_scaling_round_trips_within_the_rounding_step(food: Nutrients, g: Decimal) -> None:
    back = food.scaled(g).per_100g(g)
    # one rounding of STEP/2 on the way there, magnified by 100/g on the way back, plus one
    tolerance = STEP / 2 * Decimal(100) / g + STEP
    for name in ("energy_kcal", "protein_g", "fat_g", "carbohydrate_g"):
        assert abs(getattr(back, name) - getattr(food, name)) <= tolerance
    assert food.scaled(Decimal(100)) == food


@given(per_100g, grams, grams)
def test_scaling_is_exact_before_rounding(food: Nutrients, a: Decimal, b: Decimal) -> None:
    assert abs(food.scaled(a + b).fat_g - (food.scaled(a).fat_g + food.scaled(b).fat_g)) <= STEP


def test_impossible_values_are_named_by_the_field_they_are_about() -> None:
    # issue 13: 50 g protein + 50 g fat + 50 g carbohydrate in 100 g
    too_much = Nutrients(
        energy_kcal=Decimal(100),
        protein_g=Decimal(50),
        fat_g=Decimal(50),
        carbohydrate_g=Decimal(50),
    )
    assert set(impossible_fields(too_much)) == {"protein_g", "fat_g", "carbohydrate_g"}
    sugars = Nutrients(carbohydrate_g=Decimal(10), sugars_g=Decimal(20))
    assert impossible_fields(sugars) == {"sugars_g": "sugars_g exceeds carbohydrate_g"}
    assert impossible_fields(Nutrients(energy_kcal=Decimal(950))) == {
        "energy_kcal": "energy over 900 kcal per 100 g"
    }
    assert impossible_fields(APPLE) == {}


def test_a_stated_energy_far_from_atwater_is_flagged_under_either_label_convention() -> None:
    assert stated_energy_flags(APPLE) == []
    wrong = Nutrients(
        energy_kcal=Decimal(100),
        protein_g=Decimal(30),
        fat_g=Decimal(30),
        carbohydrate_g=Decimal(30),
    )
    assert stated_energy_flags(wrong) == ["stated energy differs from macronutrients"]
    # an EU label: 60 g available carbohydrate + 20 g fibre = 280 kcal (US reading: 240)
    eu = Nutrients(
        energy_kcal=Decimal(280), carbohydrate_g=Decimal(60), fibre_g=Decimal(20), fat_g=_0()
    )
    assert stated_energy_flags(eu) == []
    assert stated_energy_flags(Nutrients(protein_g=Decimal(10))) == []


def _0() -> Decimal:
    return Decimal(0)


def test_upc_e_expands_to_its_upc_a() -> None:
    # GS1's examples and a real product (Coca-Cola 12 oz can: UPC-E 04963406)
    assert upc_e_to_upc_a("04963406") == "049000006346"
    assert upc_e_to_upc_a("01234565") == "012345000065"  # last digit 5-9
    assert upc_e_to_upc_a("01234566") is None  # bad check digit
    assert upc_e_to_upc_a("21234565") is None  # number system 2 is not UPC-E


def test_barcode_forms_cover_ean8_upc_e_upc_a_and_ean13() -> None:
    assert barcode_forms("80176800") == ["80176800"]  # EAN-8 (Nutella 30 g)
    assert barcode_forms("04963406") == ["04963406", "0049000006346"]  # UPC-E only
    assert barcode_forms("012345678905") == ["0012345678905"]  # UPC-A as EAN-13
    assert barcode_forms("4006381333931") == ["4006381333931"]
    assert barcode_forms("4006381333932") == barcode_forms("0123") == barcode_forms("x") == []


def test_one_stored_form_per_barcode() -> None:
    assert canonical_barcode("04963406") == "0049000006346"  # UPC-E -> its UPC-A as EAN-13
    assert canonical_barcode("049000006346") == "0049000006346"
    assert canonical_barcode("80176800") == "80176800"
    assert canonical_barcode("80176801") is None


def test_nutrient_units_have_one_spelling_and_daily_values_match_name_and_unit() -> None:
    assert unit_symbol("\xb5g") == unit_symbol("UG") == "ug"
    assert unit_symbol("iu") == "IU"
    assert NutrientInfo("vitd_ug", "Vitamin D (D2 + D3)", "\xb5g").daily_value == 20
    assert NutrientInfo("vitamin d (d2 + d3)_ug", "Vitamin D (D2 + D3)", "UG").daily_value == 20
    assert NutrientInfo("ala_g_g", "Alanine", "g").to_json()["daily_value"] is None
