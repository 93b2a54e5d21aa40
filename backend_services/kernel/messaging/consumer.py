"""Idempotent event consumer: ack after commit, dedupe on event id, retry with back-off, DLQ.

Topology for a subscription queue ``Q`` bound to the events exchange:
- ``Q`` (durable, bound to its routing keys), consumed with a prefetch limit;
- ``Q.retry.N`` for each back-off delay: a TTL queue that dead-letters back into ``Q``;
- ``Q.dlq``: messages that failed ``max_attempts`` times, could not be parsed, or broke their
  contract (``InvalidEvent`` from the subscription's reader: dead-lettered at once, since a
  retry would not make them valid).
A failed message is re-published (confirmed) to the next retry queue and then acked, so it
never blocks the queue; the attempt count travels in the ``x-attempt`` header.
"""

from __future__ import annotations

import abc
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pika
import pika.exceptions
from pika.adapters.blocking_connection import BlockingChannel
from pika.spec import Basic, BasicProperties
from prometheus_client import Counter
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.dialects.postgresql import insert

from ..db import unit_of_work
from .broker import TRANSIENT_ERRORS, confirmed_channel, declare_exchange, keep_connected
from .envelope import Event, InvalidEvent
from .outbox import MessagingTables

log = logging.getLogger("fitledger.consumer")

# The handler gets the unit of work of the consumer's store (a SQLAlchemy session, or the
# MongoDB database) and the message its subscription's reader made of the event.
Handler = Callable[[Any, Any], None]
Reader = Callable[[Event], Any]


def _the_envelope(event: Event) -> Event:
    return event


CONSUMED = Counter(
    "events_consumed_total", "Events handled by a consumer.", ["queue", "type", "outcome"]
)


@dataclass(frozen=True)
class Subscription:
    """A durable queue, the event types routed to it, and the handler that applies them."""

    queue: str
    routing_keys: Sequence[str]
    handler: Handler
    # The envelope -> what the handler takes (a typed contract, see kernel/contracts);
    # raises InvalidEvent for an event it cannot take. Without one the handler gets the
    # envelope itself (the audit log takes every event as it is).
    read: Reader = _the_envelope
    retry_delays_seconds: Sequence[float] = field(default=(1.0, 5.0, 30.0))
    max_attempts: int = 5
    # None: the broker's default (classic); "quorum" on a RabbitMQ cluster (AMQP_QUEUE_TYPE).
    queue_type: str | None = None

    @property
    def dead_letter_queue(self) -> str:
        return f"{self.queue}.dlq"

    def retry_queue(self, attempt: int) -> str:
        index = min(attempt - 1, len(self.retry_delays_seconds) - 1)
        return f"{self.queue}.retry.{index}"


def declare_subscription(channel: BlockingChannel, exchange: str, sub: Subscription) -> None:
    declare_exchange(channel, exchange)
    typed = {"x-queue-type": sub.queue_type} if sub.queue_type else {}
    channel.queue_declare(queue=sub.queue, durable=True, arguments=typed or None)
    for key in sub.routing_keys:
        channel.queue_bind(queue=sub.queue, exchange=exchange, routing_key=key)
    for index, delay in enumerate(sub.retry_delays_seconds):
        channel.queue_declare(
            queue=f"{sub.queue}.retry.{index}",
            durable=True,
            arguments={
                "x-message-ttl": int(delay * 1000),
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": sub.queue,
                **typed,
            },
        )
    channel.queue_declare(queue=sub.dead_letter_queue, durable=True, arguments=typed or None)


