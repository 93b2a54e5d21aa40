"""The one HTTP door from the UI backend to the nginx gateway's public REST API.

No UI code talks to a service port or a database: every call goes through `Gateway.call`,
which turns error answers into `app.api.errors` exceptions. `Authorized` adds the user's
access token and renews it once when the gateway says it expired.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Protocol

import httpx

from app.api.errors import Unauthorized, error_from_response, unreachable

DEFAULT_GATEWAY_INTERNAL_URL = "http://127.0.0.1:8080"
TIMEOUT = httpx.Timeout(10.0, connect=3.0)
# Tells the gateway which browser address a call is made for (rate limits, brute-force
# throttling); nginx believes it only together with the shared UI key.
CLIENT_IP_HEADER = "X-FitLedger-Client-IP"
UI_KEY_HEADER = "X-FitLedger-UI-Key"


def gateway_internal_url() -> str:
    """Base URL the UI backend uses to reach the gateway (not necessarily the browser's)."""
    return os.environ.get("GATEWAY_INTERNAL_URL", DEFAULT_GATEWAY_INTERNAL_URL).rstrip("/")


def ui_key() -> str:
    """The secret shared with nginx that lets it trust CLIENT_IP_HEADER ('' = not configured)."""
    path = os.environ.get("UI_GATEWAY_KEY_FILE", "")
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    return os.environ.get("UI_GATEWAY_KEY", "")


class Gateway:
    """JSON over HTTP to the gateway with one pooled client per process."""

    def __init__(
        self, base_url: str | None = None, transport: httpx.AsyncBaseTransport | None = None
    ):
        self.base_url = (base_url or gateway_internal_url()).rstrip("/")
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._ui_key = ui_key()

    def _http(self) -> httpx.AsyncClient:
        # Built on first use, never at import time (the event loop does not exist yet).
        if self._client is None or self._client.is_closed:
            self._client = httpx.AsyncClient(
                base_url=self.base_url, timeout=TIMEOUT, transport=self._transport
            )
        return self._client

    async def call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        client_ip: str | None = None,
        files: Any = None,
        raw: bool = False,
        user_agent: str | None = None,
    ) -> Any:
        """The decoded JSON answer (None for 204; the response itself when `raw`).
        `user_agent`: the browser's, on sign-in, so the session list names the real device."""
        headers: dict[str, str] = {"Accept": "application/json"}
        if user_agent:
            headers["User-Agent"] = user_agent[:400]
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        if client_ip and self._ui_key:
            headers[CLIENT_IP_HEADER] = client_ip
            headers[UI_KEY_HEADER] = self._ui_key
        query = {k: v for k, v in (params or {}).items() if v is not None}
        try:
            response = await self._http().request(
                method, path, json=json, params=query, headers=headers, files=files
            )
        except httpx.HTTPError as exc:
            raise unreachable() from exc
        if response.is_error:
            try:
                body = response.json()
            except ValueError:
                body = None
            raise error_from_response(
                response.status_code, body, response.headers.get("retry-after")
            )
        if raw:
            return response
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise unreachable() from exc


class TokenSource(Protocol):
    """Where `Authorized` gets the user's access token (the UI's server-side session)."""

    async def access_token(self) -> str: ...

    async def renewed_access_token(self, rejected: str) -> str:
        """A new token after `rejected` was refused; raises Unauthorized when the session ended."""
        ...


class Authorized:
    """Gateway calls as one signed-in user; a 401 renews the token once and repeats the call.

    Repeating is safe: a 401 comes from the gateway's token check, before any service ran.
    """

    def __init__(self, gateway: Gateway, tokens: TokenSource, client_ip: str | None = None):
        self.gateway = gateway
        self.tokens = tokens
        self.client_ip = client_ip

    async def call(self, method: str, path: str, **kwargs: Any) -> Any:
        token = await self.tokens.access_token()
        try:
            return await self.gateway.call(
                method, path, token=token, client_ip=self.client_ip, **kwargs
            )
        except Unauthorized:
            token = await self.tokens.renewed_access_token(token)
            return await self.gateway.call(
                method, path, token=token, client_ip=self.client_ip, **kwargs
            )

    async def get(self, path: str, **kwargs: Any) -> Any:
        return await self.call("GET", path, **kwargs)

    async def post(self, path: str, **kwargs: Any) -> Any:
        return await self.call("POST", path, **kwargs)

    async def put(self, path: str, **kwargs: Any) -> Any:
        return await self.call("PUT", path, **kwargs)

    async def patch(self, path: str, **kwargs: Any) -> Any:
        return await self.call("PATCH", path, **kwargs)

    async def delete(self, path: str, **kwargs: Any) -> Any:
        return await self.call("DELETE", path, **kwargs)


_shared: Gateway | None = None


def shared_gateway() -> Gateway:
    """The process-wide gateway client (one connection pool per UI backend worker)."""
    global _shared
    if _shared is None:
        _shared = Gateway()
    return _shared
