"""An administrator's view of one account through the gateway: its sessions (device, last
use), ending one or all of them, and the audit log that records each action (issue 11)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from polling import wait_until

pytestmark = pytest.mark.e2e

ADMIN_USERS = "/api/auth/admin/users"
AUDIT = "/api/notifications/admin/audit"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile Safari"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _sign_in(client: httpx.Client, account: Any, user_agent: str) -> str:
    answer = client.post(
        "/api/auth/login",
        json={"email": account.email, "password": account.password},
        headers={"User-Agent": user_agent},
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def _audit_entry(client: httpx.Client, admin: Any, action: str, target_id: str) -> dict[str, Any]:
    def found() -> dict[str, Any] | None:
        page = client.get(AUDIT, params={"limit": 200}, headers=admin.headers)
        assert page.status_code == 200, page.text
        return next(
            (
                e
                for e in page.json()["items"]
                if e["action"] == action and e["target_id"] == target_id
            ),
            None,
        )

    return wait_until(found, what=f"audit entry {action} on {target_id}")


def test_an_admin_sees_a_users_account_and_sessions_with_device_and_last_use(
    client: httpx.Client, register: Callable[..., Any], admin_account: Any
) -> None:
    user = register()
    _sign_in(client, user, PHONE)
    detail = client.get(f"{ADMIN_USERS}/{user.user_id}", headers=admin_account.headers)
    assert detail.status_code == 200, detail.text
    body = detail.json()
    assert body["user"]["email"] == user.email and body["user"]["disabled"] is False
    assert len(body["sessions"]) == 2  # the register fixture's and the phone's
    phone = next(s for s in body["sessions"] if s["user_agent"] == PHONE)
    assert phone["last_used_at"] >= phone["created_at"]
    assert set(phone) == {"id", "created_at", "last_used_at", "expires_at", "user_agent", "ip"}


def test_ending_one_session_ends_only_that_one_and_is_audited(
    client: httpx.Client, register: Callable[..., Any], admin_account: Any
) -> None:
    user = register()
    phone_token = _sign_in(client, user, PHONE)
    sessions = client.get(f"{ADMIN_USERS}/{user.user_id}", headers=admin_account.headers).json()
    phone = next(s for s in sessions["sessions"] if s["user_agent"] == PHONE)

    ended = client.delete(
        f"{ADMIN_USERS}/{user.user_id}/sessions/{phone['id']}", headers=admin_account.headers
    )
    assert ended.status_code == 204, ended.text
    assert client.get("/api/auth/me", headers=bearer(phone_token)).status_code == 401
    assert client.get("/api/auth/me", headers=user.headers).status_code == 200
    again = client.delete(
        f"{ADMIN_USERS}/{user.user_id}/sessions/{phone['id']}", headers=admin_account.headers
    )
    assert again.status_code == 204  # already over: nothing more to do (and nothing recorded)

    entry = _audit_entry(client, admin_account, "session.ended", phone["id"])
    assert entry["actor_id"] == admin_account.user_id
    assert entry["actor_email"] == admin_account.email
    assert entry["detail"] == {"user_id": user.user_id, "count": 1}
    log = client.get(AUDIT, params={"limit": 200}, headers=admin_account.headers).json()["items"]
    assert [e["action"] for e in log if e["target_id"] == phone["id"]] == ["session.ended"]


def test_ending_all_sessions_signs_the_user_out_everywhere(
    client: httpx.Client, register: Callable[..., Any], admin_account: Any
) -> None:
    user = register()
    phone_token = _sign_in(client, user, PHONE)
    ended = client.delete(f"{ADMIN_USERS}/{user.user_id}/sessions", headers=admin_account.headers)
    assert ended.status_code == 200 and ended.json() == {"ended": 2}, ended.text
    for token in (user.access_token, phone_token):
        assert client.get("/api/auth/me", headers=bearer(token)).status_code == 401
    left = client.get(f"{ADMIN_USERS}/{user.user_id}", headers=admin_account.headers).json()
    assert left["sessions"] == [] and left["user"]["disabled"] is False
    assert _sign_in(client, user, PHONE)  # the account itself still works

    entry = _audit_entry(client, admin_account, "sessions.ended", user.user_id)
    assert entry["target_email"] == user.email and entry["detail"]["count"] == 2


def test_status_and_role_changes_are_audited_with_who_what_and_when(
    client: httpx.Client, register: Callable[..., Any], admin_account: Any
) -> None:
    user = register()
    for path, body in (("status", {"disabled": True}), ("role", {"role": "admin"})):
        answer = client.patch(
            f"{ADMIN_USERS}/{user.user_id}/{path}", json=body, headers=admin_account.headers
        )
        assert answer.status_code == 200, answer.text
    disabled = _audit_entry(client, admin_account, "user.disabled", user.user_id)
    promoted = _audit_entry(client, admin_account, "user.role_changed", user.user_id)
    assert disabled["detail"] == {"sessions_ended": 1}
    assert promoted["detail"] == {"role": "admin", "previous_role": "user"}
    assert disabled["occurred_at"] <= promoted["occurred_at"]
    assert {disabled["producer"], promoted["producer"]} == {"auth"}


def test_refusals_change_nothing_and_have_the_error_shape(
    client: httpx.Client, register: Callable[..., Any], admin_account: Any
) -> None:
    user, other = register(), register()
    other_session = client.get(
        f"{ADMIN_USERS}/{other.user_id}", headers=admin_account.headers
    ).json()["sessions"][0]["id"]
    refused = {
        "unknown user": client.get(f"{ADMIN_USERS}/{uuid.uuid4()}", headers=admin_account.headers),
        "unknown user's sessions": client.delete(
            f"{ADMIN_USERS}/{uuid.uuid4()}/sessions", headers=admin_account.headers
        ),
        "another user's session": client.delete(
            f"{ADMIN_USERS}/{user.user_id}/sessions/{other_session}",
            headers=admin_account.headers,
        ),
        "not an id": client.get(f"{ADMIN_USERS}/not-a-uuid", headers=admin_account.headers),
        "not an admin": client.delete(
            f"{ADMIN_USERS}/{other.user_id}/sessions", headers=user.headers
        ),
        "audit for a user": client.get(AUDIT, headers=user.headers),
        "audit page too big": client.get(
            AUDIT, params={"limit": 1000}, headers=admin_account.headers
        ),
    }
    statuses = {what: answer.status_code for what, answer in refused.items()}
    assert statuses == {
        "unknown user": 404,
        "unknown user's sessions": 404,
        "another user's session": 404,
        "not an id": 422,
        "not an admin": 403,
        "audit for a user": 403,
        "audit page too big": 422,
    }
    for answer in refused.values():
        error = answer.json()["error"]
        assert set(error) >= {"code", "message"} and "Traceback" not in answer.text
    assert client.get("/api/auth/me", headers=other.headers).status_code == 200
