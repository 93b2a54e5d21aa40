"""Aggregator HTTP routes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from .health import system_readiness

router = APIRouter(tags=["aggregator"])


@router.get("/api/health")
async def health(request: Request) -> JSONResponse:
    """200 when every service has a ready instance; 503 naming the ones that have none."""
    report = await system_readiness(request.app.state.http, request.app.state.settings.service_urls)
    not_ready = sorted(name for name, entry in report.items() if not entry["ready"])
    body = {
        "status": "ok" if not not_ready else "degraded",
        "not_ready": not_ready,
        "services": {name: entry["ready"] for name, entry in report.items()},
    }
    return JSONResponse(body, status_code=503 if not_ready else 200)
