"""Users service wiring: ``uvicorn backend_services.users.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from backend_services.kernel.db import make_engine, ping_database
from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.service_info import service_info_router

from .api import internal, router
from .service import UsersService
from .settings import UsersSettings


def create_app(settings: UsersSettings | None = None) -> FastAPI:
    settings = settings or UsersSettings()
    assert settings.database_url
    engine = make_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        pool_timeout=settings.db_pool_timeout_seconds,
        connect_timeout=settings.db_connect_timeout_seconds,
        application_name=settings.service_name,
    )
    app = create_service_app(
        settings,
        routers=[service_info_router(settings.service_name), router, internal],
        readiness={"postgres": lambda: ping_database(engine)},
    )
    app.state.engine = engine
    app.state.users_service = UsersService(engine)
    return app
