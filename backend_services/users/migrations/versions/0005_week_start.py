"""Profiles: the first day of the user's week in week views ("monday" or "sunday").

Revision ID: users_0005
Revises: users_0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "users_0005"
down_revision = "users_0004"
branch_labels = None
depends_on = None

SCHEMA = "users"


def upgrade() -> None:
    op.add_column(
        "profiles",
        sa.Column("week_start", sa.Text, nullable=False, server_default="monday"),
        schema=SCHEMA,
    )
    op.create_check_constraint(
        "profiles_week_start", "profiles", "week_start IN ('monday', 'sunday')", schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_constraint("profiles_week_start", "profiles", type_="check", schema=SCHEMA)
    op.drop_column("profiles", "week_start", schema=SCHEMA)
