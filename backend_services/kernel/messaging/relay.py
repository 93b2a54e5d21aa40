"""Outbox relays: publish staged events with publisher confirms, then mark them sent.

``Relay`` is the loop every relay shares (connect, relay batches, back off, reconnect, the
metrics); ``OutboxRelay`` is the PostgreSQL one (``mongo_outbox.py`` has MongoDB's). Rows are
claimed with ``FOR UPDATE SKIP LOCKED`` so several relays can run side by side. A
row is marked sent only after the broker confirmed it; a crash in between re-publishes it,
which consumers absorb by deduplicating on the event id (at-least-once delivery).
"""

from __future__ import annotations

import abc
import contextlib
import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from pika.adapters.blocking_connection import BlockingChannel, BlockingConnection
from prometheus_client import Counter, Gauge
from psycopg import sql
from sqlalchemy import Engine, func, select, update

from .broker import confirmed_channel, declare_exchange, keep_connected, publish_persistent
from .outbox import MessagingTables, wake_channel

log = logging.getLogger("fitledger.relay")

PUBLISHED = Counter(
    "outbox_events_published_total", "Events published from the outbox.", ["schema", "type"]
)
OUTBOX_BACKLOG = Gauge(
    "outbox_backlog",
    "Outbox rows (MongoDB: documents) not yet published.",
    ["schema"],
    multiprocess_mode="livemax",
)
RELAY_RECONNECTS = Counter(
    "outbox_relay_reconnects_total", "Relay reconnects after a failure.", ["schema"]
)
PRUNED = Counter(
    "messaging_rows_pruned_total",
    "Delivered outbox rows and processed-event records removed after their retention.",
    ["schema", "table"],
)


@dataclass(frozen=True)
class Retention:
    """How long delivered events are kept. Published outbox rows only tell what was sent; the
    processed-event ledger deduplicates redeliveries, which come within minutes (a dead letter
    replayed later was never processed). Both grow with every event, so each relay prunes
    them ``every`` so often."""

    outbox: timedelta = timedelta(days=7)
    processed_events: timedelta = timedelta(days=30)
    every: timedelta = timedelta(hours=1)

    @classmethod
    def of(cls, settings: Any) -> Retention:
        return cls(
            outbox=timedelta(days=settings.outbox_retention_days),
            processed_events=timedelta(days=settings.processed_events_retention_days),
        )


class Relay(abc.ABC):
    """Relays until stopped; ``label`` is the metrics' ``schema`` label."""

    def __init__(
        self,
        amqp_url: str,
        exchange: str,
        *,
        label: str,
        batch_size: int,
        poll_interval: float,
        retention: Retention | None = None,
    ):
        self.amqp_url, self.exchange = amqp_url, exchange
        self.label, self.name = label, f"{label}-relay"
        self.batch_size, self.poll_interval = batch_size, poll_interval
        self.retention = retention or Retention()
        self._next_prune = time.monotonic()

    @abc.abstractmethod
    def relay_batch(self, channel: BlockingChannel) -> int:
        """Publish up to ``batch_size`` units of staged events; returns events published."""

    @abc.abstractmethod
    def backlog(self) -> int:
        """How much is still waiting."""

    @abc.abstractmethod
    def prune(self, now: datetime) -> dict[str, int]:
        """Remove what ``retention`` no longer keeps; answers rows removed per table."""

    def wait_for_work(self, connection: BlockingConnection, stop: threading.Event) -> None:
        """Idle after a short batch: the poll interval, serving the broker connection."""
        connection.sleep(self.poll_interval)

    def _prune_when_due(self) -> None:
        if time.monotonic() < self._next_prune:
            return
        self._next_prune = time.monotonic() + self.retention.every.total_seconds()
        try:
            removed = self.prune(datetime.now(UTC))
        except Exception:  # pruning must never stop the relay: it tries again next time
            log.exception("pruning delivered events failed", extra={"relay": self.name})
            return
        for table, count in removed.items():
            PRUNED.labels(self.label, table).inc(count)
        if any(removed.values()):
            log.info("pruned delivered events", extra={"relay": self.name, **removed})

    def run(self, stop: threading.Event) -> None:
        """Relay until ``stop`` is set, reconnecting with back-off after any broker/DB failure."""
        keep_connected(
            self.name,
            stop,
            self._run_connected,
            on_reconnect=lambda _: RELAY_RECONNECTS.labels(self.label).inc(),
        )

    def _run_connected(self, stop: threading.Event) -> None:
        with confirmed_channel(self.amqp_url, name=self.name) as (connection, channel):
            declare_exchange(channel, self.exchange)
            while not stop.is_set():
                self._prune_when_due()
                sent = self.relay_batch(channel)
                if sent < self.batch_size:
                    # A short batch drained what this relay could claim; a full one means
                    # more is waiting, so measure how much.
                    OUTBOX_BACKLOG.labels(self.label).set(0)
                    self.wait_for_work(connection, stop)
                else:
                    OUTBOX_BACKLOG.labels(self.label).set(self.backlog())


