"""Workouts service settings."""

from __future__ import annotations

from backend_services.kernel.settings import ServiceSettings


class WorkoutsSettings(ServiceSettings):
    service_name: str = "workouts"
    required_in_production: tuple[str, ...] = ("mongodb_uri", "amqp_url")
