"""Range queries to Prometheus's HTTP API (``/api/v1/query_range``)."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import httpx


class PrometheusUnavailable(Exception):
    """Prometheus is not configured, cannot be reached, or refused the query."""


async def query_range(
    client: httpx.AsyncClient,
    base_url: str,
    query: str,
    *,
    start: datetime,
    end: datetime,
    step_seconds: int,
    timeout: float,
) -> list[dict[str, Any]]:
    """``[{labels, points: [[unix seconds, value]]}]``; NaN and infinite samples (a quantile
    of no requests) are left out, so every point is a number."""
    try:
        response = await client.get(
            f"{base_url.rstrip('/')}/api/v1/query_range",
            params={
                "query": query,
                "start": start.timestamp(),
                "end": end.timestamp(),
                "step": step_seconds,
            },
            timeout=timeout,
        )
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise PrometheusUnavailable(
            f"Prometheus cannot be reached ({type(exc).__name__})."
        ) from exc
    if response.status_code != 200 or body.get("status") != "success":
        reason = body.get("error") if isinstance(body, dict) else None
        raise PrometheusUnavailable(
            f"Prometheus refused the query ({response.status_code}: {reason or 'no reason'})."
        )
    return [_series(result) for result in body["data"]["result"]]


def _series(result: dict[str, Any]) -> dict[str, Any]:
    points = []
    for moment, value in result.get("values", []):
        number = float(value)
        if math.isfinite(number):
            points.append([float(moment), number])
    return {"labels": dict(result.get("metric", {})), "points": points}
