"""Business metrics against the real PostgreSQL: counted only once a transaction commits, and
the daily/weekly active users read off auth's sessions."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import psycopg
import pytest
from prometheus_client import REGISTRY
from psycopg import sql
from sqlalchemy import Engine, text

from backend_services.auth.active_users import ActiveUsersGauge, count_active_users
from backend_services.auth.models import AuthSession, User, utcnow
from backend_services.kernel import migrations
from backend_services.kernel.business_metrics import on_commit
from backend_services.kernel.db import make_engine, unit_of_work

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def auth_engine() -> Iterator[Engine]:
    """A database of its own with auth's schema at its newest revision."""
    name = f"fitledger_bm_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    migrations.upgrade("auth", url)
    engine = make_engine(url, application_name="business-metrics-tests")
    try:
        yield engine
    finally:
        engine.dispose()
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_a_fact_is_counted_after_its_commit_and_never_after_a_rollback(
    auth_engine: Engine,
) -> None:
    counted: list[str] = []
    with unit_of_work(auth_engine) as session:
        session.execute(text("SELECT 1"))
        on_commit(session, lambda: counted.append("committed"))
        assert counted == []  # not before the commit
    assert counted == ["committed"]

    with pytest.raises(RuntimeError), unit_of_work(auth_engine) as session:
        on_commit(session, lambda: counted.append("rolled back"))
        raise RuntimeError("the use case failed")
    assert counted == ["committed"]


def test_active_users_count_each_user_once_per_window(auth_engine: Engine) -> None:
    now = utcnow()
    used = {  # user -> when each of their sessions was last used
        "today twice": [now - timedelta(hours=1), now - timedelta(hours=5)],
        "today and last month": [now - timedelta(hours=20), now - timedelta(days=30)],
        "this week": [now - timedelta(days=3)],
        "last month": [now - timedelta(days=12)],
    }
    with unit_of_work(auth_engine) as session:
        for name, times in used.items():
            user = User(
                email=f"{uuid.uuid4().hex}@example.com", display_name=name, password_hash="x"
            )
            session.add(user)
            session.flush()
            for last_used in times:
                session.add(
                    AuthSession(
                        user_id=user.id, last_used_at=last_used, expires_at=now + timedelta(30)
                    )
                )

    assert count_active_users(auth_engine) == {"day": 2, "week": 3}
    ActiveUsersGauge(auth_engine).refresh()
    assert REGISTRY.get_sample_value("fitledger_active_users", {"window": "day"}) == 2
    assert REGISTRY.get_sample_value("fitledger_active_users", {"window": "week"}) == 3
