"""Users service wiring: ``uvicorn backend_services.users.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from backend_services.kernel.account_erasure import erase_in_transaction
from backend_services.kernel.db import ping_database, service_engine
from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.service_info import service_info_router

from .api import internal, router
from .event_effects import delete_user_data
from .service import UsersService
from .settings import UsersSettings


def create_app(settings: UsersSettings | None = None) -> FastAPI:
    settings = settings or UsersSettings()
    engine = service_engine(settings)
    app = create_service_app(
        settings,
        routers=[service_info_router(settings.service_name), router, internal],
        readiness={"postgres": lambda: ping_database(engine)},
        erase_account=erase_in_transaction(engine, delete_user_data),
        schema=("users", engine),
    )
    app.state.engine = engine
    app.state.users_service = UsersService(engine)
    return app
