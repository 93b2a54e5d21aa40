"""Notifications service settings."""

from __future__ import annotations

import os

from pydantic import Field, model_validator

from backend_services.kernel.settings import ServiceSettings


class NotificationsSettings(ServiceSettings):
    service_name: str = "notifications"
    public_url: str = "http://localhost:8080"
    mail_from: str = "FitLedger <no-reply@fitledger.local>"

    # Web Push (RFC 8292 VAPID). The key pair is created at start-up if the file is missing;
    # by default it lives in the keys folder (the local stack gives every process
    # SIGNING_KEYS_DIR).
    signing_keys_dir: str = ".local/keys"
    vapid_private_key_file: str = ""
    vapid_subject: str = "mailto:admin@fitledger.local"
    # Push endpoints are URLs a client hands us: https to public addresses only, except these
    # exact origins (the local test push receiver; refused in production). See push_endpoints.
    push_allowed_test_origins: tuple[str, ...] = ()
    push_ttl_seconds: int = Field(default=12 * 3600, ge=0, le=28 * 24 * 3600)

    # Per-user sending limits (per channel, per rolling hour); security mails are exempt.
    email_per_hour: int = Field(default=10, ge=1, le=1000)
    push_per_hour: int = Field(default=30, ge=1, le=1000)
    delivery_max_attempts: int = Field(default=5, ge=1, le=20)
    delivery_poll_seconds: float = Field(default=0.3, gt=0, le=30)
    scheduler_interval_seconds: float = Field(default=30.0, gt=0, le=3600)
    reminder_grace_minutes: int = Field(default=30, ge=1, le=720)
    announcement_batch_size: int = Field(default=500, ge=1, le=10000)

    required_in_production: tuple[str, ...] = ("database_url", "amqp_url", "smtp_url")

    @model_validator(mode="after")
    def _vapid_key_in_the_keys_folder(self) -> NotificationsSettings:
        if not self.vapid_private_key_file:
            default = os.path.join(self.signing_keys_dir, "vapid", "private.pem")
            object.__setattr__(self, "vapid_private_key_file", default)  # the model is frozen
        return self

    @model_validator(mode="after")
    def _test_push_receivers_only_locally(self) -> NotificationsSettings:
        if self.environment == "production" and self.push_allowed_test_origins:
            raise ValueError("PUSH_ALLOWED_TEST_ORIGINS is for the local test receiver only")
        return self
