"""The OpenAPI document a service serves, made to say what its request checks enforce.

Pydantic documents a ``Decimal`` input as "a number or a string" (``anyOf``), but a request
body takes JSON numbers only (``bodies.StrictBody``); the string beside the number is dropped,
once here for every service. Answers keep their own schemas (a Decimal answers as a string).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI


def _is_bare_string(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "string" and len(schema) == 1


def _numbers_only(schema: dict[str, Any]) -> dict[str, Any]:
    options = schema.get("anyOf")
    if not isinstance(options, list):
        return schema
    numbers = [o for o in options if isinstance(o, dict) and o.get("type") == "number"]
    if not numbers or not any(_is_bare_string(o) for o in options):
        return schema
    kept = [o for o in options if not _is_bare_string(o)]
    rest = {k: v for k, v in schema.items() if k != "anyOf"}
    if "default" in rest and isinstance(rest["default"], str):
        rest["default"] = float(rest["default"])  # pydantic writes Decimal("0") as "0"
    if len(kept) == 1:
        return {**kept[0], **rest}
    return {**rest, "anyOf": kept}


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        return _numbers_only({key: _walk(value) for key, value in node.items()})
    if isinstance(node, list):
        return [_walk(item) for item in node]
    return node


def request_numbers_only(document: dict[str, Any]) -> dict[str, Any]:
    """The document with every "number or string" schema reduced to its number."""
    result: dict[str, Any] = _walk(document)
    return result


def serve_truthful_document(app: FastAPI) -> None:
    """Make ``app.openapi()`` (and ``/openapi.json``) return the corrected document."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = request_numbers_only(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
