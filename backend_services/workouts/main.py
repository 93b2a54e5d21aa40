"""Workouts service wiring: ``uvicorn backend_services.workouts.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from backend_services.kernel.mongo import make_mongo_client, ping_mongo
from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.service_info import service_info_router

from .settings import WorkoutsSettings


def create_app(settings: WorkoutsSettings | None = None) -> FastAPI:
    settings = settings or WorkoutsSettings()
    assert settings.mongodb_uri
    client = make_mongo_client(settings.mongodb_uri)
    app = create_service_app(
        settings,
        routers=[service_info_router(settings.service_name)],
        readiness={"mongodb": lambda: ping_mongo(client)},
    )
    app.state.mongo = client
    return app
