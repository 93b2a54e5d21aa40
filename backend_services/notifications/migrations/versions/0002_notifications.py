"""Recipients projection, feed, delivery queue and attempts, push subscriptions, daily-norm
state, reminder ledger, announcements.

Revision ID: notifications_0002
Revises: notifications_0001
"""

from __future__ import annotations

from alembic import op

revision = "notifications_0002"
down_revision = "notifications_0001"
branch_labels = None
depends_on = None

# Frozen DDL of this revision (generated once from models.py); later model changes come with
# their own revisions, so a fresh upgrade always builds exactly these tables first.
UPGRADE = """
CREATE TABLE notifications.recipients (
    user_id TEXT NOT NULL,
    email TEXT,
    display_name TEXT,
    timezone TEXT DEFAULT 'UTC' NOT NULL,
    language TEXT DEFAULT 'en' NOT NULL,
    calorie_target_kcal NUMERIC(7, 1),
    preferences JSONB DEFAULT '{}'::jsonb NOT NULL,
    quiet_start TIME WITHOUT TIME ZONE,
    quiet_end TIME WITHOUT TIME ZONE,
    last_weight_kg NUMERIC(5, 2),
    goal_weight_kg NUMERIC(5, 2),
    goal_reached_kg NUMERIC(5, 2),
    meal_reminder_times JSONB DEFAULT '[]'::jsonb NOT NULL,
    workout_reminder_days JSONB DEFAULT '[]'::jsonb NOT NULL,
    workout_reminder_time TIME WITHOUT TIME ZONE,
    unsubscribe_token TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (user_id),
    UNIQUE (unsubscribe_token)
);

CREATE TABLE notifications.email_opt_outs (
    user_id TEXT NOT NULL,
    type TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (user_id, type)
);

CREATE TABLE notifications.deleted_users (
    user_id TEXT NOT NULL,
    deleted_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (user_id)
);

CREATE TABLE notifications.notifications (
    id UUID NOT NULL,
    user_id TEXT NOT NULL,
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    data JSONB DEFAULT '{}'::jsonb NOT NULL,
    dedupe_key TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    read_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (id),
    CONSTRAINT notifications_dedupe UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_feed ON notifications.notifications (user_id, created_at, id);
CREATE INDEX notifications_unread ON notifications.notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE notifications.deliveries (
    id BIGSERIAL NOT NULL,
    notification_id UUID,
    user_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload JSONB DEFAULT '{}'::jsonb NOT NULL,
    status TEXT DEFAULT 'pending' NOT NULL,
    attempts INTEGER DEFAULT '0' NOT NULL,
    not_before TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (id),
    FOREIGN KEY(notification_id) REFERENCES notifications.notifications (id) ON DELETE CASCADE
);
CREATE INDEX deliveries_pending ON notifications.deliveries (channel, not_before)
    WHERE status = 'pending';
CREATE INDEX deliveries_user ON notifications.deliveries (user_id);

CREATE TABLE notifications.delivery_attempts (
    id BIGSERIAL NOT NULL,
    delivery_id BIGINT,
    notification_id UUID,
    user_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    target TEXT,
    outcome TEXT NOT NULL,
    error TEXT,
    at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY(delivery_id) REFERENCES notifications.deliveries (id) ON DELETE CASCADE
);
CREATE INDEX delivery_attempts_user_at ON notifications.delivery_attempts (user_id, at);

CREATE TABLE notifications.push_subscriptions (
    id UUID NOT NULL,
    user_id TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    user_agent TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    last_success_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (id),
    UNIQUE (endpoint)
);
CREATE INDEX ix_notifications_push_subscriptions_user_id
    ON notifications.push_subscriptions (user_id);

CREATE TABLE notifications.daily_norm_state (
    user_id TEXT NOT NULL,
    local_date DATE NOT NULL,
    total_kcal NUMERIC(8, 1) NOT NULL,
    target_kcal NUMERIC(7, 1),
    "over" BOOLEAN NOT NULL,
    armed BOOLEAN NOT NULL,
    warnings INTEGER DEFAULT '0' NOT NULL,
    last_event_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, local_date)
);

CREATE TABLE notifications.reminder_sends (
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    local_date DATE NOT NULL,
    slot TEXT NOT NULL,
    sent_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (user_id, kind, local_date, slot)
);

CREATE TABLE notifications.announcements (
    id UUID NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    url TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    status TEXT DEFAULT 'pending' NOT NULL,
    cursor TEXT,
    recipients INTEGER DEFAULT '0' NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (id)
);
"""

TABLES = (
    "announcements",
    "reminder_sends",
    "daily_norm_state",
    "push_subscriptions",
    "delivery_attempts",
    "deliveries",
    "notifications",
    "deleted_users",
    "email_opt_outs",
    "recipients",
)


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TABLE IF EXISTS notifications.{table} CASCADE")
