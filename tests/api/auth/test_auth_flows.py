"""Auth through the gateway: sign-up, sign-in, rotation, sessions, reset, admin, deletion."""

from __future__ import annotations

import re
import uuid

import httpx
import psycopg
import pytest
from accounts import login
from stack_env import STACK_ENV

pytestmark = pytest.mark.e2e


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def error_code(response: httpx.Response) -> str:
    return str(response.json()["error"]["code"])


def test_login_answers_tokens_and_sets_http_only_cookies(client: httpx.Client, register) -> None:
    account = register()
    response = login(client, account.email, account.password)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and 600 <= body["expires_in"] <= 900
    cookies = response.headers.get_list("set-cookie")
    access = next(c for c in cookies if c.startswith("fl_access="))
    refresh = next(c for c in cookies if c.startswith("fl_refresh="))
    for cookie in (access, refresh):
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert "Secure" not in cookie  # plain HTTP on loopback; Secure under HTTPS
    assert "Path=/api/auth" in refresh


def test_cookie_alone_authenticates_through_the_gateway(stack: str, register) -> None:
    account = register()
    with httpx.Client(base_url=stack) as browser_like:
        browser_like.post(
            "/api/auth/login", json={"email": account.email, "password": account.password}
        )
        response = browser_like.get("/api/users/info")
    assert response.status_code == 200
    assert response.json()["user_id"] == account.user_id


def test_jwks_publishes_the_verification_key(client: httpx.Client) -> None:
    keys = client.get("/api/auth/.well-known/jwks.json").json()["keys"]
    assert keys and all(k["kty"] == "OKP" and k["alg"] == "EdDSA" and k["kid"] for k in keys)
    assert all("d" not in k for k in keys)  # never the private part


def test_refresh_rotates_and_reuse_revokes_the_family(client: httpx.Client, register) -> None:
    account = register()
    first = client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token})
    assert first.status_code == 200
    rotated = first.json()
    assert rotated["refresh_token"] != account.refresh_token
    assert client.get("/api/users/info", headers=bearer(rotated["access_token"])).status_code == 200

    replay = client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token})
    assert replay.status_code == 401
    # The whole family is gone: the newest refresh token and every access token of it.
    assert (
        client.post(
            "/api/auth/refresh", json={"refresh_token": rotated["refresh_token"]}
        ).status_code
        == 401
    )
    assert client.get("/api/users/info", headers=bearer(rotated["access_token"])).status_code == 401
    assert client.get("/api/users/info", headers=account.headers).status_code == 401


def test_logout_ends_the_session_at_once(client: httpx.Client, register) -> None:
    account = register()
    assert client.post("/api/auth/logout", headers=account.headers).status_code == 204
    assert client.get("/api/users/info", headers=account.headers).status_code == 401
    assert (
        client.post("/api/auth/refresh", json={"refresh_token": account.refresh_token}).status_code
        == 401
    )


def test_logout_all_ends_every_session(client: httpx.Client, register) -> None:
    account = register()
    second = login(client, account.email, account.password).json()
    listed = client.get("/api/auth/sessions", headers=account.headers).json()
    assert len(listed) == 2 and sum(s["current"] for s in listed) == 1
    assert client.post("/api/auth/logout-all", headers=account.headers).status_code == 204
    assert client.get("/api/users/info", headers=bearer(second["access_token"])).status_code == 401
    assert client.get("/api/users/info", headers=account.headers).status_code == 401


def test_a_user_ends_one_of_their_sessions_but_not_anyone_elses(
    client: httpx.Client, register
) -> None:
    alice, bob = register(), register()
    other = login(client, alice.email, alice.password).json()
    sessions = client.get("/api/auth/sessions", headers=alice.headers).json()
    other_id = next(s["id"] for s in sessions if not s["current"])

    refused = client.delete(f"/api/auth/sessions/{other_id}", headers=bob.headers)
    assert refused.status_code == 404
    assert client.get("/api/users/info", headers=bearer(other["access_token"])).status_code == 200

    assert client.delete(f"/api/auth/sessions/{other_id}", headers=alice.headers).status_code == 204
    assert client.get("/api/users/info", headers=bearer(other["access_token"])).status_code == 401
    assert client.get("/api/users/info", headers=alice.headers).status_code == 200


