"""A service refuses to start on a schema a newer release migrated (issue 16), and starts on
its own head; the real PostgreSQL, the service's real app and lifespan."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from databases import drop_database, fresh_database
from fastapi.testclient import TestClient
from sqlalchemy import text

from backend_services.kernel import migrations
from backend_services.kernel.db import make_engine
from backend_services.users.main import create_app
from backend_services.users.settings import UsersSettings

DB = "fitledger_test_schema_guard"


@pytest.fixture
def users_url(test_database: str) -> Iterator[str]:  # test_database: skip without PostgreSQL
    url = fresh_database(DB)
    migrations.upgrade("users", url)
    try:
        yield url
    finally:
        drop_database(DB)


def _app(url: str) -> TestClient:
    return TestClient(create_app(UsersSettings(database_url=url)))


def test_the_service_starts_on_its_own_head(users_url: str) -> None:
    with _app(users_url) as client:
        assert client.get("/readyz").json()["checks"]["postgres"] == "ok"


def test_a_schema_from_a_newer_release_is_refused_at_start(users_url: str) -> None:
    engine = make_engine(users_url, pool_size=1, application_name="schema-guard-test")
    with engine.begin() as conn:
        conn.execute(text("UPDATE users.alembic_version SET version_num = 'users_9999'"))
    engine.dispose()
    refused = pytest.raises(migrations.SchemaTooNew, match="users_9999, which this release")
    with refused, _app(users_url):
        pass
