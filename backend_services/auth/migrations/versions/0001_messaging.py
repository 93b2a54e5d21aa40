"""Outbox and processed-events tables.

Revision ID: auth_0001
Revises:
"""

from __future__ import annotations

from alembic import op

from backend_services.kernel.messaging import MessagingTables

revision = "auth_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    tables = MessagingTables("auth")
    tables.metadata.create_all(op.get_bind())


def downgrade() -> None:
    tables = MessagingTables("auth")
    tables.metadata.drop_all(op.get_bind())
