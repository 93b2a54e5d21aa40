"""Aggregator wiring: ``uvicorn backend_services.aggregator.main:create_app --factory``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from backend_services.kernel.service_app import create_service_app

from . import api
from .dashboard import ServiceDirectory
from .settings import AggregatorSettings


def create_app(settings: AggregatorSettings | None = None) -> FastAPI:
    settings = settings or AggregatorSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
        async with httpx.AsyncClient(
            timeout=settings.upstream_timeout_seconds, limits=limits
        ) as client:
            app.state.http = client
            yield

    app = create_service_app(settings, routers=[api.router, api.dashboard], lifespan=lifespan)
    app.state.directory = ServiceDirectory(settings.service_urls)
    return app
