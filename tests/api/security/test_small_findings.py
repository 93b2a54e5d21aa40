"""The smaller findings: CSP without 'unsafe-eval', literal admin search, meal types without
markup, and 405 answers that name every method of the path."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from security_fixtures import (  # noqa: F401 (fixtures, found by name)
    openapi_fixture,
    operations_fixture,
)
from security_helpers import Operation, concrete_path, direct_url

pytestmark = pytest.mark.e2e


def test_the_content_security_policy_allows_no_eval(client: httpx.Client) -> None:
    for path in ("/api/health", "/api/nope", "/"):
        policy = client.get(path).headers["content-security-policy"]
        script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
        assert "'unsafe-eval'" not in script_src, policy


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "\\"])
def test_admin_user_search_takes_like_wildcards_literally(
    client: httpx.Client, register: Callable[..., Any], admin_account: Any, wildcard: str
) -> None:
    register()  # at least one account whose address has none of these characters
    found = client.get(
        "/api/auth/admin/users", params={"q": wildcard}, headers=admin_account.headers
    )
    assert found.status_code == 200, found.text
    assert found.json()["total"] == 0, found.json()


def test_meal_types_are_meal_names_not_markup(
    client: httpx.Client, register: Callable[..., Any]
) -> None:
    account = register()
    item = {"quick_add": {"name": "snack bar", "energy_kcal": 120}}
    for meal_type, status in (
        ("<script>alert(1)</script>", 422),
        ("lunch\u0000", 422),
        ("x" * 41, 422),
        ("Pre-workout", 201),
    ):
        answer = client.post(
            "/api/nutrition/meals",
            json={"date": "2024-05-01", "meal_type": meal_type, "items": [item]},
            headers=account.headers,
        )
        assert answer.status_code == status, (meal_type, answer.text)


def test_405_names_every_method_the_path_answers(register: Callable[..., Any]) -> None:
    account = register()
    with httpx.Client(base_url=direct_url("notifications"), timeout=10) as notifications:
        answer = notifications.put("/api/notifications/push-subscriptions", headers=account.headers)
    assert answer.status_code == 405
    assert set(answer.headers["allow"].split(", ")) >= {"GET", "POST", "DELETE"}


def _matches(template: str, path: str) -> bool:
    """Whether a documented path template (``/a/{id}``) matches a concrete path."""
    pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
    return re.fullmatch(pattern, path) is not None


# Tried in this order: the first one a path does not answer is sent.
UNANSWERED_CANDIDATES = ("PUT", "PATCH", "DELETE", "POST", "GET")


def test_405_names_every_documented_method_on_every_path(
    operations: list[Operation], register: Callable[..., Any]
) -> None:
    """Generated from the OpenAPI documents: on each service's own port, each path gets a
    method it does not answer; the 405's ``Allow`` lists exactly the methods the document's
    routes answer at that URL (``/imports/x1`` is both ``/imports/{provider}`` and
    ``/imports/{job_id}``), and no HEAD: FastAPI's routes do not serve it."""
    account = register()
    documented: dict[tuple[str, str], set[str]] = {}
    examples: dict[tuple[str, str], Operation] = {}
    for op in operations:
        documented.setdefault((op.service, op.path), set()).add(op.method)
        examples[(op.service, op.path)] = op
    wrong, checked = [], 0
    for (service, template), methods in sorted(documented.items()):
        method = next((m for m in UNANSWERED_CANDIDATES if m not in methods), None)
        if method is None:
            continue
        path = concrete_path(examples[(service, template)])
        with httpx.Client(base_url=direct_url(service), timeout=10) as door:
            answer = door.request(method, path, headers=account.headers)
        if answer.status_code != 405:
            wrong.append(f"{method} {path} ({service}) -> {answer.status_code}, not 405")
            continue
        checked += 1
        allowed = {m.strip() for m in answer.headers.get("allow", "").split(",") if m.strip()}
        at_url = set().union(
            *(
                m
                for (svc, other), m in documented.items()
                if svc == service and _matches(other, path)
            )
        )
        if not methods <= allowed or allowed != at_url:
            wrong.append(
                f"{method} {path} ({service}): Allow {sorted(allowed)}, documented "
                f"{sorted(methods)} ({sorted(at_url)} at this URL)"
            )
        if answer.json()["error"]["code"] != "method_not_allowed":
            wrong.append(f"{method} {path} ({service}): {answer.text}")
    assert checked > 40, checked
    assert not wrong, "\n".join(wrong)
