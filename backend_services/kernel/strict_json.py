"""JSON request bodies read strictly, before any route sees them.

A service is reachable on its own port inside the cluster, so it enforces the same body limit
as the gateway (413), and refuses what ``json.loads`` would quietly accept: a key given twice
(the last one would win) is a 422. (NaN and Infinity are refused by the schemas' number types.)
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_body

_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _pairs_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKey(key)
        seen[key] = value
    return seen


def strict_loads(raw: bytes | str) -> Any:
    """``json.loads`` that refuses duplicate keys."""
    return json.loads(raw, object_pairs_hook=_pairs_without_duplicates)


def _is_json(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-type":
            kind = value.decode("latin-1").split(";")[0].strip().lower()
            return kind == "application/json" or kind.endswith("+json")
    return False


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class StrictJsonMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await self._too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        refusal = _refusal(body)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            error_body(
                "payload_too_large", f"The body may be at most {self.max_body_bytes} bytes."
            ),
            status_code=413,
        )
        await response(scope, receive, send)


def _refusal(body: bytes) -> JSONResponse | None:
    if not body.strip():
        return None
    try:
        strict_loads(body)
    except DuplicateKey as exc:
        return JSONResponse(
            error_body(
                "validation_error",
                "The body names a field more than once.",
                {exc.key: "given more than once"},
            ),
            status_code=422,
        )
    except (ValueError, RecursionError):
        return None  # not JSON at all: FastAPI answers its usual 422 for it
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
