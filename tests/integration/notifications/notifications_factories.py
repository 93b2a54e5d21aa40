"""Factories for the notifications integration tests (users known to the projection, events)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default
from pathlib import Path
from typing import Any

from backend_services.kernel.messaging import Event


@dataclass
class Users:
    """Factory of users known to the projection (registered, with a profile)."""

    deliver: Callable[[Event], bool]

    def make(
        self,
        *,
        target: float | None = 2000,
        preferences: dict[str, dict[str, bool]] | None = None,
        timezone: str = "UTC",
        quiet: dict[str, str] | None = None,
    ) -> str:
        user_id = str(uuid.uuid4())
        self.deliver(
            Event(
                type="auth.user.registered",
                producer="auth",
                user_id=user_id,
                data={"email": f"{user_id[:8]}@example.com", "display_name": "Ann"},
            )
        )
        self.profile(
            user_id, target=target, preferences=preferences, timezone=timezone, quiet=quiet
        )
        return user_id

    def profile(
        self,
        user_id: str,
        *,
        target: float | None = 2000,
        preferences: dict[str, dict[str, bool]] | None = None,
        timezone: str = "UTC",
        quiet: dict[str, str] | None = None,
    ) -> None:
        self.deliver(
            Event(
                type="users.profile.updated",
                producer="users",
                user_id=user_id,
                data={
                    "targets": None if target is None else {"calorie_target_kcal": target},
                    "timezone": timezone,
                    "language": "en",
                    "units": "metric",
                    "notifications": preferences or {},
                    "quiet_hours": quiet,
                },
            )
        )


def meal_event(user_id: str, kcal: float, day: str = "2026-03-10", **kw: Any) -> Event:
    return Event(
        type=kw.pop("type", "nutrition.meal.logged"),
        producer="nutrition",
        user_id=user_id,
        data={"meal_id": str(uuid.uuid4()), "date": day, "day_totals": {"energy_kcal": kcal}},
        **kw,
    )


@dataclass
class Mailbox:
    url: str
    directory: Path

    def messages(self, to: str | None = None) -> list[EmailMessage]:
        found = []
        for path in sorted(self.directory.glob("*.eml")):
            message = BytesParser(policy=default).parsebytes(path.read_bytes())
            if to is None or message["To"] == to:
                found.append(message)
        return found
