"""Batched, idempotent writes of imported foods: COPY into a staging table, then upsert.

One file is one transaction: the caller opens it, every batch goes through it, and a fatal
error rolls it back, so a malformed file leaves the previous data untouched.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import psycopg

from ..domain import ALIAS_SEPARATOR, CORE, Nutrients
from ..nutrient_reference import NutrientInfo, unit_symbol

STAGING_COLUMNS = (
    "source",
    "source_id",
    "licence",
    "name",
    "brand",
    "category",
    "barcode",
    *CORE,
    "energy_kj",
    "micronutrients",
    "energy_derived",
    "quality_flags",
    "aliases",
    "commonly_eaten",
)


class MalformedFile(Exception):
    """The file as a whole cannot be imported (wrong layout, missing file, bad encoding)."""


@dataclass
class Portion:
    seq: int
    amount: Decimal
    description: str
    grams: Decimal


@dataclass
class FoodRecord:
    source: str
    source_id: str
    licence: str
    name: str
    per_100g: Nutrients
    brand: str | None = None
    category: str | None = None
    barcode: str | None = None
    energy_derived: bool = False
    quality_flags: list[str] = field(default_factory=list)
    portions: list[Portion] = field(default_factory=list)
    # other names (common names, Russian names); searchable like the name
    aliases: list[str] = field(default_factory=list)
    # the source marks it as a food people report eating (SR28's survey flag)
    commonly_eaten: bool = False


@dataclass
class ImportReport:
    source: str
    imported: int = 0
    updated: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    licences: set[str] = field(default_factory=set)
    kept_corrected: int = 0  # foods an admin corrected, left as they were

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def reject(self, reason: str) -> None:
        self.rejected[reason] += 1


def _pg_array(items: list[str]) -> str:
    return "{" + ",".join('"' + i.replace('"', '\\"') + '"' for i in items) + "}"


class FoodWriter:
    """Writes FoodRecords in batches on one psycopg connection (the caller's transaction)."""

    def __init__(self, conn: psycopg.Connection, report: ImportReport, batch_size: int = 5000):
        self.conn = conn
        self.report = report
        self.batch_size = batch_size
        self.batch: list[FoodRecord] = []
        numeric = ", ".join(f"{c} numeric" for c in (*CORE, "energy_kj"))
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staging_foods (source text, source_id text, "
            "licence text, name text, brand text, category text, barcode text, "
            f"{numeric}, micronutrients jsonb, energy_derived boolean, quality_flags text[], "
            "aliases text, commonly_eaten boolean) "
            "ON COMMIT DROP"
        )
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staging_portions "
            "(source_id text, seq int, amount numeric, description text, grams numeric) "
            "ON COMMIT DROP"
        )

    def add(self, record: FoodRecord) -> None:
        self.report.licences.add(record.licence)
        self.batch.append(record)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def add_all(self, records: Iterable[FoodRecord]) -> None:
        for record in records:
            self.add(record)

    def define_nutrients(self, definitions: Iterable[NutrientInfo]) -> None:
        """Record what each micronutrient key means (name and unit, from the dataset)."""
        rows = [(d.key, d.name, unit_symbol(d.unit), self.report.source) for d in definitions]
        if rows:
            self.conn.cursor().executemany(
                "INSERT INTO nutrition.nutrients (key, name, unit, source) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (key) DO UPDATE SET name = excluded.name, unit = excluded.unit,"
                " source = excluded.source, updated_at = now()",
                rows,
            )

    def flush(self) -> None:
        if not self.batch:
            return
        cur = self.conn.cursor()
        cur.execute("TRUNCATE staging_foods, staging_portions")
        cols = ", ".join(STAGING_COLUMNS)
        with cur.copy(f"COPY staging_foods ({cols}) FROM STDIN") as copy:
            for r in self.batch:
                n = r.per_100g
                copy.write_row(
                    (
                        r.source,
                        r.source_id,
                        r.licence,
                        r.name,
                        r.brand,
                        r.category,
                        r.barcode,
                        *(getattr(n, name) for name in CORE),
                        n.energy_kj,
                        json.dumps({k: float(v) for k, v in n.micronutrients.items()}),
                        r.energy_derived,
                        _pg_array(r.quality_flags),
                        ALIAS_SEPARATOR.join(dict.fromkeys(r.aliases)),
                        r.commonly_eaten,
                    )
                )
        with cur.copy(
            "COPY staging_portions (source_id, seq, amount, description, grams) FROM STDIN"
        ) as copy:
            for r in self.batch:
                for p in r.portions:
                    copy.write_row((r.source_id, p.seq, p.amount, p.description, p.grams))
        assigns = ", ".join(
            f"{c} = excluded.{c}" for c in STAGING_COLUMNS if c not in ("source", "source_id")
        )
        rows = cur.execute(
            f"INSERT INTO nutrition.foods ({cols}) SELECT {cols} FROM staging_foods "
            f"ON CONFLICT (source, source_id) DO UPDATE SET {assigns}, imported_at = now() "
            # a food an admin corrected keeps the correction
            "WHERE nutrition.foods.corrected_at IS NULL "
            "RETURNING (xmax = 0)"
        ).fetchall()
        inserted = sum(1 for (new,) in rows if new)
        self.report.imported += inserted
        self.report.updated += len(rows) - inserted
        self.report.kept_corrected += len(self.batch) - len(rows)
        source = self.batch[0].source
        cur.execute(
            "DELETE FROM nutrition.food_portions p USING nutrition.foods f, staging_foods s "
            "WHERE p.food_id = f.id AND f.source = s.source AND f.source_id = s.source_id"
        )
        cur.execute(
            "INSERT INTO nutrition.food_portions (food_id, seq, amount, description, grams) "
            "SELECT f.id, sp.seq, sp.amount, sp.description, sp.grams FROM staging_portions sp "
            "JOIN nutrition.foods f ON f.source = %s AND f.source_id = sp.source_id",
            (source,),
        )
        for r in self.batch:
            for flag in r.quality_flags:
                self.report.flagged[flag] += 1
        self.batch.clear()
