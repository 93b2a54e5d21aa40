"""Every JSON answer a route documents is a named model (issue 14 §4: the OpenAPI documents are
exact): no route of these services answers an untyped ``dict``."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from backend_services.auth.keys import generate_signing_key
from backend_services.auth.settings import AuthSettings

TYPED = ("auth", "users", "nutrition", "workouts")


def _openapi(service: str, keys: Path) -> dict[str, Any]:
    main: Any = importlib.import_module(f"backend_services.{service}.main")
    if service == "auth":  # auth signs tokens: it needs a key of its own to start
        generate_signing_key(keys)
        return main.create_app(AuthSettings(signing_keys_dir=str(keys))).openapi()
    return main.create_app().openapi()


def _untyped(schema: dict[str, Any]) -> bool:
    """A schema that names no model: ``{}`` or a free-form object."""
    if "$ref" in schema:
        return False
    if schema.get("type") == "array":
        return _untyped(schema.get("items", {}))
    return "properties" not in schema


@pytest.mark.parametrize("service", TYPED)
def test_every_json_answer_is_a_model(service: str, tmp_path: Path) -> None:
    untyped = [
        f"{method.upper()} {path} {status}"
        for path, ops in _openapi(service, tmp_path / "keys")["paths"].items()
        for method, op in ops.items()
        for status, answer in op["responses"].items()
        if status.startswith("2")
        and (schema := answer.get("content", {}).get("application/json", {}).get("schema"))
        is not None
        and _untyped(schema)
    ]
    assert untyped == []
