"""Micronutrient targets against the published DRI tables (NASEM 2019, Appendix J): lookups by
sex and age band, the band from the birth date on the day, and units that match the food data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from backend_services.nutrition.importers.sr28 import CORE_NUTRIENTS, find, records
from backend_services.users.domain import Sex
from backend_services.users.reference_intakes import (
    AGE_BANDS,
    NUTRIENTS,
    Reference,
    ReferenceIntakes,
    TooYoung,
    UpperKind,
    age_band,
    intakes_view,
    reference_intakes,
)

SR28 = Path(__file__).resolve().parents[3] / "backend_services" / "nutrition" / "data" / "sr28"
ON = date(2026, 12, 1)


def born_years_before(years: int, on: date = ON) -> date:
    return on.replace(year=on.year - years)


def intake(found: ReferenceIntakes, key: str) -> tuple[Decimal, Decimal | None]:
    row = next(i for i in found.intakes if i.nutrient.key == key)
    return row.target, row.upper_limit


@pytest.mark.parametrize(
    ("sex", "age", "key", "target", "upper"),
    [
        # Elements (2019 table): iron for women 19-50 vs 51+, calcium's 51-70 split by sex.
        (Sex.FEMALE, 35, "fe_mg", "18", "45"),
        (Sex.FEMALE, 55, "fe_mg", "8", "45"),
        (Sex.FEMALE, 55, "ca_mg", "1200", "2000"),
        (Sex.MALE, 55, "ca_mg", "1000", "2000"),
        (Sex.MALE, 25, "ca_mg", "1000", "2500"),
        (Sex.MALE, 40, "mg_mg", "420", None),  # magnesium's UL is for supplements only
        (Sex.MALE, 15, "zn_mg", "11", "34"),
        (Sex.FEMALE, 16, "fe_mg", "15", "45"),
        (Sex.MALE, 13, "mg_mg", "240", None),
        (Sex.FEMALE, 13, "ca_mg", "1300", "3000"),
        (Sex.MALE, 30, "k_mg", "3400", None),
        (Sex.FEMALE, 30, "k_mg", "2600", None),
        (Sex.MALE, 75, "p_mg", "700", "3000"),
        (Sex.MALE, 40, "cu_mg", "0.9", "10"),  # 900 ug and 10,000 ug in the table; mg here
        # Vitamins: D rises at 71, B6 at 51; C differs by sex; A's UL is preformed vitamin A.
        (Sex.MALE, 75, "vitd_ug", "20", "100"),
        (Sex.FEMALE, 45, "vitd_ug", "15", "100"),
        (Sex.MALE, 60, "vitb6a_mg", "1.7", "100"),
        (Sex.FEMALE, 60, "vitb6a_mg", "1.5", "100"),
        (Sex.FEMALE, 40, "vitc_mg", "75", "2000"),
        (Sex.MALE, 40, "vitc_mg", "90", "2000"),
        (Sex.FEMALE, 40, "vita_rae_ug", "700", "3000"),
        (Sex.FEMALE, 40, "foldfe_ug", "400", "1000"),
        (Sex.MALE, 40, "vitk1_ug", "120", None),
        (Sex.FEMALE, 40, "choln_mg", "425", "3500"),
        # Fibre (2005: 14 g per 1000 kcal) and sodium (2019: AI, with the CDRR above it).
        (Sex.MALE, 40, "fibre_g", "38", None),
        (Sex.FEMALE, 60, "fibre_g", "21", None),
        (Sex.FEMALE, 40, "sodium_mg", "1500", "2300"),
    ],
)
def test_published_values(sex: Sex, age: int, key: str, target: str, upper: str | None) -> None:
    found = reference_intakes(sex, born_years_before(age), ON)
    assert found.age_years == age
    assert intake(found, key) == (Decimal(target), None if upper is None else Decimal(upper))


@pytest.mark.parametrize(
    ("birth", "on", "band"),
    [
        (date(1975, 6, 15), date(2026, 6, 14), "31-50"),  # the day before the 51st birthday
        (date(1975, 6, 15), date(2026, 6, 15), "51-70"),  # on it
        (date(2000, 2, 29), date(2019, 2, 28), "14-18"),  # a leap-day birthday: 18 still
        (date(2000, 2, 29), date(2019, 3, 1), "19-30"),
        (date(1950, 1, 1), date(2021, 1, 1), "71+"),
        (date(2013, 5, 1), date(2026, 12, 1), "9-13"),  # the youngest profiles (13)
        (date(1906, 1, 1), date(2026, 12, 1), "71+"),  # the oldest (120)
    ],
)
def test_the_age_band_is_the_age_on_the_day(birth: date, on: date, band: str) -> None:
    assert reference_intakes(Sex.FEMALE, birth, on).band.label == band


def test_a_birthday_moves_the_targets_the_same_day() -> None:
    birth = date(1975, 6, 15)
    before = reference_intakes(Sex.FEMALE, birth, date(2026, 6, 14))
    after = reference_intakes(Sex.FEMALE, birth, date(2026, 6, 15))
    assert intake(before, "fe_mg")[0] == 18 and intake(after, "fe_mg")[0] == 8


def test_no_targets_below_nine_years() -> None:
    with pytest.raises(TooYoung):
        reference_intakes(Sex.MALE, date(2018, 1, 1), date(2026, 12, 1))
    with pytest.raises(TooYoung):
        age_band(-1)  # a day before the birth


def test_every_row_has_a_value_per_band_and_no_limit_below_its_target() -> None:
    for nutrient in NUTRIENTS:
        for values in (nutrient.male, nutrient.female, nutrient.upper or nutrient.male):
            assert len(values) == len(AGE_BANDS), nutrient.key
        if nutrient.upper is not None and nutrient.upper_key is None:
            assert all(u > t for u, t in zip(nutrient.upper, nutrient.male, strict=True))
            assert all(u > t for u, t in zip(nutrient.upper, nutrient.female, strict=True))
    assert len({n.key for n in NUTRIENTS}) == len(NUTRIENTS)


def _sr28_units() -> dict[str, str]:
    """Key -> unit as the SR28 importer makes them (``<tag>_<unit>``, core names for 291/307)."""
    units = {}
    for _, fields in records(find(SR28, "NUTR_DEF.txt"), 4):
        if fields:
            unit = fields[1].replace("µ", "u").replace("\xb5", "u")
            key = CORE_NUTRIENTS.get(fields[0]) or f"{fields[2].lower()}_{unit}"
            units[key] = unit
    return units


def test_keys_and_units_are_the_food_data_s() -> None:
    units = _sr28_units()
    for nutrient in NUTRIENTS:
        for key in (nutrient.key, nutrient.upper_key or nutrient.key):
            assert key in units, key
            assert units[key] == nutrient.unit, key


def test_the_answer_names_each_reference_and_limit() -> None:
    view = intakes_view(reference_intakes(Sex.FEMALE, date(1990, 1, 1), ON))
    assert (view["age_years"], view["age_band"], view["sex"]) == (36, "31-50", Sex.FEMALE)
    rows = {row["key"]: row for row in view["nutrients"]}
    assert rows["fe_mg"]["reference"] is Reference.RDA
    assert rows["k_mg"]["reference"] is Reference.AI
    assert rows["sodium_mg"]["upper_limit_kind"] is UpperKind.CDRR
    assert rows["sodium_mg"]["flag_shortfall"] is False
    assert rows["vita_rae_ug"]["upper_limit_key"] == "retol_ug"
    assert rows["ca_mg"]["upper_limit_key"] == "ca_mg"
    assert rows["vitb12_ug"]["upper_limit"] is None
    assert rows["vitb12_ug"]["upper_limit_kind"] is None
    assert any("Pregnancy" in note for note in view["notes"])
