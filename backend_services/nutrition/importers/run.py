"""Run one import: one file (or folder) in one transaction, with progress and a report."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from backend_services.kernel.db import normalize_database_url

from ..nutrient_reference import NutrientInfo
from . import fdc, off, sr28
from .fdc import read_fdc
from .import_runs import record_run
from .off import read_off
from .sr28 import read_sr28
from .writer import FoodRecord, FoodWriter, ImportReport, MalformedFile

Advance = Callable[[int], None]
# the source its foods carry, under which a run is kept ("sr28" files make "usda-sr28" foods)
FOOD_SOURCES = {"sr28": sr28.SOURCE, "fdc": fdc.SOURCE, "off": off.SOURCE}
# What a broken file raises while being streamed (truncated gzip, bad bytes, bad CSV quoting).
FILE_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error, UnicodeDecodeError, OSError)


def psycopg_url(database_url: str) -> str:
    return normalize_database_url(database_url).replace("postgresql+psycopg://", "postgresql://")


def import_foods(
    kind: str,
    path: Path,
    database_url: str,
    *,
    advance: Advance | None = None,
    limit: int | None = None,
    batch_size: int = 5000,
) -> ImportReport:
    """Import ``path`` of ``kind`` (sr28, fdc, off); all or nothing per file."""
    report = ImportReport(source=kind)
    definitions: dict[str, NutrientInfo] = {}
    started_at = datetime.now(UTC)
    with psycopg.connect(psycopg_url(database_url)) as conn:
        try:
            with conn.transaction():
                writer = FoodWriter(conn, report, batch_size=batch_size)
                records = _reader(kind, path, report, advance, limit, definitions)
                writer.add_all(records)
                writer.flush()
                writer.define_nutrients(definitions.values())
                record_run(conn, FOOD_SOURCES[kind], report, path, started_at)
        except MalformedFile as exc:
            _record_failure(conn, kind, report, path, started_at, str(exc))
            raise
        except FILE_ERRORS as exc:
            failure = MalformedFile(f"{path}: unreadable ({type(exc).__name__}: {exc})")
            _record_failure(conn, kind, report, path, started_at, str(failure))
            raise failure from exc
    return report


def _record_failure(
    conn: psycopg.Connection,
    kind: str,
    report: ImportReport,
    path: Path,
    started_at: datetime,
    error: str,
) -> None:
    with conn.transaction():
        record_run(conn, FOOD_SOURCES[kind], report, path, started_at, error=error[:1000])


def _reader(
    kind: str,
    path: Path,
    report: ImportReport,
    advance: Advance | None,
    limit: int | None,
    definitions: dict[str, NutrientInfo],
) -> Iterable[FoodRecord]:
    if kind == "sr28":
        return read_sr28(path, report, advance, definitions)
    if kind == "fdc":
        return read_fdc(path, report, advance, definitions)
    if kind == "off":
        return read_off(path, report, advance, limit=limit)
    raise ValueError(f"unknown source kind {kind!r}")


def count_foods(database_url: str, source: str | None = None) -> int:
    with psycopg.connect(psycopg_url(database_url)) as conn:
        if source:
            row = conn.execute(
                "SELECT count(*) FROM nutrition.foods WHERE source = %s", (source,)
            ).fetchone()
        else:
            row = conn.execute("SELECT count(*) FROM nutrition.foods").fetchone()
    return int(row[0]) if row else 0
