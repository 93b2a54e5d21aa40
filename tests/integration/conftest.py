"""Fixtures for messaging integration tests against the real PostgreSQL and RabbitMQ.

Every test gets its own PostgreSQL schema (in database ``fitledger_test``) and its own
exchange/queue names, all removed afterwards, so tests never meet each other or a running
dev stack. Tests that stop the broker or cut its connections use a private RabbitMQ node
(``rabbit_node.py``), never the shared one on 5672.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pika
import pika.exceptions
import psycopg
import pytest
from databases import database_url, fresh_database
from messaging_worker import Db, Threads, Topology, Worker, create_test_tables
from rabbit_node import PrivateRabbitNode, rabbitmq_available

from backend_services.kernel import migrations
from backend_services.kernel.db import make_engine
from backend_services.stack.runner import ensure_database

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TEST_DB = "fitledger_test"
TEST_DB_URL = database_url(TEST_DB)
SHARED_AMQP_URL = os.environ.get("FITLEDGER_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")


@pytest.fixture(scope="session")
def ensure_test_database() -> Callable[[str], str]:
    """Factory: make sure a database exists (created if missing) and return its URL; skip
    the tests when PostgreSQL is not reachable."""

    def ensure(url: str) -> str:
        try:
            ensure_database(url)
        except psycopg.OperationalError as exc:
            pytest.skip(f"PostgreSQL not reachable for {url}: {exc}")
        return url

    return ensure


@pytest.fixture(scope="session")
def migrated_database(ensure_test_database: Callable[[str], str]) -> Callable[[str], str]:
    """Factory: the service's own test database ``fitledger_test_<service>``, created afresh
    and migrated to head; returns its URL. Fresh, as on a new machine: a database another
    checkout migrated further (a branch with a newer revision) must not break this run."""

    def migrate(service: str) -> str:
        name = f"fitledger_test_{service}"
        ensure_test_database(database_url(name))  # skips the tests if PostgreSQL is away
        url = fresh_database(name)
        migrations.upgrade(service, url)
        return url

    return migrate


@pytest.fixture(scope="session")
def test_database(ensure_test_database: Callable[[str], str]) -> str:
    return ensure_test_database(TEST_DB_URL)


@pytest.fixture
def db(test_database: str) -> Iterator[Db]:
    schema = f"t_msg_{uuid.uuid4().hex[:12]}"
    engine = make_engine(test_database, pool_size=6, application_name="messaging-tests")
    tables = create_test_tables(engine, schema)
    try:
        yield Db(engine, schema, tables, test_database)
    finally:
        engine.dispose()
        with psycopg.connect(TEST_DB_URL, autocommit=True) as conn:
            conn.execute("SET lock_timeout = '10s'")
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _reachable(url: str) -> str | None:
    try:
        pika.BlockingConnection(pika.URLParameters(url)).close()
    except Exception as exc:
        return repr(exc)
    return None


@pytest.fixture(scope="session")
def shared_amqp() -> str:
    error = _reachable(SHARED_AMQP_URL)
    if error:
        pytest.skip(f"RabbitMQ not reachable at {SHARED_AMQP_URL}: {error}")
    return SHARED_AMQP_URL


@pytest.fixture(scope="session")
def private_rabbit() -> Iterator[PrivateRabbitNode]:
    missing = rabbitmq_available()
    if missing:
        pytest.skip(f"cannot start a private RabbitMQ node: {missing}")
    base = Path(tempfile.mkdtemp(prefix="fltest-rabbit-"))
    node = PrivateRabbitNode(base, f"fltest{os.getpid()}")
    try:
        node.start()
        yield node
    finally:
        node.cleanup()


@pytest.fixture
def rabbit(private_rabbit: PrivateRabbitNode) -> Iterator[PrivateRabbitNode]:
    """The private node, guaranteed running again after a test that stopped it."""
    yield private_rabbit
    if private_rabbit.process is None or private_rabbit.process.poll() is not None:
        private_rabbit.start()


@pytest.fixture
def topo() -> Iterator[Topology]:
    suffix = uuid.uuid4().hex[:10]
    topology = Topology(exchange=f"fltest.events.{suffix}", queue=f"fltest.q.{suffix}")
    yield topology
    topology.delete()


@pytest.fixture
def threads(db: Db, topo: Topology) -> Iterator[Threads]:
    """Depends on db and topo so that its threads stop before the schema and queues go."""
    runner = Threads()
    try:
        yield runner
    finally:
        runner.close()


@pytest.fixture
def spawn(tmp_path: Path, db: Db, topo: Topology) -> Iterator[Callable[..., Worker]]:
    workers: list[Worker] = []

    def start(*args: str) -> Worker:
        worker = Worker(args, tmp_path)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.kill()
