"""Helpers for nutrition integration tests: a private database, migrated, with real data.

Every SR28 food comes from the compact copy the repository ships; the Open Food Facts slice
the search tests rank against needs the full export (``OFF_FILE``, see tests/reference_data.py).
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from databases import drop_database, fresh_database
from reference_data import FIXTURES, OFF_SAMPLE, SR28_SAMPLE, SR28_SHIPPED

from backend_services.kernel import migrations
from backend_services.nutrition.importers.run import import_foods

__all__ = ["FDC_DIR", "OFF_SAMPLE", "SR28_DIR", "SR28_SAMPLE"]
SR28_DIR = SR28_SHIPPED
FDC_DIR = FIXTURES / "fdc"


def fresh_nutrition_database(name: str) -> str:
    """Database ``name`` made anew with the nutrition schema migrated into it."""
    url = fresh_database(name)
    migrations.upgrade("nutrition", url)
    return url


@contextmanager
def private_nutrition_database(name: str, *imports: tuple[str, Path]) -> Iterator[str]:
    """``fresh_nutrition_database`` with foods imported from each (source, path) in turn;
    dropped afterwards."""
    url = fresh_nutrition_database(name)
    for source, path in imports:
        import_foods(source, path, url)
    try:
        yield url
    finally:
        drop_database(name)


def scalar(url: str, query: str, *params: object) -> object:
    with psycopg.connect(url) as conn:
        row = conn.execute(query, params).fetchone()
    return row[0] if row else None


CYRILLIC = re.compile("[\u0400-\u04ff]")


def russian_off_rows(source: Path, target: Path) -> Path:
    """Write the header and the products with a Cyrillic name of an OFF export to ``target``.

    The first rows of the snapshot are American products; search tests also need the
    Russian branded products ("Молоко 3,2%") a Russian query competes with (about 1,250).
    """
    with (
        gzip.open(source, "rt", encoding="utf-8", newline="") as src,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        out.write(src.readline())
        for line in src:
            name = line.split("\t", 2)[1] if line.count("\t") >= 2 else ""
            if CYRILLIC.search(name):
                out.write(line)
    return target
