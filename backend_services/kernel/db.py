"""PostgreSQL through SQLModel over psycopg 3, with a pool that survives a server restart.

``pool_pre_ping`` replaces connections the server dropped (a restart) before they are used,
and short connect/pool timeouts make requests fail fast (503) during an outage instead of
hanging; once the server is back the pool refills by itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, create_engine

from .settings import ServiceSettings


def normalize_database_url(url: str) -> str:
    """Accept ``postgresql://`` URLs and use the psycopg 3 driver for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(
    url: str,
    *,
    pool_size: int = 5,
    pool_timeout: float = 2.0,
    connect_timeout: int = 2,
    application_name: str = "fitledger",
) -> Engine:
    return create_engine(
        normalize_database_url(url),
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_timeout=pool_timeout,
        pool_pre_ping=True,
        pool_recycle=1800,
        connect_args={"connect_timeout": connect_timeout, "application_name": application_name},
    )


def service_engine(
    settings: ServiceSettings, *, application_name: str | None = None, pool_size: int | None = None
) -> Engine:
    """The engine of a service process, with the service's pool and timeout settings
    (``pool_size``: a worker's own need, one connection per thread)."""
    return make_engine(
        settings.require("database_url"),
        pool_size=pool_size or settings.db_pool_size,
        pool_timeout=settings.db_pool_timeout_seconds,
        connect_timeout=settings.db_connect_timeout_seconds,
        application_name=application_name or settings.service_name,
    )


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error. Repositories never commit."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def lock_account(session: OrmSession, user_id: str) -> None:
    """Serialise this transaction with every other one that locks the same account, until
    commit: an account's deletion and a consumer that first checks "not deleted" and then
    writes for it cannot interleave (the deletion would miss the uncommitted row)."""
    session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:u, 0))"), {"u": user_id})


def ping_database(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def ensure_schema(engine: Engine, schema: str) -> None:
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
