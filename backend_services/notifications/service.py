"""Notifications use cases behind the HTTP API. Every query is scoped to the caller's user id,
so one user can never read or change another's notifications or devices."""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from backend_services.kernel.contracts import EmailUnsubscribed, NotificationsAdminActionRecorded
from backend_services.kernel.db import unit_of_work
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound
from backend_services.kernel.messaging import add_to_outbox

from . import domain
from . import repository as repo
from .audit import audit_page
from .models import (
    MESSAGING,
    announcements,
    deliveries,
    notifications,
    push_subscriptions,
    recipients,
)
from .push_endpoints import EndpointRefused, check_push_endpoint, normalized_origins
from .schemas import AnnouncementIn, PushSubscriptionIn, ReminderSettings
from .settings import NotificationsSettings
from .wording import Reader, reader_of


class Unsubscribed(NamedTuple):
    """What an unsubscribe link stopped (a type or "*"), and whom the answer is for."""

    kind: str
    reader: Reader


FEED_FIELDS = (
    notifications.c.id,
    notifications.c.type,
    notifications.c.title,
    notifications.c.body,
    notifications.c.data,
    notifications.c.created_at,
    notifications.c.read_at,
)


def encode_cursor(created_at: datetime, notification_id: uuid.UUID) -> str:
    raw = f"{created_at.isoformat()}|{notification_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, _, ident = raw.partition("|")
        return datetime.fromisoformat(moment), uuid.UUID(ident)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput("Invalid cursor.", fields={"cursor": "not a cursor we gave"}) from exc