class OutboxRelay(Relay):
    def __init__(
        self,
        engine: Engine,
        tables: MessagingTables,
        amqp_url: str,
        exchange: str,
        *,
        batch_size: int = 100,
        poll_interval: float = 0.2,
        retention: Retention | None = None,
    ):
        super().__init__(
            amqp_url,
            exchange,
            label=tables.schema,
            batch_size=batch_size,
            poll_interval=poll_interval,
            retention=retention,
        )
        self.engine, self.tables = engine, tables
        self._listener: psycopg.Connection | None = None

    def backlog(self) -> int:
        return self.tables.backlog(self.engine)

    def _run_connected(self, stop: threading.Event) -> None:
        try:
            super()._run_connected(stop)
        finally:
            self._stop_listening()

    def wait_for_work(self, connection: BlockingConnection, stop: threading.Event) -> None:
        """Until a commit staged an event (``add_to_outbox`` NOTIFYs), at most the poll
        interval (in slices of a second at most, to notice ``stop``): an event leaves at its
        commit, not at the next poll. Without the LISTEN connection (it failed) the relay
        polls as before."""
        deadline = time.monotonic() + self.poll_interval
        try:
            listener = self._listening()
            while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
                if any(True for _ in listener.notifies(timeout=min(left, 1.0), stop_after=1)):
                    break
                connection.process_data_events(time_limit=0)  # the broker's heartbeats
        except psycopg.Error:
            if self._listener is not None:  # once per loss, not at every poll
                log.warning("outbox wake-ups lost: polling", extra={"relay": self.name})
            self._stop_listening()
            connection.sleep(self.poll_interval)

    def _listening(self) -> psycopg.Connection:
        if self._listener is None:
            url = self.engine.url.set(drivername="postgresql")
            listener = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
            channel = sql.Identifier(wake_channel(self.tables.schema))
            listener.execute(sql.SQL("LISTEN {}").format(channel))
            self._listener = listener
        return self._listener

    def _stop_listening(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(psycopg.Error):
                self._listener.close()
            self._listener = None

    def prune(self, now: datetime) -> dict[str, int]:
        return self.tables.prune(
            self.engine,
            published_before=now - self.retention.outbox,
            processed_before=now - self.retention.processed_events,
        )

    def relay_batch(self, channel: BlockingChannel) -> int:
        """Publish up to ``batch_size`` unsent events; returns how many were sent."""
        outbox = self.tables.outbox
        with self.engine.begin() as conn:
            rows = conn.execute(
                select(outbox.c.id, outbox.c.event_id, outbox.c.type, outbox.c.payload)
                .where(outbox.c.published_at.is_(None))
                .order_by(outbox.c.id)
                .limit(self.batch_size)
                .with_for_update(skip_locked=True)
            ).all()
            if not rows:
                return 0
            for row in rows:
                publish_persistent(
                    channel, self.exchange, row.type, row.payload, message_id=str(row.event_id)
                )
                PUBLISHED.labels(self.label, row.type).inc()
            conn.execute(
                update(outbox)
                .where(outbox.c.id.in_([r.id for r in rows]))
                .values(published_at=func.now())
            )
        return len(rows)
