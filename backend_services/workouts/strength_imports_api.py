"""Strong and Hevy CSV uploads (``POST /imports/strong``, ``/hevy``) and the review of the
names that did not match (``POST /imports/{id}/review``); the job is polled at
``GET /imports/{id}`` like a health import. The use cases: ``strength_imports.py``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile, status
from fastapi import Path as PathParam

from backend_services.kernel.errors import InvalidInput, error_responses, refusals
from backend_services.kernel.identity import CurrentUser

from . import strength_imports
from .import_uploads import new_job, spool_upload
from .importers.strength_logs import detect
from .models import ID_PATTERN, ImportReview, public
from .repository import WorkoutsRepository
from .schemas import ImportJob
from .service import WorkoutService

router = APIRouter(
    prefix="/api/workouts/imports", tags=["workouts"], responses=error_responses(401, 404)
)
Offset = Annotated[int, Form(ge=-840, le=840, description="Minutes east of UTC.")]
UPLOAD_REFUSALS = refusals(
    file="a CSV export of the route's app (Strong `;`- or `,`-separated, Hevy), UTF-8, its "
    "header on the first line (`wrong_export`)"
)


@router.post(
    "/strong",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ImportJob,
    response_model_exclude_unset=True,
    responses=UPLOAD_REFUSALS,
)
async def upload_strong(
    request: Request,
    principal: CurrentUser,
    file: Annotated[UploadFile, File()],
    weight_unit: Annotated[
        Literal["kg", "lb"],
        Form(description="The unit Strong was set to (its export does not say); lb: miles."),
    ],
    utc_offset_minutes: Offset = 0,
) -> dict[str, Any]:
    return await _upload(
        request, principal.user_id, "strong", file, weight_unit, utc_offset_minutes
    )


@router.post(
    "/hevy",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ImportJob,
    response_model_exclude_unset=True,
    responses=UPLOAD_REFUSALS,
)
async def upload_hevy(
    request: Request,
    principal: CurrentUser,
    file: Annotated[UploadFile, File()],
    utc_offset_minutes: Offset = 0,
) -> dict[str, Any]:
    return await _upload(request, principal.user_id, "hevy", file, None, utc_offset_minutes)


@router.post(
    "/{job_id}/review",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ImportJob,
    response_model_exclude_unset=True,
    responses={
        **error_responses(409),
        **refusals(
            choices="one choice for each unmatched name of the import, each name once, "
            "`exercise_id` an exercise you can log"
        ),
    },
)
def review_import(
    request: Request,
    principal: CurrentUser,
    job_id: Annotated[str, PathParam(pattern=ID_PATTERN)],
    answer: ImportReview,
) -> dict[str, Any]:
    """Your exercise for each name the import did not match; the import then completes."""
    repo: WorkoutsRepository = request.app.state.repository
    service: WorkoutService = request.app.state.workout_service
    job = strength_imports.review(repo, service, principal.user_id, job_id, answer)
    _start(request, repo, service, principal.user_id, job["_id"])
    return public(job)


async def _upload(
    request: Request,
    user_id: str,
    provider: str,
    file: UploadFile,
    weight_unit: str | None,
    utc_offset_minutes: int,
) -> dict[str, Any]:
    limit: int = request.app.state.import_settings.strength_import_max_bytes
    path, size = await spool_upload(request, file, limit)
    try:
        content = path.read_bytes()
    finally:
        path.unlink(missing_ok=True)
    try:
        found = detect(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        found = None
    if found != provider:
        raise InvalidInput(
            f"This is not a {provider.title()} CSV export (its first line names the columns).",
            fields={"file": f"not a {provider} export"},
            code="wrong_export",
        )
    repo: WorkoutsRepository = request.app.state.repository
    job = new_job(user_id, provider, file, size)
    job["utc_offset_minutes"] = utc_offset_minutes
    if weight_unit is not None:
        job["weight_unit"] = weight_unit
    job["csv_zlib"] = strength_imports.pack(content)
    repo.import_jobs.insert_one(job)
    _start(request, repo, request.app.state.workout_service, user_id, job["_id"])
    return public(job)


def _start(
    request: Request, repo: WorkoutsRepository, service: WorkoutService, user_id: str, job_id: str
) -> None:
    sessions = request.app.state.session_check
    # the job outlives the request: it looks for a deletion of the account itself
    strength_imports.start_job(repo, service, job_id, lambda: sessions.account_deleted(user_id))
