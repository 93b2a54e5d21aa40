"""Store outages against real servers: PostgreSQL, Redis and the MongoDB wire server restarted
under a running app.

Promise (docs/RELIABILITY.md, "Faults"): while a store is down, requests fail fast with 503 in
the one error shape (no stack trace, no SQL) and ``/readyz`` says 503; never a 2xx without a
commit; once the store is back the SAME app (no restart) serves 200 again by itself.

Each test starts its own private server on a free port (never the shared 5432/6379/27017
ones), serves a tiny app built with ``create_service_app`` over real HTTP (uvicorn in a
thread) and drives it with httpx. The client timeout is the "it returned at all" bound: a
request that hangs fails the test; there are no other timing assertions.
"""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
import pytest
from fastapi import APIRouter, FastAPI
from polling import wait_until
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import text
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel, select

from backend_services.kernel.cache import make_redis, ping_redis
from backend_services.kernel.db import make_engine, ping_database, unit_of_work
from backend_services.kernel.errors import NotFound
from backend_services.kernel.mongo import default_database, make_mongo_client, ping_mongo
from backend_services.kernel.service_app import create_service_app
from backend_services.kernel.settings import ServiceSettings

try:  # tests/ is not a package today; keep working if it becomes one
    from outage_servers import (
        PrivateMongo,
        PrivatePostgres,
        PrivateRedis,
        serve_in_thread,
        started,
    )
except ImportError:  # pragma: no cover
    from .outage_servers import (  # type: ignore[no-redef]
        PrivateMongo,
        PrivatePostgres,
        PrivateRedis,
        serve_in_thread,
        started,
    )

# A request must come back within this (generous) bound, outage or not; a hang is a failure.
CLIENT_TIMEOUT = 10.0
RECOVERY_TIMEOUT = 30.0
LEAK_MARKERS = (
    "Traceback",
    'File "',
    "psycopg",
    "sqlalchemy",
    "OperationalError",
    "SELECT",
    "INSERT",
    "redis.exceptions",
    "pymongo",
    "127.0.0.1:",
)

pytestmark = pytest.mark.timeout(150)


def _settings(name: str) -> ServiceSettings:
    return ServiceSettings(service_name=name, environment="test", log_level="WARNING")


def assert_unavailable(response: httpx.Response) -> None:
    """503 in the one error shape, with a request id, and nothing internal in the body."""
    assert response.status_code == 503, (response.status_code, response.text)
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "service_unavailable"
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert body["error"]["fields"] == {}
    assert response.headers.get("x-request-id"), "a 503 must still carry the request id"
    for marker in LEAK_MARKERS:
        assert marker not in response.text, f"{marker!r} leaked into an error body"


def assert_not_ready(client: httpx.Client, check: str) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503, response.text
    report = response.json()
    assert report["status"] == "not_ready"
    assert report["checks"][check] != "ok"
    for marker in ("Traceback", 'File "', "SELECT", "127.0.0.1:"):
        assert marker not in response.text


def wait_ready(client: httpx.Client) -> None:
    wait_until(lambda: client.get("/readyz").status_code == 200, timeout=RECOVERY_TIMEOUT)


def wait_for_2xx(send) -> httpx.Response:
    """Poll a request until it succeeds (bounded); every failure on the way must be a clean 503."""

    def attempt() -> httpx.Response | None:
        response = send()
        if response.is_success:
            return response
        assert_unavailable(response)
        return None

    return wait_until(attempt, timeout=RECOVERY_TIMEOUT, interval=0.2)


# --------------------------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------------------------


class OutageNote(SQLModel, table=True):
    __tablename__ = "outage_note"

    id: int | None = SQLField(default=None, primary_key=True)
    key: str = SQLField(unique=True, index=True, max_length=64)
    body: str = SQLField(max_length=200)


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(min_length=1, max_length=64)
    body: str = Field(max_length=200)
    hold_seconds: float = Field(default=0.0, ge=0, le=30)


