"""Nutrition integration fixtures: one migrated database per session, SR28 + an OFF slice.

SR28 is the shipped copy (every food); the OFF slice comes from the full export at ``OFF_FILE``
and the tests that use it are skipped (failed under REQUIRE_FULL_DATASETS=1) without it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from databases import engine_on
from nutrition_fixtures import (
    SR28_DIR,
    private_nutrition_database,
    russian_off_rows,
)
from reference_data import full_dataset
from sqlmodel import Session

from backend_services.nutrition.importers.run import import_foods
from backend_services.nutrition.importers.writer import ImportReport

DB_NAME = "fitledger_test_nutrition"
OFF_SLICE_ROWS = 30_000


@pytest.fixture(scope="session")
def nutrition_db() -> Iterator[str]:
    with private_nutrition_database(DB_NAME) as url:
        yield url


@pytest.fixture(scope="session")
def sr28_report(nutrition_db: str) -> ImportReport:
    return import_foods("sr28", SR28_DIR, nutrition_db)


@pytest.fixture(scope="session")
def off_report(nutrition_db: str, sr28_report: ImportReport) -> ImportReport:
    return import_foods("off", full_dataset("OFF_FILE"), nutrition_db, limit=OFF_SLICE_ROWS)


@pytest.fixture(scope="session")
def off_russian_report(
    nutrition_db: str, off_report: ImportReport, tmp_path_factory: pytest.TempPathFactory
) -> ImportReport:
    """The snapshot's Russian products (the first rows are American ones)."""
    off_file = full_dataset("OFF_FILE")
    rows = russian_off_rows(off_file, tmp_path_factory.mktemp("off") / "off_russian.tsv")
    return import_foods("off", rows, nutrition_db)


@pytest.fixture(scope="session")
def session(
    nutrition_db: str,
    sr28_report: ImportReport,
    off_report: ImportReport,
    off_russian_report: ImportReport,
) -> Iterator[Session]:
    """A session on SR28 plus the English and Russian OFF products (search tests)."""
    with engine_on(nutrition_db) as engine, Session(engine) as s:
        yield s
