"""Open Food Facts importer: the CSV/TSV export (tab-separated, header row, ``*_100g`` columns).

Streams the file row by row. Crowd-sourced rows are checked: missing barcode or name,
unreadable numbers, impossible values and duplicates are rejected with a reason and counted.
Missing energy is derived from macronutrients (EU factors: fibre 2 kcal/g) and marked derived.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..domain import (
    ENERGY_DERIVED,
    KJ_PER_KCAL,
    Nutrients,
    atwater_energy_kcal,
    canonical_barcode,
    energy_mismatch,
    impossible_values,
    quantize,
    to_decimal,
)
from .writer import FoodRecord, ImportReport, MalformedFile

SOURCE = "off"
LICENCE = "ODbL 1.0 (Open Food Facts; contents DbCL 1.0)"
REQUIRED = ("code", "product_name", "proteins_100g", "fat_100g", "carbohydrates_100g")
MAX_NAME = 500
csv.field_size_limit(sys.maxsize)


class _Unreadable(ValueError):
    pass


def _open(path: Path) -> io.TextIOBase:
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")


def read_off(
    path: Path,
    report: ImportReport,
    advance: Callable[[int], None] | None = None,
    limit: int | None = None,
) -> Iterator[FoodRecord]:
    """Yield valid products; ``limit`` stops after that many data rows (samples, tests)."""
    if not path.exists():
        raise MalformedFile(f"{path}: no such file")
    with _open(path) as handle:
        header = handle.readline()
        delimiter = "\t" if "\t" in header else ","
        columns = next(csv.reader([header], delimiter=delimiter))
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            raise MalformedFile(
                f"{path.name}: not an Open Food Facts export (missing columns {missing})"
            )
        reader = csv.reader(handle, delimiter=delimiter, quoting=csv.QUOTE_NONE)
        seen: set[str] = set()
        for number, row in enumerate(reader, start=1):
            if limit is not None and number > limit:
                break
            if advance and number % 1000 == 0:
                advance(1000)
            if len(row) != len(columns):
                report.reject("wrong number of columns")
                continue
            record = _product(dict(zip(columns, row, strict=True)), report, seen)
            if record is not None:
                yield record


def _number(row: dict[str, str], column: str) -> Decimal | None:
    try:
        return to_decimal(row.get(column, "").strip())
    except (InvalidOperation, ValueError) as exc:
        raise _Unreadable(column) from exc


def _product(row: dict[str, str], report: ImportReport, seen: set[str]) -> FoodRecord | None:
    code = row["code"].strip()
    name = " ".join(row["product_name"].split())
    if not code.isdigit() or len(code) > 14:
        report.reject("missing or invalid barcode")
        return None
    if not name:
        report.reject("missing product name")
        return None
    if len(name) > MAX_NAME:
        report.reject("name too long")
        return None
    if code in seen:
        report.reject("duplicate barcode in file")
        return None
    try:
        protein = _number(row, "proteins_100g")
        fat = _number(row, "fat_100g")
        carbs = _number(row, "carbohydrates_100g")
        fibre = _number(row, "fiber_100g")
        alcohol = _number(row, "alcohol_100g")
        sodium_g = _number(row, "sodium_100g")
        salt_g = _number(row, "salt_100g")
        kcal = _number(row, "energy-kcal_100g")
        kj = _number(row, "energy_100g")
        saturated = _number(row, "saturated-fat_100g")
        sugars = _number(row, "sugars_100g")
    except _Unreadable as exc:
        report.reject(f"unreadable number in {exc}")
        return None
    if kcal is None and kj is not None:
        kcal = quantize(kj / KJ_PER_KCAL)
    if sodium_g is None and salt_g is not None:
        sodium_g = salt_g / Decimal("2.5")  # EU 1169/2011 Annex I: salt = sodium x 2.5
    per_100g = Nutrients(
        energy_kcal=kcal,
        protein_g=protein,
        fat_g=fat,
        saturated_fat_g=saturated,
        carbohydrate_g=carbs,
        sugars_g=sugars,
        fibre_g=fibre,
        sodium_mg=None if sodium_g is None else quantize(sodium_g * 1000),
    )
    if protein is None and fat is None and carbs is None and kcal is None:
        report.reject("no nutrition facts")
        return None
    problems = impossible_values(per_100g)
    if alcohol is not None and not (0 <= alcohol <= 100):
        problems.append("impossible alcohol")
    if problems:
        report.reject(f"impossible values: {problems[0]}")
        return None
    derived = atwater_energy_kcal(
        protein_g=protein,
        fat_g=fat,
        carbohydrate_g=carbs,
        fibre_g=fibre,
        alcohol_g=alcohol,
        carbohydrate_includes_fibre=False,
    )
    flags: list[str] = []
    energy_derived = False
    if kcal is None:
        per_100g = Nutrients(energy_kcal=derived, **_core(per_100g))  # type: ignore[arg-type]
        energy_derived = True
        flags.append(ENERGY_DERIVED)
    elif derived is not None and energy_mismatch(kcal, derived):
        flags.append("stated energy differs from macronutrients")
    seen.add(code)
    return FoodRecord(
        source=SOURCE,
        source_id=code,
        licence=LICENCE,
        name=name,
        per_100g=per_100g,
        brand=(row.get("brands") or "").strip() or None,
        category=(row.get("main_category_en") or "").strip() or None,
        barcode=canonical_barcode(code) or code,
        energy_derived=energy_derived,
        quality_flags=flags,
    )


def _core(n: Nutrients) -> dict[str, Decimal | None]:
    return {
        "protein_g": n.protein_g,
        "fat_g": n.fat_g,
        "saturated_fat_g": n.saturated_fat_g,
        "carbohydrate_g": n.carbohydrate_g,
        "sugars_g": n.sugars_g,
        "fibre_g": n.fibre_g,
        "sodium_mg": n.sodium_mg,
    }
