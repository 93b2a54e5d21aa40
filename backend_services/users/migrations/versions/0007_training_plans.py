"""Training plans: the weekdays the program each user follows plans, as the workouts service
last announced them (``workouts.program_plan.changed``); the training-day rule applies on them.

Revision ID: users_0007_training_plans
Revises: users_0006_training_day_rule
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision = "users_0007_training_plans"
down_revision = "users_0006_training_day_rule"
branch_labels = None
depends_on = None

SCHEMA = "users"
WEEKDAYS = "ARRAY['monday','tuesday','wednesday','thursday','friday','saturday','sunday']"


def upgrade() -> None:
    op.create_table(
        "training_plans",
        sa.Column("user_id", sa.Text, primary_key=True),
        sa.Column("program_id", sa.Text),
        sa.Column("program_name", sa.Text),
        sa.Column("weekdays", ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(f"weekdays <@ {WEEKDAYS}::text[]", name="training_plans_weekdays"),
        sa.CheckConstraint(
            "(program_id IS NULL) = (program_name IS NULL)", name="training_plans_program"
        ),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("training_plans", schema=SCHEMA)
