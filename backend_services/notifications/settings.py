"""Notifications service settings."""

from __future__ import annotations

from backend_services.kernel.settings import ServiceSettings


class NotificationsSettings(ServiceSettings):
    service_name: str = "notifications"
    required_in_production: tuple[str, ...] = ("database_url", "amqp_url")
