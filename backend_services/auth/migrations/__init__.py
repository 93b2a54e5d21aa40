"""Alembic revisions of the ``auth`` schema (environment: backend_services/kernel/alembic)."""
