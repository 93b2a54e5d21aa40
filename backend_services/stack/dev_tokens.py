"""Access tokens for a local stack without a login, for tests and benchmarks.

Signed with the stack's newest auth key and, when ``live``, with the session registered in
auth's Redis session index through auth's own ``SessionIndex`` (the gateway and every service
check it), exactly as a login leaves it. Never used by a running service.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import redis

from backend_services.auth.keys import load_signing_keys
from backend_services.auth.sessions import SessionIndex
from backend_services.auth.tokens import ACCESS_TOKEN_TTL_SECONDS, issue_access_token


@dataclass(frozen=True)
class DevToken:
    token: str
    session_id: str


def mint_access_token(
    keys_dir: Path,
    sessions: redis.Redis,
    user_id: str,
    *,
    role: str = "user",
    session_id: str | None = None,
    live: bool = True,
    ttl_seconds: int = ACCESS_TOKEN_TTL_SECONDS,
    issuer: str = "fitledger-auth",
    audience: str = "fitledger",
) -> DevToken:
    session_id = session_id or uuid.uuid4().hex
    if live:  # the index maps a session to its user; every service compares the two
        SessionIndex(sessions).add(session_id, user_id, ttl_seconds)
    token = issue_access_token(
        load_signing_keys(keys_dir)[-1],
        user_id=user_id,
        role=role,
        session_id=session_id,
        issuer=issuer,
        audience=audience,
        ttl_seconds=ttl_seconds,
    )
    return DevToken(token, session_id)
