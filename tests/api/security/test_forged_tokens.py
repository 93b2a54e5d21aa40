"""Forged access tokens on every door: each service's own port and the gateway. Each forgery
carries a real user's claims and live session id, so only the forgery itself can make it
fail: another algorithm, another key, a wrong audience or issuer, an expired or not yet valid
token, a refresh or reset token, an unknown session. (tests/api/auth tries the same through
the gateway only.)"""

from __future__ import annotations

import base64
import hmac
import json
import time
import uuid
from collections.abc import Callable
from hashlib import sha256
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from security_fixtures import (  # noqa: F401 (fixtures, found by name)
    doors_fixture,
    openapi_fixture,
    operations_fixture,
    probes_fixture,
)
from security_helpers import SERVICE_NAMES, bearer
from stack_env import DATA_DIR

from backend_services.auth.keys import load_signing_keys

pytestmark = pytest.mark.e2e


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _forgeries(real: dict[str, Any]) -> dict[str, str]:
    key = load_signing_keys(DATA_DIR / "keys")[-1]
    kid = {"kid": key.kid}
    now = int(time.time())

    def signed(**overrides: Any) -> str:
        return jwt.encode({**real, **overrides}, key.private_key, algorithm="EdDSA", headers=kid)

    public_pem = key.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    hs_signing_input = f"{_b64({'alg': 'HS256', 'typ': 'JWT', **kid})}.{_b64(real)}"
    hs_signature = hmac.new(public_pem, hs_signing_input.encode(), sha256).digest()
    return {
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(real)}.",
        "HS256 keyed with the public key": hs_signing_input
        + "."
        + base64.urlsafe_b64encode(hs_signature).rstrip(b"=").decode(),
        "another Ed25519 key": jwt.encode(
            real, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers=kid
        ),
        "admin role added": jwt.encode(
            {**real, "role": "admin"}, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers=kid
        ),
        "wrong audience": signed(aud="someone-else"),
        "wrong issuer": signed(iss="evil"),
        "expired": signed(exp=now - 3600, iat=now - 4000, nbf=now - 4000),
        "not yet valid": signed(nbf=now + 3600),
        "refresh type": signed(typ="refresh"),
        "reset type": signed(typ="reset"),
        "unknown session": signed(sid=uuid.uuid4().hex),
        "garbage": "not.a.token",
    }


def test_forged_tokens_are_refused_on_every_door(
    doors: dict[str, httpx.Client],
    probes: dict[str, list[str]],
    register: Callable[..., Any],
) -> None:
    account = register()
    real = jwt.decode(account.access_token, options={"verify_signature": False})
    # One user route per service (verification is the kernel's, the same on every route).
    routes = {
        service: next(p for p in probes[service] if "/admin/" not in p) for service in SERVICE_NAMES
    }
    for service, path in routes.items():
        for door in (service, "gateway"):
            answer = doors[door].get(path, headers=account.headers)
            assert answer.status_code not in (401, 403), (door, path, answer.text)
    accepted = []
    for name, token in _forgeries(real).items():
        for service, path in routes.items():
            for door in (service, "gateway"):
                answer = doors[door].get(path, headers=bearer(token))
                if answer.status_code != 401 or answer.json()["error"]["code"] != "unauthorized":
                    accepted.append(f"{name}: {door} GET {path} -> {answer.status_code}")
    assert not accepted, "\n".join(accepted)
