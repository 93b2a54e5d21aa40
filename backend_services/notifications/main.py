"""Notifications service wiring (ASGI factory `create_app`)."""

from __future__ import annotations

from fastapi import FastAPI

from backend_services.kernel.account_erasure import erase_in_transaction
from backend_services.kernel.db import ping_database, service_engine
from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.service_info import service_info_router
from backend_services.stack.event_catalogue import dead_letter_queues

from . import dead_letters_api, repository
from .api import router
from .dead_letter_admin import DeadLetterAdmin
from .push import load_or_create_vapid_key, vapid_public_key
from .service import NotificationsService
from .settings import NotificationsSettings


def create_app(settings: NotificationsSettings | None = None) -> FastAPI:
    settings = settings or NotificationsSettings()
    engine = service_engine(settings)
    public_key = vapid_public_key(load_or_create_vapid_key(settings.vapid_private_key_file))
    app = create_service_app(
        settings,
        routers=[service_info_router(settings.service_name), router, dead_letters_api.router],
        readiness={"postgres": lambda: ping_database(engine)},
        # RFC 8058 one-click unsubscribe posts a form body.
        body_types=("application/json", "application/x-www-form-urlencoded"),
        erase_account=erase_in_transaction(engine, repository.delete_user),
        schema=("notifications", engine),
    )
    app.state.engine = engine
    app.state.notifications_service = NotificationsService(engine, settings, public_key)
    # the queues come from every worker's declared subscriptions, not a list kept by hand
    app.state.dead_letter_admin = DeadLetterAdmin(
        engine, settings.require("amqp_url"), dead_letter_queues()
    )
    return app
