"""The integration tests' PostgreSQL databases: one per service with a fixed name
(``fitledger_test_<service>``, migrated to head, emptied before each test), and throwaway ones
created and dropped by a test."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql
from sqlalchemy import Engine, text

from backend_services.kernel.db import make_engine

PG_ADMIN_URL = os.environ.get(
    "FITLEDGER_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def database_url(name: str) -> str:
    """The URL of database ``name`` on the test server."""
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def fresh_database(name: str) -> str:
    """An empty database ``name`` (dropped first if it exists); returns its URL."""
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return database_url(name)


def drop_database(name: str) -> None:
    with (
        contextlib.suppress(psycopg.Error),
        psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn,
    ):
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@contextmanager
def engine_on(url: str) -> Iterator[Engine]:
    """An engine on ``url``, disposed afterwards."""
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def emptied_engine(
    url: str, schema: str, tables: Iterable[str], *, pool_size: int, application_name: str
) -> Iterator[Engine]:
    """An engine on ``url`` after emptying ``tables`` of ``schema``; disposed afterwards."""
    engine = make_engine(url, pool_size=pool_size, application_name=application_name)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(f'{schema}.{t}' for t in tables)} CASCADE"))
    try:
        yield engine
    finally:
        engine.dispose()
