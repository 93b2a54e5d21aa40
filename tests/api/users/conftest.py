"""Fixtures for the users API tests: real stack, real tokens, registration by a real event.

A user is "registered" by publishing ``auth.user.registered`` to the stack's exchange (as the
auth service's relay would) and waiting until the users worker has created the profile, which
also proves the consumer end to end. The stack runs in a RabbitMQ vhost of its own
(``tests/stack_env.py``), so other stacks on the same broker never take its events.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import psycopg
import pytest
from contract_events import registered
from event_bus import publish, queue_exists
from polling import wait_until
from stack_env import STACK_ENV

from backend_services.kernel.messaging import Event
from backend_services.users.events import SUBSCRIPTIONS


@dataclass(frozen=True)
class ApiUser:
    user_id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="session")
def publish_event(stack: str) -> Iterator[Callable[[Event], None]]:
    """Publish an event to the stack's exchange: persistent, confirmed, routed by its type."""
    # Events published before the users worker has declared and bound its queues would be
    # dropped by the exchange: wait for the queues first.
    wait_until(lambda: all(queue_exists(sub.queue) for sub in SUBSCRIPTIONS), timeout=60)
    yield publish


@pytest.fixture(scope="session")
def poll() -> Callable[..., Any]:
    return wait_until


@pytest.fixture
def register_user(
    client: httpx.Client,
    make_token: Callable[..., str],
    publish_event: Callable[[Event], None],
) -> Callable[..., ApiUser]:
    """Factory: a user registered through ``auth.user.registered``, with a live access token."""

    def register(display_name: str = "Test User", role: str = "user") -> ApiUser:
        user = ApiUser(user_id=str(uuid.uuid4()), token="")
        user = ApiUser(user.user_id, make_token(user.user_id, role))
        publish_event(registered(user.user_id, display_name, f"{user.user_id}@example.com"))
        wait_until(lambda: client.get("/api/users/me", headers=user.headers).status_code == 200)
        return user

    return register


@pytest.fixture(scope="session")
def stack_sql(stack: str) -> Callable[..., list[tuple[Any, ...]]]:
    """Read-only look into the test stack's users schema (to prove nothing was stored)."""
    url = STACK_ENV["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")

    def query(statement: str, *params: Any) -> list[tuple[Any, ...]]:
        with psycopg.connect(url) as conn:
            return conn.execute(statement, params).fetchall()

    return query
