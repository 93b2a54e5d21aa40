"""``fitledger backup`` and ``fitledger restore``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import psycopg
import typer

from backend_services.stack.topology import StackSettings

from .archive import BackupError
from .run import backup, restore


def backup_command(
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Archive to write (default: fitledger-backup-<time>.tar.gz)."
    ),
) -> None:
    """Every service's data (PostgreSQL schemas, MongoDB collections) into one archive."""
    settings = StackSettings()
    target = output or Path(f"fitledger-backup-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.tar.gz")
    try:
        manifest = backup(target, settings.database_url, settings.effective_mongodb_uri)
    except (BackupError, psycopg.Error) as exc:
        typer.secho(f"backup failed: {exc}", fg="red", err=True)
        raise typer.Exit(1) from exc
    rows = sum(t["rows"] for s in manifest["postgres"].values() for t in s["tables"].values())
    documents = sum(c["documents"] for c in manifest["mongodb"]["collections"].values())
    typer.echo(f"{target}: {rows} rows, {documents} documents, {len(manifest['files'])} files")


def restore_command(
    archive: Path = typer.Argument(..., exists=True, dir_okay=False, help="A backup archive."),
    yes: bool = typer.Option(False, "--yes", help="Replace the data without asking."),
) -> None:
    """Replace every service's data with an archive's (checked whole before anything changes)."""
    settings = StackSettings()
    if not yes:
        typer.confirm(
            f"Replace all FitLedger data in {settings.database_url} and "
            f"{settings.effective_mongodb_uri} with {archive}?",
            abort=True,
        )
    try:
        manifest = restore(archive, settings.database_url, settings.effective_mongodb_uri)
    except (BackupError, psycopg.Error) as exc:
        typer.secho(f"restore refused: {exc}", fg="red", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"restored {archive} (made {manifest['created_at']})")
