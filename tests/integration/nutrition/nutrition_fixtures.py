"""Helpers for nutrition integration tests: a private database, migrated, with real data."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import psycopg
from psycopg import sql

from backend_services.kernel import migrations

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "data"
SR28_DIR = DATA / "usda_sr28" / "raw"
OFF_FILE = DATA / "openfoodfacts_lifyzer_2018" / "off_products_2018.tsv.gz"
FDC_DIR = ROOT / "tests" / "fixtures" / "fdc"
ADMIN_URL = os.environ.get(
    "FITLEDGER_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def fresh_database(name: str) -> str:
    """Drop and create ``name`` and migrate the nutrition schema into it."""
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    migrations.upgrade("nutrition", url)
    return url


def drop_database(name: str) -> None:
    with (
        contextlib.suppress(psycopg.Error),
        psycopg.connect(ADMIN_URL, autocommit=True) as conn,
    ):
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def scalar(url: str, query: str, *params: object) -> object:
    with psycopg.connect(url) as conn:
        row = conn.execute(query, params).fetchone()
    return row[0] if row else None
