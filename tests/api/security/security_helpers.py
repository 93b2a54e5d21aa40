"""Helpers for the security suite: each service's own address, OpenAPI operations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from stack_env import STACK_ENV

from backend_services.stack.topology import SERVICES, StackSettings

TOPOLOGY = StackSettings(**STACK_ENV)  # type: ignore[arg-type]
SERVICE_NAMES = [spec.name for spec in SERVICES]


def direct_url(service: str) -> str:
    spec = next(s for s in SERVICES if s.name == service)
    return TOPOLOGY.instance_urls(spec)[0]


@dataclass(frozen=True)
class Operation:
    service: str
    method: str
    path: str
    spec: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path} ({self.service})"

    def body_schema(self, document: dict[str, Any]) -> dict[str, Any] | None:
        content = self.spec.get("requestBody", {}).get("content", {})
        schema = content.get("application/json", {}).get("schema")
        return resolve(document, schema) if schema else None


def concrete_path(op: Operation) -> str:
    """The operation's path with made-up values (a uuid, a date, ``x1``) for its ids."""
    path = op.path
    for parameter in op.spec.get("parameters", []):
        if parameter["in"] == "path":
            fmt = parameter.get("schema", {}).get("format")
            value = {"uuid": "00000000-0000-4000-8000-000000000000", "date": "2024-05-01"}.get(
                fmt or "", "x1"
            )
            path = path.replace("{" + parameter["name"] + "}", value)
    return path


def resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = document["components"]["schemas"][name]
    return schema


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
