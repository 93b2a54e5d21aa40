"""Every admin route says in its OpenAPI document that a non-admin gets 403 (issue 12): the
kernel's service_app adds it to each route that depends on admin_principal; this keeps it so."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from backend_services.auth.keys import generate_signing_key
from backend_services.auth.settings import AuthSettings

SERVICES = ("auth", "users", "nutrition", "workouts", "notifications", "aggregator")


def _app(service: str, keys: Path) -> FastAPI:
    main: Any = importlib.import_module(f"backend_services.{service}.main")
    if service == "auth":  # auth signs tokens: it needs a key of its own to start
        generate_signing_key(keys)
        return main.create_app(AuthSettings(signing_keys_dir=str(keys)))
    return main.create_app()


@pytest.mark.parametrize("service", SERVICES)
def test_admin_routes_document_their_403(service: str, tmp_path: Path) -> None:
    admin = [
        (method, path, op)
        for path, ops in _app(service, tmp_path / "keys").openapi()["paths"].items()
        if "/admin/" in path
        for method, op in ops.items()
    ]
    missing = [
        f"{method.upper()} {path}" for method, path, op in admin if "403" not in op["responses"]
    ]
    assert missing == []
    if service in ("auth", "users", "notifications"):
        assert admin, f"{service} has admin routes"
