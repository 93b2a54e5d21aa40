"""Alembic revisions of the ``notifications`` schema (environment: kernel/alembic)."""
