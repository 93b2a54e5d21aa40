"""Importers on the real SR28 data (the shipped copy and a sample in the release's own layout),
Open Food Facts (a sample; the full export's slice when ``OFF_FILE`` is set) and an FDC fixture."""

from __future__ import annotations

import gzip
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from nutrition_fixtures import FDC_DIR, OFF_SAMPLE, SR28_DIR, SR28_SAMPLE, scalar
from sqlmodel import Session

from backend_services.kernel.db import make_engine
from backend_services.nutrition.importers.run import import_foods
from backend_services.nutrition.importers.writer import ImportReport, MalformedFile
from backend_services.nutrition.repository import nutrient_definitions


def food(url: str, source: str, source_id: str, column: str) -> object:
    return scalar(
        url,
        f"SELECT {column} FROM nutrition.foods WHERE source = %s AND source_id = %s",
        source,
        source_id,
    )


def test_sr28_imports_every_food_with_published_values(
    nutrition_db: str, sr28_report: ImportReport
) -> None:
    assert sr28_report.imported == 8789
    assert sr28_report.rejected_total == 0
    assert (
        scalar(nutrition_db, "SELECT count(*) FROM nutrition.foods WHERE source='usda-sr28'")
        == 8789
    )
    assert food(nutrition_db, "usda-sr28", "09003", "energy_kcal") == Decimal("52.000")
    assert food(nutrition_db, "usda-sr28", "05062", "energy_kcal") == Decimal("120.000")
    assert food(nutrition_db, "usda-sr28", "05062", "protein_g") == Decimal("22.500")
    assert food(nutrition_db, "usda-sr28", "01077", "fat_g") == Decimal("3.250")
    assert food(nutrition_db, "usda-sr28", "09003", "licence").startswith("US public domain")
    assert food(nutrition_db, "usda-sr28", "09003", "micronutrients->>'vitc_mg'") == "4.6"
    medium = scalar(
        nutrition_db,
        "SELECT p.grams FROM nutrition.food_portions p JOIN nutrition.foods f ON f.id = p.food_id "
        "WHERE f.source_id = '09003' AND p.description LIKE 'medium%%'",
    )
    assert medium == Decimal("182.000")
    assert scalar(nutrition_db, "SELECT count(*) FROM nutrition.food_portions") == 15438


def test_sr28_defines_its_micronutrient_keys_with_names_units_and_daily_values(
    nutrition_db: str, sr28_report: ImportReport
) -> None:
    engine = make_engine(nutrition_db)
    try:
        with Session(engine) as session:
            defined = {n.key: n.to_json() for n in nutrient_definitions(session)}
    finally:
        engine.dispose()
    assert defined["vitc_mg"] == {
        "name": "Vitamin C, total ascorbic acid",
        "unit": "mg",
        "daily_value": 90.0,
    }
    # the tags issue 13 met raw: ALA_G is alanine (an amino acid, no Daily Value)
    assert defined["ala_g_g"] == {"name": "Alanine", "unit": "g", "daily_value": None}
    assert defined["vita_iu_IU"]["unit"] == "IU"
    assert defined["vitd_ug"]["daily_value"] == 20.0
    # every key a food carries is defined
    keys = scalar(
        nutrition_db,
        "SELECT array_agg(DISTINCT k) FROM nutrition.foods, jsonb_object_keys(micronutrients) k"
        " WHERE source = 'usda-sr28'",
    )
    assert isinstance(keys, list) and set(keys) <= set(defined)


def test_sr28_reimport_updates_and_never_duplicates(
    nutrition_db: str, sr28_report: ImportReport
) -> None:
    again = import_foods("sr28", SR28_DIR, nutrition_db)
    assert (again.imported, again.updated) == (0, 8789)
    assert (
        scalar(nutrition_db, "SELECT count(*) FROM nutrition.foods WHERE source='usda-sr28'")
        == 8789
    )
    assert scalar(nutrition_db, "SELECT count(*) FROM nutrition.food_portions") == 15438