def test_password_reset_by_mail_works_once_and_ends_sessions(
    client: httpx.Client, register, mailbox
) -> None:
    account = register()
    assert (
        client.post("/api/auth/password/forgot", json={"email": account.email}).status_code == 202
    )
    # The welcome mail arrives too (notifications service); pick the reset mail.
    [mail] = mailbox(account.email, subject="Reset your FitLedger password")
    text = mail.get_body(("plain",)).get_content()
    link = re.search(r"http\S+/reset-password\?token=(\S+)", text)
    assert link, text
    token = link.group(1)

    new_password = "a brand new pass phrase"
    reset = client.post(
        "/api/auth/password/reset", json={"token": token, "new_password": new_password}
    )
    assert reset.status_code == 204
    again = client.post(
        "/api/auth/password/reset", json={"token": token, "new_password": "another new pass phrase"}
    )
    assert again.status_code == 422 and error_code(again) == "invalid_reset_token"

    assert client.get("/api/users/info", headers=account.headers).status_code == 401
    assert login(client, account.email, account.password).status_code == 401
    assert login(client, account.email, new_password).status_code == 200


def test_change_password_keeps_this_session_and_ends_the_others(
    client: httpx.Client, register
) -> None:
    account = register()
    other = login(client, account.email, account.password).json()
    wrong = client.post(
        "/api/auth/password/change",
        headers=account.headers,
        json={"current_password": "not it at all", "new_password": "x" * 3},
    )
    assert wrong.status_code == 422 and "current_password" in wrong.json()["error"]["fields"]
    changed = client.post(
        "/api/auth/password/change",
        headers=account.headers,
        json={"current_password": account.password, "new_password": "changed pass phrase 9"},
    )
    assert changed.status_code == 204
    assert client.get("/api/users/info", headers=account.headers).status_code == 200
    assert client.get("/api/users/info", headers=bearer(other["access_token"])).status_code == 401


def test_admin_routes_are_for_admins_only(client: httpx.Client, register, admin_account) -> None:
    user = register()
    assert client.get("/api/auth/admin/users", headers=user.headers).status_code == 403
    assert (
        client.patch(
            f"/api/auth/admin/users/{user.user_id}/role",
            headers=user.headers,
            json={"role": "admin"},
        ).status_code
        == 403
    )
    listed = client.get(
        "/api/auth/admin/users", headers=admin_account.headers, params={"q": user.email}
    )
    assert listed.status_code == 200
    assert [u["id"] for u in listed.json()["items"]] == [user.user_id]


def test_disabling_a_user_ends_their_sessions_at_once(
    client: httpx.Client, register, admin_account
) -> None:
    user = register()
    disabled = client.patch(
        f"/api/auth/admin/users/{user.user_id}/status",
        headers=admin_account.headers,
        json={"disabled": True},
    )
    assert disabled.status_code == 200 and disabled.json()["disabled"] is True
    assert client.get("/api/users/info", headers=user.headers).status_code == 401
    assert login(client, user.email, user.password).status_code == 401
    client.patch(
        f"/api/auth/admin/users/{user.user_id}/status",
        headers=admin_account.headers,
        json={"disabled": False},
    )
    assert login(client, user.email, user.password).status_code == 200


def test_role_change_takes_effect_with_new_tokens(
    client: httpx.Client, register, admin_account
) -> None:
    user = register()
    promoted = client.patch(
        f"/api/auth/admin/users/{user.user_id}/role",
        headers=admin_account.headers,
        json={"role": "admin"},
    )
    assert promoted.status_code == 200 and promoted.json()["role"] == "admin"
    assert client.get("/api/users/info", headers=user.headers).status_code == 401
    as_admin = login(client, user.email, user.password)
    assert (
        client.get(
            "/api/auth/admin/users", headers=bearer(as_admin.json()["access_token"])
        ).status_code
        == 200
    )


def test_deleting_the_account_publishes_the_event_and_ends_everything(
    client: httpx.Client, register
) -> None:
    account = register()
    wrong = client.request(
        "DELETE", "/api/auth/me", headers=account.headers, json={"password": "not my password"}
    )
    assert wrong.status_code == 422
    deleted = client.request(
        "DELETE", "/api/auth/me", headers=account.headers, json={"password": account.password}
    )
    assert deleted.status_code == 204
    assert client.get("/api/users/info", headers=account.headers).status_code == 401
    assert login(client, account.email, account.password).status_code == 401
    url = STACK_ENV["DATABASE_URL"].replace("+psycopg", "")
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT payload FROM auth.outbox WHERE type = 'auth.user.deleted' "
            "AND payload->>'user_id' = %s",
            (account.user_id,),
        ).fetchone()
    assert row is not None
    uuid.UUID(row[0]["id"])