def postgres_app(url: str) -> FastAPI:
    engine = make_engine(url, pool_size=3, pool_timeout=2.0, connect_timeout=2)
    SQLModel.metadata.create_all(engine, tables=[OutageNote.__table__])
    router = APIRouter()

    @router.post("/notes", status_code=201)
    def create_note(note: NoteIn) -> dict[str, str]:
        with unit_of_work(engine) as session:
            session.add(OutageNote(key=note.key, body=note.body))
            session.flush()
            if note.hold_seconds:
                # Keep the transaction open (uncommitted) so the test can kill the server now.
                session.execute(text("SELECT pg_sleep(:s)"), {"s": note.hold_seconds})
        return {"key": note.key}

    @router.get("/notes/{key}")
    def read_note(key: str) -> dict[str, str]:
        with unit_of_work(engine) as session:
            row = session.exec(select(OutageNote).where(OutageNote.key == key)).first()
            if row is None:
                raise NotFound("No such note.")
            return {"key": row.key, "body": row.body}

    app = create_service_app(
        _settings("outage-pg"),
        routers=[router],
        readiness={"postgres": lambda: ping_database(engine)},
    )
    app.state.engine = engine
    return app


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    with started(PrivatePostgres()) as server:
        yield server


def _wait_for_sleeping_backend(server: PrivatePostgres) -> None:
    def sleeping() -> bool:
        with psycopg.connect(server.dsn, autocommit=True) as conn:
            row = conn.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE state = 'active' AND query LIKE 'SELECT pg_sleep%'"
            ).fetchone()
            return bool(row and row[0] > 0)

    wait_until(sleeping, timeout=10, interval=0.05)


def test_postgres_restart_fails_fast_then_pool_recovers(private_postgres: PrivatePostgres):
    server = private_postgres
    app = postgres_app(server.url)
    try:
        with (
            serve_in_thread(app) as base_url,
            httpx.Client(base_url=base_url, timeout=CLIENT_TIMEOUT) as client,
        ):
            assert client.get("/readyz").status_code == 200
            acked: list[str] = []
            for i in range(5):  # warm the pool: several connections open when the server dies
                response = client.post("/notes", json={"key": f"before-{i}", "body": "x"})
                assert response.status_code == 201, response.text
                acked.append(f"before-{i}")

            # A write whose transaction is open (row flushed, not committed) when the server dies.
            in_flight: dict[str, httpx.Response] = {}

            def slow_write() -> None:
                with httpx.Client(base_url=base_url, timeout=CLIENT_TIMEOUT) as other:
                    in_flight["r"] = other.post(
                        "/notes", json={"key": "in-flight", "body": "x", "hold_seconds": 20}
                    )

            writer = threading.Thread(target=slow_write)
            writer.start()
            _wait_for_sleeping_backend(server)
            server.stop("immediate")
            writer.join(timeout=CLIENT_TIMEOUT + 5)
            assert not writer.is_alive(), "the in-flight write never returned"
            assert_unavailable(in_flight["r"])

            # While it is down: reads, writes and readiness all fail fast and cleanly.
            assert client.get("/healthz").status_code == 200  # liveness does not depend on it
            assert_not_ready(client, "postgres")
            refused_keys = []
            for i in range(3):
                key = f"during-{i}"
                assert_unavailable(client.post("/notes", json={"key": key, "body": "x"}))
                refused_keys.append(key)
            assert_unavailable(client.get("/notes/before-0"))

            # Back up: the same app heals by itself.
            server.start()
            created = wait_for_2xx(
                lambda: client.post("/notes", json={"key": "after-0", "body": "x"})
            )
            assert created.status_code == 201
            acked.append("after-0")
            wait_ready(client)

            # No stale connection is left in the pool: a concurrent burst all succeeds.
            def write(i: int) -> int:
                with httpx.Client(base_url=base_url, timeout=CLIENT_TIMEOUT) as other:
                    return other.post("/notes", json={"key": f"burst-{i}", "body": "x"}).status_code

            with ThreadPoolExecutor(max_workers=6) as pool:
                statuses = list(pool.map(write, range(18)))
            assert statuses == [201] * 18
            acked.extend(f"burst-{i}" for i in range(18))

            # Every acknowledged write is there; nothing that answered 503 was committed.
            for key in acked:
                assert client.get(f"/notes/{key}").status_code == 200, key
            for key in ["in-flight", *refused_keys]:
                response = client.get(f"/notes/{key}")
                assert response.status_code == 404, (key, response.text)
                assert response.json()["error"]["code"] == "not_found"
    finally:
        app.state.engine.dispose()

    # And directly in the database, not only through the app.
    with psycopg.connect(server.dsn) as conn:
        keys = {row[0] for row in conn.execute("SELECT key FROM outage_note")}
    assert keys == set(acked)


# --------------------------------------------------------------------------------------------
# Redis
# --------------------------------------------------------------------------------------------


