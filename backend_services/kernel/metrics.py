"""Prometheus metrics for HTTP services and workers, safe under several worker processes.

When ``PROMETHEUS_MULTIPROC_DIR`` is set (the local stack and the container images set it),
prometheus-client writes per-process files there and ``/metrics`` aggregates them.
"""

from __future__ import annotations

import os
import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as DEFAULT_REGISTRY
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

HTTP_REQUESTS = Counter(
    "http_requests_total", "HTTP requests handled.", ["service", "method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "http_request_duration_seconds",
    "HTTP request latency.",
    ["service", "method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
HTTP_IN_FLIGHT = Gauge(
    "http_requests_in_flight",
    "HTTP requests being handled.",
    ["service", "method", "route"],
    multiprocess_mode="livesum",
)


def metrics_registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return DEFAULT_REGISTRY


def metrics_response() -> Response:
    return Response(generate_latest(metrics_registry()), media_type=CONTENT_TYPE_LATEST)


def route_template(scope: Scope) -> str:
    """The route's path template (``/api/x/{id}``), never the raw path (bounded label values)."""
    app = scope.get("app")
    router = getattr(app, "router", None)
    for route in _flat_routes(getattr(router, "routes", [])):
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return str(getattr(route, "path_format", None) or getattr(route, "path", "unmatched"))
    return "unmatched"


def _flat_routes(routes: Any) -> Any:
    """FastAPI >= 0.16x keeps ``include_router`` routers as one opaque ``_IncludedRouter`` entry
    (no ``path``) instead of copying their routes into ``app.router.routes``; its public
    ``iter_route_contexts`` yields every effective route with its full (prefixed) template."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI: included routes are already flat
        return routes
    return iter_route_contexts(routes)


class MetricsMiddleware:
    """Counts, times and gauges every HTTP request by route template and status."""

    def __init__(self, app: ASGIApp, service: str):
        self.app, self.service = app, service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        route = route_template(scope)
        status = {"code": 500}

        async def send_wrapper(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        in_flight = HTTP_IN_FLIGHT.labels(self.service, method, route)
        in_flight.inc()
        start = time.perf_counter()
        try:
            await self.app(scope, receive, send_wrapper)  # type: ignore[arg-type]
        finally:
            in_flight.dec()
            labels = (self.service, method, route, str(status["code"]))
            HTTP_REQUESTS.labels(*labels).inc()
            HTTP_LATENCY.labels(*labels).observe(time.perf_counter() - start)


def metrics_endpoint(_: Request) -> Response:
    return metrics_response()
