"""Nutrition service wiring: ``uvicorn backend_services.nutrition.main:create_app --factory``."""

from __future__ import annotations

from fastapi import FastAPI

from backend_services.kernel.account_erasure import erase_in_transaction
from backend_services.kernel.db import ping_database, service_engine
from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.service_info import service_info_router

from . import diary_import_api, food_admin_api, repository, water_fasting_api
from .api import router
from .diary_import import DiaryImports
from .food_admin import FoodAdmin
from .service import NutritionService
from .settings import NutritionSettings
from .water_fasting import WaterAndFasting


def create_app(settings: NutritionSettings | None = None) -> FastAPI:
    settings = settings or NutritionSettings()
    engine = service_engine(settings)
    app = create_service_app(
        settings,
        routers=[
            service_info_router(settings.service_name),
            router,
            diary_import_api.router,
            food_admin_api.reports,
            food_admin_api.router,
            water_fasting_api.router,
        ],
        readiness={"postgres": lambda: ping_database(engine)},
        erase_account=erase_in_transaction(engine, repository.delete_user_data),
        schema=("nutrition", engine),
        # multipart for the food-diary export uploads (diary_import_api.py)
        body_types=("application/json", "multipart/form-data"),
    )
    app.state.nutrition_service = NutritionService(engine)
    app.state.food_admin = FoodAdmin(engine)
    app.state.water_fasting = WaterAndFasting(engine)
    app.state.diary_imports = DiaryImports(engine)
    app.state.diary_import_max_bytes = settings.diary_import_max_bytes
    return app
