"""Health-export uploads: multipart, size-limited, imported by a background job you can poll.

The upload is spooled to a temporary file (never held in memory), a job document is created in
``import_jobs`` (so either API instance can answer the poll), and a thread parses and stores
it. If the instance dies mid-import the job stays ``running``; parsing finishes before any
write, so an interrupted job has written either nothing or a complete, idempotent import.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile, status
from fastapi import Path as PathParam

from backend_services.kernel.business_metrics import IMPORT_JOBS, WORKOUTS_IMPORTED
from backend_services.kernel.errors import NotFound, error_responses
from backend_services.kernel.identity import CurrentUser

from . import events
from .account_deletion import erase_user
from .import_uploads import new_job, spool_upload
from .importers.apple_health import parse_apple_health
from .importers.google_fit import parse_google_fit
from .importers.health_common import HealthData, HealthImportError, store_health_data
from .models import ID_PATTERN, public
from .repository import WorkoutsRepository
from .schemas import ImportJob
from .service import WorkoutService

log = logging.getLogger("fitledger.workouts.imports")
router = APIRouter(
    prefix="/api/workouts/imports", tags=["workouts"], responses=error_responses(401, 404)
)

PARSERS: dict[str, Callable[..., HealthData]] = {
    "apple-health": parse_apple_health,
    "google-fit": parse_google_fit,
}


@router.post(
    "/{provider}",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ImportJob,
    response_model_exclude_unset=True,
)
async def upload_export(
    request: Request,
    principal: CurrentUser,
    provider: Annotated[str, PathParam(pattern="^(apple-health|google-fit)$")],
    file: Annotated[UploadFile, File()],
) -> dict[str, Any]:
    limit: int = request.app.state.import_settings.import_max_bytes
    path, size = await spool_upload(request, file, limit)
    repo: WorkoutsRepository = request.app.state.repository
    service: WorkoutService = request.app.state.workout_service
    job = new_job(principal.user_id, provider, file, size)
    repo.import_jobs.insert_one(job)
    sessions = request.app.state.session_check
    user_id = principal.user_id
    threading.Thread(
        target=run_import_job,
        args=(repo, service, job["_id"], user_id, provider, path),
        # the job outlives the request: it looks for a deletion of the account itself
        kwargs={"account_deleted": lambda: sessions.account_deleted(user_id)},
        name=f"import-{job['_id'][:8]}",
        daemon=True,
    ).start()
    return public(job)


@router.get("/{job_id}", response_model=ImportJob, response_model_exclude_unset=True)
def get_import_job(
    request: Request, principal: CurrentUser, job_id: Annotated[str, PathParam(pattern=ID_PATTERN)]
) -> dict[str, Any]:
    repo: WorkoutsRepository = request.app.state.repository
    job = repo.import_jobs.find_one({"_id": job_id, "user_id": principal.user_id})
    if job is None:
        raise NotFound("No such import.")
    return public(job)


def run_import_job(
    repo: WorkoutsRepository,
    service: WorkoutService,
    job_id: str,
    user_id: str,
    provider: str,
    path: Path,
    account_deleted: Callable[[], bool] = lambda: False,
) -> dict[str, Any]:
    """Parse everything, then store; the job document says how far it got and how it ended.
    An account deleted while the job stored its workouts keeps none of them."""

    def update(**fields: Any) -> None:
        repo.import_jobs.update_one({"_id": job_id}, {"$set": fields})

    def parsing(done: int, total: int) -> None:
        update(progress={"phase": "parsing", "fraction": round(done / total, 3) if total else 0})

    try:
        update(status="running", progress={"phase": "parsing", "fraction": 0.0})
        data = PARSERS[provider](path, parsing)
        update(progress={"phase": "storing", "fraction": 0.0})
        total = max(len(data.workouts), 1)
        report = store_health_data(
            repo,
            service,
            user_id,
            data,
            lambda n: update(progress={"phase": "storing", "fraction": round(n / total, 3)}),
        )
        finished = datetime.now(UTC)
        # The export's weigh-ins are offered to the users service (it owns the weight log,
        # docs/decisions/0010), staged in the job's own outbox with the job's end.
        weigh_ins = events.body_mass_imported(user_id, data.source, data.body_mass)
        staged = (
            {"outbox": [events.outbox_entry(weigh_ins, finished)], "outbox_pending": finished}
            if weigh_ins is not None
            else {}
        )
        update(
            status="succeeded",
            report=report,
            progress={"phase": "done", "fraction": 1.0},
            finished_at=finished,
            **staged,
        )
        WORKOUTS_IMPORTED.labels(provider).inc(report["workouts_imported"])
        IMPORT_JOBS.labels(provider, "succeeded").inc()
        if account_deleted():
            erase_user(repo.db, user_id)
            return {}
        return report
    except HealthImportError as exc:
        update(status="failed", error=str(exc)[:500], finished_at=datetime.now(UTC))
        IMPORT_JOBS.labels(provider, "rejected").inc()
        return {}
    except Exception as exc:
        log.exception("import job failed")
        IMPORT_JOBS.labels(provider, "failed").inc()
        update(
            status="failed",
            error=f"internal error ({type(exc).__name__})",
            finished_at=datetime.now(UTC),
        )
        return {}
    finally:
        path.unlink(missing_ok=True)
