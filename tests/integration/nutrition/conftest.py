"""Nutrition integration fixtures: one migrated database per session, SR28 + an OFF slice."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from nutrition_fixtures import OFF_FILE, SR28_DIR, drop_database, fresh_database

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
