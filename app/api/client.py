"""Typed HTTP calls from the UI backend to the nginx gateway."""

from __future__ import annotations

import os
from dataclasses import dataclass

import httpx

DEFAULT_GATEWAY_INTERNAL_URL = "http://127.0.0.1:8080"
HEALTH_PATH = "/api/health"
TIMEOUT_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class ServiceHealth:
    """Readiness of one backend service as reported by the gateway."""

    name: str
    ready: bool


@dataclass(frozen=True, slots=True)
class GatewayHealth:
    """The gateway's health report; `error` is set when the gateway could not be read."""

    services: tuple[ServiceHealth, ...]
    error: str | None = None


def gateway_internal_url() -> str:
    """Base URL the UI backend uses to reach the gateway (not the browser-facing one)."""
    return os.environ.get("GATEWAY_INTERNAL_URL", DEFAULT_GATEWAY_INTERNAL_URL).rstrip("/")


def _is_ready(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, dict):
        return _is_ready(value.get("ready", value.get("status")))
    return str(value).lower() in {"ok", "ready", "up", "healthy", "pass", "true"}


def parse_health(payload: object) -> tuple[ServiceHealth, ...]:
    """Read per-service readiness from the gateway's JSON.

    Accepts `{"services": {...}}` or a flat `{name: status}` mapping, where a status is
    a bool, a string such as "ok", or an object with `ready`/`status`; the aggregate
    contract is owned by backend_services, so this stays lenient.
    """
    if not isinstance(payload, dict):
        return ()
    services = payload.get("services", payload)
    if isinstance(services, list):
        pairs = [(str(item.get("name", "?")), item) for item in services if isinstance(item, dict)]
    elif isinstance(services, dict):
        pairs = [(str(name), value) for name, value in services.items()]
    else:
        return ()
    return tuple(ServiceHealth(name=name, ready=_is_ready(value)) for name, value in sorted(pairs))


async def fetch_gateway_health(base_url: str | None = None) -> GatewayHealth:
    """GET {gateway}/api/health; network and HTTP failures become `GatewayHealth.error`."""
    url = (base_url or gateway_internal_url()) + HEALTH_PATH
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
            response = await client.get(url)
        # A 503 still carries the per-service report, so read the body when it is JSON.
        payload = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        return GatewayHealth(services=(), error=f"{type(exc).__name__}: {exc}")
    services = parse_health(payload)
    if not services and response.is_error:
        return GatewayHealth(services=(), error=f"HTTP {response.status_code}")
    return GatewayHealth(services=services)
