"""Typed client of the notifications service's Web Push devices (`/api/notifications/push*`):
the VAPID key, subscribing this browser, removing it, and a test notification."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.gateway import Authorized

API = "/api/notifications"


@dataclass(frozen=True)
class PushDevice:
    id: str
    endpoint: str
    user_agent: str | None
    last_success_at: dt.datetime | None

    @classmethod
    def from_json(cls, data: Any) -> PushDevice:
        b = p.obj(data)
        return cls(
            id=p.text(b.get("id")),
            endpoint=p.text(b.get("endpoint")),
            user_agent=p.opt_text(b.get("user_agent")),
            last_success_at=p.opt_instant(b.get("last_success_at")),
        )


class PushApi:
    def __init__(self, api: Authorized):
        self.api = api

    async def vapid_public_key(self) -> str:
        return p.text(p.obj(await self.api.get(f"{API}/push/vapid-public-key")).get("public_key"))

    async def devices(self) -> tuple[PushDevice, ...]:
        body = await self.api.get(f"{API}/push-subscriptions")
        return tuple(PushDevice.from_json(x) for x in p.items(body))

    async def subscribe(self, subscription: dict[str, Any], user_agent: str) -> PushDevice:
        """`subscription` as the browser's PushSubscription.toJSON() gives it."""
        body = {
            "endpoint": subscription.get("endpoint"),
            "keys": subscription.get("keys"),
            "user_agent": user_agent[:300] or None,
        }
        return PushDevice.from_json(await self.api.post(f"{API}/push-subscriptions", json=body))

    async def unsubscribe(self, endpoint: str) -> None:
        await self.api.delete(f"{API}/push-subscriptions", params={"endpoint": endpoint})

    async def test(self, device_id: str) -> None:
        await self.api.post(f"{API}/push-subscriptions/{device_id}/test")
