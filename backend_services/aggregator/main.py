"""Aggregator wiring: ``uvicorn backend_services.aggregator.main:create_app --factory``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from backend_services.kernel.internal_http import AsyncInternalClient, ServiceInstances
from backend_services.kernel.service_app import create_service_app

from . import api
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
            app.state.services = AsyncInternalClient(
                client, ServiceInstances(settings.service_urls)
            )
            yield

    app = create_service_app(
        settings, routers=[api.router, api.dashboard, api.aggregator], lifespan=lifespan
    )
    return app
