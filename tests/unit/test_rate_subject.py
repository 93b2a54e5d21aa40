"""The gateway counts a signed-in request against its user: the patterns nginx matches on
"<Authorization>|<access cookie>" must give one key per user, whatever the token."""

from __future__ import annotations

import base64
import re
import uuid
from pathlib import Path

import pytest

from backend_services.auth.keys import SigningKey, generate_signing_key
from backend_services.auth.tokens import issue_access_token
from backend_services.stack.render import RATE_SUBJECT_PATTERNS, render_gateway
from backend_services.stack.topology import StackSettings


@pytest.fixture
def key(tmp_path: Path) -> SigningKey:
    return generate_signing_key(tmp_path / "keys")


def token(key: SigningKey, user_id: str, session_id: str | None = None) -> str:
    return issue_access_token(
        key,
        user_id=user_id,
        role="user",
        session_id=session_id or str(uuid.uuid4()),
        issuer="fitledger-auth",
        audience="fitledger",
    )


def rate_key(authorization: str, cookie: str = "") -> str | None:
    """What the gateway's map gives: the first pattern that matches, its capture."""
    subject = f"{authorization}|{cookie}"
    for pattern in RATE_SUBJECT_PATTERNS:
        found = re.search(pattern, subject)
        if found:
            return found.group(1)
    return None


def test_the_key_is_the_user_whatever_the_session_or_the_moment(key: SigningKey) -> None:
    alice, bob = str(uuid.uuid4()), str(uuid.uuid4())
    first = rate_key(f"Bearer {token(key, alice)}")
    assert first is not None
    assert rate_key(f"Bearer {token(key, alice)}") == first  # another session, another jti
    assert rate_key("", token(key, alice)) == first  # the same user by cookie
    assert rate_key(f"Bearer {token(key, bob)}") != first


def test_the_key_encodes_exactly_the_subject(key: SigningKey) -> None:
    user = str(uuid.uuid4())
    prefix = rate_key(f"Bearer {token(key, user)}")
    assert prefix is not None
    assert base64.urlsafe_b64decode(prefix) == f'{{"sub":"{user}"'.encode()


@pytest.mark.parametrize(
    ("authorization", "cookie"),
    [("", ""), ("Basic dXNlcjpwYXNz", ""), ("Bearer not-a-token", ""), ("", "x.y")],
)
def test_without_a_token_the_caller_counts_by_address(authorization: str, cookie: str) -> None:
    assert rate_key(authorization, cookie) is None


def test_the_gateway_has_a_per_user_and_a_per_address_limit_on_every_api_route() -> None:
    text = render_gateway(StackSettings(api_rate_per_second=7, address_rate_per_second=70))
    assert "limit_req_zone $fl_rate_key zone=api:10m rate=7r/s;" in text
    assert "limit_req_zone $fl_client_addr zone=address:10m rate=70r/s;" in text
    for pattern in RATE_SUBJECT_PATTERNS:
        assert f'"~{pattern}" "user:$1";' in text
    assert text.count("limit_req zone=api ") == text.count("limit_req zone=address ") > 0
