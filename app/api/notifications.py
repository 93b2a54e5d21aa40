"""Typed client of the notifications service's in-app feed (`/api/notifications/*`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.gateway import Authorized

API = "/api/notifications"
FEED_PAGE_MAX = 100


@dataclass(frozen=True)
class Notification:
    id: str
    type: str  # "daily_norm_exceeded", "workout_completed", "personal_record", ...
    title: str
    body: str
    data: dict[str, Any]  # rule-specific details (e.g. the day's kcal and target)
    created_at: dt.datetime | None
    read_at: dt.datetime | None

    @classmethod
    def from_json(cls, data: Any) -> Notification:
        b = p.obj(data)
        return cls(
            id=p.text(b.get("id")),
            type=p.text(b.get("type")),
            title=p.text(b.get("title")),
            body=p.text(b.get("body")),
            data=dict(p.obj(b.get("data"))),
            created_at=p.opt_instant(b.get("created_at")),
            read_at=p.opt_instant(b.get("read_at")),
        )

    @property
    def unread(self) -> bool:
        return self.read_at is None


@dataclass(frozen=True)
class Feed:
    items: tuple[Notification, ...]  # newest first
    next_cursor: str | None
    unread_count: int

    @classmethod
    def from_json(cls, data: Any) -> Feed:
        b = p.obj(data)
        return cls(
            tuple(Notification.from_json(x) for x in p.items(b.get("items"))),
            p.opt_text(b.get("next_cursor")),
            p.whole(b.get("unread_count")),
        )


@dataclass(frozen=True)
class ReadAll:
    marked_read: int
    unread_count: int


@dataclass(frozen=True)
class ReminderSettings:
    """Reminders and the weight goal (the goal line of the weight chart)."""

    meal_reminder_times: tuple[dt.time, ...] = ()  # local times
    workout_reminder_days: tuple[int, ...] = ()  # 0 = Monday ... 6 = Sunday
    workout_reminder_time: dt.time | None = None
    goal_weight_kg: float | None = None
    # Read-only: what the service last heard from the users service, and e-mail opt-outs.
    timezone: str = "UTC"
    calorie_target_kcal: float | None = None
    email_opted_out: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> ReminderSettings:
        b = p.obj(data)
        workout_time = p.opt_text(b.get("workout_reminder_time"))
        return cls(
            meal_reminder_times=tuple(
                dt.time.fromisoformat(t) for t in p.texts(b.get("meal_reminder_times"))
            ),
            workout_reminder_days=tuple(
                p.whole(d) for d in p.items(b.get("workout_reminder_days"))
            ),
            workout_reminder_time=dt.time.fromisoformat(workout_time) if workout_time else None,
            goal_weight_kg=p.opt_num(b.get("goal_weight_kg")),
            timezone=p.text(b.get("timezone"), "UTC"),
            calorie_target_kcal=p.opt_num(b.get("calorie_target_kcal")),
            email_opted_out=p.texts(b.get("email_opted_out")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "meal_reminder_times": [t.strftime("%H:%M") for t in self.meal_reminder_times],
            "workout_reminder_days": list(self.workout_reminder_days),
            "workout_reminder_time": self.workout_reminder_time.strftime("%H:%M")
            if self.workout_reminder_time
            else None,
            "goal_weight_kg": self.goal_weight_kg,
        }


class NotificationsApi:
    """One user's in-app notifications."""

    def __init__(self, api: Authorized):
        self.api = api

    async def feed(
        self, *, limit: int = 20, cursor: str | None = None, unread_only: bool = False
    ) -> Feed:
        params: dict[str, Any] = {"limit": min(limit, FEED_PAGE_MAX), "cursor": cursor}
        if unread_only:
            params["unread"] = "true"
        return Feed.from_json(await self.api.get(f"{API}/", params=params))

    async def unread_count(self) -> int:
        """The badge number (the feed carries it; one item is the smallest page)."""
        return (await self.feed(limit=1, unread_only=True)).unread_count

    async def mark_read(self, notification_id: str) -> Notification:
        return Notification.from_json(await self.api.post(f"{API}/{notification_id}/read"))

    async def mark_all_read(self) -> ReadAll:
        b = p.obj(await self.api.post(f"{API}/read-all"))
        return ReadAll(p.whole(b.get("marked_read")), p.whole(b.get("unread_count")))

    async def settings(self) -> ReminderSettings:
        return ReminderSettings.from_json(await self.api.get(f"{API}/settings"))

    async def save_settings(self, settings: ReminderSettings) -> ReminderSettings:
        """Replaces every reminder setting (start from `settings()` and `dataclasses.replace`)."""
        body = await self.api.put(f"{API}/settings", json=settings.to_json())
        return ReminderSettings.from_json(body)