class NotificationsService:
    def __init__(self, engine: Engine, settings: NotificationsSettings, vapid_public_key: str):
        self.engine, self.settings = engine, settings
        self.vapid_public_key = vapid_public_key

    # --- feed ---

    def feed(
        self, user_id: str, cursor: str | None, limit: int, unread_only: bool
    ) -> dict[str, Any]:
        query = select(*FEED_FIELDS).where(notifications.c.user_id == user_id)
        if unread_only:
            query = query.where(notifications.c.read_at.is_(None))
        if cursor:
            at, ident = decode_cursor(cursor)
            query = query.where(
                or_(
                    notifications.c.created_at < at,
                    and_(notifications.c.created_at == at, notifications.c.id < ident),
                )
            )
        query = query.order_by(notifications.c.created_at.desc(), notifications.c.id.desc())
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit + 1)).mappings().all()
            unread = self._unread(conn, user_id)
        items = [dict(r) for r in rows[:limit]]
        more = len(rows) > limit
        next_cursor = encode_cursor(items[-1]["created_at"], items[-1]["id"]) if more else None
        return {"items": items, "next_cursor": next_cursor, "unread_count": unread}

    @staticmethod
    def _unread(conn: Any, user_id: str) -> int:
        return int(
            conn.execute(
                select(func.count()).where(
                    notifications.c.user_id == user_id, notifications.c.read_at.is_(None)
                )
            ).scalar_one()
        )

    def mark_read(self, user_id: str, notification_id: uuid.UUID) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            session.execute(
                update(notifications)
                .where(
                    notifications.c.id == notification_id,
                    notifications.c.user_id == user_id,
                    notifications.c.read_at.is_(None),
                )
                .values(read_at=func.now())
            )
            row = (
                session.execute(
                    select(*FEED_FIELDS).where(
                        notifications.c.id == notification_id, notifications.c.user_id == user_id
                    )
                )
                .mappings()
                .first()
            )
        if row is None:
            raise NotFound("No such notification.")
        return dict(row)

    def mark_all_read(self, user_id: str) -> dict[str, int]:
        with unit_of_work(self.engine) as session:
            marked = session.execute(
                update(notifications)
                .where(notifications.c.user_id == user_id, notifications.c.read_at.is_(None))
                .values(read_at=func.now())
                .returning(notifications.c.id)
            ).all()
        return {"marked_read": len(marked), "unread_count": 0}

    # --- push subscriptions ---

    def _check_endpoint(self, endpoint: str) -> None:
        allowed = normalized_origins(self.settings.push_allowed_test_origins)
        try:
            check_push_endpoint(endpoint, allowed)
        except EndpointRefused as exc:
            raise InvalidInput(
                f"Not a push service endpoint: {exc}.", fields={"endpoint": str(exc)}
            ) from exc

    def subscribe_push(self, user_id: str, body: PushSubscriptionIn) -> dict[str, Any]:
        endpoint = str(body.endpoint)
        self._check_endpoint(endpoint)
        values = {
            "user_id": user_id,
            "p256dh": body.keys.p256dh,
            "auth": body.keys.auth,
            "user_agent": body.user_agent,
        }
        with unit_of_work(self.engine) as session:
            # One row per endpoint (a browser profile). It stays with the account that
            # subscribed it: knowing an endpoint must not let anyone take its notifications
            # (the owner removes it, e.g. on sign-out, before another account subscribes).
            row = (
                session.execute(
                    pg_insert(push_subscriptions)
                    .values(id=uuid.uuid4(), endpoint=endpoint, **values)
                    .on_conflict_do_update(
                        index_elements=["endpoint"],
                        set_=values,
                        where=push_subscriptions.c.user_id == user_id,
                    )
                    .returning(*push_subscriptions.c)
                )
                .mappings()
                .one_or_none()
            )
        if row is None:
            raise Conflict("This push endpoint belongs to another account.", code="endpoint_taken")
        return dict(row)

    def list_push(self, user_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    select(push_subscriptions)
                    .where(push_subscriptions.c.user_id == user_id)
                    .order_by(push_subscriptions.c.created_at)
                )
                .mappings()
                .all()
            )
        return [dict(r) for r in rows]

    def unsubscribe_push(
        self, user_id: str, subscription_id: uuid.UUID | None = None, endpoint: str | None = None
    ) -> None:
        condition = (
            push_subscriptions.c.id == subscription_id
            if subscription_id is not None
            else push_subscriptions.c.endpoint == endpoint
        )
        with unit_of_work(self.engine) as session:
            gone = session.execute(
                push_subscriptions.delete()
                .where(condition, push_subscriptions.c.user_id == user_id)
                .returning(push_subscriptions.c.id)
            ).first()
        if gone is None:
            raise NotFound("No such push subscription.")

    def test_push(self, user_id: str, subscription_id: uuid.UUID) -> dict[str, Any]:
        """Queue a test notification to one of the caller's devices (the push worker sends
        it, as any push; preferences and quiet hours do not hold back a test asked for)."""
        with unit_of_work(self.engine) as session:
            owned = session.execute(
                select(push_subscriptions.c.id)
                .where(
                    push_subscriptions.c.id == subscription_id,
                    push_subscriptions.c.user_id == user_id,
                )
                .with_for_update()
            ).first()
            if owned is None:
                raise NotFound("No such push subscription.")
            waiting = session.execute(
                select(deliveries.c.id).where(
                    deliveries.c.user_id == user_id,
                    deliveries.c.kind == domain.PUSH_TEST,
                    deliveries.c.status == "pending",
                    deliveries.c.payload["subscription_id"].astext == str(subscription_id),
                )
            ).first()
            if waiting is not None:
                raise Conflict(
                    "A test notification to this device is already on its way.",
                    code="test_push_pending",
                )
            session.execute(
                deliveries.insert().values(
                    user_id=user_id,
                    channel="push",
                    kind=domain.PUSH_TEST,
                    payload={"subscription_id": str(subscription_id)},
                )
            )
        return {"subscription_id": subscription_id, "queued": True}

    # --- settings and unsubscribe ---

    def get_settings(self, user_id: str) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            row = repo.ensured_recipient(session, user_id)
            opted_out = repo.opted_out_types(session, user_id)
        return {
            "meal_reminder_times": row.meal_reminder_times,
            "workout_reminder_days": row.workout_reminder_days,
            "workout_reminder_time": row.workout_reminder_time.strftime("%H:%M")
            if row.workout_reminder_time
            else None,
            "goal_weight_kg": None if row.goal_weight_kg is None else float(row.goal_weight_kg),
            "email_opted_out": sorted(opted_out),
            # What this service last heard from the users service (eventually consistent).
            "timezone": row.timezone,
            "language": row.language,
            "units": row.units,
            "calorie_target_kcal": None
            if row.calorie_target_kcal is None
            else float(row.calorie_target_kcal),
            # the channels as they are used: e-mail off where an unsubscribe link stopped it
            "preferences": domain.effective_preferences(row.preferences or {}, opted_out),
            "quiet_hours": None
            if row.quiet_start is None or row.quiet_end is None
            else {
                "start": row.quiet_start.strftime("%H:%M"),
                "end": row.quiet_end.strftime("%H:%M"),
            },
        }

    def put_settings(self, user_id: str, body: ReminderSettings) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            repo.update_recipient(
                session,
                user_id,
                meal_reminder_times=sorted({t.strftime("%H:%M") for t in body.meal_reminder_times}),
                workout_reminder_days=body.workout_reminder_days,
                workout_reminder_time=body.workout_reminder_time,
                goal_weight_kg=body.goal_weight_kg,
            )
        return self.get_settings(user_id)

    def unsubscribe_email(self, token: str, kind: str | None) -> Unsubscribed:
        """Stop e-mails of one type (or all) for the holder of a mail's link; idempotent."""
        if kind is not None and kind not in {t.value for t in domain.NotificationType}:
            raise InvalidInput("Unknown notification type.", fields={"type": "unknown"})
        with unit_of_work(self.engine) as session:
            holder = session.execute(
                select(recipients.c.user_id, recipients.c.language, recipients.c.units).where(
                    recipients.c.unsubscribe_token == token
                )
            ).first()
            if holder is None:
                raise NotFound("This unsubscribe link is not valid.")
            if repo.add_opt_out(session, holder.user_id, kind or "*"):
                # the users service keeps the choices: it turns these e-mails off there too
                stopped = EmailUnsubscribed(
                    notification_type=None if kind is None else domain.NotificationType(kind)
                )
                add_to_outbox(session, MESSAGING, stopped.event(holder.user_id))
        return Unsubscribed(kind or "*", reader_of(holder))

    # --- admin ---

    def audience(self, channels: Sequence[str]) -> int:
        with self.engine.connect() as conn:
            return _audience(conn, channels)

    def announce(self, admin_id: str, body: AnnouncementIn) -> dict[str, Any]:
        """Store it for the fan-out worker (batches of ``announcement_batch_size``) and record
        the admin action, in one transaction."""
        announcement_id = uuid.uuid4()
        with unit_of_work(self.engine) as session:
            audience = _audience(session, body.channels)
            session.execute(
                announcements.insert().values(
                    id=announcement_id,
                    title=body.title,
                    body=body.body,
                    url=str(body.url) if body.url else None,
                    created_by=admin_id,
                    channels=body.channels,
                    audience=audience,
                )
            )
            recorded = NotificationsAdminActionRecorded(
                actor_id=admin_id,
                action="announcement.sent",
                target_type="announcement",
                target_id=str(announcement_id),
                detail={"title": body.title[:120], "channels": ",".join(body.channels)},
            )
            add_to_outbox(session, MESSAGING, recorded.event(None))
        return self.announcement(announcement_id)

    def announcement(self, announcement_id: uuid.UUID) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(announcements).where(announcements.c.id == announcement_id))
                .mappings()
                .first()
            )
            if row is None:
                raise NotFound("No such announcement.")
            return _with_progress(conn, dict(row))

    def recent_announcements(self, limit: int) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(announcements).order_by(announcements.c.created_at.desc()).limit(limit)
            ).mappings()
            return [_with_progress(conn, dict(r)) for r in rows.all()]

    def audit_log(self, limit: int, offset: int) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            items, total = audit_page(session, limit, offset)
        return {"items": items, "total": total}


def _audience(conn: Connection | Session, channels: Sequence[str]) -> int:
    """Users an announcement on ``channels`` would reach now (the fan-out's own rule)."""
    rows = conn.execute(select(recipients.c.preferences)).scalars()
    return sum(domain.reaches_for_announcement(p, channels) for p in rows)


def _with_progress(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """Add how far the fan-out got and what became of its e-mail and push deliveries."""
    processed = 0
    if row["cursor"]:
        processed = conn.execute(
            select(func.count()).where(recipients.c.user_id <= row["cursor"])
        ).scalar_one()
    outcomes: dict[str, dict[str, int]] = {}
    counted = conn.execute(
        select(deliveries.c.channel, deliveries.c.status, func.count())
        .join(notifications, notifications.c.id == deliveries.c.notification_id)
        .where(notifications.c.dedupe_key == f"announcement:{row['id']}")
        .group_by(deliveries.c.channel, deliveries.c.status)
    ).all()
    for channel, status, count in counted:
        outcomes.setdefault(channel, {})[status] = count
    return {**row, "processed": processed, "outcomes": outcomes}
