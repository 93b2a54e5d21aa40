"""Notifications tables in the ``notifications`` schema."""

from __future__ import annotations

from backend_services.kernel.messaging import MessagingTables

MESSAGING = MessagingTables("notifications")
