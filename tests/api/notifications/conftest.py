"""Fixtures for the notifications API tests: the real stack (gateway, worker, SMTP catcher),
accounts registered through the gateway, and events published to the stack's exchange the
way the other services' relays do (to drive the rules without going through every service;
the lead's end-to-end scenarios cover that path)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from contract_events import profile_updated
from event_bus import publish, queue_exists
from polling import wait_until

from backend_services.kernel.messaging import Event
from backend_services.notifications.events import SUBSCRIPTIONS


@pytest.fixture(scope="session")
def publish_event(stack: str) -> Iterator[Callable[[Event], None]]:
    wait_until(lambda: all(queue_exists(sub.queue) for sub in SUBSCRIPTIONS), timeout=60)
    yield publish


@pytest.fixture(scope="session")
def set_profile(publish_event: Callable[[Event], None]) -> Callable[..., None]:
    """Publish ``users.profile.updated`` for a user (a calorie target and preferences)."""

    def publish(
        user_id: str,
        *,
        target: float = 2000,
        preferences: dict[str, dict[str, bool]] | None = None,
    ) -> None:
        publish_event(profile_updated(user_id, target_kcal=target, preferences=preferences))

    return publish
