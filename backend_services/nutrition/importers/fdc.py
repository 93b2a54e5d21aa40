"""FoodData Central importer: the CSV download layout (food, nutrient, food_nutrient, portion).

``food_nutrient.csv`` is not grouped by food in the official download, so values are gathered
per food in memory (the SR Legacy subset is ~650k values, well within a worker's memory).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..nutrient_reference import NutrientInfo
from .sr28 import build_record
from .writer import FoodRecord, ImportReport, MalformedFile, Portion

SOURCE = "fdc"
LICENCE = "CC0 1.0 (USDA FoodData Central)"
# nutrient ids; energy falls back to the Atwater energies FDC computes (2047/2048, 957/958)
CORE_BY_ID = {
    "1003": "protein_g",
    "1004": "fat_g",
    "1258": "saturated_fat_g",
    "1005": "carbohydrate_g",
    "1079": "fibre_g",
    "1093": "sodium_mg",
}
ENERGY_IDS = ("1008", "2047", "2048", "958", "957")
KJ_ID = "1062"
FILES = ("food.csv", "nutrient.csv", "food_nutrient.csv")


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise MalformedFile(f"{path.name}: missing columns {missing}")
        yield from reader


def read_fdc(
    directory: Path,
    report: ImportReport,
    advance: Callable[[int], None] | None = None,
    definitions: dict[str, NutrientInfo] | None = None,
) -> Iterator[FoodRecord]:
    """FDC's foods; ``definitions`` receives what each micronutrient key means."""
    for name in FILES:
        if not (directory / name).exists():
            raise MalformedFile(f"{directory}: {name} is missing (FoodData Central CSV layout)")
    categories: dict[str, str] = {}
    if (directory / "food_category.csv").exists():
        for row in _rows(directory / "food_category.csv", ("id", "description")):
            categories[row["id"]] = row["description"]
    units = {}
    for row in _rows(directory / "nutrient.csv", ("id", "name", "unit_name")):
        unit = row["unit_name"].lower().replace("µ", "u")
        units[row["id"]] = f"{row['name'].lower()}_{unit}"
        if definitions is not None:
            definitions[units[row["id"]]] = NutrientInfo(units[row["id"]], row["name"], unit)
    values: dict[str, dict[str, Decimal]] = {}
    for row in _rows(directory / "food_nutrient.csv", ("fdc_id", "nutrient_id", "amount")):
        try:
            values.setdefault(row["fdc_id"], {})[row["nutrient_id"]] = Decimal(row["amount"])
        except InvalidOperation:
            report.reject("unreadable nutrient amount")
    portions: dict[str, list[Portion]] = {}
    if (directory / "food_portion.csv").exists():
        for row in _rows(directory / "food_portion.csv", ("fdc_id", "gram_weight")):
            try:
                grams = Decimal(row["gram_weight"])
                amount = Decimal(row.get("amount") or "1")
                seq = int(row.get("seq_num") or len(portions.get(row["fdc_id"], [])) + 1)
            except (InvalidOperation, ValueError):
                report.reject("unreadable portion")
                continue
            text = (row.get("portion_description") or "").strip()
            text = text or (row.get("modifier") or "").strip() or "serving"
            if grams > 0 and amount > 0:
                portions.setdefault(row["fdc_id"], []).append(Portion(seq, amount, text, grams))
            else:
                report.reject("portion without weight")
    for row in _rows(directory / "food.csv", ("fdc_id", "description")):
        fdc_id, name = row["fdc_id"].strip(), " ".join(row["description"].split())
        if not fdc_id or not name:
            report.reject("food row without id or name")
            continue
        found = values.get(fdc_id)
        if not found:
            report.reject("food without nutrient data")
            continue
        core: dict[str, Decimal | None] = {field: found.get(i) for i, field in CORE_BY_ID.items()}
        core["sugars_g"] = found.get("2000", found.get("1063"))
        core["energy_kcal"] = next((found[i] for i in ENERGY_IDS if i in found), None)
        skip = {*CORE_BY_ID, *ENERGY_IDS, KJ_ID, "2000", "1063"}
        micro = {units.get(i, f"n{i}"): v for i, v in found.items() if i not in skip}
        if advance:
            advance(1)
        yield build_record(
            source=SOURCE,
            source_id=fdc_id,
            licence=LICENCE,
            name=name,
            category=categories.get(row.get("food_category_id") or ""),
            core=core,
            micro=micro,
            portions=sorted(portions.get(fdc_id, []), key=lambda p: p.seq),
        )
