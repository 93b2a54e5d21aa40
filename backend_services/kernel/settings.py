"""Typed settings base: every service subclasses ServiceSettings and reads the environment."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_DATABASE_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/fitledger"


def embedded_mongodb_uri(port: int = 27017, database: str = "fitledger") -> str:
    """The embedded SecantusDB on this machine. Without retryable writes: they guard against a
    replica set's failover, which a single local node never has, and SecantusDB keeps every
    retryable write's reply for 30 minutes and scans them all on each write (measured on the
    dev stack: an update by ``_id`` p50 3.5-5.7 ms, p95 55-82 ms with them; 0.9 / 1.8 ms
    without). Production URIs keep pymongo's default (``retryWrites=true``)."""
    return f"mongodb://127.0.0.1:{port}/{database}?retryWrites=false"


LOCAL_MONGODB_URI = embedded_mongodb_uri()
LOCAL_REDIS_URL = "redis://127.0.0.1:6379/0"
LOCAL_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"
LOCAL_SMTP_URL = "smtp://127.0.0.1:1025"  # the local mail catcher

Connection = Literal["database_url", "mongodb_uri", "redis_url", "amqp_url", "smtp_url"]


class MissingSetting(ValueError):
    """A setting the process needs was not given."""


class ServiceSettings(BaseSettings):
    """Settings shared by every service process.

    Connection strings have defaults only in the ``local`` profile; in ``production`` every
    one of them that a service uses must be given explicitly (see ``required_in_production``).
    """

    model_config = SettingsConfigDict(env_file=None, extra="ignore", frozen=True)

    service_name: str = "service"
    instance_id: str = Field(default="0", description="Which replica this process is.")
    environment: Literal["local", "test", "production"] = "local"
    log_level: str = "INFO"

    database_url: str | None = None
    mongodb_uri: str | None = None
    redis_url: str | None = None
    amqp_url: str | None = None
    smtp_url: str | None = None

    events_exchange: str = "fitledger.events"
    # How long delivered events are kept (messaging/relay.py, Retention): published outbox
    # rows, and the processed-event records that deduplicate redeliveries.
    outbox_retention_days: int = Field(default=7, ge=1, le=3650)
    processed_events_retention_days: int = Field(default=30, ge=1, le=3650)
    # The type the consumers declare their queues with: unset for the broker's default
    # (classic), "quorum" on a RabbitMQ cluster (docs/operations.md).
    amqp_queue_type: Literal["classic", "quorum"] | None = None
    # Internal addresses of other services' instances, for the few answers needed now
    # ({"users": ["http://127.0.0.1:8121", ...]}); the local launcher fills it in.
    service_urls: dict[str, list[str]] = Field(default_factory=dict)

    # Access-token verification (the auth service holds the private key).
    jwt_public_keys_file: str | None = Field(
        default=None, description="Path to a JWKS file with the auth service's public keys."
    )
    jwt_issuer: str = "fitledger-auth"
    jwt_audience: str = "fitledger"
    jwt_algorithms: tuple[str, ...] = ("EdDSA",)
    jwt_leeway_seconds: int = 10
    # auth's Redis session index, read by every service to refuse revoked sessions
    # (default: REDIS_URL); answers are kept locally for at most this long (< 1 s).
    session_index_url: str | None = None
    session_cache_seconds: float = Field(default=0.5, ge=0, lt=1)

    # Addresses (or networks) of the gateway: only their X-Real-IP is believed (rate limits,
    # session records); anyone else is seen as the address it connects from.
    trusted_proxies: tuple[str, ...] = ()

    # The secret services prove themselves with on /internal/* routes (service_credentials.py).
    service_secret_file: str | None = None

    # The gateway's limit, enforced again here: a service's own port is a door too.
    max_json_body_bytes: int = Field(default=2 * 1024 * 1024, ge=1024)

    # Every PostgreSQL engine of the service (kernel/db.py ``service_engine``).
    db_pool_size: int = Field(default=5, ge=1, le=100)
    db_pool_timeout_seconds: float = Field(default=2.0, gt=0, le=60)
    db_connect_timeout_seconds: int = Field(default=2, ge=1, le=60)

    # A worker process's Prometheus endpoint (none when unset); loopback locally, containers
    # set METRICS_HOST=0.0.0.0 so Prometheus can scrape.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_host: str = "127.0.0.1"

    required_in_production: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _defaults_only_locally(self) -> ServiceSettings:
        local = {
            "database_url": LOCAL_DATABASE_URL,
            "mongodb_uri": LOCAL_MONGODB_URI,
            "redis_url": LOCAL_REDIS_URL,
            "amqp_url": LOCAL_AMQP_URL,
            "smtp_url": LOCAL_SMTP_URL,
        }
        missing = []
        for name, default in local.items():
            if getattr(self, name) is None:
                if self.environment == "production":
                    if name in self.required_in_production:
                        missing.append(name.upper())
                else:
                    object.__setattr__(self, name, default)
        if (
            self.environment == "production"
            and self.jwt_public_keys_file
            and not (self.session_index_url or self.redis_url)
        ):
            missing.append("SESSION_INDEX_URL or REDIS_URL (to refuse revoked sessions)")
        if missing:
            raise ValueError(f"production settings need: {', '.join(missing)}")
        return self

    def require(self, name: Connection) -> str:
        """A connection string the caller cannot work without (set outside production by
        the local defaults; in production by ``required_in_production``)."""
        value = getattr(self, name)
        if not value:
            raise MissingSetting(f"{name.upper()} is not set ({self.service_name})")
        return str(value)

    @property
    def schema_name(self) -> str:
        """PostgreSQL schema owned by this service."""
        return self.service_name
