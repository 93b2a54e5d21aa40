"""Profiles, notification preferences, weight log, daily statistics read model, tombstones.

Revision ID: users_0002
Revises: users_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "users_0002"
down_revision = "users_0001"
branch_labels = None
depends_on = None

SCHEMA = "users"


def _now() -> sa.Column:
    return sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("user_id", sa.Text, primary_key=True),
        sa.Column("display_name", sa.Text),
        sa.Column("sex", sa.Text),
        sa.Column("birth_date", sa.Date),
        sa.Column("height_cm", sa.Numeric(4, 1)),
        sa.Column("weight_kg", sa.Numeric(5, 2)),
        sa.Column("activity_level", sa.Text),
        sa.Column("goal", sa.Text),
        sa.Column("goal_rate_kg_per_week", sa.Numeric(3, 2), nullable=False, server_default="0"),
        sa.Column("body_fat_pct", sa.Numeric(3, 1)),
        sa.Column("units", sa.Text, nullable=False, server_default="metric"),
        sa.Column("timezone", sa.Text, nullable=False, server_default="UTC"),
        sa.Column("language", sa.Text, nullable=False, server_default="en"),
        sa.Column("quiet_hours_start", sa.Time),
        sa.Column("quiet_hours_end", sa.Time),
        sa.Column("calorie_target_kcal", sa.Integer),
        _now(),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        # Last line of defence behind the API's validation (same bounds).
        sa.CheckConstraint("sex IN ('male', 'female')", name="profiles_sex"),
        sa.CheckConstraint("height_cm BETWEEN 50 AND 272", name="profiles_height"),
        sa.CheckConstraint("weight_kg BETWEEN 20 AND 500", name="profiles_weight"),
        sa.CheckConstraint("body_fat_pct BETWEEN 2 AND 75", name="profiles_body_fat"),
        sa.CheckConstraint("goal_rate_kg_per_week BETWEEN 0 AND 1", name="profiles_goal_rate"),
        schema=SCHEMA,
    )
    op.create_table(
        "notification_preferences",
        sa.Column(
            "user_id",
            sa.Text,
            sa.ForeignKey(f"{SCHEMA}.profiles.user_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("type", sa.Text, primary_key=True),
        sa.Column("channel", sa.Text, primary_key=True),
        sa.Column("enabled", sa.Boolean, nullable=False),
        schema=SCHEMA,
    )
    op.create_table(
        "weights",
        sa.Column(
            "user_id",
            sa.Text,
            sa.ForeignKey(f"{SCHEMA}.profiles.user_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("local_date", sa.Date, primary_key=True),
        sa.Column("weight_kg", sa.Numeric(5, 2), nullable=False),
        sa.Column(
            "recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.CheckConstraint("weight_kg BETWEEN 20 AND 500", name="weights_weight"),
        schema=SCHEMA,
    )
    op.create_table(
        "daily_stats",
        sa.Column("user_id", sa.Text, primary_key=True),
        sa.Column("local_date", sa.Date, primary_key=True),
        sa.Column("calories_in", sa.Numeric(8, 1)),
        sa.Column("protein_g", sa.Numeric(7, 1)),
        sa.Column("fat_g", sa.Numeric(7, 1)),
        sa.Column("carbohydrate_g", sa.Numeric(7, 1)),
        sa.Column("intake_as_of", sa.DateTime(timezone=True)),
        sa.Column("calories_out", sa.Numeric(8, 1), nullable=False, server_default="0"),
        sa.Column("workouts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("weight_kg", sa.Numeric(5, 2)),
        sa.Column("target_kcal", sa.Integer),
        schema=SCHEMA,
    )
    op.create_table(
        "day_workouts",
        sa.Column("user_id", sa.Text, primary_key=True),
        sa.Column("workout_id", sa.Text, primary_key=True),
        sa.Column("local_date", sa.Date, nullable=False),
        sa.Column("calories_kcal", sa.Numeric(8, 1), nullable=False),
        sa.Column("duration_min", sa.Numeric(6, 1)),
        schema=SCHEMA,
    )
    op.create_index(
        "users_day_workouts_by_day", "day_workouts", ["user_id", "local_date"], schema=SCHEMA
    )
    op.create_table(
        "deleted_users",
        sa.Column("user_id", sa.Text, primary_key=True),
        sa.Column(
            "deleted_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("deleted_users", schema=SCHEMA)
    op.drop_index("users_day_workouts_by_day", table_name="day_workouts", schema=SCHEMA)
    op.drop_table("day_workouts", schema=SCHEMA)
    op.drop_table("daily_stats", schema=SCHEMA)
    op.drop_table("weights", schema=SCHEMA)
    op.drop_table("notification_preferences", schema=SCHEMA)
    op.drop_table("profiles", schema=SCHEMA)
