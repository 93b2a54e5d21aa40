"""A test account registered through the gateway (the ``register`` fixture makes them).

Here, not in conftest.py: a test module's ``from conftest import ...`` finds whichever
conftest.py was imported last (tests/api/notifications has one too), so a whole-suite run
failed to collect."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from body_profiles import MAN_BORN_1990


@dataclass(frozen=True)
class Account:
    """A user registered and signed in through the gateway."""

    email: str
    password: str
    user_id: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


def login(client: httpx.Client, email: str, password: str) -> httpx.Response:
    """``POST /api/auth/login`` with an e-mail and a password."""
    return client.post("/api/auth/login", json={"email": email, "password": password})


PROFILE = {**MAN_BORN_1990, "activity_level": "sedentary", "goal": "maintain", "timezone": "UTC"}


def put_profile(client: httpx.Client, account: Account, **changes: object) -> None:
    """Give ``account`` a full profile (targets need one) through the gateway."""
    answer = client.put("/api/users/me", headers=account.headers, json={**PROFILE, **changes})
    assert answer.status_code == 200, answer.text
