"""Backing up and restoring every service's data: the PostgreSQL schemas of auth, users,
nutrition and notifications, and the workouts' MongoDB database. Redis holds only sessions,
throttling counters and UI state, and is not part of a backup (losing it signs people out)."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pymongo.errors import PyMongoError

from backend_services.kernel.mongo import default_database, make_mongo_client
from backend_services.stack.topology import SERVICES

from . import mongodb, postgres
from .archive import ArchiveWriter, BackupError, read_archive

POSTGRES_SCHEMAS = [spec.name for spec in SERVICES if spec.postgres]


def backup(target: Path, database_url: str, mongodb_uri: str) -> dict[str, Any]:
    """Write the archive to ``target``; returns its manifest."""
    target = target.resolve()
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".fitledger-backup-") as work:
        archive = ArchiveWriter(Path(work))
        archive.manifest["created_at"] = datetime.now(UTC).isoformat()
        archive.manifest["postgres"] = postgres.dump_schemas(
            database_url, POSTGRES_SCHEMAS, archive
        )
        client = make_mongo_client(mongodb_uri, timeout_ms=10000)
        try:
            archive.manifest["mongodb"] = mongodb.dump_database(default_database(client), archive)
        except PyMongoError as exc:
            raise BackupError(f"MongoDB ({mongodb_uri}) could not be read: {exc}") from exc
        finally:
            client.close()
        archive.write(target)
        return {**archive.manifest, "files": archive.files}


def restore(source: Path, database_url: str, mongodb_uri: str) -> dict[str, Any]:
    """Replace every service's data with the archive's; returns its manifest. The archive and
    the schema revisions are checked first: a refused restore changes nothing."""
    with read_archive(source) as reader:
        manifest = reader.manifest
        postgres.check_revisions(database_url, manifest["postgres"])
        client = make_mongo_client(mongodb_uri, timeout_ms=10000)
        try:
            db = default_database(client)
            db.command("ping")
            postgres.restore_schemas(database_url, reader, manifest["postgres"])
            mongodb.restore_database(db, reader, manifest["mongodb"])
        except PyMongoError as exc:
            raise BackupError(f"MongoDB ({mongodb_uri}) could not be restored: {exc}") from exc
        finally:
            client.close()
        return manifest
