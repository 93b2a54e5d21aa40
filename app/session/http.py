"""The UI backend's own HTTP routes under /session: sign in, sign up, sign out.

They are plain HTML form posts (no page JavaScript), because only an HTTP answer can set an
HttpOnly cookie. Each answers 303: to the page the user wanted on success, or back to the
form with a short-lived "flash" cookie that tells the form what went wrong (the websocket
reads it when the page reconnects). Cross-site posts are refused by an Origin check on top
of SameSite=Lax cookies.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from app import routes
from app.api.auth import AuthApi
from app.api.errors import ApiError, NotFound
from app.api.gateway import shared_gateway
from app.i18n.language import COOKIE as LANGUAGE_COOKIE
from app.i18n.language import COOKIE_MAX_AGE as LANGUAGE_MAX_AGE
from app.i18n.language import known
from app.session.store import COOKIE, SESSION_TTL_SECONDS, shared_store

FLASH_COOKIE = "fl_flash"
FLASH_SECONDS = 30

session_app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


def public_origin() -> str:
    parts = urlsplit(os.environ.get("PUBLIC_URL", "http://localhost:8080"))
    return f"{parts.scheme}://{parts.netloc}"


def same_origin(request: Request) -> bool:
    """A form post from our own pages: its Origin (or, lacking it, Referer) is ours."""
    allowed = {public_origin(), f"{request.url.scheme}://{request.headers.get('host', '')}"}
    origin = request.headers.get("origin")
    if origin and origin != "null":
        return origin in allowed
    referer = request.headers.get("referer", "")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" in allowed
    return False


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site (never `//host` or a scheme), so no open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


def client_ip(request: Request) -> str:
    # nginx overwrites X-Real-IP with the browser's address; only nginx reaches this backend.
    return request.headers.get("x-real-ip") or (request.client.host if request.client else "")


def _secure(request: Request) -> bool:
    return request.headers.get("x-forwarded-proto", request.url.scheme) == "https"


def encode_flash(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()


def decode_flash(value: str) -> dict[str, Any]:
    try:
        data = json.loads(base64.urlsafe_b64decode(value.encode()))
    except (ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _back_to_form(request: Request, page: str, error: ApiError, **values: str) -> Response:
    answer = RedirectResponse(page, status_code=303)
    flash = {
        "form": page,
        "code": error.code,
        "status": error.status,
        "message": error.message,
        "fields": error.fields,
        "retry_after": error.retry_after,
        **values,
    }
    answer.set_cookie(
        FLASH_COOKIE,
        encode_flash(flash),
        max_age=FLASH_SECONDS,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
    )
    return answer


def _refused() -> Response:
    return JSONResponse(
        {
            "error": {
                "code": "cross_site",
                "message": "Cross-site form posts are refused.",
                "fields": {},
            }
        },
        status_code=403,
    )


async def _start_session(request: Request, email: str, password: str, target: str) -> Response:
    """Sign in through auth, keep the tokens server-side, and set the session cookie."""
    auth = AuthApi(
        shared_gateway(),
        client_ip=client_ip(request),
        user_agent=request.headers.get("user-agent"),
    )
    tokens = await auth.login(email, password)
    account = await auth.me(tokens.access_token)
    session_id = await shared_store().create(
        tokens,
        user_id=account.id,
        role=account.role,
        display_name=account.display_name,
        email=account.email,
    )
    profile = await _profile(tokens.access_token, request)
    if target == routes.TODAY and profile is None:
        target = routes.ONBOARDING
    answer = RedirectResponse(target, status_code=303)
    if profile is not None and profile.get("language") and profile.get("complete"):
        # The language chosen in the profile follows the account to this browser. A new
        # account's profile (before onboarding) holds only the default: the page's own
        # language stays, and onboarding saves it into the profile.
        answer.set_cookie(
            LANGUAGE_COOKIE,
            known(str(profile["language"])),
            max_age=LANGUAGE_MAX_AGE,
            samesite="lax",
            secure=_secure(request),
            path="/",
        )
    answer.set_cookie(
        COOKIE,
        session_id,
        max_age=SESSION_TTL_SECONDS,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
    )
    answer.delete_cookie(FLASH_COOKIE, path="/")
    return answer


async def _profile(access_token: str, request: Request) -> dict[str, Any] | None:
    """The user's profile, None when there is none yet (onboarding is next)."""
    try:
        answer = await shared_gateway().call(
            "GET", "/api/users/me", token=access_token, client_ip=client_ip(request)
        )
    except NotFound:
        return None
    except ApiError:
        return {}  # the dashboard will say what is wrong; onboarding is not the answer
    return answer if isinstance(answer, dict) else {}


@session_app.post("/session/login")
async def login(
    request: Request,
    email: str = Form("", max_length=254),
    password: str = Form("", max_length=200),
    next: str = Form("", max_length=500),
) -> Response:
    if not same_origin(request):
        return _refused()
    target = safe_next(next, routes.TODAY)
    try:
        return await _start_session(request, email.strip(), password, target)
    except ApiError as error:
        return _back_to_form(request, routes.LOGIN, error, email=email.strip(), next=target)


@session_app.post("/session/register")
async def register(
    request: Request,
    display_name: str = Form("", max_length=200),
    email: str = Form("", max_length=254),
    password: str = Form("", max_length=200),
) -> Response:
    if not same_origin(request):
        return _refused()
    auth = AuthApi(shared_gateway(), client_ip=client_ip(request))
    values = {"email": email.strip(), "display_name": display_name.strip()}
    try:
        await auth.register(email.strip(), password, display_name.strip())
        # Registration never says whether the address was taken (no enumeration): signing
        # in straight away tells the real owner; anyone else sees "wrong e-mail or password".
        return await _start_session(request, email.strip(), password, routes.ONBOARDING)
    except ApiError as error:
        return _back_to_form(request, routes.REGISTER, error, **values)


@session_app.post("/session/logout")
async def logout(request: Request, everywhere: str = Form("", max_length=5)) -> Response:
    if not same_origin(request):
        return _refused()
    session_id = request.cookies.get(COOKIE, "")
    store = shared_store()
    stored = await store.read(session_id)
    if stored is not None:
        try:
            token = await store.access_token(session_id)
            await AuthApi(shared_gateway(), client_ip=client_ip(request)).logout(
                token, everywhere=everywhere == "1"
            )
        except ApiError:
            pass  # the session is ended on our side below whatever auth answered
        await store.delete(session_id)
    answer = RedirectResponse(routes.LOGIN + "?signed_out=1", status_code=303)
    answer.delete_cookie(COOKIE, path="/")
    return answer
