"""Aggregator settings: where each service's instances are, and the local Prometheus."""

from __future__ import annotations

from pydantic import Field

from backend_services.kernel.settings import ServiceSettings


class AggregatorSettings(ServiceSettings):
    service_name: str = "aggregator"
    upstream_timeout_seconds: float = 2.0
    # Every instance whose readiness the admin health page shows ({"users": [url, ...]});
    # empty: SERVICE_URLS. Behind one load-balanced address (a Kubernetes Service) list the
    # pods' own addresses here, or the page sees one instance.
    health_instance_urls: dict[str, list[str]] = Field(default_factory=dict)
    # Prometheus's HTTP API for the health page's graphs; unset: the graphs say so.
    prometheus_url: str | None = None
    prometheus_timeout_seconds: float = Field(default=3.0, gt=0, le=30)

    @property
    def instances_to_check(self) -> dict[str, list[str]]:
        return self.health_instance_urls or self.service_urls
