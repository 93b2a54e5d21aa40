"""RELIABILITY.md's auth promises, each through the gateway."""

from __future__ import annotations

import base64
import json
import statistics
import time
import uuid

import httpx
import jwt
import pytest
from accounts import login
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from stack_env import DATA_DIR

from backend_services.auth.keys import load_signing_keys

pytestmark = pytest.mark.e2e


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def stack_key(stack: str):  # type: ignore[no-untyped-def]
    return load_signing_keys(DATA_DIR / "keys")[-1]


def test_tokens_that_must_be_refused(
    client: httpx.Client, stack_key, register, sessions_redis
) -> None:
    account = register()
    real = jwt.decode(account.access_token, options={"verify_signature": False})
    kid = {"kid": stack_key.kid}

    def signed(**overrides: object) -> str:
        return jwt.encode(
            {**real, **overrides}, stack_key.private_key, algorithm="EdDSA", headers=kid
        )

    public_pem = stack_key.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    hs_header = b64({"alg": "HS256", "typ": "JWT", **kid})
    hs_body = b64(real)
    import hmac as _hmac
    from hashlib import sha256

    hs_signature = (
        base64.urlsafe_b64encode(
            _hmac.new(public_pem, f"{hs_header}.{hs_body}".encode(), sha256).digest()
        )
        .rstrip(b"=")
        .decode()
    )
    forged_key = jwt.encode(real, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers=kid)
    refused = {
        "none": f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(real)}.",
        "HS256 with the public key": f"{hs_header}.{hs_body}.{hs_signature}",
        "other key": forged_key,
        "wrong audience": signed(aud="someone-else"),
        "wrong issuer": signed(iss="evil"),
        "expired": signed(
            exp=int(time.time()) - 3600, iat=int(time.time()) - 4000, nbf=int(time.time()) - 4000
        ),
        "not yet valid": signed(nbf=int(time.time()) + 3600),
        "refresh type": signed(typ="refresh"),
        "reset type": signed(typ="reset"),
        "unknown session": signed(sid=uuid.uuid4().hex),
        "garbage": "not.a.token",
    }
    assert client.get("/api/users/info", headers=account.headers).status_code == 200
    for name, token in refused.items():
        response = client.get("/api/users/info", headers=bearer(token))
        assert response.status_code == 401, name
        assert response.json()["error"]["code"] == "unauthorized", name


def test_an_opaque_refresh_token_is_not_an_access_token(client: httpx.Client, register) -> None:
    account = register()
    assert client.get("/api/users/info", headers=bearer(account.refresh_token)).status_code == 401


def test_no_enumeration_on_login(client: httpx.Client, register) -> None:
    known = register()
    unknown = f"nobody-{uuid.uuid4().hex[:8]}@example.com"
    answers = []
    for email in (known.email, unknown):
        response = login(client, email, "wrong password here")
        answers.append((response.status_code, response.json()))
    assert answers[0] == answers[1]
    assert answers[0][0] == 401


def test_no_enumeration_on_register_and_forgot(client: httpx.Client, register, mailbox) -> None:
    known = register()
    fresh = f"fresh-{uuid.uuid4().hex[:8]}@example.com"
    repeat = client.post(
        "/api/auth/register",
        json={"email": known.email, "password": "another fine pass phrase", "display_name": "X"},
    )
    new = client.post(
        "/api/auth/register",
        json={"email": fresh, "password": "another fine pass phrase", "display_name": "X"},
    )
    assert (repeat.status_code, repeat.json()) == (new.status_code, new.json()) == (201, new.json())
    # The owner of the existing account is told instead.
    assert mailbox(known.email, subject="Your FitLedger account")

    forgot_known = client.post("/api/auth/password/forgot", json={"email": known.email})
    forgot_unknown = client.post(
        "/api/auth/password/forgot", json={"email": f"none-{uuid.uuid4().hex[:6]}@example.com"}
    )
    assert (forgot_known.status_code, forgot_known.json()) == (
        forgot_unknown.status_code,
        forgot_unknown.json(),
    )


def test_no_enumeration_by_timing_on_login(client: httpx.Client, register) -> None:
    """Known and unknown addresses cost the same bcrypt work (a wide tolerance, not a SLA)."""
    known = register()
    samples: dict[str, list[float]] = {"known": [], "unknown": []}
    for _ in range(4):
        for label, email in (
            ("known", known.email),
            ("unknown", f"x-{uuid.uuid4().hex[:8]}@example.com"),
        ):
            started = time.perf_counter()
            login(client, email, "bad guess 123")
            samples[label].append(time.perf_counter() - started)
    known_median = statistics.median(samples["known"])
    unknown_median = statistics.median(samples["unknown"])
    # Without the dummy hash a miss answers in ~5 ms against ~250 ms for a hit.
    assert unknown_median > 0.4 * known_median, samples


def test_brute_force_is_throttled_and_the_owner_gets_back_in(
    client: httpx.Client, register
) -> None:
    account = register()
    statuses = [login(client, account.email, "guess number x").status_code for _ in range(6)]
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429
    limited = login(client, account.email, account.password)
    assert limited.status_code == 429  # even the right password waits out the window
    assert int(limited.headers["retry-after"]) >= 1
    assert limited.json()["error"]["code"] == "rate_limited"
    time.sleep(int(limited.headers["retry-after"]) + 0.5)
    assert login(client, account.email, account.password).status_code == 200


def test_long_utf8_passwords_are_handled_whole(client: httpx.Client, register) -> None:
    password = "пароль-" + "ж" * 33  # 73 UTF-8 bytes: past bcrypt's 72
    assert len(password.encode()) > 72
    account = register(password=password)
    near_miss = password[:-1] + "з"  # differs only after byte 72
    assert login(client, account.email, near_miss).status_code == 401
    assert login(client, account.email, password).status_code == 200


@pytest.mark.parametrize(
    "body,field",
    [
        (
            {
                "email": "a@example.com",
                "password": "a fine pass phrase",
                "display_name": "A",
                "role": "admin",
            },
            "role",
        ),
        (
            {
                "email": "a@example.com",
                "password": "a fine pass phrase",
                "display_name": "A",
                "user_id": "x",
            },
            "user_id",
        ),
        ({"email": "not-an-email", "password": "a fine pass phrase", "display_name": "A"}, "email"),
        ({"email": "a@example.com", "password": "password", "display_name": "A"}, "password"),
        ({"email": "a@example.com", "password": "short", "display_name": "A"}, "password"),
        (
            {
                "email": "a@example.com",
                "password": "a fine pass phrase",
                "display_name": "A" * 10_000,
            },
            "display_name",
        ),
        ({"email": "a@example.com", "password": "a fine pass phrase"}, "display_name"),
    ],
)
def test_bad_registrations_get_field_errors(
    client: httpx.Client, body: dict[str, object], field: str
) -> None:
    response = client.post("/api/auth/register", json=body)
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]


def test_wrong_content_type_is_415(client: httpx.Client) -> None:
    response = client.post(
        "/api/auth/login",
        content=b"email=a&password=b",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415


def test_admin_routes_refuse_users(client: httpx.Client, register) -> None:
    user = register()
    for method, path, body in (
        ("GET", "/api/auth/admin/users", None),
        ("PATCH", f"/api/auth/admin/users/{user.user_id}/status", {"disabled": True}),
        ("PATCH", f"/api/auth/admin/users/{user.user_id}/role", {"role": "admin"}),
    ):
        response = client.request(method, path, headers=user.headers, json=body)
        assert response.status_code == 403, path
    assert client.get("/api/users/info", headers=user.headers).status_code == 200
