"""What every import upload does before its job runs: spool the file, create the job."""

from __future__ import annotations

import os
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import Request, UploadFile

from backend_services.kernel.errors import DomainError, InvalidInput

CHUNK = 1024 * 1024


class PayloadTooLarge(DomainError):
    status, code = 413, "payload_too_large"


async def spool_upload(request: Request, file: UploadFile, limit: int) -> tuple[Path, int]:
    """The upload in a temporary file (never held in memory) and its size; the caller deletes
    the file. Too large (413) or empty (422) leaves nothing behind."""
    if not getattr(file, "filename", None):
        # A plain form value is not an export file.
        raise InvalidInput("Upload the export as a file.", fields={"file": "expected a file"})
    spool_dir = request.app.state.import_settings.import_spool_dir
    handle, name = tempfile.mkstemp(prefix="fl-import-", dir=spool_dir)
    path = Path(name)
    size = 0
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := await file.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise PayloadTooLarge(f"Exports up to {limit // (1024 * 1024)} MB.")
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if size == 0:
        path.unlink(missing_ok=True)
        raise DomainError("The file is empty.", fields={"file": "empty"}, code="empty_file")
    return path, size


def new_job(user_id: str, provider: str, file: UploadFile, size: int) -> dict[str, Any]:
    """A queued job document (``import_jobs``), polled at ``GET /imports/{id}``."""
    return {
        "_id": uuid.uuid4().hex,
        "user_id": user_id,
        "provider": provider,
        "file_name": (file.filename or "")[:200],
        "bytes": size,
        "status": "queued",
        "progress": {"phase": "queued", "fraction": 0.0},
        "report": None,
        "error": None,
        "created_at": datetime.now(UTC),
        "finished_at": None,
    }
