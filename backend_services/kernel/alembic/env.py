"""Shared alembic environment: migrates one service's schema (``config.attributes['service']``)."""

from __future__ import annotations

import importlib
from typing import Any

from alembic import context
from sqlalchemy import create_engine, pool, text

config = context.config
service: str = config.attributes["service"]
schema = service
models = importlib.import_module(f"backend_services.{service}.models")
target_metadata = models.METADATA


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    if type_ == "schema":
        return name == schema
    return True


def run_migrations_online() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "", poolclass=pool.NullPool)
    with engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        connection.commit()
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            version_table_schema=schema,
            include_schemas=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
