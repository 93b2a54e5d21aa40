"""Aggregator settings: where each service's instances are."""

from __future__ import annotations

from backend_services.kernel.settings import ServiceSettings


class AggregatorSettings(ServiceSettings):
    service_name: str = "aggregator"
    upstream_timeout_seconds: float = 2.0
