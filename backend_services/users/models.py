"""Users tables in the ``users`` schema."""

from __future__ import annotations

from backend_services.kernel.messaging import MessagingTables

MESSAGING = MessagingTables("users")
