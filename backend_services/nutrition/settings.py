"""Nutrition service settings."""

from __future__ import annotations

from pydantic import Field

from backend_services.kernel.settings import ServiceSettings


class NutritionSettings(ServiceSettings):
    service_name: str = "nutrition"
    required_in_production: tuple[str, ...] = ("database_url", "amqp_url")
    # Food-diary exports (diary_import_api.py): below the gateway's 2 MB body limit, so the
    # service answers why; a year of MyFitnessPal is ~150 KB, of Cronometer servings ~1-3 MB.
    diary_import_max_bytes: int = Field(default=1_900_000, gt=0, le=2_000_000)
