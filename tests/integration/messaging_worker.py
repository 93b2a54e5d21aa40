"""Machinery for the messaging integration tests, and their subprocess entry point.

The helpers (test tables, effect handler, polling, counting relay/consumer, thread runner,
subprocess workers) live here rather than in conftest.py so the tests can import them by a
module name that no other test folder's conftest shadows.

Subprocess entry point for the kill tests: a real relay or consumer that stops at a chosen point.

    python messaging_worker.py relay    --hang-after-publishes M ...
    python messaging_worker.py consumer --hang-at K --hang-where handler|after-commit ...

When it reaches the point it writes ``--marker`` and blocks forever; the test then SIGKILLs it,
so the process dies exactly there (not "somewhere around there"):

- relay: right after the M-th message was confirmed by the broker, before the batch's
  ``published_at`` update commits;
- consumer ``handler``: inside the K-th handler call, effect written but not committed;
- consumer ``after-commit``: the K-th event's transaction committed, its message not acked.

The test tables and the effect handler live here too, so the subprocess and the in-process
consumers apply exactly the same effect.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pika
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, ROOT / "tests"):  # run as a script too (the worker subprocess)
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from polling import wait_until  # noqa: E402

from backend_services.kernel.db import make_engine, unit_of_work  # noqa: E402
from backend_services.kernel.messaging import (  # noqa: E402
    Event,
    EventConsumer,
    MessagingTables,
    OutboxRelay,
    Subscription,
    add_to_outbox,
)
from backend_services.kernel.messaging.consumer import declare_subscription  # noqa: E402

EVENT_TYPE = "nutrition.meal.logged"


def create_test_tables(engine: Engine, schema: str) -> MessagingTables:
    """Outbox + processed_events, a business table (meals) and an effects table.

    ``effects`` deliberately has no unique constraint: an effect applied twice shows up as
    two rows, so ``count(*) == count(DISTINCT event_id)`` really checks exactly-once.
    """
    tables = MessagingTables(schema)
    tables.create(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                f'CREATE TABLE "{schema}".meals (id bigserial PRIMARY KEY, event_id uuid NOT NULL,'
                " user_id text NOT NULL, kcal int NOT NULL)"
            )
        )
        conn.execute(
            text(
                f'CREATE TABLE "{schema}".effects (id bigserial PRIMARY KEY,'
                " event_id uuid NOT NULL, consumer text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
        )
    return tables


def effect_handler(schema: str, delay: float = 0.0) -> Callable[[Session, Event], None]:
    def handle(session: Session, event: Event) -> None:
        session.execute(
            text(f'INSERT INTO "{schema}".effects (event_id, consumer) VALUES (:e, :c)'),
            {"e": event.id, "c": "tests"},
        )
        if delay:
            time.sleep(delay)

    return handle


def _hang(marker: str, note: str) -> None:
    Path(marker).write_text(note)
    while True:  # wait for SIGKILL
        time.sleep(3600)


class _HangingChannel:
    """Delegates to the real channel; hangs right after the M-th confirmed publish."""

    def __init__(self, channel: Any, counter: list[int], hang_after: int, marker: str):
        self._channel, self._counter = channel, counter
        self._hang_after, self._marker = hang_after, marker

    def basic_publish(self, *args: Any, **kwargs: Any) -> None:
        self._channel.basic_publish(*args, **kwargs)  # returns once the broker confirmed
        self._counter[0] += 1
        if self._counter[0] == self._hang_after:
            _hang(self._marker, f"published={self._counter[0]}")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._channel, name)


class HangingRelay(OutboxRelay):
    def __init__(self, *args: Any, hang_after: int, marker: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._counter = [0]
        self._hang_after, self._marker = hang_after, marker

    def relay_batch(self, channel: Any) -> int:
        return super().relay_batch(
            _HangingChannel(channel, self._counter, self._hang_after, self._marker)
        )


class HangingConsumer(EventConsumer):
    """Hangs at the K-th event: inside its handler (uncommitted) or after its commit (unacked)."""

    def __init__(self, *args: Any, hang_at: int, hang_where: str, marker: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._seen = 0
        self._hang_at, self._hang_where, self._marker = hang_at, hang_where, marker

    def apply(self, event: Event, message: Any) -> bool:
        self._seen += 1
        applied = super().apply(event, message)
        if self._seen == self._hang_at and self._hang_where == "after-commit":
            _hang(self._marker, f"after-commit event={event.id} applied={applied}")
        return applied


def hanging_handler(
    inner: Callable[[Session, Event], None], hang_at: int, marker: str
) -> Callable[[Session, Event], None]:
    calls = [0]

    def handle(session: Session, event: Event) -> None:
        inner(session, event)
        calls[0] += 1
        if calls[0] == hang_at:
            session.flush()  # the effect row is written, but its transaction never commits
            _hang(marker, f"in-handler event={event.id}")

    return handle


@dataclass
class Db:
    engine: Engine
    schema: str
    tables: MessagingTables
    url: str

    def scalar(self, sql: str) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(text(sql.replace("{s}", f'"{self.schema}"'))).scalar_one()

    def effects(self) -> int:
        return int(self.scalar("SELECT count(*) FROM {s}.effects"))

    def distinct_effects(self) -> int:
        return int(self.scalar("SELECT count(DISTINCT event_id) FROM {s}.effects"))

    def processed(self) -> int:
        return int(self.scalar("SELECT count(*) FROM {s}.processed_events"))

    def meals(self) -> int:
        return int(self.scalar("SELECT count(*) FROM {s}.meals"))

    def outbox(self) -> int:
        return int(self.scalar("SELECT count(*) FROM {s}.outbox"))

    def published(self) -> int:
        return int(self.scalar("SELECT count(*) FROM {s}.outbox WHERE published_at IS NOT NULL"))

    def backlog(self) -> int:
        return self.tables.backlog(self.engine)

    def effects_match_outbox(self) -> bool:
        """Every effect belongs to an outbox event and every outbox event has an effect."""
        return bool(
            self.scalar(
                "SELECT (SELECT array_agg(event_id ORDER BY event_id) FROM {s}.outbox)"
                " IS NOT DISTINCT FROM"
                " (SELECT array_agg(event_id ORDER BY event_id) FROM {s}.effects)"
            )
        )


def log_meal(db: Db, i: int = 0, *, fail: bool = False) -> Event:
    """The business operation: a meal row and its event, in one unit of work."""
    event = Event(
        type=EVENT_TYPE, producer="tests", user_id=f"u{i % 7}", data={"n": i, "kcal": 500}
    )
    with unit_of_work(db.engine) as session:
        session.execute(  # type: ignore[attr-defined]
            text(f'INSERT INTO "{db.schema}".meals (event_id, user_id, kcal) VALUES (:e, :u, :k)'),
            {"e": event.id, "u": event.user_id, "k": 500},
        )
        add_to_outbox(session, db.tables, event)
        if fail:
            raise RuntimeError("business rule failed after the outbox write")
    return event


def log_meals(db: Db, n: int) -> list[Event]:
    return [log_meal(db, i) for i in range(n)]


@dataclass
class Topology:
    exchange: str
    queue: str
    urls: set[str] = field(default_factory=set)

    def declare(self, url: str, sub: Subscription) -> None:
        self.urls.add(url)
        with amqp_channel(url) as ch:
            declare_subscription(ch, self.exchange, sub)

    def depth(self, url: str, queue: str | None = None) -> int:
        with amqp_channel(url) as ch:
            return int(ch.queue_declare(queue or self.queue, passive=True).method.message_count)

    def drain(self, url: str, queue: str) -> list[tuple[pika.BasicProperties, bytes]]:
        got = []
        with amqp_channel(url) as ch:
            while True:
                method, props, body = ch.basic_get(queue, auto_ack=True)
                if method is None:
                    return got
                got.append((props, body))

    def delete(self) -> None:
        for url in self.urls:
            with contextlib.suppress(Exception), amqp_channel(url) as ch:
                for name in [self.queue, f"{self.queue}.dlq"] + [
                    f"{self.queue}.retry.{i}" for i in range(8)
                ]:
                    ch.queue_delete(name)
                ch.exchange_delete(self.exchange)


@contextlib.contextmanager
def amqp_channel(url: str) -> Iterator[Any]:
    conn = pika.BlockingConnection(pika.URLParameters(url))
    try:
        ch = conn.channel()
        ch.confirm_delivery()
        yield ch
    finally:
        with contextlib.suppress(Exception):
            conn.close()


def subscription(
    db: Db, topo: Topology, handler: Callable[..., None] | None = None, **kw: Any
) -> Subscription:
    return Subscription(
        queue=topo.queue,
        routing_keys=[EVENT_TYPE],
        handler=handler or effect_handler(db.schema),
        **kw,
    )


def declared_subscription(
    db: Db, topo: Topology, url: str, handler: Callable[..., None] | None = None, **kw: Any
) -> Subscription:
    """``subscription``, its queues declared on the broker at ``url``."""
    sub = subscription(db, topo, handler, **kw)
    topo.declare(url, sub)
    return sub


class CountingConsumer(EventConsumer):
    """The real consumer, counting what the broker delivered to it."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.deliveries = 0
        self.redelivered = 0
        self.duplicates = 0
        self.connects = 0

    def _run_connected(self, stop: threading.Event) -> None:
        self.connects += 1
        super()._run_connected(stop)

    def handle(self, channel: Any, method: Any, properties: Any, body: bytes) -> None:
        self.deliveries += 1
        self.redelivered += bool(method.redelivered)
        super().handle(channel, method, properties, body)

    def apply(self, event: Event, message: Any) -> bool:
        applied = super().apply(event, message)
        self.duplicates += not applied
        return applied


