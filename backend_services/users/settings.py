"""Users service settings."""

from __future__ import annotations

from backend_services.kernel.settings import ServiceSettings


class UsersSettings(ServiceSettings):
    service_name: str = "users"
    required_in_production: tuple[str, ...] = ("database_url", "amqp_url")
