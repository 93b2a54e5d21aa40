"""USDA SR28 importer: the official ``sr28asc.zip`` ASCII layout (``^``-separated, ``~`` quotes).

Reads the small code tables and portions into memory and streams ``NUT_DATA`` (679k rows),
which the release sorts by NDB_No, one food at a time. SR28 is the reference dataset, so
implausible values are flagged (``quality_flags``), not rejected.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO

from ..common_foods import common_foods
from ..domain import (
    ENERGY_DERIVED,
    Nutrients,
    atwater_energy_kcal,
    energy_mismatch,
    impossible_values,
    to_decimal,
)
from ..nutrient_reference import NutrientInfo
from .writer import FoodRecord, ImportReport, MalformedFile, Portion

SOURCE = "usda-sr28"
LICENCE = "US public domain (USDA ARS, SR28)"
CORE_NUTRIENTS = {
    "208": "energy_kcal",
    "203": "protein_g",
    "204": "fat_g",
    "606": "saturated_fat_g",
    "205": "carbohydrate_g",
    "269": "sugars_g",
    "291": "fibre_g",
    "307": "sodium_mg",
}
SKIP_AS_MICRO = {*CORE_NUTRIENTS, "268"}  # 268 = energy in kJ, derived from kcal here


def open_text(path: Path) -> IO[str]:
    """SR28 text files are Latin-1 with CRLF; NUT_DATA may be gzip-compressed."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="latin-1", newline="")
    return path.open("r", encoding="latin-1", newline="")


def find(directory: Path, name: str) -> Path:
    for candidate in (directory / name, directory / f"{name}.gz"):
        if candidate.exists():
            return candidate
    raise MalformedFile(f"{directory}: {name} is missing (expected the sr28asc.zip layout)")


def records(path: Path, min_fields: int) -> Iterator[tuple[int, list[str]]]:
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line:
                continue
            fields = [f.strip("~") for f in line.split("^")]
            if len(fields) < min_fields:
                if number == 1:
                    raise MalformedFile(f"{path.name} line 1: not the SR28 layout")
                yield number, []
            else:
                yield number, fields


@dataclass(frozen=True)
class Description:
    """One FOOD_DES row: what the food is called and whether people report eating it."""

    name: str
    category: str | None
    brand: str | None
    aliases: list[str]
    # FOOD_DES "Survey": the food is used in the USDA Food and Nutrient Database for Dietary
    # Studies (what people report eating in NHANES)
    commonly_eaten: bool


def common_names(field: str) -> list[str]:
    """SR28's ComName field as names: "oatmeal, old-fashioned oats, rolled oats" -> 3 names.

    Entries that are cut codes or notes rather than names ("URMIS #2399", "includes V-8
    Splash drinks") are dropped.
    """
    names = [n.strip() for n in field.split(",")]
    return [n for n in names if n and "#" not in n and not n.lower().startswith("includes")]


def _curated_names(ndb: str) -> tuple[str, ...]:
    food = common_foods().get(ndb)
    return food.names if food else ()


def count_foods(directory: Path) -> int:
    return sum(1 for _ in records(find(directory, "FOOD_DES.txt"), 3))


