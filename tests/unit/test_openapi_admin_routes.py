"""Every admin route says in its OpenAPI document that a non-admin gets 403 (issue 12): the
kernel's service_app adds it to each route that depends on admin_principal; this keeps it so."""

from __future__ import annotations

import importlib

import pytest

SERVICES = ("auth", "users", "nutrition", "workouts", "notifications", "aggregator")


@pytest.mark.parametrize("service", SERVICES)
def test_admin_routes_document_their_403(service: str) -> None:
    app = importlib.import_module(f"backend_services.{service}.main").create_app()
    admin = [
        (method, path, op)
        for path, ops in app.openapi()["paths"].items()
        if "/admin/" in path
        for method, op in ops.items()
    ]
    missing = [
        f"{method.upper()} {path}" for method, path, op in admin if "403" not in op["responses"]
    ]
    assert missing == []
    if service in ("auth", "users", "notifications"):
        assert admin, f"{service} has admin routes"
