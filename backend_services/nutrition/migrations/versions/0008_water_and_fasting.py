"""Water and fasting in the diary.

``water_logs``: one row per drink logged on a day (ml). ``water_goals``: the user's daily
goal, when they set one (otherwise the default of water_fasting_domain). ``fasts``: a fast
from its start to its end (NULL while it runs) with its protocol and target hours; at most
one running fast per user (the partial unique index), an end after the start and at most
``MAX_FAST_HOURS`` (168) after it.

Revision ID: nutrition_0008_water_fasting
Revises: nutrition_0007
"""

from __future__ import annotations

from alembic import op

revision = "nutrition_0008_water_fasting"
down_revision = "nutrition_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
CREATE TABLE nutrition.water_logs (
    id uuid PRIMARY KEY,
    user_id text NOT NULL,
    day date NOT NULL,
    amount_ml integer NOT NULL CHECK (amount_ml BETWEEN 10 AND 5000),
    logged_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX water_logs_user_day ON nutrition.water_logs (user_id, day);

CREATE TABLE nutrition.water_goals (
    user_id text PRIMARY KEY,
    goal_ml integer NOT NULL CHECK (goal_ml BETWEEN 500 AND 10000),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE nutrition.fasts (
    id uuid PRIMARY KEY,
    user_id text NOT NULL,
    protocol text NOT NULL CHECK (protocol IN ('16:8', '18:6', '20:4', 'custom')),
    target_hours integer NOT NULL CHECK (target_hours BETWEEN 1 AND 72),
    started_at timestamptz NOT NULL,
    ended_at timestamptz,
    CHECK (ended_at IS NULL OR (ended_at > started_at
                                AND ended_at <= started_at + interval '168 hours'))
);
CREATE UNIQUE INDEX fasts_one_running_per_user
    ON nutrition.fasts (user_id) WHERE ended_at IS NULL;
CREATE INDEX fasts_user_started ON nutrition.fasts (user_id, started_at DESC);
"""
    )


def downgrade() -> None:
    op.execute(
        """
DROP TABLE IF EXISTS nutrition.fasts;
DROP TABLE IF EXISTS nutrition.water_goals;
DROP TABLE IF EXISTS nutrition.water_logs;
"""
    )
