"""Auth service settings."""

from __future__ import annotations

from pydantic import Field

from backend_services.kernel.settings import ServiceSettings


class AuthSettings(ServiceSettings):
    service_name: str = "auth"
    signing_keys_dir: str = ".local/keys"
    access_token_ttl_seconds: int = Field(default=15 * 60, ge=60, le=3600)
    refresh_token_ttl_days: int = Field(default=30, ge=1, le=365)
    reset_token_ttl_minutes: int = Field(default=30, ge=5, le=30)
    bcrypt_rounds: int = Field(default=12, ge=12, le=16)
    public_url: str = "http://localhost:8080"
    mail_from: str = "FitLedger <no-reply@fitledger.local>"
    # Brute-force limits: failures per window before 429 (the account limit counts per
    # client address, so nobody can lock the owner out; see throttle.py).
    login_failures_per_account: int = 5
    login_failures_per_ip: int = 30
    login_failure_window_seconds: int = 15 * 60
    required_in_production: tuple[str, ...] = ("database_url", "redis_url", "amqp_url", "smtp_url")
