"""Outbox and processed-events tables.

Revision ID: notifications_0001
Revises:
"""

from __future__ import annotations

from alembic import op

from backend_services.kernel.messaging import MessagingTables

revision = "notifications_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables = MessagingTables("notifications")
    tables.metadata.create_all(op.get_bind())


def downgrade() -> None:
    tables = MessagingTables("notifications")
    tables.metadata.drop_all(op.get_bind())
