"""Alembic revisions of the ``users`` schema (environment: backend_services/kernel/alembic)."""
