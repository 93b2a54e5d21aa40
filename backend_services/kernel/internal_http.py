"""Calls to other services' internal addresses, rotating over their instances.

Each call starts at the next instance of the service (spreading the load) and goes on to the
following one when an instance cannot be reached (refused, reset, timed out); an answer of any
status is the answer. GETs only: trying a second instance must be harmless.
"""

from __future__ import annotations

import itertools
import logging
from typing import Any

import httpx

log = logging.getLogger("fitledger.internal_http")


class NoInstance(LookupError):
    """The service has no configured instance."""


class ServiceInstances:
    """Instance addresses per service (``ServiceSettings.service_urls``); each call of
    ``rotation`` starts one instance further."""

    def __init__(self, service_urls: dict[str, list[str]]):
        self._urls = service_urls
        self._cursors = {
            name: itertools.cycle(range(len(urls))) for name, urls in service_urls.items() if urls
        }

    def rotation(self, service: str) -> list[str]:
        urls = self._urls.get(service, [])
        if not urls:
            raise NoInstance(f"no instances for {service}")
        start = next(self._cursors[service])
        return urls[start:] + urls[:start]


def _unreachable(service: str, exc: httpx.TransportError) -> None:
    log.warning(
        "service instance unreachable", extra={"service": service, "error": type(exc).__name__}
    )


class InternalClient:
    """GETs to another service over a blocking ``httpx.Client`` (its timeout and headers)."""

    def __init__(self, http: httpx.Client, instances: ServiceInstances):
        self.http = http
        self.instances = instances

    def get(self, service: str, path: str, **request: Any) -> httpx.Response:
        """The first answer of an instance; the last connection error when none answered."""
        error: httpx.TransportError | None = None
        for base_url in self.instances.rotation(service):
            try:
                return self.http.get(f"{base_url}{path}", **request)
            except httpx.TransportError as exc:
                _unreachable(service, exc)
                error = exc
        raise error if error is not None else NoInstance(service)

    def close(self) -> None:
        self.http.close()


class AsyncInternalClient:
    """The same over an ``httpx.AsyncClient``."""

    def __init__(self, http: httpx.AsyncClient, instances: ServiceInstances):
        self.http = http
        self.instances = instances

    async def get(self, service: str, path: str, **request: Any) -> httpx.Response:
        error: httpx.TransportError | None = None
        for base_url in self.instances.rotation(service):
            try:
                return await self.http.get(f"{base_url}{path}", **request)
            except httpx.TransportError as exc:
                _unreachable(service, exc)
                error = exc
        raise error if error is not None else NoInstance(service)
