"""Every process of the stack, its port and its command, in one place.

nginx, supervisord and the aggregator's health check are all generated from this table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from backend_services.kernel.settings import (
    LOCAL_AMQP_URL,
    LOCAL_DATABASE_URL,
    LOCAL_REDIS_URL,
    embedded_mongodb_uri,
)
from backend_services.nutrition.importers.sr28_compact import SHIPPED_SR28

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SERVICE_SECRET_NAME = "service-secret"  # in the keys folder; see kernel/service_credentials.py


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    slot: int  # ports are port_base + 10 * slot + instance
    public: bool = False  # reachable through the gateway without a token
    postgres: bool = True
    worker: bool = False  # has a worker process (outbox relay and/or consumers)


SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec("auth", 1, public=True, worker=True),
    ServiceSpec("users", 2, worker=True),
    ServiceSpec("nutrition", 3, worker=True),
    ServiceSpec("workouts", 4, postgres=False, worker=True),
    ServiceSpec("notifications", 5, worker=True),
    ServiceSpec("aggregator", 6, postgres=False),
)


@dataclass(frozen=True)
class ExporterSpec:
    """A Prometheus exporter from Debian's packages, started when its binary is installed."""

    name: str  # the scrape job is ``<name>``, the process ``exporter-<name>``
    binary: str
    offset: int  # listens on exporter_port_base + offset


EXPORTERS: tuple[ExporterSpec, ...] = (
    ExporterSpec("node", "prometheus-node-exporter", 1),
    ExporterSpec("nginx", "prometheus-nginx-exporter", 3),
    ExporterSpec("redis", "prometheus-redis-exporter", 4),
    ExporterSpec("postgres", "prometheus-postgres-exporter", 7),
)
RABBITMQ_PROMETHEUS_PORT = 15692  # the broker's rabbitmq_prometheus plugin


class StackSettings(BaseSettings):
    """What the launcher reads from the environment; every value has a local default."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    root: Path = PROJECT_ROOT
    data_dir: Path = Field(default=PROJECT_ROOT / ".local", alias="FITLEDGER_DATA_DIR")
    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8080
    # The local gateway connects to the services from this loopback address, the only one
    # whose X-Real-IP they believe (TRUSTED_PROXIES).
    gateway_source_address: str = Field(default="127.0.0.2", alias="GATEWAY_SOURCE_ADDRESS")
    port_base: int = Field(default=8100, alias="SERVICE_PORT_BASE")
    instances: int = Field(default=2, alias="SERVICE_INSTANCES", ge=1, le=8)
    # How long `fitledger stack up` waits for every part to answer before it gives up (a
    # busy small machine may need more than the default).
    start_timeout_seconds: float = Field(
        default=180.0, alias="STACK_START_TIMEOUT_SECONDS", gt=0, le=3600
    )
    worker_metrics_base: int = 9100
    prometheus_port: int = 9090
    # nginx's stub_status listens on the base itself, each exporter on base + its offset.
    exporter_port_base: int = 9110
    mongodb_port: int = 27017
    smtp_port: int = 1025
    ui_frontend_port: int = 3000
    ui_backend_port: int = 8000
    with_ui: bool = Field(default=True, alias="STACK_WITH_UI")

    database_url: str = LOCAL_DATABASE_URL
    redis_url: str = LOCAL_REDIS_URL
    amqp_url: str = LOCAL_AMQP_URL
    mongodb_uri: str | None = None  # None: start the embedded SecantusDB server

    api_rate_per_second: int = Field(default=50, alias="GATEWAY_RATE_PER_SECOND")
    api_burst: int = Field(default=100, alias="GATEWAY_BURST")
    # Every client address together (a household, an office or a carrier's NAT), on top of
    # each signed-in user's own limit above.
    address_rate_per_second: int = Field(default=1000, alias="GATEWAY_ADDRESS_RATE_PER_SECOND")
    address_burst: int = Field(default=2000, alias="GATEWAY_ADDRESS_BURST")
    auth_rate_per_minute: int = Field(default=60, alias="GATEWAY_AUTH_RATE_PER_MINUTE")
    max_body: str = Field(default="2m", alias="GATEWAY_MAX_BODY")
    upload_max_body: str = Field(default="512m", alias="GATEWAY_UPLOAD_MAX_BODY")
    # On first start (empty food table) the stack imports USDA SR28 from this folder: by default
    # the compact copy the repository ships; SEED_FOODS=false leaves the table empty.
    food_data_dir: Path = Field(default=SHIPPED_SR28, alias="FOOD_DATA_DIR")
    seed_foods: bool = Field(default=True, alias="SEED_FOODS")
    # Where users reach the app (links in mails); None: the local gateway's address.
    public_url: str | None = Field(default=None, alias="PUBLIC_URL")

    @field_validator("data_dir", "root")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.resolve()  # nginx and supervisord resolve relative paths differently

    @property
    def run_dir(self) -> Path:
        return self.data_dir / "run"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def ui_gateway_key_file(self) -> Path:
        """Secret shared by nginx and the UI backend (see deploy/nginx/gateway.conf.j2)."""
        return self.keys_dir / "ui-gateway.key"

    @property
    def mail_dir(self) -> Path:
        return self.data_dir / "mail"

    @property
    def effective_mongodb_uri(self) -> str:
        return self.mongodb_uri or embedded_mongodb_uri(self.mongodb_port)

    @property
    def embedded_mongodb(self) -> bool:
        return self.mongodb_uri is None

    @property
    def gateway_url(self) -> str:
        return f"http://{self.gateway_host}:{self.gateway_port}"

    def instance_ports(self, spec: ServiceSpec) -> list[int]:
        return [self.port_base + 10 * spec.slot + i for i in range(1, self.instances + 1)]

    def instance_urls(self, spec: ServiceSpec) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.instance_ports(spec)]

    def service_urls(self) -> dict[str, list[str]]:
        return {
            spec.name: self.instance_urls(spec) for spec in SERVICES if spec.name != "aggregator"
        }

    def worker_metrics_port(self, spec: ServiceSpec) -> int:
        return self.worker_metrics_base + spec.slot

    def exporter_port(self, spec: ExporterSpec) -> int:
        return self.exporter_port_base + spec.offset

    @property
    def nginx_status_port(self) -> int:
        return self.exporter_port_base

    @property
    def amqp_vhost(self) -> str:
        return unquote(urlparse(self.amqp_url).path.removeprefix("/")) or "/"

    @property
    def local_broker(self) -> bool:
        return urlparse(self.amqp_url).hostname in {"127.0.0.1", "localhost", "::1"}

    def shared_environment(self) -> dict[str, str]:
        """Environment every service and worker process gets."""
        return {
            "ENVIRONMENT": "local",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "AMQP_URL": self.amqp_url,
            "MONGODB_URI": self.effective_mongodb_uri,
            "SMTP_URL": f"smtp://127.0.0.1:{self.smtp_port}",
            "JWT_PUBLIC_KEYS_FILE": str(self.keys_dir / "jwks.json"),
            "SIGNING_KEYS_DIR": str(self.keys_dir),
            "SERVICE_SECRET_FILE": str(self.keys_dir / SERVICE_SECRET_NAME),
            "TRUSTED_PROXIES": json.dumps([self.gateway_source_address]),
        }
