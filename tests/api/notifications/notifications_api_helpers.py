"""Event factories and polling helpers for the notifications API tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from contract_events import meal_changed, workout_finished
from polling import wait_until
from stack_env import STACK_ENV

from backend_services.kernel.messaging import Event

# The stack's first notifications instance: SERVICE_PORT_BASE + 10 * slot (5) + 1.
NOTIFICATIONS_INSTANCE = f"http://127.0.0.1:{int(STACK_ENV['SERVICE_PORT_BASE']) + 51}"


def meal(user_id: str, total: float, day: str = "2026-03-10") -> Event:
    return meal_changed(user_id, day, total)


def workout(user_id: str) -> Event:
    return workout_finished(user_id, kcal=300, duration_s=1800, local_date="2026-03-10")


def wait_for_feed(
    client: httpx.Client, account: Any, ready: Callable[[dict[str, Any]], Any]
) -> dict[str, Any]:
    def check() -> dict[str, Any] | None:
        feed = client.get("/api/notifications/", params={"limit": 100}, headers=account.headers)
        assert feed.status_code == 200, feed.text
        body: dict[str, Any] = feed.json()
        return body if ready(body) else None

    result: dict[str, Any] = wait_until(check)
    return result
