"""Notifications tables in the ``notifications`` schema (SQLAlchemy Core; see 0002).

- ``recipients``: the projection of what the rules need about a user, built from events
  (auth, users) plus the reminder settings this service owns.
- ``notifications``: the in-app feed; ``deliveries``: the e-mail/push task queue, written in
  the same transaction as the notification and polled by the channel workers;
  ``delivery_attempts``: every attempt with its outcome.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    Table,
    Text,
    Time,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlmodel import SQLModel

from backend_services.kernel.messaging import MessagingTables

SCHEMA = "notifications"
METADATA = SQLModel.metadata
MESSAGING = MessagingTables(SCHEMA, METADATA)


def _created() -> Column[Any]:
    return Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now())


recipients = Table(
    "recipients",
    METADATA,
    Column("user_id", Text, primary_key=True),
    Column("email", Text),
    Column("display_name", Text),
    Column("timezone", Text, nullable=False, server_default="UTC"),
    Column("language", Text, nullable=False, server_default="en"),
    Column("units", Text, nullable=False, server_default="metric"),  # 0004: metric | imperial
    Column("calorie_target_kcal", Numeric(7, 1)),
    # {type: {channel: bool}} as users publishes it; empty means the defaults.
    Column("preferences", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("quiet_start", Time),
    Column("quiet_end", Time),
    Column("last_weight_kg", Numeric(5, 2)),
    Column("goal_weight_kg", Numeric(5, 2)),
    Column("goal_reached_kg", Numeric(5, 2)),  # the goal value already celebrated
    Column("meal_reminder_times", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("workout_reminder_days", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("workout_reminder_time", Time),
    Column("unsubscribe_token", Text, nullable=False, unique=True),
    _created(),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    schema=SCHEMA,
)

email_opt_outs = Table(
    "email_opt_outs",
    METADATA,
    Column("user_id", Text, primary_key=True),
    Column("type", Text, primary_key=True),  # a notification type, or "*" for every type
    _created(),
    schema=SCHEMA,
)

deleted_users = Table(
    "deleted_users",
    METADATA,
    Column("user_id", Text, primary_key=True),
    Column("deleted_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    schema=SCHEMA,
)

notifications = Table(
    "notifications",
    METADATA,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("user_id", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("data", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    # One notification per (user, key): reminders per slot, announcements per user, etc.
    Column("dedupe_key", Text),
    _created(),
    Column("read_at", DateTime(timezone=True)),
    UniqueConstraint("user_id", "dedupe_key", name="notifications_dedupe"),
    schema=SCHEMA,
)
Index("notifications_feed", notifications.c.user_id, notifications.c.created_at, notifications.c.id)
Index(
    "notifications_unread",
    notifications.c.user_id,
    postgresql_where=notifications.c.read_at.is_(None),
)

deliveries = Table(
    "deliveries",
    METADATA,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column(
        "notification_id",
        UUID(as_uuid=True),
        ForeignKey(f"{SCHEMA}.notifications.id", ondelete="CASCADE"),
    ),
    Column("user_id", Text, nullable=False),
    Column("channel", Text, nullable=False),  # email | push
    Column("kind", Text, nullable=False),  # notification | welcome | password_reset
    Column("payload", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("status", Text, nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("not_before", DateTime(timezone=True), nullable=False, server_default=func.now()),
    _created(),
    Column("finished_at", DateTime(timezone=True)),
    schema=SCHEMA,
)
Index(
    "deliveries_pending",
    deliveries.c.channel,
    deliveries.c.not_before,
    postgresql_where=deliveries.c.status == "pending",
)
Index("deliveries_user", deliveries.c.user_id)

delivery_attempts = Table(
    "delivery_attempts",
    METADATA,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("delivery_id", BigInteger, ForeignKey(f"{SCHEMA}.deliveries.id", ondelete="CASCADE")),
    Column("notification_id", UUID(as_uuid=True)),
    Column("user_id", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("target", Text),  # push subscription id; never the e-mail address
    Column("outcome", Text, nullable=False),
    Column("error", Text),
    Column("at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    schema=SCHEMA,
)
Index("delivery_attempts_user_at", delivery_attempts.c.user_id, delivery_attempts.c.at)

push_subscriptions = Table(
    "push_subscriptions",
    METADATA,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("user_id", Text, nullable=False, index=True),
    Column("endpoint", Text, nullable=False, unique=True),
    Column("p256dh", Text, nullable=False),
    Column("auth", Text, nullable=False),
    Column("user_agent", Text),
    _created(),
    Column("last_success_at", DateTime(timezone=True)),
    schema=SCHEMA,
)

daily_norm_state = Table(
    "daily_norm_state",
    METADATA,
    Column("user_id", Text, primary_key=True),
    Column("local_date", Date, primary_key=True),
    Column("total_kcal", Numeric(8, 1), nullable=False),
    Column("target_kcal", Numeric(7, 1)),
    Column("over", Boolean, nullable=False),
    Column("armed", Boolean, nullable=False),
    Column("warnings", Integer, nullable=False, server_default="0"),
    Column("last_event_at", DateTime(timezone=True), nullable=False),
    schema=SCHEMA,
)

reminder_sends = Table(
    "reminder_sends",
    METADATA,
    Column("user_id", Text, primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("local_date", Date, primary_key=True),
    Column("slot", Text, primary_key=True),
    Column("sent_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    schema=SCHEMA,
)

announcements = Table(
    "announcements",
    METADATA,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("url", Text),
    Column("created_by", Text, nullable=False),
    _created(),
    Column("status", Text, nullable=False, server_default="pending"),  # pending | done
    Column("cursor", Text),  # last user_id fanned out to
    Column("recipients", Integer, nullable=False, server_default="0"),
    Column("finished_at", DateTime(timezone=True)),
    # 0003: the channels chosen (the feed always; e-mail, push) and the audience previewed
    # when it was sent (the denominator of its progress).
    Column("channels", JSONB, nullable=False, server_default=text("'[\"in_app\"]'::jsonb")),
    Column("audience", Integer, nullable=False, server_default="0"),
    schema=SCHEMA,
)

# 0003: every administrator's action, from the admin-action events of every service
# (kernel/contracts/admin.py); the event id is the key, so a redelivery stores nothing twice.
admin_audit = Table(
    "admin_audit",
    METADATA,
    Column("event_id", UUID(as_uuid=True), primary_key=True),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("producer", Text, nullable=False),
    Column("actor_id", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("target_type", Text, nullable=False),
    Column("target_id", Text, nullable=False),
    Column("detail", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    schema=SCHEMA,
)
Index("admin_audit_recent", admin_audit.c.occurred_at.desc(), admin_audit.c.event_id)

USER_TABLES = (
    delivery_attempts,
    deliveries,
    notifications,
    push_subscriptions,
    daily_norm_state,
    reminder_sends,
    email_opt_outs,
    recipients,
)
