"""The app factory every service uses: health, readiness, metrics, request ids, errors, logs."""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.dependencies.models import Dependant
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .account_erasure import EraseAccount, ErasedAccountWrites
from .cache import make_redis
from .errors import COMMON_ERROR_STATUSES, error_body, error_responses, install_error_handlers
from .identity import admin_principal, current_principal, trusted_networks
from .logs import configure_logging, request_id_var
from .metrics import MetricsMiddleware, metrics_endpoint
from .migrations import check_schema
from .openapi_document import serve_truthful_document
from .service_credentials import load_service_secret
from .sessions import RedisSessionCheck, SessionCheck
from .settings import ServiceSettings
from .strict_json import StrictJsonMiddleware
from .tokens import AccessTokenVerifier

log = logging.getLogger("fitledger.http")
ReadinessCheck = Callable[[], None]
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_BODY_METHODS = {"POST", "PUT", "PATCH"}


class RequestContextMiddleware:
    """Request id in and out, an access-log line per request, and 415 for non-JSON bodies."""

    def __init__(self, app: ASGIApp, body_types: Iterable[str] = ("application/json",)):
        self.app = app
        self.body_types = tuple(body_types)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        incoming = headers.get("x-request-id", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        # Also kept on the request: the 500 handler runs outside this middleware (see errors.py).
        scope.setdefault("state", {})["request_id"] = request_id
        status = {"code": 500}
        start = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            if self._unsupported_body(scope["method"], headers):
                response = JSONResponse(
                    error_body(
                        "unsupported_media_type",
                        f"Send the body as one of: {', '.join(self.body_types)}.",
                    ),
                    status_code=415,
                )
                await response(scope, receive, send_with_id)
            else:
                await self.app(scope, receive, send_with_id)
        finally:
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status["code"],
                    "duration_ms": round((time.perf_counter() - start) * 1000, 2),
                },
            )
            request_id_var.reset(token)

    def _unsupported_body(self, method: str, headers: dict[str, str]) -> bool:
        if method not in _BODY_METHODS:
            return False
        has_body = headers.get("content-length", "0") not in ("", "0") or (
            "transfer-encoding" in headers
        )
        if not has_body:
            return False
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        return content_type not in self.body_types


def _checked_lifespan(
    schema: tuple[str, Engine] | None,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[Any]] | None,
) -> Callable[[FastAPI], AbstractAsyncContextManager[Any]] | None:
    if schema is None:
        return lifespan

    @asynccontextmanager
    async def checked(app: FastAPI) -> AsyncIterator[Any]:
        check_schema(*schema)
        if lifespan is None:
            yield None
            return
        async with lifespan(app) as state:
            yield state

    return checked


def create_service_app(
    settings: ServiceSettings,
    *,
    routers: Iterable[APIRouter] = (),
    readiness: dict[str, ReadinessCheck] | None = None,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[Any]] | None = None,
    body_types: Iterable[str] = ("application/json",),
    verifier: AccessTokenVerifier | None = None,
    session_check: SessionCheck | None = None,
    readiness_timeout: float = 2.0,
    erase_account: EraseAccount | None = None,
    schema: tuple[str, Engine] | None = None,
) -> FastAPI:
    """Build a service's FastAPI app with everything every service must have.

    ``erase_account`` (services that store a user's data): what the service's
    ``auth.user.deleted`` handler erases, run again after a write that raced the deletion.
    ``schema`` (PostgreSQL services): the service's schema and engine; the process refuses to
    start on a schema a newer release migrated (``migrations.check_schema``).
    """
    configure_logging(settings.service_name, settings.instance_id, settings.log_level)
    local = settings.environment != "production"
    app = FastAPI(
        title=f"FitLedger {settings.service_name}",
        lifespan=_checked_lifespan(schema, lifespan),
        docs_url="/docs" if local else None,
        redoc_url=None,
        openapi_url="/openapi.json" if local else None,
    )
    app.state.settings = settings
    app.state.token_verifier = verifier or _verifier_from_settings(settings)
    app.state.session_check = session_check or _session_check_from_settings(settings)
    app.state.service_secret = load_service_secret(settings.service_secret_file)
    app.state.trusted_proxies = trusted_networks(settings.trusted_proxies)
    checks = readiness or {}

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {
            "status": "alive",
            "service": settings.service_name,
            "instance": settings.instance_id,
        }

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        results = await asyncio.gather(
            *(_run_check(check, readiness_timeout) for check in checks.values())
        )
        report = dict(zip(checks, results, strict=True))
        ready = all(r == "ok" for r in report.values())
        return JSONResponse(
            {
                "status": "ready" if ready else "not_ready",
                "service": settings.service_name,
                "instance": settings.instance_id,
                "checks": report,
            },
            status_code=200 if ready else 503,
        )

    app.add_route("/metrics", metrics_endpoint, include_in_schema=False)
    # Every route documents the errors the gateway and the kernel can give it (and 422 in
    # the one error shape, instead of FastAPI's default `{"detail": [...]}` schema).
    for router in routers:
        _document_identity_refusals(router)
        app.include_router(router, responses=error_responses(*COMMON_ERROR_STATUSES))
    install_error_handlers(app)
    serve_truthful_document(app)
    if erase_account is not None:
        app.add_middleware(
            ErasedAccountWrites, erase=erase_account, sessions=lambda: app.state.session_check
        )
    app.add_middleware(StrictJsonMiddleware, max_body_bytes=settings.max_json_body_bytes)
    app.add_middleware(MetricsMiddleware, service=settings.service_name)
    app.add_middleware(RequestContextMiddleware, body_types=tuple(body_types))
    return app


def _document_identity_refusals(router: APIRouter) -> None:
    """Routes that need a signed-in user document 401, admin routes also 403, whatever the
    route's own ``responses=`` says (the dependency answers them, not the route)."""
    for route in router.routes:
        if not isinstance(route, APIRoute):
            continue
        calls = {d.call for d in _all_dependencies(route.dependant)}
        statuses = [401] if current_principal in calls else []
        statuses += [403] if admin_principal in calls else []
        for status, spec in error_responses(*statuses).items():
            route.responses.setdefault(status, spec)


def _all_dependencies(dependant: Dependant) -> list[Dependant]:
    found = []
    for sub in dependant.dependencies:
        found += [sub, *_all_dependencies(sub)]
    return found


async def _run_check(check: ReadinessCheck, timeout: float) -> str:
    try:
        await asyncio.wait_for(run_in_threadpool(check), timeout)
        return "ok"
    except TimeoutError:
        return "timeout"
    except Exception as exc:
        return f"error: {type(exc).__name__}"


def _session_check_from_settings(settings: ServiceSettings) -> SessionCheck | None:
    url = settings.session_index_url or settings.redis_url
    if not url:
        return None  # tokens are then refused (fail closed), see identity.py
    return RedisSessionCheck(make_redis(url), cache_seconds=settings.session_cache_seconds)


def _verifier_from_settings(settings: ServiceSettings) -> AccessTokenVerifier | None:
    if not settings.jwt_public_keys_file:
        return None
    return AccessTokenVerifier.from_jwks_file(
        settings.jwt_public_keys_file,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        algorithms=settings.jwt_algorithms,
        leeway_seconds=settings.jwt_leeway_seconds,
    )