def test_a_truncated_file_fails_and_leaves_previous_data_intact(
    nutrition_db: str, sr28_report: ImportReport, tmp_path: Path
) -> None:
    for item in SR28_DIR.iterdir():
        shutil.copy(item, tmp_path / item.name)
    # Change a value, then cut the gzip stream in the middle: the import must roll back.
    with gzip.open(SR28_DIR / "NUT_DATA.txt.gz", "rb") as src:
        content = src.read()
    content = content.replace(b"~09003~^~208~^52\r\n", b"~09003~^~208~^99\r\n", 1)
    assert b"~09003~^~208~^99" in content
    compressed = gzip.compress(content)
    (tmp_path / "NUT_DATA.txt.gz").write_bytes(compressed[: len(compressed) * 2 // 3])
    with pytest.raises(MalformedFile, match="unreadable"):
        import_foods("sr28", tmp_path, nutrition_db, batch_size=500)
    assert food(nutrition_db, "usda-sr28", "09003", "energy_kcal") == Decimal("52.000")
    assert (
        scalar(nutrition_db, "SELECT count(*) FROM nutrition.foods WHERE source='usda-sr28'")
        == 8789
    )


def test_the_release_layout_stores_what_the_shipped_copy_stores(
    nutrition_db: str, sr28_report: ImportReport
) -> None:
    # The sample keeps every column of the release files (and plain-text files): importing it
    # over the shipped copy finds each of its foods already there, with the same values.
    report = import_foods("sr28", SR28_SAMPLE, nutrition_db)
    assert (report.imported, report.updated, report.rejected_total) == (0, 302, 0)
    assert food(nutrition_db, "usda-sr28", "09003", "energy_kcal") == Decimal("52.000")
    assert food(nutrition_db, "usda-sr28", "09003", "micronutrients->>'vitc_mg'") == "4.6"
    assert food(nutrition_db, "usda-sr28", "05062", "protein_g") == Decimal("22.500")
    assert (
        scalar(nutrition_db, "SELECT count(*) FROM nutrition.foods WHERE source='usda-sr28'")
        == 8789
    )
    assert scalar(nutrition_db, "SELECT count(*) FROM nutrition.food_portions") == 15438


def test_a_folder_in_the_wrong_layout_is_refused(nutrition_db: str, tmp_path: Path) -> None:
    with pytest.raises(MalformedFile, match=r"FD_GROUP\.txt is missing"):
        import_foods("sr28", tmp_path, nutrition_db)
    bad = tmp_path / "products.tsv"
    bad.write_text("id\tname\n1\tx\n")
    with pytest.raises(MalformedFile, match="not an Open Food Facts export"):
        import_foods("off", bad, nutrition_db)


def test_off_slice_derives_energy_and_rejects_bad_rows(
    nutrition_db: str, off_report: ImportReport
) -> None:
    assert off_report.imported > 25_000
    assert off_report.rejected_total > 0
    assert all(
        r.startswith(
            (
                "impossible",
                "missing",
                "duplicate",
                "unreadable",
                "no nutrition",
                "wrong number",
                "name too long",
            )
        )
        for r in off_report.rejected
    )
    imported = scalar(nutrition_db, "SELECT count(*) FROM nutrition.foods WHERE source = 'off'")
    assert imported == off_report.imported
    # 0000000000017 "Vitória crackers": fat 7, carbs 70.1, protein 7.8 -> 4*7.8 + 9*7 + 4*70.1
    assert food(nutrition_db, "off", "0000000000017", "energy_kcal") == Decimal("374.600")
    assert food(nutrition_db, "off", "0000000000017", "energy_derived") is True
    assert food(nutrition_db, "off", "0000000000017", "sodium_mg") == Decimal("551.181")
    negatives = scalar(
        nutrition_db,
        "SELECT count(*) FROM nutrition.foods "
        "WHERE protein_g < 0 OR fat_g > 100 OR sodium_mg > 39400",
    )
    assert negatives == 0


def test_off_sample_derives_energy_and_rejects_impossible_rows(nutrition_db: str) -> None:
    report = import_foods("off", OFF_SAMPLE, nutrition_db)
    assert report.imported + report.updated == 296
    assert report.rejected == {"impossible values: macronutrients over 100 g per 100 g": 4}
    # 0000000000017 "Vitória crackers": fat 7, carbs 70.1, protein 7.8 -> 4*7.8 + 9*7 + 4*70.1
    assert food(nutrition_db, "off", "0000000000017", "energy_kcal") == Decimal("374.600")
    assert food(nutrition_db, "off", "0000000000017", "energy_derived") is True
    assert food(nutrition_db, "off", "0000000000017", "licence").startswith("ODbL")


def test_off_file_rows_with_bad_values_are_counted(nutrition_db: str, tmp_path: Path) -> None:
    sample = tmp_path / "sample.tsv"
    with gzip.open(OFF_SAMPLE, "rt", encoding="utf-8") as src:
        header = src.readline()
    sample.write_text(
        header
        + "4006381333931\tGood bar\t10\t2\t50\t20\t\t8\t0.5\t0.2\t\n"
        + "4006381333931\tDuplicate\t10\t2\t50\t20\t\t8\t0.5\t0.2\t\n"
        + "1234\t\t1\t1\t1\t1\t\t1\t\t\t\n"
        + "5555\tNegative\t-3\t1\t1\t1\t\t1\t\t\t\n"
        + "5556\tNot a number\tabc\t1\t1\t1\t\t1\t\t\t\n"
        + "5557\tToo many macros\t60\t1\t60\t1\t\t1\t\t\t\n"
        + "short row\n"
    )
    report = import_foods("off", sample, nutrition_db)
    assert report.imported + report.updated == 1
    assert report.rejected == {
        "duplicate barcode in file": 1,
        "missing product name": 1,
        "impossible values: negative fat_g": 1,
        "unreadable number in fat_100g": 1,
        "impossible values: macronutrients over 100 g per 100 g": 1,
        "wrong number of columns": 1,
    }
    assert food(nutrition_db, "off", "4006381333931", "barcode") == "4006381333931"


def test_fdc_csv_layout(nutrition_db: str) -> None:
    report = import_foods("fdc", FDC_DIR, nutrition_db)
    assert report.imported == 2
    assert report.rejected == {
        "food without nutrient data": 1,
        "food row without id or name": 1,
        "unreadable nutrient amount": 1,
        "portion without weight": 1,
    }
    assert food(nutrition_db, "fdc", "171688", "energy_kcal") == Decimal("52.000")
    assert food(nutrition_db, "fdc", "171688", "category") == "Fruits and Fruit Juices"
    assert food(nutrition_db, "fdc", "171688", "sugars_g") == Decimal("10.390")
    # Chicken's energy value was unreadable: derived from macros (4*22.5 + 9*2.62) and marked
    assert food(nutrition_db, "fdc", "171477", "energy_kcal") == Decimal("113.580")
    assert food(nutrition_db, "fdc", "171477", "energy_derived") is True
    half = scalar(
        nutrition_db,
        "SELECT p.grams FROM nutrition.food_portions p JOIN nutrition.foods f ON f.id = p.food_id "
        "WHERE f.source = 'fdc' AND f.source_id = '171477'",
    )
    assert half == Decimal("118.000")
    again = import_foods("fdc", FDC_DIR, nutrition_db)
    assert (again.imported, again.updated) == (0, 2)
