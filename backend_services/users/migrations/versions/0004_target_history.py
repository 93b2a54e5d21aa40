"""The calorie target in force from each day on, so a past day's target never changes.

The statistics read a day's target from here (the last change on or before that day), not
from the day's row, which late events used to overwrite with the target of their arrival.
Backfilled from the targets the daily rows hold.

Revision ID: users_0004
Revises: users_0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "users_0004"
down_revision = "users_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "target_history",
        sa.Column("user_id", sa.Text, primary_key=True),
        sa.Column("effective_date", sa.Date, primary_key=True),
        sa.Column("target_kcal", sa.Integer),
        schema="users",
    )
    op.execute(
        "INSERT INTO users.target_history (user_id, effective_date, target_kcal)"
        " SELECT user_id, local_date, target_kcal FROM users.daily_stats"
        " WHERE target_kcal IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table("target_history", schema="users")
