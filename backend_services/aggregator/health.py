"""Whole-system readiness: every service is ready when at least one of its instances is."""

from __future__ import annotations

import asyncio

import httpx


async def instance_ready(client: httpx.AsyncClient, base_url: str) -> bool:
    try:
        response = await client.get(f"{base_url}/readyz")
    except httpx.HTTPError:
        return False
    return response.status_code == 200


async def system_readiness(
    client: httpx.AsyncClient, service_urls: dict[str, list[str]]
) -> dict[str, dict[str, object]]:
    """``{service: {"ready": bool, "instances": {url: bool}}}``, all asked concurrently."""
    pairs = [(name, url) for name, urls in service_urls.items() for url in urls]
    answers = await asyncio.gather(*(instance_ready(client, url) for _, url in pairs))
    report: dict[str, dict[str, object]] = {}
    for (name, url), ready in zip(pairs, answers, strict=True):
        entry = report.setdefault(name, {"ready": False, "instances": {}})
        entry["instances"][url] = ready  # type: ignore[index]
        entry["ready"] = bool(entry["ready"]) or ready
    return report
