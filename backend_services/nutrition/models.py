"""Nutrition tables in the ``nutrition`` schema."""

from __future__ import annotations

from sqlmodel import SQLModel

from backend_services.kernel.messaging import MessagingTables

METADATA = SQLModel.metadata
MESSAGING = MessagingTables("nutrition", METADATA)
