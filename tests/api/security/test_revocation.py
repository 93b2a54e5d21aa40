"""Revoked means revoked everywhere: after each way a session ends, its access token is
refused by every service on its own port and through the gateway, within a second (the
services' session cache keeps an answer for at most half of that), with no call to auth.

The probes are every GET route of every service that needs no path or query parameter
(read from the OpenAPI documents), plus a write on nutrition and workouts.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import jwt
import pytest
from security_fixtures import (  # noqa: F401 (fixtures, found by name)
    doors_fixture,
    openapi_fixture,
    operations_fixture,
    probes_fixture,
)
from security_helpers import bearer
from stack_env import DATA_DIR

from backend_services.auth.keys import load_signing_keys
from backend_services.auth.tokens import issue_access_token

pytestmark = pytest.mark.e2e

# The promise: a revocation is seen everywhere within a second.
REVOCATION_BOUND_SECONDS = 1.0
NEW_PASSWORD = "another long pass phrase 42"
# Writes a deleted account must not be able to make (nothing would ever clean them up).
WRITES = [
    ("nutrition", "/api/nutrition/foods", {"name": "probe food", "energy_kcal": 100}),
    ("workouts", "/api/workouts/workouts", {"name": "probe workout"}),
]


def _answers(
    doors: dict[str, httpx.Client], probes: dict[str, list[str]], token: str
) -> dict[str, int]:
    """Status per (door, route) for this token: each service's own port, then the gateway."""
    seen = {}
    for service, paths in probes.items():
        for path in paths:
            for door in (service, "gateway"):
                answer = doors[door].get(path, headers=bearer(token))
                seen[f"{door} GET {path}"] = answer.status_code
    for service, path, body in WRITES:
        for door in (service, "gateway"):
            answer = doors[door].post(path, json=body, headers=bearer(token))
            seen[f"{door} POST {path}"] = answer.status_code
    return seen


def _assert_live(answers: dict[str, int]) -> None:
    refused = {k: v for k, v in answers.items() if v == 401}
    assert not refused, f"a live session was refused: {refused}"


def _assert_revoked(answers: dict[str, int]) -> None:
    accepted = {k: v for k, v in answers.items() if v != 401}
    assert not accepted, f"a revoked session was still accepted: {accepted}"


def _login(client: httpx.Client, email: str, password: str) -> dict[str, Any]:
    answer = client.post("/api/auth/login", json={"email": email, "password": password})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _session_id(token: str) -> str:
    return str(jwt.decode(token, options={"verify_signature": False})["sid"])


def _revoke_by(
    kind: str,
    client: httpx.Client,
    account: Any,
    admin: Any,
    mailbox: Callable[..., list[Any]],
) -> str:
    """End a session of ``account`` the way ``kind`` says; return the token that must die."""
    token = account.access_token
    if kind == "logout":
        assert client.post("/api/auth/logout", headers=bearer(token)).status_code == 204
    elif kind == "logout-all":
        other = _login(client, account.email, account.password)["access_token"]
        assert client.post("/api/auth/logout-all", headers=bearer(other)).status_code == 204
    elif kind == "end-session":
        other = _login(client, account.email, account.password)["access_token"]
        ended = client.delete(f"/api/auth/sessions/{_session_id(token)}", headers=bearer(other))
        assert ended.status_code == 204
    elif kind == "password-change":
        other = _login(client, account.email, account.password)["access_token"]
        changed = client.post(
            "/api/auth/password/change",
            json={"current_password": account.password, "new_password": NEW_PASSWORD},
            headers=bearer(other),
        )
        assert changed.status_code == 204, changed.text
    elif kind == "password-reset":
        assert (
            client.post("/api/auth/password/forgot", json={"email": account.email}).status_code
            == 202
        )
        [mail] = mailbox(account.email, subject="Reset your FitLedger password")
        link = re.search(r"/reset-password\?token=(\S+)", mail.get_body(("plain",)).get_content())
        assert link, mail
        reset_token = link.group(1)
        reset = client.post(
            "/api/auth/password/reset", json={"token": reset_token, "new_password": NEW_PASSWORD}
        )
        assert reset.status_code == 204, reset.text
    elif kind == "disabled":
        disabled = client.patch(
            f"/api/auth/admin/users/{account.user_id}/status",
            json={"disabled": True},
            headers=admin.headers,
        )
        assert disabled.status_code == 200, disabled.text
    elif kind == "demoted":
        demoted = client.patch(
            f"/api/auth/admin/users/{account.user_id}/role",
            json={"role": "user"},
            headers=admin.headers,
        )
        assert demoted.status_code == 200, demoted.text
    elif kind == "admin-end-session":
        ended = client.delete(
            f"/api/auth/admin/users/{account.user_id}/sessions/{_session_id(token)}",
            headers=admin.headers,
        )
        assert ended.status_code == 204, ended.text
    elif kind == "admin-end-all":
        ended = client.delete(
            f"/api/auth/admin/users/{account.user_id}/sessions", headers=admin.headers
        )
        assert ended.status_code == 200 and ended.json()["ended"] >= 1, ended.text
    elif kind == "deleted":
        deleted = client.request(
            "DELETE", "/api/auth/me", json={"password": account.password}, headers=bearer(token)
        )
        assert deleted.status_code == 204, deleted.text
    else:
        raise AssertionError(kind)
    return token


