"""Factories for the notifications integration tests (users known to the projection, events)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default
from pathlib import Path
from typing import Any

import contract_events

from backend_services.kernel.contracts import MealChanged, MealLogged
from backend_services.kernel.messaging import Event


@dataclass
class Users:
    """Factory of users known to the projection (registered, with a profile)."""

    deliver: Callable[[Event], bool]

    def make(self, **profile: Any) -> str:
        """A new user, registered, with the profile ``profile`` takes (its defaults unless
        told)."""
        user_id = str(uuid.uuid4())
        self.deliver(contract_events.registered(user_id))
        self.profile(user_id, **profile)
        return user_id

    def profile(
        self,
        user_id: str,
        *,
        target: float | None = 2000,
        preferences: dict[str, dict[str, bool]] | None = None,
        timezone: str = "UTC",
        quiet: dict[str, str] | None = None,
        language: str = "en",
        units: str = "metric",
    ) -> None:
        self.deliver(
            contract_events.profile_updated(
                user_id,
                target_kcal=target,
                preferences=preferences,
                timezone=timezone,
                quiet=None if quiet is None else (quiet["start"], quiet["end"]),
                language=language,
                units=units,
            )
        )


def meal_event(
    user_id: str,
    kcal: float,
    day: str = "2026-03-10",
    *,
    change: type[MealChanged] = MealLogged,
    occurred_at: datetime | None = None,
) -> Event:
    return contract_events.meal_changed(user_id, day, kcal, change=change, occurred_at=occurred_at)


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
