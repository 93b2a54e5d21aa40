"""Readiness of every instance of every service (each one's ``/readyz``), asked concurrently;
a service is ready when at least one of its instances is."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx


async def instance_readiness(client: httpx.AsyncClient, base_url: str) -> dict[str, Any]:
    """``{url, ready, instance, checks, error}`` from the instance's ``/readyz``.

    A transport error is tried once more on a new connection: a pooled keep-alive connection
    the instance has just closed fails the first request without saying anything about it."""
    for attempt in (1, 2):
        try:
            response = await client.get(f"{base_url}/readyz")
            break
        except httpx.TransportError as exc:
            if attempt == 2:
                return _answer(base_url, False, error=f"unreachable ({type(exc).__name__})")
        except httpx.HTTPError as exc:
            return _answer(base_url, False, error=f"unreachable ({type(exc).__name__})")
    try:
        body = response.json()
    except ValueError:
        body = None
    report = body if isinstance(body, dict) else {}
    checks = report.get("checks")
    return _answer(
        base_url,
        response.status_code == 200,
        instance=report.get("instance"),
        checks=checks if isinstance(checks, dict) else {},
        error=None if response.status_code == 200 else f"/readyz answered {response.status_code}",
    )


def _answer(
    url: str,
    ready: bool,
    *,
    instance: Any = None,
    checks: dict[str, Any] | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    return {
        "url": url,
        "ready": ready,
        "instance": None if instance is None else str(instance),
        "checks": {str(k): str(v) for k, v in (checks or {}).items()},
        "error": error,
    }


async def readiness_by_service(
    client: httpx.AsyncClient, service_urls: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """``[{service, ready, instances: [instance_readiness...]}]`` in the settings' order."""
    pairs = [(name, url) for name, urls in service_urls.items() for url in urls]
    answers = await asyncio.gather(*(instance_readiness(client, url) for _, url in pairs))
    services: dict[str, dict[str, Any]] = {
        name: {"service": name, "ready": False, "instances": []} for name in service_urls
    }
    for (name, _), answer in zip(pairs, answers, strict=True):
        services[name]["instances"].append(answer)
        services[name]["ready"] = services[name]["ready"] or answer["ready"]
    return list(services.values())


async def system_readiness(
    client: httpx.AsyncClient, service_urls: dict[str, list[str]]
) -> dict[str, dict[str, object]]:
    """``{service: {"ready": bool, "instances": {url: bool}}}``."""
    return {
        entry["service"]: {
            "ready": entry["ready"],
            "instances": {i["url"]: i["ready"] for i in entry["instances"]},
        }
        for entry in await readiness_by_service(client, service_urls)
    }
