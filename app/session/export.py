"""The UI backend's "your data" routes: the one-file export download and account deletion.

Both are plain HTTP (not websocket events): the export answers a file attachment, and
deleting the account must clear the HttpOnly session cookie, which only an HTTP answer can.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import RedirectResponse, Response

from app import routes
from app.api import parsing as p
from app.api.errors import ApiError
from app.api.gateway import Authorized, shared_gateway
from app.session.export_csv import export_zip
from app.session.http import _back_to_form, _refused, client_ip, same_origin
from app.session.store import COOKIE, SessionEnded, SessionTokens, shared_store

data_app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

EXPORT_FORMAT = "fitledger-export/1"
# Every record: the services store nothing earlier (they cap a list's size, not its dates).
EARLIEST = p.EARLIEST_DAY.isoformat()
# The users service's longest weight-log range (backend_services/users/service.py).
WEIGHT_LOG_MAX_DAYS = 3660
WORKOUTS_PAGE = 500  # the workouts service's largest page
FEED_PAGE = 100  # the notifications service's largest page
MAX_PAGES = 100


def export_parts(today: dt.date) -> tuple[tuple[str, str, str, Mapping[str, Any]], ...]:
    """Each part of the file: (service, name, gateway path, query). Only nutrition has an
    export endpoint of its own; the others' parts are their read endpoints, which hold all
    a user has."""
    # A day of margin: the service counts to the user's local today, which may be ahead of UTC.
    weights_from = today - dt.timedelta(days=WEIGHT_LOG_MAX_DAYS - 2)
    return (
        ("auth", "account", "/api/auth/me", {}),
        ("auth", "sessions", "/api/auth/sessions", {}),
        ("users", "profile", "/api/users/me", {}),
        ("users", "weights", "/api/users/me/weights", {"from": weights_from.isoformat()}),
        ("nutrition", "export", "/api/nutrition/export", {}),
        (
            "workouts",
            "workouts",
            "/api/workouts/workouts",
            {"from": EARLIEST, "limit": WORKOUTS_PAGE},
        ),
        ("workouts", "library", "/api/workouts/export", {}),
        ("notifications", "settings", "/api/notifications/settings", {}),
        ("notifications", "feed", "/api/notifications/", {"limit": FEED_PAGE}),
    )


def export_document(
    results: Mapping[tuple[str, str], Any],
    failures: Mapping[tuple[str, str], str],
    now: dt.datetime,
) -> dict[str, Any]:
    """The download: every service's part under its name, and what could not be read
    (`incomplete`), so a partial file says so instead of looking complete."""
    services: dict[str, dict[str, Any]] = {}
    for (service, name), body in results.items():
        services.setdefault(service, {})[name] = body
    return {
        "format": EXPORT_FORMAT,
        "exported_at": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "services": services,
        "incomplete": [
            {"service": service, "part": name, "problem": problem}
            for (service, name), problem in sorted(failures.items())
        ],
    }


def export_filename(now: dt.datetime) -> str:
    return f"fitledger-export-{now.astimezone(dt.UTC).strftime('%Y-%m-%d')}.json"


class Truncated(ApiError):
    """A list had more pages than the export reads: the file says so in `incomplete`."""


async def _all_workouts(api: Authorized, path: str, params: Mapping[str, Any]) -> Any:
    """Every workout, newest first, a page at a time (the list pages by local date)."""
    items: list[Any] = []
    seen: set[str] = set()
    query = dict(params)
    for _ in range(MAX_PAGES):
        page = (await api.get(path, params=query) or {}).get("items") or []
        items += [w for w in page if str(w.get("id")) not in seen]
        seen.update(str(w.get("id")) for w in page)
        if len(page) < WORKOUTS_PAGE:
            return {"items": items}
        oldest = min(str(w.get("local_date", "")) for w in page)
        if not oldest or oldest == query.get("to"):
            break  # a whole page on one day: the date cannot page any further
        query["to"] = oldest  # inclusive; the ids already seen are dropped
    raise Truncated(400, "truncated", f"Only the newest {len(items)} workouts are in the file.")


async def _all_notifications(api: Authorized, path: str, params: Mapping[str, Any]) -> Any:
    items: list[Any] = []
    cursor = None
    for _ in range(MAX_PAGES):
        page = await api.get(path, params={**params, "cursor": cursor}) or {}
        items += page.get("items") or []
        cursor = page.get("next_cursor")
        if not cursor:
            return {"items": items, "unread_count": page.get("unread_count", 0)}
    raise Truncated(400, "truncated", f"Only the newest {len(items)} notifications are in.")


async def _read_part(api: Authorized, path: str, params: Mapping[str, Any]) -> Any:
    reader = PAGED_READERS.get(path)
    if reader is not None:
        return await reader(api, path, params)
    return await api.get(path, params=params)


PAGED_READERS = {
    "/api/workouts/workouts": _all_workouts,
    "/api/notifications/": _all_notifications,
}


async def _read_everything(request: Request) -> tuple[dict[str, Any], dt.datetime] | Response:
    """The export document of the signed-in user, or the redirect to sign in."""
    session_id = request.cookies.get(COOKIE, "")
    if await shared_store().read(session_id) is None:
        return RedirectResponse(f"{routes.LOGIN}?next={routes.SETTINGS}", status_code=303)
    api = Authorized(
        shared_gateway(),
        SessionTokens(shared_store(), session_id),
        client_ip=client_ip(request) or None,
    )
    now = dt.datetime.now(dt.UTC)
    parts = export_parts(now.date())
    answers = await asyncio.gather(
        *(_read_part(api, path, params) for _s, _n, path, params in parts),
        return_exceptions=True,
    )
    results: dict[tuple[str, str], Any] = {}
    failures: dict[tuple[str, str], str] = {}
    for (service, name, _path, _params), answer in zip(parts, answers, strict=True):
        if isinstance(answer, SessionEnded):
            return RedirectResponse(f"{routes.LOGIN}?next={routes.SETTINGS}", status_code=303)
        if isinstance(answer, ApiError):
            failures[(service, name)] = answer.message
        elif isinstance(answer, BaseException):
            raise answer
        else:
            results[(service, name)] = answer
    return export_document(results, failures, now), now


def _attachment(body: str | bytes, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@data_app.get(routes.SESSION_EXPORT)
async def export(request: Request) -> Response:
    return await _download(request, "json")


@data_app.get(routes.SESSION_EXPORT_ZIP)
async def export_zip_file(request: Request) -> Response:
    """The same document plus one CSV per kind of record, in a zip."""
    return await _download(request, "zip")


async def _download(request: Request, kind: str) -> Response:
    read = await _read_everything(request)
    if isinstance(read, Response):
        return read
    document, now = read
    name = export_filename(now)
    if kind == "zip":
        return _attachment(
            export_zip(document, name), "application/zip", name.removesuffix(".json") + ".zip"
        )
    body = json.dumps(document, indent=2, ensure_ascii=False)
    return _attachment(body, "application/json", name)


@data_app.post(routes.SESSION_DELETE_ACCOUNT)
async def delete_account(request: Request, password: str = Form("", max_length=200)) -> Response:
    """Deletes the account with its password, ends the UI session and clears the cookie;
    a wrong password goes back to settings with the reason (flash cookie)."""
    if not same_origin(request):
        return _refused()
    session_id = request.cookies.get(COOKIE, "")
    store = shared_store()
    if await store.read(session_id) is None:
        answer = RedirectResponse(routes.LOGIN + "?signed_out=1", status_code=303)
        answer.delete_cookie(COOKIE, path="/")
        return answer
    api = Authorized(
        shared_gateway(), SessionTokens(store, session_id), client_ip=client_ip(request) or None
    )
    try:
        await api.delete("/api/auth/me", json={"password": password})
    except SessionEnded:
        answer = RedirectResponse(routes.LOGIN + "?signed_out=1", status_code=303)
        answer.delete_cookie(COOKIE, path="/")
        return answer
    except ApiError as error:
        return _back_to_form(request, routes.SETTINGS, error)
    await store.delete(session_id)
    answer = RedirectResponse(routes.LANDING + "?account_deleted=1", status_code=303)
    answer.delete_cookie(COOKIE, path="/")
    return answer
