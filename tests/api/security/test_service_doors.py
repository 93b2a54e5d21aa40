"""What a caller on a service's own port cannot do: use an internal route without a service
credential, choose the address the auth service sees, lock an owner out, tell known from
unknown addresses by the work forgot-password does; and what the push worker will not call."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import psycopg
import pytest
import redis
from push_receiver import PushReceiver
from security_fixtures import (  # noqa: F401 (fixtures, found by name)
    openapi_fixture,
    operations_fixture,
)
from security_helpers import Operation, bearer, concrete_path, direct_url
from stack_env import DATA_DIR, GATEWAY, STACK_ENV

from backend_services.kernel.service_credentials import CREDENTIAL_HEADER, service_credential

pytestmark = pytest.mark.e2e

SUBSCRIPTIONS = "/api/notifications/push-subscriptions"
SSRF_ENDPOINTS = [
    "http://127.0.0.1:{port}/push/1",
    "http://169.254.169.254/latest/meta-data/",
    "https://169.254.169.254/latest/meta-data/",
    "https://localhost:5432/",
    "https://127.0.0.1:{port}/push/1",
    "https://10.0.0.1/push",
    "https://[::1]:{port}/",
    "https://[::ffff:127.0.0.1]/",
    "https://user:pass@fcm.googleapis.com/fcm/send/x",
    "https://unresolvable.invalid/push",
]


def _weight_path(user_id: str) -> str:
    return f"/internal/users/{user_id}/weight?on=2024-05-01"


def test_the_internal_weight_route_needs_a_service_credential(
    register: Callable[..., Any],
) -> None:
    account = register()
    with httpx.Client(base_url=direct_url("users"), timeout=10) as users:
        refused = [
            users.get(_weight_path(account.user_id)),
            users.get(_weight_path(account.user_id), headers=account.headers),
            users.get(
                _weight_path(account.user_id),
                headers={CREDENTIAL_HEADER: service_credential(b"w" * 64, "workouts")},
            ),
            users.get(
                _weight_path(account.user_id), headers={CREDENTIAL_HEADER: "workouts." + "0" * 64}
            ),
        ]
        assert [r.status_code for r in refused] == [401] * 4, [r.text for r in refused]
        secret = (DATA_DIR / "keys" / "service-secret").read_bytes().strip()
        genuine = {CREDENTIAL_HEADER: service_credential(secret, "workouts")}
        # The real workouts credential gets an answer (no weigh-in yet: 404, not 401/403).
        assert users.get(_weight_path(account.user_id), headers=genuine).status_code == 404
        other = {CREDENTIAL_HEADER: service_credential(secret, "nutrition")}
        assert users.get(_weight_path(account.user_id), headers=other).status_code == 403


def test_forwarded_addresses_are_believed_only_from_the_gateway(
    register: Callable[..., Any], sessions_redis: redis.Redis
) -> None:
    """Direct to auth with a made-up X-Real-IP: the session records the real peer address."""
    account = register()
    with httpx.Client(base_url=direct_url("auth"), timeout=10) as auth:
        login = auth.post(
            "/api/auth/login",
            json={"email": account.email, "password": account.password},
            headers={"X-Real-IP": "203.0.113.9"},
        )
        assert login.status_code == 200, login.text
        sessions = auth.get("/api/auth/sessions", headers=bearer(login.json()["access_token"]))
    current = next(s for s in sessions.json() if s["current"])
    assert current["ip"] == "127.0.0.1"
    # Through the gateway the client's address is the one nginx saw (loopback here), never
    # the header a client sends.
    with httpx.Client(base_url=GATEWAY, timeout=10) as gateway:
        login = gateway.post(
            "/api/auth/login",
            json={"email": account.email, "password": account.password},
            headers={"X-Real-IP": "203.0.113.9", "X-Forwarded-For": "203.0.113.9"},
        )
        listed = gateway.get("/api/auth/sessions", headers=bearer(login.json()["access_token"]))
    assert next(s for s in listed.json() if s["current"])["ip"] == "127.0.0.1"


def test_the_per_account_throttle_does_not_lock_the_owner_out_from_elsewhere(
    register: Callable[..., Any],
) -> None:
    """Wrong passwords through the gateway (seen as 127.0.0.1) lock this account for that
    address; meanwhile the owner signing in from another address still gets in. (The test
    stack's window is a few seconds, so the guesses go on until the lock is seen.)"""
    account = register()
    transport = httpx.HTTPTransport(local_address="127.0.0.3")
    with (
        httpx.Client(base_url=GATEWAY, timeout=10) as gateway,
        httpx.Client(base_url=direct_url("auth"), timeout=10, transport=transport) as elsewhere,
    ):
        statuses = []
        while 429 not in statuses and len(statuses) < 30:
            guess = gateway.post(
                "/api/auth/login", json={"email": account.email, "password": "wrong guess 99"}
            )
            statuses.append(guess.status_code)
        assert statuses[:5] == [401] * 5 and statuses[-1] == 429, statuses
        owner = elsewhere.post(
            "/api/auth/login", json={"email": account.email, "password": account.password}
        )
    assert owner.status_code == 200, owner.text


def test_forgot_password_does_the_same_work_for_known_and_unknown_addresses(
    register: Callable[..., Any],
) -> None:
    """The request only queues the question: one outbox row, the same for any address (the
    auth worker looks the address up later). No timing here: the work itself is compared."""
    account = register()
    unknown = f"nobody-{uuid.uuid4().hex[:8]}@example.com"
    written: dict[str, list[str]] = {}
    url = STACK_ENV["DATABASE_URL"].replace("+psycopg", "")
    with (
        psycopg.connect(url, autocommit=True) as db,
        httpx.Client(base_url=direct_url("auth"), timeout=10) as auth,
    ):
        for email in (account.email, unknown):
            [last] = db.execute("SELECT coalesce(max(id), 0) FROM auth.outbox").fetchone() or [0]
            assert auth.post("/api/auth/password/forgot", json={"email": email}).status_code == 202
            rows = db.execute(
                "SELECT type FROM auth.outbox WHERE id > %s AND payload->'data'->>'email' = %s"
                " AND type <> 'auth.password_reset.requested' ORDER BY id",
                (last, email),
            ).fetchall()
            written[email] = [row[0] for row in rows]
    assert written[account.email] == written[unknown] == ["auth.password_reset.asked"]


def test_push_endpoints_inside_the_network_are_refused_on_every_door(
    register: Callable[..., Any], push_receiver: PushReceiver
) -> None:
    account = register()
    device = push_receiver.subscribe().as_json()
    port = STACK_ENV["SERVICE_PORT_BASE"]
    doors = {"notifications": direct_url("notifications"), "gateway": GATEWAY}
    for door, base in doors.items():
        with httpx.Client(base_url=base, timeout=15) as client:
            for endpoint in SSRF_ENDPOINTS:
                body = {**device, "endpoint": endpoint.format(port=port)}
                answer = client.post(SUBSCRIPTIONS, json=body, headers=account.headers)
                assert answer.status_code == 422, (door, endpoint, answer.text)
                assert "endpoint" in answer.json()["error"]["fields"], answer.text
            assert client.get(SUBSCRIPTIONS, headers=account.headers).json() == []


def test_a_push_subscription_cannot_be_taken_over(
    register: Callable[..., Any], push_receiver: PushReceiver
) -> None:
    owner, other = register(), register()
    device = push_receiver.subscribe().as_json()
    with httpx.Client(base_url=direct_url("notifications"), timeout=10) as client:
        assert client.post(SUBSCRIPTIONS, json=device, headers=owner.headers).status_code == 201
        taken = client.post(SUBSCRIPTIONS, json=device, headers=other.headers)
        assert taken.status_code == 409, taken.text
        assert taken.json()["error"]["code"] == "endpoint_taken"
        assert client.get(SUBSCRIPTIONS, headers=other.headers).json() == []
        mine = client.get(SUBSCRIPTIONS, headers=owner.headers).json()
        assert [s["endpoint"] for s in mine] == [device["endpoint"]]
        # The owner subscribing again (a key rotation) keeps working.
        again = client.post(SUBSCRIPTIONS, json=device, headers=owner.headers)
        assert again.status_code == 201, again.text


def _body_routes(operations: list[Operation]) -> dict[str, Operation]:
    """Per service, one POST route that takes a JSON body."""
    found: dict[str, Operation] = {}
    for op in operations:
        content = op.spec.get("requestBody", {}).get("content", {})
        if op.method == "POST" and "application/json" in content:
            found.setdefault(op.service, op)
    return found


def test_services_refuse_an_oversized_json_body_on_their_own_ports(
    register: Callable[..., Any], admin_account: Any, operations: list[Operation]
) -> None:
    """Over the 2 MiB limit, declared (Content-Length) or streamed (chunked, no length)."""
    account = register()
    huge = json.dumps({"name": "x" * (3 * 1024 * 1024), "energy_kcal": 1}).encode()

    def streamed() -> Iterator[bytes]:
        for start in range(0, len(huge), 64 * 1024):
            yield huge[start : start + 64 * 1024]

    routes = _body_routes(operations)
    assert set(routes) >= {"auth", "users", "nutrition", "workouts", "notifications"}, routes
    wrong = []
    for service, op in sorted(routes.items()):
        caller = admin_account if "/admin/" in op.path else account
        headers = {**caller.headers, "content-type": "application/json"}
        with httpx.Client(base_url=direct_url(service), timeout=30) as door:
            for how, content in (("declared", huge), ("chunked", streamed())):
                answer = door.post(concrete_path(op), content=content, headers=headers)
                if answer.status_code != 413 or (
                    answer.json()["error"]["code"] != "payload_too_large"
                ):
                    wrong.append(f"{how}: {op.label} -> {answer.status_code} {answer.text[:200]}")
    assert not wrong, "\n".join(wrong)
