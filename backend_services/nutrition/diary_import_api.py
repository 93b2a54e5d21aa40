"""Food-diary imports from MyFitnessPal and Cronometer exports: upload (parsed and matched,
kept for review), look at it, import it (``diary_import.py``)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, File, Request, UploadFile

from backend_services.kernel.errors import DomainError, InvalidInput, error_responses, refusals
from backend_services.kernel.identity import CurrentUser

from .diary_import import DiaryImports
from .diary_import_schemas import DiaryImport, ImportRequest

router = APIRouter(
    prefix="/api/nutrition/imports/diary",
    tags=["nutrition"],
    responses=error_responses(401, 404),
)
CHUNK = 64 * 1024
FILE_RULES = {
    "file": "a MyFitnessPal nutrition or Cronometer servings CSV export, UTF-8, with its header "
    "line (codes: wrong_header, empty_file, not_utf8, no_readable_rows, too_many_rows, bad_row)"
}


class PayloadTooLarge(DomainError):
    status, code = 413, "payload_too_large"


def _imports(request: Request) -> DiaryImports:
    return request.app.state.diary_imports


Imports = Annotated[DiaryImports, Depends(_imports)]


@router.post(
    "",
    status_code=201,
    response_model=DiaryImport,
    responses={**refusals(**FILE_RULES), **error_responses(413)},
)
async def upload_diary_export(
    request: Request,
    user: CurrentUser,
    diary_imports: Imports,
    file: Annotated[UploadFile, File()],
) -> dict[str, Any]:
    """Reads the export and matches its rows to our foods; nothing is in the diary until
    ``POST /{id}/import``."""
    if not getattr(file, "filename", None):
        raise InvalidInput("Upload the export as a file.", fields={"file": "expected a file"})
    limit: int = request.app.state.diary_import_max_bytes
    data = bytearray()
    while chunk := await file.read(CHUNK):
        data += chunk
        if len(data) > limit:
            raise PayloadTooLarge(
                f"Exports up to {limit // 1024} KB: export a shorter period.",
                fields={"file": "too large"},
            )
    return diary_imports.upload(user.user_id, file.filename or "", bytes(data))


@router.get("/{import_id}", response_model=DiaryImport)
def get_diary_import(user: CurrentUser, diary_imports: Imports, import_id: UUID) -> dict[str, Any]:
    return diary_imports.get(user.user_id, import_id)


@router.post(
    "/{import_id}/import",
    response_model=DiaryImport,
    responses={
        **refusals(
            decisions="each key a row of this import not yet imported, once; a food_id "
            "of a food you can see; grams when the row does not say them"
        ),
        **error_responses(409),
    },
)
def import_diary_rows(
    user: CurrentUser, diary_imports: Imports, import_id: UUID, body: ImportRequest
) -> dict[str, Any]:
    """Imports the rows as decided, in one transaction; answers the import with its report."""
    return diary_imports.run(user.user_id, import_id, body)
