"""Alembic revisions of the ``nutrition`` schema (environment: backend_services/kernel/alembic)."""
