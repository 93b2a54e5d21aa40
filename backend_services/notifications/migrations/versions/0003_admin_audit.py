"""The admin audit log; announcements keep their channels and the audience they were sent to.

Revision ID: notifications_0003
Revises: notifications_0002
"""

from __future__ import annotations

from alembic import op

revision = "notifications_0003"
down_revision = "notifications_0002"
branch_labels = None
depends_on = None

UPGRADE = """
CREATE TABLE notifications.admin_audit (
    event_id UUID NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    producer TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    detail JSONB DEFAULT '{}'::jsonb NOT NULL,
    PRIMARY KEY (event_id)
);
CREATE INDEX admin_audit_recent ON notifications.admin_audit (occurred_at DESC, event_id);
ALTER TABLE notifications.announcements
    ADD COLUMN channels JSONB DEFAULT '["in_app"]'::jsonb NOT NULL,
    ADD COLUMN audience INTEGER DEFAULT 0 NOT NULL;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(
        "ALTER TABLE notifications.announcements DROP COLUMN audience, DROP COLUMN channels;"
        "DROP TABLE notifications.admin_audit;"
    )
