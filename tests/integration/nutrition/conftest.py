"""Nutrition integration fixtures: one migrated database per session, SR28 + an OFF slice."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from nutrition_fixtures import (
    OFF_FILE,
    SR28_DIR,
    drop_database,
    fresh_database,
    russian_off_rows,
)
from sqlmodel import Session

from backend_services.kernel.db import make_engine
from backend_services.nutrition.importers.run import import_foods
from backend_services.nutrition.importers.writer import ImportReport

DB_NAME = "fitledger_test_nutrition"
OFF_SAMPLE_ROWS = 30_000


@pytest.fixture(scope="session")
def nutrition_db() -> Iterator[str]:
    if not SR28_DIR.exists():
        pytest.skip(f"reference data missing at {SR28_DIR}")
    url = fresh_database(DB_NAME)
    try:
        yield url
    finally:
        drop_database(DB_NAME)


@pytest.fixture(scope="session")
def sr28_report(nutrition_db: str) -> ImportReport:
    return import_foods("sr28", SR28_DIR, nutrition_db)


@pytest.fixture(scope="session")
def off_report(nutrition_db: str, sr28_report: ImportReport) -> ImportReport:
    return import_foods("off", OFF_FILE, nutrition_db, limit=OFF_SAMPLE_ROWS)


@pytest.fixture(scope="session")
def off_russian_report(
    nutrition_db: str, off_report: ImportReport, tmp_path_factory: pytest.TempPathFactory
) -> ImportReport:
    """The snapshot's Russian products (the first rows are American ones)."""
    rows = russian_off_rows(OFF_FILE, tmp_path_factory.mktemp("off") / "off_russian.tsv")
    return import_foods("off", rows, nutrition_db)


@pytest.fixture(scope="session")
def session(
    nutrition_db: str,
    sr28_report: ImportReport,
    off_report: ImportReport,
    off_russian_report: ImportReport,
) -> Iterator[Session]:
    """A session on SR28 plus the English and Russian OFF products (search tests)."""
    engine = make_engine(nutrition_db)
    with Session(engine) as s:
        yield s
    engine.dispose()
