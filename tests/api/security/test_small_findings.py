"""The smaller findings: CSP without 'unsafe-eval', literal admin search, meal types without
markup, and 405 answers that name every method of the path."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from security_helpers import direct_url

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
