"""The admin routes of auth, users, notifications and nutrition as the admin pages use them
(typed)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.auth import DeviceSession
from app.api.gateway import Authorized

AUTH = "/api/auth/admin"
NOTIFICATIONS = "/api/notifications/admin"
NUTRITION = "/api/nutrition/admin"
DASHBOARD = "/api/dashboard/admin"
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


@dataclass(frozen=True)
class ImportRun:
    source: str
    licences: tuple[str, ...]
    file_name: str
    status: str  # succeeded | failed
    finished_at: dt.datetime | None
    imported: int
    updated: int
    rejected: int
    report: dict[str, Any]  # rejected/flagged counts by reason, kept_corrected
    error: str | None

    @classmethod
    def from_json(cls, data: Any) -> ImportRun:
        b = p.obj(data)
        return cls(
            source=p.text(b.get("source")),
            licences=p.texts(b.get("licences")),
            file_name=p.text(b.get("file_name")),
            status=p.text(b.get("status")),
            finished_at=p.opt_instant(b.get("finished_at")),
            imported=p.whole(b.get("imported")),
            updated=p.whole(b.get("updated")),
            rejected=p.whole(b.get("rejected")),
            report=dict(p.obj(b.get("report"))),
            error=p.opt_text(b.get("error")),
        )


@dataclass(frozen=True)
class ImportedSource:
    source: str
    licences: tuple[str, ...]
    foods: int
    hidden: int
    flagged: int
    last_import: ImportRun | None  # None for foods users created

    @classmethod
    def from_json(cls, data: Any) -> ImportedSource:
        b = p.obj(data)
        last = b.get("last_import")
        return cls(
            source=p.text(b.get("source")),
            licences=p.texts(b.get("licences")),
            foods=p.whole(b.get("foods")),
            hidden=p.whole(b.get("hidden")),
            flagged=p.whole(b.get("flagged")),
            last_import=ImportRun.from_json(last) if last else None,
        )


@dataclass(frozen=True)
class FoodReportAgainst:
    reason: str
    created_at: dt.datetime | None


@dataclass(frozen=True)
class AdminFood:
    id: int
    name: str
    brand: str | None
    source: str
    licence: str
    hidden: bool
    hidden_reason: str | None
    flags: tuple[tuple[str, str], ...]  # (flag, reason with the food's numbers)
    energy_kcal: float | None
    open_reports: int
    reports: tuple[FoodReportAgainst, ...]
    # per 100 g, None when not known (what the admin corrects besides the energy)
    protein_g: float | None = None
    fat_g: float | None = None
    carbohydrate_g: float | None = None

    @classmethod
    def from_json(cls, data: Any) -> AdminFood:
        b = p.obj(data)
        per_100g = p.obj(b.get("nutrients_per_100g"))
        return cls(
            id=p.whole(b.get("id")),
            name=p.text(b.get("name")),
            brand=p.opt_text(b.get("brand")),
            source=p.text(b.get("source")),
            licence=p.text(b.get("licence")),
            hidden=p.flag(b.get("hidden")),
            hidden_reason=p.opt_text(b.get("hidden_reason")),
            flags=tuple(
                (p.text(p.obj(f).get("flag")), p.text(p.obj(f).get("reason")))
                for f in p.items(b.get("quality_flags"))
            ),
            energy_kcal=p.opt_num(per_100g.get("energy_kcal")),
            protein_g=p.opt_num(per_100g.get("protein_g")),
            fat_g=p.opt_num(per_100g.get("fat_g")),
            carbohydrate_g=p.opt_num(per_100g.get("carbohydrate_g")),
            open_reports=p.whole(b.get("open_reports")),
            reports=tuple(
                FoodReportAgainst(
                    p.text(p.obj(r).get("reason")), p.opt_instant(p.obj(r).get("created_at"))
                )
                for r in p.items(b.get("reports"))
            ),
        )


@dataclass(frozen=True)
class FoodPage:
    items: tuple[AdminFood, ...]
    total: int


def _food_page(data: Any) -> FoodPage:
    body = p.obj(data)
    return FoodPage(
        tuple(AdminFood.from_json(x) for x in p.items(body.get("items"))),
        p.whole(body.get("total")),
    )


@dataclass(frozen=True)
class InstanceHealth:
    url: str
    ready: bool
    instance: str
    problem: str  # "" when ready: the failing checks or the error

    @classmethod
    def from_json(cls, data: Any) -> InstanceHealth:
        b = p.obj(data)
        failing = [
            f"{name}: {state}" for name, state in p.obj(b.get("checks")).items() if state != "ok"
        ]
        error = p.opt_text(b.get("error"))
        return cls(
            url=p.text(b.get("url")),
            ready=p.flag(b.get("ready")),
            instance=p.text(b.get("instance")),
            problem="; ".join([*failing, *([error] if error else [])]),
        )


@dataclass(frozen=True)
class ServiceHealth:
    service: str
    ready: bool
    instances: tuple[InstanceHealth, ...]


@dataclass(frozen=True)
class GraphSeries:
    label: str  # the series' labels, "service=auth"
    points: tuple[tuple[float, float], ...]  # (unix seconds, value)


@dataclass(frozen=True)
class SystemGraph:
    name: str
    title: str
    unit: str
    series: tuple[GraphSeries, ...]


@dataclass(frozen=True)
class SystemHealth:
    status: str  # ok | degraded
    services: tuple[ServiceHealth, ...]
    graphs: tuple[SystemGraph, ...]
    graphs_error: str  # "" unless Prometheus could not be asked

    @classmethod
    def from_json(cls, data: Any) -> SystemHealth:
        b = p.obj(data)
        services = tuple(
            ServiceHealth(
                p.text(p.obj(s).get("service")),
                p.flag(p.obj(s).get("ready")),
                tuple(InstanceHealth.from_json(i) for i in p.items(p.obj(s).get("instances"))),
            )
            for s in p.items(b.get("services"))
        )
        graphs = tuple(
            SystemGraph(
                p.text(p.obj(g).get("name")),
                p.text(p.obj(g).get("title")),
                p.text(p.obj(g).get("unit")),
                tuple(
                    GraphSeries(
                        ", ".join(f"{v}" for _, v in sorted(p.obj(x.get("labels")).items()))
                        or "all",
                        tuple(
                            (p.num(pt[0]), p.num(pt[1]))
                            for pt in p.items(x.get("points"))
                            if isinstance(pt, list | tuple) and len(pt) == 2
                        ),
                    )
                    for x in map(p.obj, p.items(p.obj(g).get("series")))
                ),
            )
            for g in p.items(b.get("graphs"))
        )
        error = b.get("graphs_error")
        return cls(
            status=p.text(b.get("status")),
            services=services,
            graphs=graphs,
            graphs_error=p.text(p.obj(error).get("message")) if error else "",
        )


@dataclass(frozen=True)
class DeadLetterQueue:
    queue: str
    consumer_queue: str
    service: str
    declared: bool
    depth: int

    @classmethod
    def from_json(cls, data: Any) -> DeadLetterQueue:
        b = p.obj(data)
        return cls(
            queue=p.text(b.get("queue")),
            consumer_queue=p.text(b.get("consumer_queue")),
            service=p.text(b.get("service")),
            declared=p.flag(b.get("declared")),
            depth=p.whole(b.get("depth")),
        )


@dataclass(frozen=True)
class DeadLetter:
    queue: str
    message_id: str
    type: str
    producer: str
    user_id: str
    occurred_at: str
    error: str  # the last failure
    first_error: str
    attempts: int
    replayed: bool
    payload: str  # as JSON text when it is JSON

    @classmethod
    def from_json(cls, data: Any) -> DeadLetter:
        b = p.obj(data)
        payload = b.get("payload")
        return cls(
            queue=p.text(b.get("queue")),
            message_id=p.text(b.get("message_id")),
            type=p.text(b.get("type")),
            producer=p.text(b.get("producer")),
            user_id=p.text(b.get("user_id")),
            occurred_at=p.text(b.get("occurred_at")),
            error=p.text(b.get("error")),
            first_error=p.text(b.get("first_error")),
            attempts=p.whole(b.get("attempts")),
            replayed=p.flag(b.get("replayed")),
            payload=payload
            if isinstance(payload, str)
            else json.dumps(payload, indent=2, sort_keys=True, default=str),
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

    async def imports(self) -> tuple[ImportedSource, ...]:
        body = p.obj(await self.api.get(f"{NUTRITION}/imports"))
        return tuple(ImportedSource.from_json(x) for x in p.items(body.get("sources")))

    async def flagged_foods(self, limit: int = 20, offset: int = 0) -> FoodPage:
        return _food_page(
            await self.api.get(
                f"{NUTRITION}/foods/flagged", params={"limit": limit, "offset": offset}
            )
        )

    async def reported_foods(self, limit: int = 20, offset: int = 0) -> FoodPage:
        return _food_page(
            await self.api.get(
                f"{NUTRITION}/foods/reported", params={"limit": limit, "offset": offset}
            )
        )

    async def hide_food(self, food_id: int, reason: str) -> AdminFood:
        body = await self.api.post(f"{NUTRITION}/foods/{food_id}/hide", json={"reason": reason})
        return AdminFood.from_json(body)

    async def show_food(self, food_id: int) -> AdminFood:
        return AdminFood.from_json(await self.api.post(f"{NUTRITION}/foods/{food_id}/show"))

    async def fix_food(self, food_id: int, values: dict[str, Any]) -> AdminFood:
        """New per-100 g values (and name) for a food; the fields left out keep theirs."""
        return AdminFood.from_json(
            await self.api.patch(f"{NUTRITION}/foods/{food_id}", json=values)
        )

    async def resolve_reports(self, food_id: int, resolution: str) -> int:
        body = await self.api.post(
            f"{NUTRITION}/foods/{food_id}/reports/resolve", json={"resolution": resolution}
        )
        return p.whole(p.obj(body).get("resolved"))

    async def system_health(self, minutes: int = 60) -> SystemHealth:
        return SystemHealth.from_json(
            await self.api.get(f"{DASHBOARD}/system", params={"minutes": minutes})
        )

    async def dead_letter_queues(self) -> tuple[DeadLetterQueue, ...]:
        body = p.obj(await self.api.get(f"{NOTIFICATIONS}/dead-letter-queues"))
        return tuple(DeadLetterQueue.from_json(x) for x in p.items(body.get("items")))

    async def dead_letters(self, queue: str, limit: int = 100) -> tuple[DeadLetter, ...]:
        body = p.obj(
            await self.api.get(
                f"{NOTIFICATIONS}/dead-letters", params={"queue": queue, "limit": limit}
            )
        )
        return tuple(DeadLetter.from_json(x) for x in p.items(body.get("items")))

    async def replay_dead_letter(self, queue: str, message_id: str) -> None:
        await self.api.post(
            f"{NOTIFICATIONS}/dead-letters/{queue}/replay", json={"message_id": message_id}
        )

    async def replay_all_dead_letters(self, queue: str) -> int:
        body = await self.api.post(f"{NOTIFICATIONS}/dead-letters/{queue}/replay-all")
        return p.whole(p.obj(body).get("count"))

    async def discard_dead_letter(self, queue: str, message_id: str) -> None:
        await self.api.delete(f"{NOTIFICATIONS}/dead-letters/{queue}/messages/{message_id}")

    async def discard_all_dead_letters(self, queue: str) -> int:
        body = await self.api.delete(f"{NOTIFICATIONS}/dead-letters/{queue}/messages")
        return p.whole(p.obj(body).get("count"))
