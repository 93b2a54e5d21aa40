"""Fixtures for the security suite: every service's own port beside the gateway, and the
services' OpenAPI documents (read from their ports), so a new route is covered without
editing a test.

Imported by the test modules rather than kept in a conftest.py: tests elsewhere import
``conftest`` by name, and a second conftest.py here would be the one they find."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from security_helpers import SERVICE_NAMES, Operation, direct_url


@pytest.fixture(scope="session", name="openapi")
def openapi_fixture(stack: str) -> dict[str, dict[str, Any]]:
    documents = {}
    for service in SERVICE_NAMES:
        answer = httpx.get(f"{direct_url(service)}/openapi.json", timeout=10)
        assert answer.status_code == 200, (service, answer.text)
        documents[service] = answer.json()
    return documents


@pytest.fixture(scope="session", name="operations")
def operations_fixture(openapi: dict[str, dict[str, Any]]) -> list[Operation]:
    found = []
    for service, document in openapi.items():
        for path, item in document["paths"].items():
            for method, spec in item.items():
                if method in ("get", "post", "put", "patch", "delete"):
                    found.append(Operation(service, method.upper(), path, spec))
    assert len(found) > 40, "the OpenAPI documents look incomplete"
    return found


def _probe_paths(operations: list[Operation]) -> dict[str, list[str]]:
    """Per service, the GET routes a signed-in user can call without parameters."""
    probes: dict[str, list[str]] = {}
    for op in operations:
        required = [p for p in op.spec.get("parameters", []) if p.get("required")]
        if op.method == "GET" and not required and "{" not in op.path:
            probes.setdefault(op.service, []).append(op.path)
    today = datetime.now(UTC).date().isoformat()
    probes.setdefault("aggregator", []).append(f"/api/dashboard/day/{today}")
    return probes


@pytest.fixture(scope="session", name="probes")
def probes_fixture(operations: list[Operation]) -> dict[str, list[str]]:
    """Only routes that need a token (public ones such as the JWKS answer anyone)."""
    found: dict[str, list[str]] = {}
    for service, paths in _probe_paths(operations).items():
        with httpx.Client(base_url=direct_url(service), timeout=10) as door:
            found[service] = [p for p in paths if door.get(p).status_code == 401]
    assert all(found.get(s) for s in SERVICE_NAMES), found
    return found


@pytest.fixture(name="doors")
def doors_fixture(stack: str) -> Iterator[dict[str, httpx.Client]]:
    """One client per way in: each service's own port, and the gateway."""
    clients = {name: httpx.Client(base_url=direct_url(name), timeout=10) for name in SERVICE_NAMES}
    clients["gateway"] = httpx.Client(base_url=stack, timeout=10)
    yield clients
    for client in clients.values():
        client.close()
