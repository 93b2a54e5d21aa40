"""Nutrition service settings."""

from __future__ import annotations

from backend_services.kernel.settings import ServiceSettings


class NutritionSettings(ServiceSettings):
    service_name: str = "nutrition"
    required_in_production: tuple[str, ...] = ("database_url", "amqp_url")