def _promoted(client: httpx.Client, account: Any, admin: Any) -> Any:
    """The account made an administrator and signed in again (its token carries the role)."""
    promoted = client.patch(
        f"/api/auth/admin/users/{account.user_id}/role",
        json={"role": "admin"},
        headers=admin.headers,
    )
    assert promoted.status_code == 200, promoted.text
    tokens = _login(client, account.email, account.password)
    return type(account)(
        account.email,
        account.password,
        account.user_id,
        tokens["access_token"],
        tokens["refresh_token"],
    )


KINDS = [
    "logout",
    "logout-all",
    "end-session",
    "password-change",
    "password-reset",
    "disabled",
    "demoted",
    "admin-end-session",
    "admin-end-all",
    "deleted",
]


@pytest.mark.parametrize("kind", KINDS)
def test_a_revoked_session_is_refused_on_every_door(
    kind: str,
    doors: dict[str, httpx.Client],
    probes: dict[str, list[str]],
    register: Callable[..., Any],
    admin_account: Any,
    mailbox: Callable[..., list[Any]],
) -> None:
    gateway = doors["gateway"]
    account = register()
    if kind == "demoted":
        account = _promoted(gateway, account, admin_account)
        dead_letters = "/api/notifications/admin/dead-letters"
        for door in ("notifications", "gateway"):
            answer = doors[door].get(dead_letters, headers=account.headers)
            assert answer.status_code == 200, answer.text
    _assert_live(_answers(doors, probes, account.access_token))

    token = _revoke_by(kind, gateway, account, admin_account, mailbox)
    time.sleep(REVOCATION_BOUND_SECONDS)

    answers = _answers(doors, probes, token)
    if kind == "demoted":
        for door in ("notifications", "gateway"):
            answer = doors[door].get("/api/notifications/admin/dead-letters", headers=bearer(token))
            answers[f"{door} admin dead-letters"] = answer.status_code
    _assert_revoked(answers)


def test_a_signed_token_without_a_live_session_is_refused_on_every_door(
    doors: dict[str, httpx.Client],
    probes: dict[str, list[str]],
    make_token: Callable[..., str],
) -> None:
    """Properly signed by the stack's key, never registered in the session index."""
    _assert_revoked(_answers(doors, probes, make_token(str(uuid.uuid4()), live=False)))


def test_a_live_session_of_another_user_does_not_lend_itself(
    doors: dict[str, httpx.Client],
    probes: dict[str, list[str]],
    register: Callable[..., Any],
) -> None:
    """A token naming user B with user A's live session id is refused (the index says A)."""
    a = register()
    forged = issue_access_token(
        load_signing_keys(DATA_DIR / "keys")[-1],
        user_id=str(uuid.uuid4()),
        role="admin",
        session_id=_session_id(a.access_token),
        issuer="fitledger-auth",
        audience="fitledger",
        ttl_seconds=300,
    )
    assert jwt.decode(forged, options={"verify_signature": False})["sid"] == _session_id(
        a.access_token
    )
    _assert_revoked(_answers(doors, probes, forged))
