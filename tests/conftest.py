"""Shared fixtures. The whole stack is started once per session, the way `make run` does, only
when a test asks for it (tests/api and tests/e2e).

It runs on the standard ports (the UI bundle is built for the gateway's port), with its own
data folder and database, and is stopped at the end. A stack already running there makes the
session fail fast instead of testing the wrong processes.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import redis
from stack_env import DATA_DIR, GATEWAY, GATEWAY_PORT, ROOT, STACK_ENV, WITH_UI

from backend_services.auth.keys import load_signing_keys
from backend_services.auth.tokens import issue_access_token


def _port_busy(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _fitledger(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "fitledger"), "stack", *args],
        env={**os.environ, **STACK_ENV},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


@pytest.fixture(scope="session")
def stack() -> Iterator[str]:
    if _port_busy(GATEWAY_PORT):
        pytest.fail(f"port {GATEWAY_PORT} is in use: stop the running stack (`make stop`) first")
    started = _fitledger("up", "--detach")
    if started.returncode != 0:
        logs = sorted((DATA_DIR / "logs").glob("*.log"))
        tails = "\n".join(f"== {p.name}\n{p.read_text()[-1500:]}" for p in logs)
        pytest.fail(f"stack did not start:\n{started.stdout}\n{started.stderr}\n{tails}")
    try:
        yield GATEWAY
    finally:
        _fitledger("down")


@pytest.fixture(scope="session")
def gateway_url(stack: str) -> str:
    return stack


@pytest.fixture(scope="session")
def ui_url(stack: str) -> str:
    if not WITH_UI:
        pytest.skip("the UI runs only in the unshifted test stack (E2E_PORT_SHIFT=0)")
    return stack


@pytest.fixture(scope="session")
def supervisor(stack: str) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run a supervisorctl command against the test stack."""
    conf = DATA_DIR / "run" / "supervisord.conf"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(Path(sys.executable).parent / "supervisorctl"), "-c", str(conf), *args],
            capture_output=True,
            text=True,
            check=False,
        )

    return run


@pytest.fixture(scope="session")
def sessions_redis(stack: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(STACK_ENV["REDIS_URL"], decode_responses=True)
    yield client
    client.close()


@pytest.fixture(scope="session")
def make_token(stack: str, sessions_redis: redis.Redis) -> Callable[..., str]:
    """Factory: an access token signed by the stack's auth key, for a live session.

    The auth service's login endpoint arrives with its own issue; until then tests mint
    tokens exactly as auth does and register the session in the Redis index it checks.
    """
    key = load_signing_keys(DATA_DIR / "keys")[-1]

    def make(
        user_id: str | None = None, role: str = "user", *, live: bool = True, ttl_seconds: int = 900
    ) -> str:
        session_id = uuid.uuid4().hex
        if live:
            sessions_redis.set(f"auth:session:{session_id}", user_id or "", ex=ttl_seconds)
        return issue_access_token(
            key,
            user_id=user_id or str(uuid.uuid4()),
            role=role,
            session_id=session_id,
            issuer="fitledger-auth",
            audience="fitledger",
            ttl_seconds=ttl_seconds,
        )

    return make


@pytest.fixture
def client(stack: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack, timeout=10) as http:
        yield http


@pytest.fixture
def user_id() -> str:
    return f"user-{secrets.token_hex(6)}"
