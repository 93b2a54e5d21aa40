"""Every food import is recorded with its report (``nutrition.import_runs``): what the
food-database admin shows as "what was imported, when, and how it went"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

from .writer import ImportReport


def record_run(
    conn: psycopg.Connection,
    source: str,
    report: ImportReport,
    path: Path,
    started_at: datetime,
    *,
    error: str | None = None,
) -> None:
    """In the caller's transaction: the import's own when it succeeded, a new one when it
    failed (the import's was rolled back)."""
    conn.execute(
        "INSERT INTO nutrition.import_runs (source, licences, file_name, status, started_at,"
        " imported, updated, rejected, report, error)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (
            source,
            sorted(report.licences),
            path.name,
            "failed" if error else "succeeded",
            started_at,
            0 if error else report.imported,
            0 if error else report.updated,
            report.rejected_total,
            Jsonb(
                {
                    "rejected": dict(report.rejected),
                    "flagged": dict(report.flagged),
                    "kept_corrected": report.kept_corrected,
                }
            ),
            error,
        ),
    )
