"""Aggregator settings: where each service's instances are."""

from __future__ import annotations

from pydantic import Field

from backend_services.kernel.settings import ServiceSettings


class AggregatorSettings(ServiceSettings):
    service_name: str = "aggregator"
    # {"auth": ["http://127.0.0.1:8101", ...], ...}; the local launcher fills it in.
    service_urls: dict[str, list[str]] = Field(default_factory=dict)
    upstream_timeout_seconds: float = 2.0
