"""Domain errors and the one mapping from them to HTTP responses.

Every error body has the same shape: ``{"error": {"code", "message", "fields"}}``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from .logs import request_id_var

log = logging.getLogger(__name__)


class DomainError(Exception):
    """Base of every error a use case raises on purpose."""

    status: int = 400
    code: str = "bad_request"

    def __init__(
        self, message: str, *, fields: dict[str, str] | None = None, code: str | None = None
    ):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        if code:
            self.code = code


class NotFound(DomainError):
    status, code = 404, "not_found"


class Conflict(DomainError):
    status, code = 409, "conflict"


class Unauthorized(DomainError):
    status, code = 401, "unauthorized"


class Forbidden(DomainError):
    status, code = 403, "forbidden"


class InvalidInput(DomainError):
    status, code = 422, "validation_error"


class RateLimited(DomainError):
    status, code = 429, "rate_limited"

    def __init__(self, message: str, *, retry_after: int, **kw: Any):
        super().__init__(message, **kw)
        self.retry_after = retry_after


class DependencyUnavailable(DomainError):
    status, code = 503, "service_unavailable"


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    503: "service_unavailable",
}


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable reason, e.g. `not_found`.")
    message: str = Field(description="A sentence for people.")
    fields: dict[str, str] = Field(description="Per-field problems (`field.path`: message).")


class ErrorBody(BaseModel):
    """The one error shape: ``{"error": {"code", "message", "fields"}}``."""

    error: ErrorDetail


_DESCRIPTIONS = {
    400: "Malformed request (unparsable body, path tricks refused by the gateway).",
    401: "Not signed in, or the session has ended.",
    403: "Signed in, but not allowed.",
    404: "No such record (or not yours).",
    409: "Conflicts with the current state.",
    413: "Body too large.",
    414: "Address too long (the gateway refuses it).",
    415: "Unsupported body content type.",
    422: "The request is not valid; `fields` says why.",
    429: "Too many requests; see Retry-After.",
    503: "A dependency is unavailable; retry later.",
}

# What any route may answer, whatever it does: the gateway's and the kernel's own errors.
# Routes add the statuses their use case produces (401, 403, 404, 409) with error_responses().
COMMON_ERROR_STATUSES = (400, 413, 414, 415, 422, 429, 503)


def refusals(**rules: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI 422 of a route whose use case refuses more than its schema can say (a check
    digit, a password list, a range across two fields): the rules by field, so every refusal
    is in the document (tests/api/security/test_documented_refusals.py)."""
    listed = "; ".join(f"`{field}`: {rule}" for field, rule in rules.items())
    entry = error_responses(422)[422]
    entry["description"] = f"{_DESCRIPTIONS[422]} Besides the schema: {listed}."
    return {422: entry}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` for routes that can answer these statuses with ErrorBody."""
    # The content type is explicit, so routes answering HTML or CSV still document their
    # errors as the JSON they are.
    return {
        status: {
            "model": ErrorBody,
            "description": _DESCRIPTIONS.get(status, "Error."),
            "content": {"application/json": {}},
        }
        for status in statuses
    }


def error_body(code: str, message: str, fields: dict[str, str] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def error_response(
    status: int,
    code: str,
    message: str,
    fields: dict[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(code, message, fields), status_code=status, headers=headers)


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or str(loc[0] if loc else "request")


def validation_fields(exc: RequestValidationError) -> dict[str, str]:
    fields: dict[str, str] = {}
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            # the location is the character offset in the body, not a field: say so
            fields.setdefault("body", _json_error(err, exc.body))
            continue
        fields.setdefault(_field_path(tuple(err.get("loc", ()))), str(err.get("msg", "invalid")))
    return fields


def _json_error(err: dict[str, Any], document: Any) -> str:
    """The message for a json_invalid error, with the place as an editor shows it:
    "not valid JSON at line 2, column 5 (character 17): Expecting ..."."""
    loc = tuple(err.get("loc", ()))
    where = next((p for p in loc if isinstance(p, int)), None)
    reason = (err.get("ctx") or {}).get("error")
    text = "not valid JSON"
    if where is not None:
        text += f" at {_json_position(document, where)}"
    return f"{text}: {reason}" if reason else text


def _json_position(document: Any, offset: int) -> str:
    """``line L, column C (character N)`` for a character offset in a JSON body (lines and
    columns from 1, as json.JSONDecodeError counts them); the offset alone when the body is
    not at hand as text."""
    if isinstance(document, bytes):
        document = document.decode("utf-8", errors="replace")
    if not isinstance(document, str) or offset > len(document):
        return f"character {offset}"
    line = document.count("\n", 0, offset) + 1
    column = offset - document.rfind("\n", 0, offset)
    return f"line {line}, column {column} (character {offset})"


def _allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method the API answers at this path, read from the OpenAPI document (the
    router's own 405 names too few: GET, POST and DELETE of one path are separate routes).
    Not HEAD: FastAPI's routes do not answer it, and ``Allow`` names only what is served."""
    table: list[tuple[re.Pattern[str], set[str]]] | None = getattr(app.state, "allow_table", None)
    if table is None:
        table = [
            (compile_path(path)[0], {m.upper() for m in item if m.upper() in _METHODS})
            for path, item in app.openapi().get("paths", {}).items()
        ]
        app.state.allow_table = table
    methods = set().union(*(m for regex, m in table if regex.match(request.url.path)))
    return sorted(methods)


_METHODS = {"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD"}


def install_error_handlers(app: FastAPI) -> None:
    """Map every exception to the one error shape; never leak a stack trace or SQL."""

    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
        return error_response(exc.status, exc.code, exc.message, exc.fields, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(
            422, "validation_error", "The request is not valid.", validation_fields(exc)
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        headers = exc.headers
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": ", ".join(_allowed_methods(app, request))}
        return error_response(exc.status_code, code, message, headers=headers)

    @app.exception_handler(DBAPIError)
    async def _database(_: Request, exc: DBAPIError) -> JSONResponse:
        log.error("database error", extra={"error": type(exc.orig).__name__ if exc.orig else "?"})
        if exc.connection_invalidated or _is_connection_error(exc):
            return error_response(
                503,
                "service_unavailable",
                "The database is unavailable.",
                headers={"Retry-After": "5"},
            )
        if _is_data_error(exc):
            # Values the database cannot hold (NUL in text, out-of-range numbers) that slipped
            # past validation: the client's input, not our failure; nothing was stored.
            return error_response(
                422, "validation_error", "The request holds a value that cannot be stored."
            )
        return error_response(500, "internal_error", "Something went wrong on our side.")

    @app.exception_handler(PoolTimeoutError)
    async def _pool(_: Request, exc: PoolTimeoutError) -> JSONResponse:
        return error_response(
            503,
            "service_unavailable",
            "The database is busy or unavailable.",
            headers={"Retry-After": "5"},
        )

    # Store outages get their own handlers: a handler registered for ``Exception`` runs in
    # Starlette's outermost ServerErrorMiddleware, i.e. after the exception has already passed
    # the request-id and metrics middleware (the 503 went out without X-Request-ID, was counted
    # and logged as a 500, and the server logged a traceback on every request of an outage).
    async def _outage(_: Request, exc: Exception) -> JSONResponse:
        log.warning("dependency unavailable", extra={"error": type(exc).__name__})
        return error_response(
            503,
            "service_unavailable",
            "A dependency is unavailable.",
            headers={"Retry-After": "5"},
        )

    for outage_type in _dependency_outage_types():
        app.add_exception_handler(outage_type, _outage)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Runs in Starlette's outermost middleware, after the request-id middleware has
        # finished: take the id from the request state so the 500 still carries it.
        request_id = getattr(request.state, "request_id", None)
        id_header = {"X-Request-ID": request_id} if request_id else {}
        if is_dependency_outage(exc):
            return error_response(
                503,
                "service_unavailable",
                "A dependency is unavailable.",
                headers={"Retry-After": "5", **id_header},
            )
        token = request_id_var.set(request_id or "-")
        try:
            log.exception("unhandled error")
        finally:
            request_id_var.reset(token)
        return error_response(
            500, "internal_error", "Something went wrong on our side.", headers=id_header
        )


def _is_data_error(exc: DBAPIError) -> bool:
    import psycopg

    return isinstance(exc.orig, psycopg.DataError)


def _is_connection_error(exc: DBAPIError) -> bool:
    import psycopg

    return isinstance(exc.orig, psycopg.OperationalError)


def _dependency_outage_types() -> tuple[type[Exception], ...]:
    import psycopg
    import pymongo.errors
    import redis.exceptions

    return (
        redis.exceptions.ConnectionError,
        redis.exceptions.TimeoutError,
        pymongo.errors.ConnectionFailure,
        pymongo.errors.ServerSelectionTimeoutError,
        psycopg.OperationalError,
    )


def is_dependency_outage(exc: BaseException) -> bool:
    """True for connection failures of Redis, MongoDB or PostgreSQL (answer 503, not 500)."""
    return isinstance(exc, _dependency_outage_types())