class BrokerConsumer(abc.ABC):
    """Everything about consuming a subscription except where its effect is stored."""

    def __init__(
        self, amqp_url: str, exchange: str, subscription: Subscription, *, prefetch: int = 20
    ):
        self.amqp_url, self.exchange = amqp_url, exchange
        self.sub = subscription
        self.prefetch = prefetch
        self.name = f"{subscription.queue}-consumer"

    @abc.abstractmethod
    def apply(self, event: Event, message: Any) -> bool:
        """Run the handler on ``message`` (read from ``event``) once per event id; False
        when it was applied before (a redelivery)."""

    def deliver(self, event: Event) -> bool:
        """Read and apply one event as a delivery would; ``InvalidEvent`` if it cannot."""
        return self.apply(event, self.sub.read(event))

    def run(self, stop: threading.Event) -> None:
        """Consume until ``stop`` is set, reconnecting with back-off after any failure."""
        keep_connected(self.name, stop, self._run_connected)

    def _run_connected(self, stop: threading.Event) -> None:
        with confirmed_channel(self.amqp_url, name=self.name) as (_, channel):
            declare_subscription(channel, self.exchange, self.sub)
            channel.basic_qos(prefetch_count=self.prefetch)
            for method, properties, body in channel.consume(self.sub.queue, inactivity_timeout=0.5):
                if stop.is_set():
                    break
                if method is None:
                    continue
                self.handle(channel, method, properties, body)
            if not stop.is_set():
                # The generator also ends when the broker cancels us (queue deleted, node
                # gone): treat it as transient and re-declare, instead of returning, which
                # ended the consumer thread silently.
                raise pika.exceptions.ConsumerCancelled(f"{self.sub.queue}: cancelled by broker")
            if channel.is_open:
                channel.cancel()

    def handle(
        self,
        channel: BlockingChannel,
        method: Basic.Deliver,
        properties: BasicProperties,
        body: bytes,
    ) -> None:
        try:
            event = Event.from_json(body)
        except ValidationError as exc:
            self._dead_letter(channel, properties, body, f"unparseable event: {exc.errors()[:1]}")
            channel.basic_ack(method.delivery_tag)
            CONSUMED.labels(self.sub.queue, "?", "unparseable").inc()
            return
        try:
            message = self.sub.read(event)
        except InvalidEvent as exc:
            log.error(
                "invalid event dead-lettered",
                extra={"queue": self.sub.queue, "event_id": str(event.id), "error": str(exc)},
            )
            self._dead_letter(channel, properties, body, f"invalid event: {exc}"[:1000])
            channel.basic_ack(method.delivery_tag)
            CONSUMED.labels(self.sub.queue, event.type, "invalid").inc()
            return
        try:
            applied = self.apply(event, message)
        except TRANSIENT_ERRORS:
            raise  # our own infrastructure is down: reconnect; the broker redelivers
        except Exception as exc:
            self._retry_or_dead_letter(channel, properties, body, event, exc)
            channel.basic_ack(method.delivery_tag)
            return
        channel.basic_ack(method.delivery_tag)
        CONSUMED.labels(self.sub.queue, event.type, "applied" if applied else "duplicate").inc()

    def _retry_or_dead_letter(
        self,
        channel: BlockingChannel,
        properties: BasicProperties,
        body: bytes,
        event: Event,
        exc: Exception,
    ) -> None:
        attempt = int((properties.headers or {}).get("x-attempt", 1))
        error = f"{type(exc).__name__}: {exc}"[:500]
        if attempt >= self.sub.max_attempts:
            log.error(
                "event dead-lettered",
                extra={"queue": self.sub.queue, "event_id": str(event.id), "error": error},
            )
            self._dead_letter(channel, properties, body, error)
            CONSUMED.labels(self.sub.queue, event.type, "dead_lettered").inc()
            return
        log.warning(
            "event failed; will retry",
            extra={
                "queue": self.sub.queue,
                "event_id": str(event.id),
                "attempt": attempt,
                "error": error,
            },
        )
        channel.basic_publish(
            exchange="",
            routing_key=self.sub.retry_queue(attempt),
            body=body,
            properties=_with_headers(
                properties,
                {
                    "x-attempt": attempt + 1,
                    "x-last-error": error,
                    # what went wrong first, shown with the dead letter beside the last error
                    "x-first-error": (properties.headers or {}).get("x-first-error", error),
                },
            ),
        )
        CONSUMED.labels(self.sub.queue, event.type, "retried").inc()

    def _dead_letter(
        self, channel: BlockingChannel, properties: BasicProperties, body: bytes, error: str
    ) -> None:
        channel.basic_publish(
            exchange="",
            routing_key=self.sub.dead_letter_queue,
            body=body,
            properties=_with_headers(
                properties, {"x-error": error, "x-original-queue": self.sub.queue}
            ),
        )


class EventConsumer(BrokerConsumer):
    """A consumer whose handler writes to PostgreSQL, deduplicated in the same transaction."""

    def __init__(
        self,
        engine: Engine,
        tables: MessagingTables,
        amqp_url: str,
        exchange: str,
        subscription: Subscription,
        *,
        prefetch: int = 20,
    ):
        super().__init__(amqp_url, exchange, subscription, prefetch=prefetch)
        self.engine, self.tables = engine, tables

    def apply(self, event: Event, message: Any) -> bool:
        """Run the handler once per event id, in one transaction with the dedupe record."""
        with unit_of_work(self.engine) as session:
            # RETURNING, not rowcount: with SQLAlchemy 2.x + psycopg 3 the rowcount of an
            # INSERT whose result is already closed is -1 (truthy), which made every
            # duplicate look new and re-applied it.
            processed = self.tables.processed_events
            inserted = session.execute(
                insert(processed)
                .values(consumer=self.sub.queue, event_id=event.id)
                .on_conflict_do_nothing()
                .returning(processed.c.event_id)
            ).first()
            if inserted is None:
                return False
            self.sub.handler(session, message)
        return True


def _with_headers(properties: BasicProperties, extra: dict[str, object]) -> BasicProperties:
    return pika.BasicProperties(
        content_type=properties.content_type or "application/json",
        delivery_mode=pika.DeliveryMode.Persistent,
        message_id=properties.message_id,
        type=properties.type,
        headers={**(properties.headers or {}), **extra},
    )
