"""The admin routes of auth, users and notifications as the admin pages use them (typed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.auth import DeviceSession
from app.api.gateway import Authorized

AUTH = "/api/auth/admin"
NOTIFICATIONS = "/api/notifications/admin"
ANNOUNCEMENT_CHANNELS = ("in_app", "email", "push")


@dataclass(frozen=True)
class AdminUser:
    id: str
    email: str
    display_name: str
    role: str
    disabled: bool
    created_at: dt.datetime | None

    @classmethod
    def from_json(cls, data: Any) -> AdminUser:
        b = p.obj(data)
        return cls(
            id=p.text(b.get("id")),
            email=p.text(b.get("email")),
            display_name=p.text(b.get("display_name")),
            role=p.text(b.get("role"), "user"),
            disabled=p.flag(b.get("disabled")),
            created_at=p.opt_instant(b.get("created_at")),
        )


@dataclass(frozen=True)
class UserPage:
    items: tuple[AdminUser, ...]
    total: int


@dataclass(frozen=True)
class ProfileSummary:
    """What the users service knows of the person (None: no profile yet)."""

    sex: str | None
    birth_date: dt.date | None
    height_cm: float | None
    weight_kg: float | None
    goal: str | None
    activity_level: str | None
    timezone: str
    language: str
    complete: bool

    @classmethod
    def from_json(cls, data: Any) -> ProfileSummary:
        b = p.obj(data)
        return cls(
            sex=p.opt_text(b.get("sex")),
            birth_date=p.opt_day(b.get("birth_date")),
            height_cm=p.opt_num(b.get("height_cm")),
            weight_kg=p.opt_num(b.get("weight_kg")),
            goal=p.opt_text(b.get("goal")),
            activity_level=p.opt_text(b.get("activity_level")),
            timezone=p.text(b.get("timezone"), "UTC"),
            language=p.text(b.get("language"), "en"),
            complete=p.flag(b.get("complete")),
        )


@dataclass(frozen=True)
class UserDetail:
    user: AdminUser
    sessions: tuple[DeviceSession, ...]  # live ones, most recently used first


@dataclass(frozen=True)
class AuditEntry:
    occurred_at: dt.datetime | None
    actor: str  # the administrator's e-mail, or id when unknown
    action: str  # "user.disabled", "announcement.sent", ...
    target_type: str
    target: str  # a user's e-mail, or the target's id
    detail: dict[str, Any]

    @classmethod
    def from_json(cls, data: Any) -> AuditEntry:
        b = p.obj(data)
        return cls(
            occurred_at=p.opt_instant(b.get("occurred_at")),
            actor=p.opt_text(b.get("actor_email")) or p.text(b.get("actor_id")),
            action=p.text(b.get("action")),
            target_type=p.text(b.get("target_type")),
            target=p.opt_text(b.get("target_email")) or p.text(b.get("target_id")),
            detail=dict(p.obj(b.get("detail"))),
        )


@dataclass(frozen=True)
class AuditPage:
    items: tuple[AuditEntry, ...]
    total: int


@dataclass(frozen=True)
class Announcement:
    id: str
    title: str
    body: str
    status: str  # pending (batches going out) | done
    channels: tuple[str, ...]
    audience: int
    recipients: int
    processed: int
    created_at: dt.datetime | None
    finished_at: dt.datetime | None
    outcomes: dict[str, dict[str, int]]  # {channel: {status: count}}

    @classmethod
    def from_json(cls, data: Any) -> Announcement:
        b = p.obj(data)
        outcomes = {
            str(channel): {str(k): p.whole(v) for k, v in p.obj(counts).items()}
            for channel, counts in p.obj(b.get("outcomes")).items()
        }
        return cls(
            id=p.text(b.get("id")),
            title=p.text(b.get("title")),
            body=p.text(b.get("body")),
            status=p.text(b.get("status")),
            channels=p.texts(b.get("channels")),
            audience=p.whole(b.get("audience")),
            recipients=p.whole(b.get("recipients")),
            processed=p.whole(b.get("processed")),
            created_at=p.opt_instant(b.get("created_at")),
            finished_at=p.opt_instant(b.get("finished_at")),
            outcomes=outcomes,
        )


def _session(data: Any) -> DeviceSession:
    b = p.obj(data)
    return DeviceSession(
        id=p.text(b.get("id")),
        created_at=p.opt_instant(b.get("created_at")) or dt.datetime.min.replace(tzinfo=dt.UTC),
        last_used_at=p.opt_instant(b.get("last_used_at")) or dt.datetime.min.replace(tzinfo=dt.UTC),
        user_agent=p.text(b.get("user_agent")),
        ip=p.text(b.get("ip")),
        current=False,
    )


class AdminApi:
    """Every call is refused (403) by the services unless the caller is an administrator."""

    def __init__(self, api: Authorized):
        self.api = api

    async def users(self, query: str = "", limit: int = 20, offset: int = 0) -> UserPage:
        body = p.obj(
            await self.api.get(
                f"{AUTH}/users", params={"q": query, "limit": limit, "offset": offset}
            )
        )
        return UserPage(
            tuple(AdminUser.from_json(x) for x in p.items(body.get("items"))),
            p.whole(body.get("total")),
        )

    async def user(self, user_id: str) -> UserDetail:
        body = p.obj(await self.api.get(f"{AUTH}/users/{user_id}"))
        return UserDetail(
            AdminUser.from_json(body.get("user")),
            tuple(_session(x) for x in p.items(body.get("sessions"))),
        )

    async def profile(self, user_id: str) -> ProfileSummary:
        return ProfileSummary.from_json(await self.api.get(f"/api/users/admin/profiles/{user_id}"))

    async def set_disabled(self, user_id: str, disabled: bool) -> AdminUser:
        body = await self.api.patch(f"{AUTH}/users/{user_id}/status", json={"disabled": disabled})
        return AdminUser.from_json(body)

    async def set_role(self, user_id: str, role: str) -> AdminUser:
        body = await self.api.patch(f"{AUTH}/users/{user_id}/role", json={"role": role})
        return AdminUser.from_json(body)

    async def end_session(self, user_id: str, session_id: str) -> None:
        await self.api.delete(f"{AUTH}/users/{user_id}/sessions/{session_id}")

    async def end_all_sessions(self, user_id: str) -> int:
        return p.whole(
            p.obj(await self.api.delete(f"{AUTH}/users/{user_id}/sessions")).get("ended")
        )

    async def audit(self, limit: int = 25, offset: int = 0) -> AuditPage:
        body = p.obj(
            await self.api.get(f"{NOTIFICATIONS}/audit", params={"limit": limit, "offset": offset})
        )
        return AuditPage(
            tuple(AuditEntry.from_json(x) for x in p.items(body.get("items"))),
            p.whole(body.get("total")),
        )

    async def audience(self, channels: list[str]) -> int:
        body = await self.api.get(
            f"{NOTIFICATIONS}/announcements/audience", params={"channels": channels}
        )
        return p.whole(p.obj(body).get("audience"))

    async def announce(self, title: str, body: str, channels: list[str]) -> Announcement:
        answer = await self.api.post(
            f"{NOTIFICATIONS}/announcements",
            json={"title": title, "body": body, "channels": channels},
        )
        return Announcement.from_json(answer)

    async def announcements(self, limit: int = 10) -> tuple[Announcement, ...]:
        body = p.obj(await self.api.get(f"{NOTIFICATIONS}/announcements", params={"limit": limit}))
        return tuple(Announcement.from_json(x) for x in p.items(body.get("items")))
