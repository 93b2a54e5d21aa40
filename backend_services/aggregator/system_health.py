"""The admin system-health page's data: each service's readiness per instance and the key
series from Prometheus over a time range; Prometheus down or unset fails only the graphs."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from .health import readiness_by_service
from .prometheus import PrometheusUnavailable, query_range
from .settings import AggregatorSettings
from .system_series import KEY_SERIES

POINTS_PER_GRAPH = 120  # the step is the range over this, and at least 15 s (the scrape)
MIN_STEP_SECONDS = 15


def step_for(minutes: int) -> int:
    return max(MIN_STEP_SECONDS, minutes * 60 // POINTS_PER_GRAPH)


async def system_health(
    client: httpx.AsyncClient, settings: AggregatorSettings, minutes: int
) -> dict[str, Any]:
    end = datetime.now(UTC)
    start = end - timedelta(minutes=minutes)
    step = step_for(minutes)
    services, graphs = await asyncio.gather(
        readiness_by_service(client, settings.instances_to_check),
        _graphs(client, settings, start, end, step),
    )
    return {
        "status": "ok" if all(s["ready"] for s in services) else "degraded",
        "services": services,
        "range": {"start": start, "end": end, "step_seconds": step},
        **graphs,
    }


async def _graphs(
    client: httpx.AsyncClient,
    settings: AggregatorSettings,
    start: datetime,
    end: datetime,
    step: int,
) -> dict[str, Any]:
    if not settings.prometheus_url:
        return _no_graphs("PROMETHEUS_URL is not set: no graphs.")
    try:
        results = await asyncio.gather(
            *(
                query_range(
                    client,
                    settings.prometheus_url,
                    series.query,
                    start=start,
                    end=end,
                    step_seconds=step,
                    timeout=settings.prometheus_timeout_seconds,
                )
                for series in KEY_SERIES
            )
        )
    except PrometheusUnavailable as exc:
        return _no_graphs(str(exc))
    return {
        "graphs_error": None,
        "graphs": [
            {
                "name": series.name,
                "title": series.title,
                "unit": series.unit,
                "query": series.query,
                "series": result,
            }
            for series, result in zip(KEY_SERIES, results, strict=True)
        ],
    }


def _no_graphs(message: str) -> dict[str, Any]:
    return {"graphs_error": {"code": "prometheus_unavailable", "message": message}, "graphs": []}
