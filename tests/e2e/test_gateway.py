"""The nginx gateway, through real nginx in front of the real services."""

from __future__ import annotations

import base64
import json
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import redis
from polling import wait_until

pytestmark = pytest.mark.e2e

PROTECTED = ("users", "nutrition", "workouts", "notifications")
SECURITY_HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_error_shape(response: httpx.Response, code: str) -> None:
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["fields"], dict)


def health_ok(client: httpx.Client) -> bool:
    return client.get("/api/health").status_code == 200


def gateway_routes_again(client: httpx.Client, path: str, headers: dict[str, str]) -> None:
    """After an outage nginx retries an instance only once fail_timeout (5 s) has passed:
    wait until the gateway, not just the instances, answers again, several times in a row."""
    wait_until(lambda: all(client.get(path, headers=headers).status_code == 200 for _ in range(6)))


@pytest.mark.parametrize("service", PROTECTED)
def test_routes_each_prefix_to_its_service(
    client: httpx.Client, make_token, service: str, user_id: str
) -> None:
    response = client.get(f"/api/{service}/info", headers=bearer(make_token(user_id)))
    assert response.status_code == 200
    assert response.json()["service"] == service
    assert response.json()["user_id"] == user_id


def test_dashboard_prefix_reaches_the_aggregator(client: httpx.Client, make_token) -> None:
    response = client.get("/api/dashboard/nothing-here", headers=bearer(make_token()))
    assert response.status_code == 404
    assert_error_shape(response, "not_found")


def test_health_reports_every_service(client: httpx.Client) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert set(response.json()["services"]) == {"auth", *PROTECTED}
    assert all(response.json()["services"].values())


def test_both_instances_receive_traffic(client: httpx.Client, make_token) -> None:
    headers = bearer(make_token())
    instances = {
        client.get("/api/users/info", headers=headers).json()["instance"] for _ in range(20)
    }
    assert instances == {"1", "2"}


def test_killed_instance_is_routed_around(client: httpx.Client, make_token, supervisor) -> None:
    headers = bearer(make_token())
    pid = int(supervisor("pid", "nutrition:nutrition-1").stdout.strip())
    os.kill(pid, signal.SIGKILL)
    statuses = [client.get("/api/nutrition/info", headers=headers) for _ in range(20)]
    assert [r.status_code for r in statuses] == [200] * 20
    assert {r.json()["instance"] for r in statuses} == {"2"}
    # supervisord brings it back; the gateway uses it again.
    wait_until(lambda: "RUNNING" in supervisor("status", "nutrition:nutrition-1").stdout)
    wait_until(
        lambda: (
            "1"
            in {
                client.get("/api/nutrition/info", headers=headers).json()["instance"]
                for _ in range(6)
            }
        )
    )


def test_client_identity_headers_are_overwritten(
    client: httpx.Client, make_token, user_id: str
) -> None:
    response = client.get(
        "/api/users/info",
        headers={
            **bearer(make_token(user_id)),
            "X-User-Id": "admin-spoof",
            "X-User-Role": "admin",
            "X-Forwarded-For": "203.0.113.7",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["user_id"] == user_id
    assert body["gateway_user_id"] == user_id
    assert body["role"] == "user"
    assert body["forwarded_for"] == "127.0.0.1"


def test_spoofed_identity_without_token_is_refused(client: httpx.Client) -> None:
    response = client.get(
        "/api/users/info", headers={"X-User-Id": "someone", "X-User-Role": "admin"}
    )
    assert response.status_code == 401
    assert_error_shape(response, "unauthorized")


def test_forged_and_revoked_tokens_are_refused(
    client: httpx.Client, make_token, sessions_redis: redis.Redis
) -> None:
    token = make_token()
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["role"] = "admin"
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    forged = f"{header}.{forged_payload}.{signature}"
    assert client.get("/api/users/info", headers=bearer(forged)).status_code == 401

    ended = make_token(live=False)  # a valid signature for a session that is not live
    response = client.get("/api/users/info", headers=bearer(ended))
    assert response.status_code == 401
    assert_error_shape(response, "unauthorized")


def test_rate_limit_answers_429_json(client: httpx.Client) -> None:
    def hit(_: int) -> httpx.Response:
        # A cheap refused request still counts: limits apply before the token check.
        return client.get("/api/users/info")

    with ThreadPoolExecutor(max_workers=16) as pool:
        responses = list(pool.map(hit, range(400)))
    limited = [r for r in responses if r.status_code == 429]
    assert limited, "400 requests in a burst were never limited"
    assert_error_shape(limited[0], "rate_limited")
    assert limited[0].headers["retry-after"] == "1"
    time.sleep(2.5)  # let the bucket drain for the tests after this one


def test_oversize_body_answers_413_json(client: httpx.Client, make_token) -> None:
    response = client.post(
        "/api/users/info",
        headers={**bearer(make_token()), "Content-Type": "application/json"},
        content=b'{"x":"' + b"a" * (3 * 1024 * 1024) + b'"}',
    )
    assert response.status_code == 413
    assert_error_shape(response, "payload_too_large")


def test_security_headers_on_a_404(client: httpx.Client) -> None:
    response = client.get("/api/no-such-service/anything")
    assert response.status_code == 404
    assert_error_shape(response, "not_found")
    for header in SECURITY_HEADERS:
        assert header in response.headers, header
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-request-id"]


@pytest.mark.parametrize(
    "path",
    [
        "/metrics",
        "/docs",
        "/openapi.json",
        "/healthz",
        "/readyz",
        "/internal/verify",
        "/api/users/../../metrics",
        "/api/users/%2e%2e/%2e%2e/metrics",
        "/api/users/..%2Fmetrics",
    ],
)
def test_internal_routes_are_not_reachable(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert "http_requests_total" not in response.text
    assert response.headers["content-type"].startswith("application/json")


def test_service_down_gives_json_502_and_health_names_it(
    client: httpx.Client, make_token, supervisor
) -> None:
    supervisor("stop", "workouts:*")
    try:
        response = client.get("/api/workouts/info", headers=bearer(make_token()))
        assert response.status_code == 502
        assert_error_shape(response, "bad_gateway")
        health = client.get("/api/health")
        assert health.status_code == 503
        assert health.json()["not_ready"] == ["workouts"]
    finally:
        supervisor("start", "workouts:*")
    wait_until(lambda: health_ok(client))
    gateway_routes_again(client, "/api/workouts/info", bearer(make_token()))


def test_auth_down_fails_closed(client: httpx.Client, make_token, supervisor) -> None:
    token = make_token()
    supervisor("stop", "auth:auth-1", "auth:auth-2")
    try:
        response = client.get("/api/users/info", headers=bearer(token))
        assert response.status_code in (401, 500, 502, 503)
        assert "user_id" not in response.text
        assert set(response.json()) == {"error"}
    finally:
        supervisor("start", "auth:auth-1", "auth:auth-2")
    # nginx retries the instances after fail_timeout (5 s); the same token works again.
    gateway_routes_again(client, "/api/users/info", bearer(token))
