"""Alembic migrations per service: one shared environment, each service's own versions and schema.

Each PostgreSQL service keeps its revisions in ``backend_services/<service>/migrations/versions``
and its version table in its own schema, so services migrate independently.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

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


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer release than this code: refusing to run on it."""


def check_schema(service: str, engine: Engine) -> None:
    """Raise ``SchemaTooNew`` when the service's schema carries a revision this code does not
    know (a newer release migrated it). An older or missing schema is left to the migrations,
    which the stack and the deployment run before the services start."""
    url = engine.url.render_as_string(hide_password=False)
    script = ScriptDirectory.from_config(alembic_config(service, url))
    known = {revision.revision for revision in script.walk_revisions()}
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table_schema": service})
        current = context.get_current_heads()
    unknown = sorted(set(current) - known)
    if unknown:
        raise SchemaTooNew(
            f"{service}: the database is at revision {', '.join(unknown)}, which this release "
            f"does not know (its newest is {script.get_current_head()}): a newer release "
            "migrated it. Run that release, or restore a backup made by this one."
        )