def read_sr28(
    directory: Path,
    report: ImportReport,
    advance: Callable[[int], None] | None = None,
    definitions: dict[str, NutrientInfo] | None = None,
) -> Iterator[FoodRecord]:
    """SR28's foods; ``definitions`` receives what each micronutrient key means."""
    groups = {f[0]: f[1] for _, f in records(find(directory, "FD_GROUP.txt"), 2) if f}
    nutrients: dict[str, str] = {}
    for _, f in records(find(directory, "NUTR_DEF.txt"), 4):
        if f:
            unit = f[1].replace("µ", "u").replace("\xb5", "u")
            nutrients[f[0]] = f"{(f[2] or 'n' + f[0]).lower()}_{unit}"
            if definitions is not None and f[0] not in SKIP_AS_MICRO and f[3]:
                definitions[nutrients[f[0]]] = NutrientInfo(nutrients[f[0]], f[3], unit)
    foods: dict[str, Description] = {}
    for _, f in records(find(directory, "FOOD_DES.txt"), 6):
        if not f or not f[0] or not f[2]:
            report.reject("food row without id or name")
            continue
        foods[f[0]] = Description(
            name=f[2],
            category=groups.get(f[1]),
            brand=f[5] or None,
            aliases=common_names(f[4]) + list(_curated_names(f[0])),
            commonly_eaten=len(f) > 6 and f[6] == "Y",
        )
    portions: dict[str, list[Portion]] = {}
    for _, f in records(find(directory, "WEIGHT.txt"), 5):
        try:
            portion = Portion(int(f[1]), Decimal(f[2]), f[3], Decimal(f[4]))
        except (IndexError, ValueError, InvalidOperation):
            report.reject("unreadable portion row")
            continue
        if portion.grams > 0 and portion.amount > 0:
            portions.setdefault(f[0], []).append(portion)
        else:
            report.reject("portion without weight")

    seen: set[str] = set()
    current: str | None = None
    values: dict[str, Decimal] = {}
    for number, f in records(find(directory, "NUT_DATA.txt"), 3):
        try:
            ndb, nutr, value = f[0], f[1], Decimal(f[2])
        except (IndexError, InvalidOperation):
            report.reject("unreadable nutrient value")
            continue
        if ndb != current:
            if current is not None:
                seen.add(current)
                yield from _food(current, foods, nutrients, values, portions, report)
                if advance:
                    advance(1)
            if ndb in seen:
                raise MalformedFile(f"NUT_DATA line {number}: rows are not grouped by food")
            current, values = ndb, {}
        values[nutr] = value
    if current is not None:
        seen.add(current)
        yield from _food(current, foods, nutrients, values, portions, report)
    for _ in foods.keys() - seen:
        report.reject("food without nutrient data")


def _food(
    ndb: str,
    foods: dict[str, Description],
    keys: dict[str, str],
    values: dict[str, Decimal],
    portions: dict[str, list[Portion]],
    report: ImportReport,
) -> Iterator[FoodRecord]:
    if ndb not in foods:
        report.reject("nutrient data for an unknown food")
        return
    food = foods[ndb]
    core = {field: values.get(no) for no, field in CORE_NUTRIENTS.items()}
    micro = {
        key: value
        for no, value in values.items()
        if no not in SKIP_AS_MICRO and (key := keys.get(no, f"n{no}"))
    }
    record = build_record(
        source=SOURCE,
        source_id=ndb,
        licence=LICENCE,
        name=food.name,
        category=food.category,
        brand=food.brand,
        core=core,
        micro=micro,
        portions=portions.get(ndb, []),
    )
    record.aliases = food.aliases
    record.commonly_eaten = food.commonly_eaten
    yield record


def build_record(
    *,
    source: str,
    source_id: str,
    licence: str,
    name: str,
    core: dict[str, Decimal | None],
    micro: dict[str, Decimal],
    portions: list[Portion],
    category: str | None = None,
    brand: str | None = None,
) -> FoodRecord:
    """A US-data food (carbohydrate by difference): derive missing energy, flag oddities."""
    per_100g = Nutrients(**core, micronutrients=micro)
    derived = atwater_energy_kcal(
        protein_g=per_100g.protein_g, fat_g=per_100g.fat_g, carbohydrate_g=per_100g.carbohydrate_g
    )
    flags = impossible_values(per_100g)
    energy_derived = False
    if per_100g.energy_kcal is None and derived is not None:
        per_100g = Nutrients(**{**core, "energy_kcal": derived}, micronutrients=micro)
        energy_derived = True
        flags.append(ENERGY_DERIVED)
    elif (
        per_100g.energy_kcal is not None
        and derived is not None
        and energy_mismatch(per_100g.energy_kcal, derived)
    ):
        flags.append("stated energy differs from macronutrients")
    return FoodRecord(
        source=source,
        source_id=source_id,
        licence=licence,
        name=name,
        per_100g=per_100g,
        category=category,
        brand=brand,
        energy_derived=energy_derived,
        quality_flags=flags,
        portions=portions,
    )


def decimal_or_none(text: str) -> Decimal | None:
    try:
        return to_decimal(text)
    except (InvalidOperation, ValueError):
        return None
