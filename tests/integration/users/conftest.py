"""Fixtures for the users service's integration tests: its own database, migrated to head.

The database ``fitledger_test_users`` belongs to these tests alone; every test starts from
empty users tables. Consumers run against the real PostgreSQL (and, where a test says so,
the real RabbitMQ on unique exchange and queue names).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from databases import emptied_engine
from event_bus import deliverer
from sqlalchemy import Engine, text

from backend_services.kernel.messaging import Event
from backend_services.users.events import SUBSCRIPTIONS
from backend_services.users.models import MESSAGING
from backend_services.users.service import UsersService

USERS_TABLES = (
    "notification_preferences",
    "weights",
    "daily_stats",
    "day_workouts",
    "deleted_users",
    "profiles",
    "outbox",
    "processed_events",
)


@pytest.fixture(scope="session")
def users_database(migrated_database: Callable[[str], str]) -> str:
    return migrated_database("users")


@pytest.fixture
def users_engine(users_database: str) -> Iterator[Engine]:
    with emptied_engine(
        users_database, "users", USERS_TABLES, pool_size=4, application_name="users-tests"
    ) as engine:
        yield engine


class Clock:
    """A settable clock for the service (tests decide what 'now' is)."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 3, 10, 12, 0, tzinfo=UTC))


@pytest.fixture
def users_service(users_engine: Engine, clock: Clock) -> UsersService:
    return UsersService(users_engine, clock=clock)


@pytest.fixture
def deliver(users_engine: Engine) -> Callable[[Event], bool]:
    """Apply an event the way the worker's consumer does (dedupe + handler, one transaction)."""
    return deliverer(users_engine, MESSAGING, SUBSCRIPTIONS)


@pytest.fixture
def users_sql(users_engine: Engine) -> Callable[..., list[tuple[object, ...]]]:
    def query(statement: str, **params: object) -> list[tuple[object, ...]]:
        with users_engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(statement), params)]

    return query
