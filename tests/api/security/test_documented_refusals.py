"""Every refusal is in the OpenAPI document: for each check a use case makes beyond its
request schema (a barcode's check digit, the password policy, a range across two fields, a
weigh-in after the user's own today, impossible food values), a request the service refuses
with 422 is either refused by the document's schema too, or the route's 422 response (or
the field's own description) names the refused field and its rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from accounts import put_profile
from jsonschema import Draft202012Validator
from security_fixtures import openapi_fixture  # noqa: F401 (fixture, found by name)
from security_helpers import Operation, bearer, concrete_path, direct_url, resolve

from backend_services.kernel.dates import latest_today

pytestmark = pytest.mark.e2e

BACKWARDS = {"from": "2024-05-10", "to": "2024-05-01"}
# (service, method, path template, path/query values, body): refused by the use case.
REFUSED: list[tuple[str, str, str, dict[str, str], dict[str, Any] | None]] = [
    ("nutrition", "GET", "/api/nutrition/foods/barcode/{code}", {"code": "4006381333932"}, None),
    (
        "nutrition",
        "POST",
        "/api/nutrition/foods",
        {},
        {"name": "x", "energy_kcal": 100, "protein_g": 50, "fat_g": 50, "carbohydrate_g": 50},
    ),
    ("nutrition", "GET", "/api/nutrition/reports", BACKWARDS, None),
    ("nutrition", "POST", "/api/nutrition/fasts", {}, {"protocol": "custom"}),
    ("users", "GET", "/api/users/me/stats", BACKWARDS, None),
    ("users", "GET", "/api/users/me/weights", BACKWARDS, None),
    # the latest today on Earth is always after the own today of a user in UTC-12
    (
        "users",
        "POST",
        "/api/users/me/weights",
        {},
        {"weight_kg": 70, "date": latest_today().isoformat()},
    ),
    ("workouts", "GET", "/api/workouts/summary", BACKWARDS, None),
    ("workouts", "GET", "/api/workouts/summary", {"from": "2020-01-01", "to": "2024-01-01"}, None),
    (
        "auth",
        "POST",
        "/api/auth/register",
        {},
        {"email": "a@example.com", "password": "short1", "display_name": "A"},
    ),
    (
        "auth",
        "POST",
        "/api/auth/register",
        {},
        {"email": "a@example.com", "password": "password123", "display_name": "A"},
    ),
]


def _operation(document: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    return dict(document["paths"][path][method.lower()])


def _schema_refuses(
    document: dict[str, Any], op: dict[str, Any], values: dict[str, str], body: Any
) -> bool:
    """Whether the document's own schema already refuses this request."""
    for param in op.get("parameters", []):
        if param["name"] in values:
            schema = {**param.get("schema", {}), "components": document.get("components", {})}
            if not Draft202012Validator(schema).is_valid(values[param["name"]]):
                return True
    content = op.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None and content:
        schema = {**content["schema"], "components": document["components"]}
        return not Draft202012Validator(schema).is_valid(body)
    return False


def _documented(document: dict[str, Any], op: dict[str, Any], field: str) -> bool:
    """The route's 422 names the field, or the field's own schema says its rules."""
    if f"`{field}`" in op["responses"]["422"]["description"]:
        return True
    content = op.get("requestBody", {}).get("content", {}).get("application/json")
    if content:
        properties = resolve(document, content["schema"]).get("properties", {})
        return bool(properties.get(field, {}).get("description"))
    return False


@pytest.mark.parametrize(
    ("service", "method", "path", "values", "body"),
    REFUSED,
    ids=[f"{r[1]} {r[2]} {sorted(r[3].values()) or sorted(r[4] or {})}" for r in REFUSED],
)
def test_every_refusal_is_in_the_openapi_document(
    openapi: dict[str, dict[str, Any]],
    register: Callable[..., Any],
    service: str,
    method: str,
    path: str,
    values: dict[str, str],
    body: dict[str, Any] | None,
) -> None:
    account = register()
    with httpx.Client(base_url=direct_url("users"), timeout=10) as users:
        put_profile(users, account, timezone="Etc/GMT+12")
    url = path.format(**values)
    query = {k: v for k, v in values.items() if "{" + k + "}" not in path}
    with httpx.Client(base_url=direct_url(service), timeout=10) as door:
        answer = door.request(
            method, url, params=query, json=body, headers=bearer(account.access_token)
        )
    assert answer.status_code == 422, answer.text
    refused = answer.json()["error"]["fields"]
    assert refused, answer.text
    document = openapi[service]
    op = _operation(document, method, path)
    if _schema_refuses(document, op, values, body):
        return
    undocumented = [field for field in refused if not _documented(document, op, field)]
    assert undocumented == [], (op["responses"]["422"]["description"], refused)


def test_every_admin_route_refuses_a_user_with_a_documented_403(
    openapi: dict[str, dict[str, Any]], register: Callable[..., Any]
) -> None:
    """Generated from the documents: every administrators' route, on its service's own port,
    answers a signed-in user 403 (before looking at the body), and its document says so."""
    account = register()
    wrong, tried = [], 0
    for service, document in openapi.items():
        for path, item in document["paths"].items():
            for method, spec in item.items():
                if "/admin/" not in path or method not in ("get", "post", "put", "patch", "delete"):
                    continue
                op = Operation(service, method.upper(), path, spec)
                body = {} if "requestBody" in spec else None
                with httpx.Client(base_url=direct_url(service), timeout=10) as door:
                    answer = door.request(
                        op.method, concrete_path(op), json=body, headers=account.headers
                    )
                tried += 1
                if answer.status_code != 403 or answer.json()["error"]["code"] != "forbidden":
                    wrong.append(f"{op.label} -> {answer.status_code} {answer.text[:200]}")
                if "403" not in spec["responses"]:
                    wrong.append(f"{op.label}: no 403 in the document")
    assert tried >= 10, tried
    assert not wrong, "\n".join(wrong)
