"""Issuing access tokens (only the auth service holds the private keys)."""

from __future__ import annotations

import time
import uuid

import jwt

from .keys import ALGORITHM, SigningKey

ACCESS_TOKEN_TTL_SECONDS = 15 * 60


def issue_access_token(
    key: SigningKey,
    *,
    user_id: str,
    role: str,
    session_id: str,
    issuer: str,
    audience: str,
    ttl_seconds: int = ACCESS_TOKEN_TTL_SECONDS,
    now: float | None = None,
) -> str:
    issued = int(now if now is not None else time.time())
    # "sub" comes first: the gateway reads the subject, unverified, from the payload's first
    # characters to count requests per user (render.RATE_SUBJECT_PATTERN).
    claims = {
        "sub": user_id,
        "iss": issuer,
        "aud": audience,
        "iat": issued,
        "nbf": issued,
        "exp": issued + ttl_seconds,
        "jti": uuid.uuid4().hex,
        "typ": "access",
        "role": role,
        "sid": session_id,
    }
    return jwt.encode(claims, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})
