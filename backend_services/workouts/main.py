"""Workouts service wiring: ``uvicorn backend_services.workouts.main:create_app --factory``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from pymongo.errors import PyMongoError

from backend_services.kernel.internal_http import InternalClient, ServiceInstances
from backend_services.kernel.mongo import default_database, make_mongo_client, ping_mongo
from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.service_credentials import credential_headers
from backend_services.kernel.service_info import service_info_router

from .account_deletion import erase_user
from .api import router
from .catalog import BUILTIN_EXERCISES, exercise_document
from .imports_api import router as imports_router
from .program_service import ProgramService
from .reports import ReportService
from .repository import WorkoutsRepository
from .service import WorkoutService
from .settings import WorkoutsSettings
from .strength_imports_api import router as strength_imports_router
from .weights_client import UsersServiceWeights

log = logging.getLogger("fitledger.workouts")


def create_app(settings: WorkoutsSettings | None = None) -> FastAPI:
    settings = settings or WorkoutsSettings()
    client = make_mongo_client(settings.require("mongodb_uri"))
    repo = WorkoutsRepository(default_database(client))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Indexes and the built-in catalog are idempotent; a store that is down at start-up
        # leaves the app running (readiness says so) and the next start creates them.
        try:
            await run_in_threadpool(prepare_database, repo)
        except PyMongoError as exc:
            log.warning("workouts store not prepared at start-up", extra={"error": repr(exc)})
        yield
        users.close()
        client.close()

    app = create_service_app(
        settings,
        routers=[
            service_info_router(settings.service_name),
            router,
            # before the health imports: their /imports/{provider} would take /strong
            strength_imports_router,
            imports_router,
        ],
        readiness={"mongodb": lambda: ping_mongo(client)},
        lifespan=lifespan,
        body_types=("application/json", "multipart/form-data"),
        erase_account=lambda user_id: erase_user(repo.db, user_id),
    )
    users = InternalClient(
        httpx.Client(
            timeout=settings.users_timeout_seconds,
            headers=credential_headers(app.state.service_secret, "workouts"),
        ),
        ServiceInstances(settings.service_urls),
    )
    workouts = WorkoutService(repo, UsersServiceWeights(users))
    app.state.mongo = client
    app.state.repository = repo
    app.state.workout_service = workouts
    app.state.program_service = ProgramService(repo, workouts.clock)
    app.state.report_service = ReportService(repo, workouts)
    app.state.import_settings = settings
    return app


def prepare_database(repo: WorkoutsRepository) -> None:
    repo.create_indexes()
    repo.upsert_exercises(exercise_document(ex) for ex in BUILTIN_EXERCISES)
