"""Publishing events to a test stack's exchange as a producer's relay would (tests only)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pika
import pika.exceptions
from stack_env import STACK_ENV

from backend_services.kernel.messaging import Event, EventConsumer
from backend_services.kernel.messaging.broker import confirmed_channel

EXCHANGE = "fitledger.events"


def publish(event: Event) -> None:
    """Persistent, confirmed, routed by type; a connection per event (an idle session-long
    connection misses heartbeats and is closed by the broker between tests)."""
    with confirmed_channel(STACK_ENV["AMQP_URL"], name="tests") as (_, channel):
        channel.exchange_declare(exchange=EXCHANGE, exchange_type="topic", durable=True)
        channel.basic_publish(
            exchange=EXCHANGE,
            routing_key=event.type,
            body=event.to_json(),
            properties=pika.BasicProperties(
                content_type="application/json",
                delivery_mode=pika.DeliveryMode.Persistent,
                message_id=str(event.id),
                type=event.type,
            ),
        )


def queue_exists(queue: str, amqp_url: str | None = None) -> bool:
    """Events published before a consumer declared its queue would be dropped by the exchange.
    On the test stack's broker unless ``amqp_url`` names another."""
    with confirmed_channel(amqp_url or STACK_ENV["AMQP_URL"], name="tests") as (_, channel):
        try:
            channel.queue_declare(queue=queue, passive=True)
        except pika.exceptions.ChannelClosedByBroker:
            return False
        return True


def deliverer(engine: Any, messaging: Any, subscriptions: Iterable[Any]) -> Callable[[Event], bool]:
    """Apply an event the way the worker's consumer does (dedupe + handler, one transaction),
    in process, with no broker: answers whether it was applied (not a duplicate)."""
    consumers = {
        key: EventConsumer(engine, messaging, "amqp://unused", "unused", sub)
        for sub in subscriptions
        for key in sub.routing_keys
    }

    def apply(event: Event) -> bool:
        return consumers[event.type].deliver(event)

    return apply
