"""Recipients keep the profile's units (metric | imperial), so texts show weights in them.

Revision ID: notifications_0004
Revises: notifications_0003
"""

from __future__ import annotations

from alembic import op

revision = "notifications_0004"
down_revision = "notifications_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Filled by the next users.profile.updated of each user; metric until then.
    op.execute(
        "ALTER TABLE notifications.recipients ADD COLUMN units TEXT DEFAULT 'metric' NOT NULL"
    )


def downgrade() -> None:
    op.execute("ALTER TABLE notifications.recipients DROP COLUMN units")