def redis_app(url: str) -> FastAPI:
    client = make_redis(url)
    router = APIRouter()

    @router.post("/counters/{name}")
    def bump(name: str) -> dict[str, int]:
        return {"value": int(client.incr(f"outage:{name}"))}

    @router.get("/counters/{name}")
    def read(name: str) -> dict[str, int]:
        return {"value": int(client.get(f"outage:{name}") or 0)}

    app = create_service_app(
        _settings("outage-redis"),
        routers=[router],
        readiness={"redis": lambda: ping_redis(client)},
    )
    app.state.redis = client
    return app


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    with started(PrivateRedis()) as server:
        yield server


def test_redis_restart_fails_fast_then_client_recovers(private_redis: PrivateRedis):
    server = private_redis
    app = redis_app(server.url)
    try:
        with (
            serve_in_thread(app) as base_url,
            httpx.Client(base_url=base_url, timeout=CLIENT_TIMEOUT) as client,
        ):
            assert client.get("/readyz").status_code == 200
            for expected in (1, 2, 3):
                response = client.post("/counters/hits")
                assert response.status_code == 200, response.text
                assert response.json() == {"value": expected}

            server.stop(signal.SIGKILL)

            assert client.get("/healthz").status_code == 200
            assert_not_ready(client, "redis")
            for _ in range(3):
                assert_unavailable(client.post("/counters/hits"))
            assert_unavailable(client.get("/counters/hits"))

            server.start()  # same port; no persistence, so it comes back empty
            bumped = wait_for_2xx(lambda: client.post("/counters/fresh"))
            assert bumped.json() == {"value": 1}
            wait_ready(client)
            for _ in range(10):
                assert client.post("/counters/fresh").status_code == 200
            assert client.get("/counters/fresh").json() == {"value": 11}
    finally:
        app.state.redis.close()


# --------------------------------------------------------------------------------------------
# MongoDB wire server
# --------------------------------------------------------------------------------------------


class DocIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(min_length=1, max_length=64)
    value: int


def mongo_app(uri: str) -> FastAPI:
    client = make_mongo_client(uri, timeout_ms=2000)
    collection = default_database(client)["outage_docs"]
    router = APIRouter()

    @router.post("/docs", status_code=201)
    def create(doc: DocIn) -> dict[str, str]:
        collection.insert_one({"_id": doc.key, "value": doc.value})
        return {"key": doc.key}

    @router.get("/docs/{key}")
    def read(key: str) -> dict[str, int | str]:
        found = collection.find_one({"_id": key})
        if found is None:
            raise NotFound("No such document.")
        return {"key": found["_id"], "value": found["value"]}

    app = create_service_app(
        _settings("outage-mongo"),
        routers=[router],
        readiness={"mongo": lambda: ping_mongo(client)},
        readiness_timeout=3.0,
    )
    app.state.mongo = client
    return app


@pytest.fixture
def private_mongo() -> Iterator[PrivateMongo]:
    with started(PrivateMongo()) as server:
        yield server


def test_mongo_restart_fails_fast_then_client_recovers(private_mongo: PrivateMongo):
    server = private_mongo
    app = mongo_app(server.uri())
    try:
        with (
            serve_in_thread(app) as base_url,
            httpx.Client(base_url=base_url, timeout=CLIENT_TIMEOUT) as client,
        ):
            assert client.get("/readyz").status_code == 200
            for i in range(3):
                response = client.post("/docs", json={"key": f"before-{i}", "value": i})
                assert response.status_code == 201, response.text

            server.stop(signal.SIGKILL)  # a crash, not a clean shutdown

            assert client.get("/healthz").status_code == 200
            assert_not_ready(client, "mongo")
            assert_unavailable(client.post("/docs", json={"key": "during-0", "value": 0}))
            assert_unavailable(client.get("/docs/before-0"))

            server.start()  # same port, same storage path
            found = wait_for_2xx(lambda: client.get("/docs/before-1"))
            assert found.json() == {"key": "before-1", "value": 1}  # data survived the crash
            wait_ready(client)
            for i in range(3):
                assert client.get(f"/docs/before-{i}").json()["value"] == i
            assert client.post("/docs", json={"key": "after-0", "value": 7}).status_code == 201
            assert client.get("/docs/after-0").json() == {"key": "after-0", "value": 7}
            missing = client.get("/docs/during-0")
            assert missing.status_code == 404, json.dumps(missing.json())
    finally:
        app.state.mongo.close()
