"""Outbox relays: publish staged events with publisher confirms, then mark them sent.

``Relay`` is the loop every relay shares (connect, relay batches, back off, reconnect, the
metrics); ``OutboxRelay`` is the PostgreSQL one (``mongo_outbox.py`` has MongoDB's). Rows are
claimed with ``FOR UPDATE SKIP LOCKED`` so several relays can run side by side. A
row is marked sent only after the broker confirmed it; a crash in between re-publishes it,
which consumers absorb by deduplicating on the event id (at-least-once delivery).
"""

from __future__ import annotations

import abc
import logging
import threading

from pika.adapters.blocking_connection import BlockingChannel
from prometheus_client import Counter, Gauge
from sqlalchemy import Engine, func, select, update

from .broker import confirmed_channel, declare_exchange, keep_connected, publish_persistent
from .outbox import MessagingTables

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


class Relay(abc.ABC):
    """Relays until stopped; ``label`` is the metrics' ``schema`` label."""

    def __init__(
        self, amqp_url: str, exchange: str, *, label: str, batch_size: int, poll_interval: float
    ):
        self.amqp_url, self.exchange = amqp_url, exchange
        self.label, self.name = label, f"{label}-relay"
        self.batch_size, self.poll_interval = batch_size, poll_interval

    @abc.abstractmethod
    def relay_batch(self, channel: BlockingChannel) -> int:
        """Publish up to ``batch_size`` units of staged events; returns events published."""

    @abc.abstractmethod
    def backlog(self) -> int:
        """How much is still waiting."""

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
                sent = self.relay_batch(channel)
                if sent < self.batch_size:
                    # A short batch drained what this relay could claim; a full one means
                    # more is waiting, so measure how much.
                    OUTBOX_BACKLOG.labels(self.label).set(0)
                    connection.sleep(self.poll_interval)
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
    ):
        super().__init__(
            amqp_url,
            exchange,
            label=tables.schema,
            batch_size=batch_size,
            poll_interval=poll_interval,
        )
        self.engine, self.tables = engine, tables

    def backlog(self) -> int:
        return self.tables.backlog(self.engine)

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
