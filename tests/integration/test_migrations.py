"""Each service's alembic migrations against the real PostgreSQL: up, idempotent, down."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from databases import drop_database, fresh_database

from backend_services.kernel import migrations
from backend_services.stack.topology import SERVICES

POSTGRES_SERVICES = [spec.name for spec in SERVICES if spec.postgres]


@pytest.fixture
def database_url() -> Iterator[str]:
    name = f"fitledger_mig_{uuid.uuid4().hex[:8]}"
    try:
        yield fresh_database(name)
    finally:
        drop_database(name)


def tables(database_url: str, schema: str) -> set[str]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)
        ).fetchall()
    return {row[0] for row in rows}


@pytest.mark.parametrize("service", POSTGRES_SERVICES)
def test_upgrade_creates_the_schema_twice_safely_and_downgrade_removes_it(
    database_url: str, service: str
) -> None:
    migrations.upgrade(service, database_url)
    migrations.upgrade(service, database_url)  # a second run changes nothing
    assert {"outbox", "processed_events", "alembic_version"} <= tables(database_url, service)
    other = next(s for s in POSTGRES_SERVICES if s != service)
    assert tables(database_url, other) == set()  # each service migrates only its own schema

    migrations.downgrade(service, database_url, "base")
    assert tables(database_url, service) == {"alembic_version"}
