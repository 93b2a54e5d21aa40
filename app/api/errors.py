"""What a failed gateway call means to the UI: one exception family, read from the error body.

Every service answers errors as `{"error": {"code", "message", "fields"}}`; nginx answers its own
4xx/5xx in the same shape. Forms show `fields` next to their inputs and `message` above them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ApiError(Exception):
    """A refused or failed call; `fields` maps an input name to its problem in plain words."""

    status: int
    code: str
    message: str
    fields: dict[str, str] = field(default_factory=dict)
    retry_after: int | None = None

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.message}"


class Unauthorized(ApiError):
    """401: no valid session (expired, revoked, or wrong credentials on sign-in)."""


class Forbidden(ApiError):
    """403: signed in, but not allowed (admin pages, a disabled account)."""


class NotFound(ApiError):
    """404: nothing there, or not the caller's."""


class Conflict(ApiError):
    """409: the change clashes with the current state."""


class ValidationFailed(ApiError):
    """422/400: the input was refused; `fields` says which input and why."""


class Throttled(ApiError):
    """429: too many attempts; `retry_after` seconds until the next one is accepted."""


class Unavailable(ApiError):
    """502/503/504 or no answer at all: a service is down; nothing was changed."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: ValidationFailed,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: ValidationFailed,
    415: ValidationFailed,
    422: ValidationFailed,
    429: Throttled,
    502: Unavailable,
    503: Unavailable,
    504: Unavailable,
}

GENERIC_MESSAGE = "Something went wrong on our side. Please try again in a moment."


def _field_name(path: str) -> str:
    """`items.0.grams` → `grams`: forms name their inputs by the last part of the path."""
    return path.rsplit(".", 1)[-1]


def error_from_response(status: int, body: Any, retry_after: str | None = None) -> ApiError:
    """The exception for an error answer; a body that is not our error shape still maps."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        error = {}
    code = str(error.get("code") or f"http_{status}")
    message = str(error.get("message") or GENERIC_MESSAGE)
    raw_fields = error.get("fields") if isinstance(error.get("fields"), dict) else {}
    fields = {_field_name(str(k)): str(v) for k, v in (raw_fields or {}).items()}
    wait: int | None = None
    if retry_after and retry_after.strip().isdigit():
        wait = int(retry_after.strip())
    kind = _BY_STATUS.get(status, Unavailable if status >= 500 else ApiError)
    return kind(status=status, code=code, message=message, fields=fields, retry_after=wait)


def unreachable() -> Unavailable:
    """No answer from the gateway (refused, timed out): said plainly; nothing was changed."""
    return Unavailable(
        status=503,
        code="unreachable",
        message="FitLedger cannot reach its servers right now. Please try again shortly.",
    )
