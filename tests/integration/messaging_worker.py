"""Subprocess entry point for the kill tests: a real relay or consumer that stops at a chosen point.

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
import sys
import threading
import time
from dataclasses import replace
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from backend_services.kernel.db import make_engine  # noqa: E402
from backend_services.kernel.messaging import (  # noqa: E402
    EventConsumer,
    Event,
    MessagingTables,
    OutboxRelay,
    Subscription,
)

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

    def apply(self, event: Event) -> bool:
        self._seen += 1
        applied = super().apply(event)
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
