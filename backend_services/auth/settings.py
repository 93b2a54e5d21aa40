"""Auth service settings."""

from __future__ import annotations

from backend_services.kernel.settings import ServiceSettings


class AuthSettings(ServiceSettings):
    service_name: str = "auth"
    signing_keys_dir: str = ".local/keys"
    access_token_ttl_seconds: int = 15 * 60
    required_in_production: tuple[str, ...] = ("database_url", "redis_url", "amqp_url")
