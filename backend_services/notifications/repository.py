"""Reads and writes of the notifications tables. Functions take the caller's session and
never commit: the consumer or use case owns the transaction."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Collection, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from backend_services.kernel.business_metrics import NOTIFICATIONS_SENT, on_commit
from backend_services.kernel.db import lock_account

from . import domain
from .models import (
    USER_TABLES,
    daily_norm_state,
    deleted_users,
    deliveries,
    email_opt_outs,
    notifications,
    push_subscriptions,
    recipients,
)


def is_deleted(session: Session, user_id: str) -> bool:
    found = session.execute(
        select(deleted_users.c.user_id).where(deleted_users.c.user_id == user_id)
    ).first()
    return found is not None


def ensure_recipient(session: Session, user_id: str) -> None:
    session.execute(
        pg_insert(recipients)
        .values(user_id=user_id, unsubscribe_token=secrets.token_urlsafe(24))
        .on_conflict_do_nothing(index_elements=[recipients.c.user_id])
    )


def ensured_recipient(session: Session, user_id: str, *, lock: bool = False) -> Row[Any]:
    """The user's recipient row, created (with its unsubscribe token) when missing."""
    ensure_recipient(session, user_id)
    row = recipient(session, user_id, lock=lock)
    if row is None:
        raise RuntimeError(f"the recipient {user_id} was created but cannot be read")
    return row


def update_recipient(session: Session, user_id: str, **values: Any) -> None:
    ensure_recipient(session, user_id)
    session.execute(
        update(recipients)
        .where(recipients.c.user_id == user_id)
        .values(**values, updated_at=func.now())
    )


def recipient(session: Session, user_id: str, *, lock: bool = False) -> Row[Any] | None:
    query = select(recipients).where(recipients.c.user_id == user_id)
    if lock:
        query = query.with_for_update()
    return session.execute(query).first()


def opted_out_types(session: Session, user_id: str) -> list[str]:
    return list(
        session.execute(
            select(email_opt_outs.c.type).where(email_opt_outs.c.user_id == user_id)
        ).scalars()
    )


def opted_out_before(session: Session, user_id: str, moment: datetime) -> list[str]:
    """The opt-outs recorded before ``moment`` (a later profile change may lift only those)."""
    return list(
        session.execute(
            select(email_opt_outs.c.type).where(
                email_opt_outs.c.user_id == user_id, email_opt_outs.c.created_at < moment
            )
        ).scalars()
    )


def add_opt_out(session: Session, user_id: str, kind: str) -> bool:
    """True when this opt-out is new."""
    added = session.execute(
        pg_insert(email_opt_outs)
        .values(user_id=user_id, type=kind)
        .on_conflict_do_nothing()
        .returning(email_opt_outs.c.type)
    ).first()
    return added is not None


def lift_opt_outs(session: Session, user_id: str, lifted: set[str], instead: set[str]) -> None:
    if lifted:
        session.execute(
            delete(email_opt_outs).where(
                email_opt_outs.c.user_id == user_id, email_opt_outs.c.type.in_(sorted(lifted))
            )
        )
    for kind in sorted(instead):
        add_opt_out(session, user_id, kind)


def delete_user(session: Session, user_id: str) -> None:
    lock_account(session, user_id)  # as is_deleted: no write for the user slips past this
    for table in USER_TABLES:
        session.execute(delete(table).where(table.c.user_id == user_id))
    session.execute(pg_insert(deleted_users).values(user_id=user_id).on_conflict_do_nothing())


def notify(
    session: Session,
    user_id: str,
    message: domain.Message,
    data: dict[str, Any] | None = None,
    *,
    dedupe_key: str | None = None,
    only_channels: Collection[str] | None = None,
) -> uuid.UUID | None:
    """Store the in-app notification and one delivery task per enabled e-mail/push channel
    (of ``only_channels`` when given: an announcement's), in the caller's transaction.
    Returns None when ``dedupe_key`` was already used."""
    row = ensured_recipient(session, user_id)
    notification_id = uuid.uuid4()
    created = session.execute(
        pg_insert(notifications)
        .values(
            id=notification_id,
            user_id=user_id,
            type=message.type,
            title=message.title,
            body=message.body,
            data=data or {},
            dedupe_key=dedupe_key,
        )
        .on_conflict_do_nothing(constraint="notifications_dedupe")
        .returning(notifications.c.id)
    ).first()
    if created is None:
        return None
    on_commit(session, NOTIFICATIONS_SENT.labels(message.type, "in_app", "stored").inc)
    channels = domain.enabled_channels(
        row.preferences, message.type, opted_out_types(session, user_id)
    )
    if only_channels is not None:
        channels = [c for c in channels if c in only_channels]
    for channel in channels:
        session.execute(
            insert(deliveries).values(
                notification_id=notification_id,
                user_id=user_id,
                channel=channel,
                kind="notification",
            )
        )
    return notification_id


def enqueue_mail(session: Session, user_id: str, kind: str, payload: dict[str, Any]) -> None:
    """A transactional e-mail (welcome, password reset): no feed row, no preferences."""
    session.execute(
        insert(deliveries).values(
            user_id=user_id, channel=domain.Channel.EMAIL, kind=kind, payload=payload
        )
    )


def norm_state(session: Session, user_id: str, day: date) -> domain.NormState | None:
    row = session.execute(
        select(daily_norm_state)
        .where(daily_norm_state.c.user_id == user_id, daily_norm_state.c.local_date == day)
        .with_for_update()
    ).first()
    if row is None:
        return None
    return domain.NormState(
        Decimal(row.total_kcal),
        None if row.target_kcal is None else Decimal(row.target_kcal),
        row.over,
        row.armed,
        row.warnings,
        row.last_event_at,
    )


def save_norm_state(session: Session, user_id: str, day: date, state: domain.NormState) -> None:
    values = {
        "total_kcal": state.total_kcal,
        "target_kcal": state.target_kcal,
        "over": state.over,
        "armed": state.armed,
        "warnings": state.warnings,
        "last_event_at": state.last_event_at,
    }
    session.execute(
        pg_insert(daily_norm_state)
        .values(user_id=user_id, local_date=day, **values)
        .on_conflict_do_update(index_elements=["user_id", "local_date"], set_=values)
    )


def over_days(session: Session, user_id: str, since: date, until: date) -> list[date]:
    return list(
        session.execute(
            select(daily_norm_state.c.local_date).where(
                daily_norm_state.c.user_id == user_id,
                daily_norm_state.c.local_date.between(since, until),
                daily_norm_state.c.over.is_(True),
            )
        ).scalars()
    )


def lock_user(session: Session, user_id: str) -> None:
    """Serialise rule evaluation per user across consumers (transaction-scoped)."""
    session.execute(select(func.pg_advisory_xact_lock(func.hashtext("notifications:" + user_id))))


def push_subscriptions_of(session: Session, user_id: str) -> Sequence[Row[Any]]:
    return session.execute(
        select(push_subscriptions).where(push_subscriptions.c.user_id == user_id)
    ).all()


def now(session: Session) -> datetime:
    value: datetime = session.execute(select(func.now())).scalar_one()
    return value
