"""Who may see what, through the gateway: own data only; admin read-only; no spoofing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.e2e

A_PROFILE = {"sex": "female", "height_cm": 165, "weight_kg": 60, "timezone": "Europe/Paris"}


def test_without_a_token_everything_is_401(client: httpx.Client) -> None:
    for path in ("/api/users/me", "/api/users/me/weights", "/api/users/me/stats"):
        assert client.get(path).status_code == 401
    assert client.patch("/api/users/me", json={"height_cm": 170}).status_code == 401


def test_user_b_never_sees_or_changes_user_a(
    client: httpx.Client, register_user: Callable[..., Any]
) -> None:
    a, b = register_user("Alice"), register_user("Bob")
    assert client.patch("/api/users/me", json=A_PROFILE, headers=a.headers).status_code == 200
    post = client.post("/api/users/me/weights", json={"weight_kg": 61}, headers=a.headers)
    assert post.status_code in (200, 201), post.text
    a_before = client.get("/api/users/me", headers=a.headers).json()

    # B's requests, including ones that try to name A, act on B only.
    assert client.get("/api/users/me", headers=b.headers).json()["user_id"] == b.user_id
    tries = [
        client.get(f"/api/users/me?user_id={a.user_id}", headers=b.headers),
        client.get(f"/api/users/{a.user_id}", headers=b.headers),
        client.get(f"/api/users/{a.user_id}/weights", headers=b.headers),
        client.patch(
            "/api/users/me", json={"user_id": a.user_id, "height_cm": 199}, headers=b.headers
        ),
        client.get("/api/users/me", headers={**b.headers, "X-User-Id": a.user_id}),
    ]
    assert tries[0].json()["user_id"] == b.user_id
    assert tries[1].status_code == 404 and tries[2].status_code == 404
    assert tries[3].status_code == 422
    assert tries[4].json()["user_id"] == b.user_id  # spoofed identity header ignored

    b_weights = client.get("/api/users/me/weights", headers=b.headers).json()
    assert b_weights["entries"] == []
    b_stats = client.get("/api/users/me/stats", headers=b.headers).json()
    assert all(day["weight_kg"] is None for day in b_stats["days"])
    assert client.get("/api/users/me", headers=a.headers).json() == a_before


def test_admin_routes_are_403_for_users_and_read_only_for_admins(
    client: httpx.Client,
    register_user: Callable[..., Any],
    make_token: Callable[..., str],
) -> None:
    a, b = register_user("Alice"), register_user("Bob")
    client.patch("/api/users/me", json=A_PROFILE, headers=a.headers)
    path = f"/api/users/admin/profiles/{a.user_id}"

    for caller in (a, b):  # not even for one's own profile
        denied = client.get(path, headers=caller.headers)
        assert denied.status_code == 403
        assert denied.json()["error"]["code"] == "forbidden"

    admin = {"Authorization": f"Bearer {make_token(role='admin')}"}
    seen = client.get(path, headers=admin)
    assert seen.status_code == 200
    assert (seen.json()["user_id"], seen.json()["height_cm"]) == (a.user_id, 165.0)
    assert client.put(path, json=A_PROFILE, headers=admin).status_code == 405
    assert client.patch(path, json={"height_cm": 100}, headers=admin).status_code == 405
    assert client.get("/api/users/admin/profiles/nobody", headers=admin).status_code == 404
    assert client.get("/api/users/me", headers=a.headers).json()["height_cm"] == 165.0
