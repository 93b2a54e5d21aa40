"""Shared fixtures. The whole stack is started once per session, the way `make run` does, only
when a test asks for it (tests/api and tests/e2e).

It runs on the standard ports with the UI (whose bundle is built for the gateway's port), or
with ``E2E_PORT_SHIFT`` on shifted ports, its own vhost and Redis database, without the UI
(tests/stack_env.py); either way with its own data folder and database, stopped at the end.
A stack already running on its ports makes the session fail fast instead of testing the
wrong processes (``E2E_EXISTING_STACK=1`` uses one you run on purpose).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default
from pathlib import Path

import httpx
import psycopg
import pytest
import redis
from accounts import Account
from psycopg import sql
from push_receiver import PushReceiver
from stack_env import (
    AMQP_VHOST,
    DATA_DIR,
    EXISTING,
    GATEWAY,
    GATEWAY_PORT,
    PUSH_RECEIVER_PORT,
    ROOT,
    STACK_ENV,
    WITH_UI,
)

from backend_services.stack.dev_tokens import mint_access_token


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


def _fresh_vhost(vhost: str) -> None:
    """A new, empty RabbitMQ vhost for the stack (queues of an earlier run are dropped)."""
    subprocess.run(["rabbitmqctl", "-q", "delete_vhost", vhost], capture_output=True, check=False)
    for args in (["add_vhost", vhost], ["set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"]):
        done = subprocess.run(
            ["rabbitmqctl", "-q", *args], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            pytest.fail(f"rabbitmqctl {' '.join(args)} failed: {done.stderr}")


def _fresh_stores() -> None:
    """Every session starts from empty stores: no data of an earlier run changes the results."""
    url = STACK_ENV["DATABASE_URL"].replace("+psycopg", "")
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
    shutil.rmtree(DATA_DIR / "mongo", ignore_errors=True)
    shutil.rmtree(DATA_DIR / "mail", ignore_errors=True)
    redis.Redis.from_url(STACK_ENV["REDIS_URL"]).flushdb()
    _fresh_vhost(AMQP_VHOST)


@pytest.fixture(scope="session")
def stack() -> Iterator[str]:
    if EXISTING:
        yield GATEWAY
        return
    if _port_busy(GATEWAY_PORT):
        pytest.fail(f"port {GATEWAY_PORT} is in use: stop the running stack (`make stop`) first")
    _fresh_stores()
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
    # The address a user types, the one the bundle is built for (its websocket origin).
    return f"http://localhost:{GATEWAY_PORT}"


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
    """Factory: an access token signed by the stack's auth key, for a live session (or, with
    ``live=False``, for none), for a user who need not have an account: quicker than a
    registration and login when a test only needs an identity."""

    def make(
        user_id: str | None = None, role: str = "user", *, live: bool = True, ttl_seconds: int = 900
    ) -> str:
        return mint_access_token(
            DATA_DIR / "keys",
            sessions_redis,
            user_id or str(uuid.uuid4()),
            role=role,
            live=live,
            ttl_seconds=ttl_seconds,
        ).token

    return make


@pytest.fixture
def client(stack: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack, timeout=10) as http:
        yield http


@pytest.fixture
def user_id() -> str:
    return f"user-{secrets.token_hex(6)}"


@pytest.fixture(scope="session")
def register(stack: str) -> Callable[..., Account]:
    """Factory: register a new account through the gateway and sign it in."""

    def make(password: str = "correct horse battery staple", email: str | None = None) -> Account:
        email = email or f"user-{uuid.uuid4().hex[:12]}@example.com"
        with httpx.Client(base_url=stack, timeout=20) as http:
            created = http.post(
                "/api/auth/register",
                json={"email": email, "password": password, "display_name": "Test User"},
            )
            assert created.status_code == 201, created.text
            login = http.post("/api/auth/login", json={"email": email, "password": password})
            assert login.status_code == 200, login.text
            tokens = login.json()
            me = http.get(
                "/api/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
            )
            assert me.status_code == 200, me.text
        return Account(
            email, password, me.json()["id"], tokens["access_token"], tokens["refresh_token"]
        )

    return make


@pytest.fixture(scope="session")
def admin_account(stack: str, register: Callable[..., Account]) -> Account:
    """An administrator, made with the operator's CLI, signed in through the gateway."""
    email = f"admin-{uuid.uuid4().hex[:8]}@example.com"
    password = "admin pass phrase for tests"
    made = subprocess.run(
        [
            str(Path(sys.executable).parent / "fitledger"),
            "admin",
            "create",
            "--email",
            email,
            "--password",
            password,
        ],
        env={**os.environ, **STACK_ENV},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert made.returncode == 0, made.stderr
    with httpx.Client(base_url=stack, timeout=20) as http:
        login = http.post("/api/auth/login", json={"email": email, "password": password})
        assert login.status_code == 200, login.text
        me = http.get(
            "/api/auth/me", headers={"Authorization": f"Bearer {login.json()['access_token']}"}
        )
    return Account(
        email,
        password,
        me.json()["id"],
        login.json()["access_token"],
        login.json()["refresh_token"],
    )


@pytest.fixture(scope="session")
def push_receiver() -> Iterator[PushReceiver]:
    """The local Web Push service, on the one origin the test stack may push to."""
    with PushReceiver(port=PUSH_RECEIVER_PORT) as receiver:
        yield receiver


@pytest.fixture(scope="session")
def mailbox(stack: str) -> Callable[..., list[EmailMessage]]:
    """Messages the stack's SMTP catcher received for an address (waits up to ``timeout``)."""

    def read(
        to: str, *, at_least: int = 1, timeout: float = 15.0, subject: str | None = None
    ) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        found: list[EmailMessage] = []
        while time.monotonic() < deadline:
            found = []
            for path in sorted((DATA_DIR / "mail").glob("*.eml")):
                message = BytesParser(policy=default).parsebytes(path.read_bytes())
                if message["To"] == to and subject in (None, message["Subject"]):
                    found.append(message)  # type: ignore[arg-type]
            if len(found) >= at_least:
                return found
            time.sleep(0.2)
        return found

    return read
