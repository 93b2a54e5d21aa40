"""The UI backend's import of a FitLedger export (the file `/session/export` downloads, or
its zip): each service's part goes to that service's import route, one after the other;
each service takes its part whole or not at all, and importing the same file again adds
nothing. The settings page shows what each kind added (or why a part was refused).
docs/export-format.md describes the file.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any

from fastapi import File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from app import routes
from app.api.errors import ApiError
from app.api.gateway import Authorized, shared_gateway
from app.session.export import EXPORT_FORMAT, data_app

__all__ = ["data_app", "import_requests", "read_document", "run_import"]
from app.session.http import _back_to_form, _refused, client_ip, same_origin
from app.session.store import COOKIE, SessionEnded, SessionTokens, shared_store

# The gateway's body limit for the services (GATEWAY_MAX_BODY): a bigger file cannot go on.
MAX_FILE_BYTES = 2 * 1024 * 1024
IMPORT_FLASH = "import"


class ImportRefused(ApiError):
    """The file is not a FitLedger export this version can read."""


def _refuse(message: str, problem: str) -> ImportRefused:
    return ImportRefused(422, "invalid_input", message, {"file": problem})


def read_document(data: bytes) -> dict[str, Any]:
    """The export document of an upload: the JSON file, or the JSON inside the zip."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(
            413, "payload_too_large", f"The file may be at most {MAX_FILE_BYTES} bytes."
        )
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = [n for n in archive.namelist() if n.endswith(".json")]
                if len(names) != 1:
                    raise _refuse("The zip holds no FitLedger export.", "no .json file")
                info = archive.getinfo(names[0])
                if info.file_size > MAX_FILE_BYTES:
                    raise ImportRefused(413, "payload_too_large", "The export is too big.")
                data = archive.read(info)
        except zipfile.BadZipFile as error:
            raise _refuse("The zip cannot be read.", "not a zip") from error
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise _refuse("The file is not JSON.", "not JSON") from error
    if not isinstance(document, dict) or not isinstance(document.get("services"), dict):
        raise _refuse("The file is not a FitLedger export.", "no services")
    if document.get("format") != EXPORT_FORMAT:
        raise _refuse(
            f"This FitLedger reads exports of format {EXPORT_FORMAT}.",
            f"format {str(document.get('format'))[:40]!r}, not {EXPORT_FORMAT}",
        )
    return document


def _part(document: Mapping[str, Any], service: str, name: str) -> Any:
    part = (document.get("services") or {}).get(service)
    return part.get(name) if isinstance(part, dict) else None


def import_requests(document: Mapping[str, Any]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(kind, method, gateway path, body) of each part the file holds, in the order they
    are sent. The account itself (auth) and the notification feed are not imported."""
    version = {"format": EXPORT_FORMAT}
    calls: list[tuple[str, str, str, dict[str, Any]]] = []
    profile = _part(document, "users", "profile")
    if isinstance(profile, dict):
        weights = _part(document, "users", "weights") or {}
        body = {**version, "profile": profile, "weights": weights}
        calls.append(("users", "POST", "/api/users/import", body))
    nutrition = _part(document, "nutrition", "export")
    if isinstance(nutrition, dict):
        calls.append(("nutrition", "POST", "/api/nutrition/import", {**nutrition, **version}))
    workouts = _part(document, "workouts", "workouts")
    library = _part(document, "workouts", "library") or {}
    if isinstance(workouts, dict) or library:
        body = {
            **version,
            "workouts": (workouts or {}).get("items") or [],
            "programs": library.get("programs") or [],
            "exercises": library.get("exercises") or [],
        }
        calls.append(("workouts", "POST", "/api/workouts/import", body))
    settings = _part(document, "notifications", "settings")
    if isinstance(settings, dict):
        reminders = {
            k: settings.get(k)
            for k in (
                "meal_reminder_times",
                "workout_reminder_days",
                "workout_reminder_time",
                "goal_weight_kg",
            )
            if k in settings
        }
        calls.append(("notifications", "PUT", "/api/notifications/settings", reminders))
    return calls


async def run_import(api: Authorized, document: Mapping[str, Any]) -> dict[str, Any]:
    """Each part to its service; answers per kind the counts added, or the refusal."""
    report: dict[str, Any] = {}
    for kind, method, path, body in import_requests(document):
        try:
            answer = await api.call(method, path, json=body)
        except SessionEnded:
            raise
        except ApiError as error:
            report[kind] = {"error": error.message, "fields": dict(list(error.fields.items())[:5])}
            continue
        counts = answer if kind != "notifications" else {"settings": 1}
        report[kind] = {k: v for k, v in (counts or {}).items() if isinstance(v, int)}
    return report


def _signed_out() -> Response:
    return RedirectResponse(f"{routes.LOGIN}?next={routes.SETTINGS}", status_code=303)


@data_app.post(routes.SESSION_IMPORT)
async def import_file(request: Request, file: UploadFile = File(...)) -> Response:
    """The upload form on /settings: back to settings with what was imported (flash)."""
    if not same_origin(request):
        return _refused()
    session_id = request.cookies.get(COOKIE, "")
    store = shared_store()
    if await store.read(session_id) is None:
        return _signed_out()
    api = Authorized(
        shared_gateway(), SessionTokens(store, session_id), client_ip=client_ip(request) or None
    )
    try:
        document = read_document(await file.read(MAX_FILE_BYTES + 1))
        report = await run_import(api, document)
    except SessionEnded:
        return _signed_out()
    except ApiError as error:
        return _back_to_form(request, routes.SETTINGS, error, kind=IMPORT_FLASH)
    done = ApiError(200, "imported", "")
    return _back_to_form(
        request, routes.SETTINGS, done, kind=IMPORT_FLASH, report=json.dumps(report)
    )