class CountingRelay(OutboxRelay):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.connects = 0

    def _run_connected(self, stop: threading.Event) -> None:
        self.connects += 1
        super()._run_connected(stop)


class Threads:
    """Runs ``run(stop)`` loops in threads; stops them and surfaces their crashes at exit."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []
        self.errors: list[BaseException] = []

    def start(self, target: Any) -> Any:
        def body() -> None:
            try:
                target.run(self.stop)
            except BaseException as exc:
                # tenacity raises RetryError when stop is set after a failed attempt: shutdown
                if not (self.stop.is_set() and type(exc).__name__ == "RetryError"):
                    self.errors.append(exc)
            else:
                if not self.stop.is_set():
                    self.errors.append(RuntimeError(f"{target.name} returned before stop was set"))

        thread = threading.Thread(target=body, name=getattr(target, "name", "runner"), daemon=True)
        thread.start()
        self.threads.append(thread)
        return target

    def alive(self) -> bool:
        return all(t.is_alive() for t in self.threads)

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=20)
        stuck = [t.name for t in self.threads if t.is_alive()]
        assert not stuck, f"threads did not stop: {stuck}"
        assert not self.errors, f"worker threads crashed: {self.errors!r}"


def relay(db: Db, url: str, topo: Topology, **kw: Any) -> CountingRelay:
    topo.urls.add(url)
    return CountingRelay(db.engine, db.tables, url, topo.exchange, poll_interval=0.05, **kw)


def consumer(db: Db, url: str, topo: Topology, sub: Subscription, **kw: Any) -> CountingConsumer:
    topo.urls.add(url)
    return CountingConsumer(db.engine, db.tables, url, topo.exchange, sub, **kw)


class Worker:
    def __init__(self, args: Sequence[str], tmp: Path):
        self.marker = tmp / f"marker-{uuid.uuid4().hex[:6]}"
        self.log = tmp / f"worker-{uuid.uuid4().hex[:6]}.log"
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    *args,
                    "--marker",
                    str(self.marker),
                ],
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )

    def wait_marker(self, timeout: float = 30.0) -> str:
        def ready() -> str | None:
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"worker exited early ({self.proc.returncode}):\n{self.output()}"
                )
            return (
                self.marker.read_text()
                if self.marker.exists() and self.marker.stat().st_size
                else None
            )

        return str(wait_until(ready, timeout=timeout, what="worker to reach its kill point"))

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


# -- subprocess entry point ------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["relay", "consumer"])
    parser.add_argument("--db-url", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--amqp-url", required=True)
    parser.add_argument("--exchange", required=True)
    parser.add_argument("--queue")
    parser.add_argument("--marker", required=True)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--hang-after-publishes", type=int, default=0)
    parser.add_argument("--hang-at", type=int, default=0)
    parser.add_argument("--hang-where", choices=["handler", "after-commit"], default="handler")
    parser.add_argument("--handler-delay", type=float, default=0.0)
    parser.add_argument("--prefetch", type=int, default=20)
    args = parser.parse_args(argv)

    engine = make_engine(args.db_url, application_name=f"test-{args.role}")
    tables = MessagingTables(args.schema)
    stop = threading.Event()
    if args.role == "relay":
        HangingRelay(
            engine,
            tables,
            args.amqp_url,
            args.exchange,
            batch_size=args.batch_size,
            hang_after=args.hang_after_publishes,
            marker=args.marker,
        ).run(stop)
    else:
        sub = Subscription(
            queue=args.queue,
            routing_keys=[EVENT_TYPE],
            handler=effect_handler(args.schema, args.handler_delay),
        )
        if args.hang_where == "handler":
            sub = replace(sub, handler=hanging_handler(sub.handler, args.hang_at, args.marker))
        HangingConsumer(
            engine,
            tables,
            args.amqp_url,
            args.exchange,
            sub,
            prefetch=args.prefetch,
            hang_at=args.hang_at,
            hang_where=args.hang_where,
            marker=args.marker,
        ).run(stop)


if __name__ == "__main__":
    main()
