"""Alembic migrations per service: one shared environment, each service's own versions and schema.

Each PostgreSQL service keeps its revisions in ``backend_services/<service>/migrations/versions``
and its version table in its own schema, so services migrate independently.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from .db import normalize_database_url

ENV_DIR = Path(__file__).parent / "alembic"
SERVICES_DIR = Path(__file__).resolve().parents[1]


def alembic_config(service: str, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(ENV_DIR))
    config.set_main_option(
        "version_locations", str(SERVICES_DIR / service / "migrations" / "versions")
    )
    config.set_main_option("path_separator", "os")
    # ConfigParser interpolation: a literal % in the URL (e.g. %2F) must be doubled.
    config.set_main_option(
        "sqlalchemy.url", normalize_database_url(database_url).replace("%", "%%")
    )
    config.attributes["service"] = service
    return config


def upgrade(service: str, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(service, database_url), revision)


def downgrade(service: str, database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(service, database_url), revision)
