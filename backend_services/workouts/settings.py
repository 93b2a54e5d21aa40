"""Workouts service settings."""

from __future__ import annotations

from pydantic import Field

from backend_services.kernel.settings import ServiceSettings


class WorkoutsSettings(ServiceSettings):
    service_name: str = "workouts"
    required_in_production: tuple[str, ...] = ("mongodb_uri", "amqp_url")
    # Health-export uploads (Apple Health exports are often hundreds of MB; the gateway's
    # client_max_body_size must allow as much on /api/workouts/imports/).
    import_max_bytes: int = 512 * 1024 * 1024
    import_spool_dir: str | None = None  # default: the system temp folder
    # Strong/Hevy CSV exports (a heavy user's five years are a few MB; 200,000 rows at most).
    strength_import_max_bytes: int = 16 * 1024 * 1024
    # An import waiting for its review keeps the uploaded file this long after the upload,
    # then fails as expired (import_retention.py; docs/operations.md).
    strength_review_retention_days: int = Field(default=14, ge=1, le=365)
    # The body-weight question to the users service, per instance tried (calories wait on it).
    users_timeout_seconds: float = Field(default=1.0, gt=0, le=10)
