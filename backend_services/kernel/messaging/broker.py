"""RabbitMQ connection and topology helpers (pika; one connection per thread)."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable, Iterator

import pika
import pika.exceptions
import psycopg
import pymongo.errors
import sqlalchemy.exc
from pika.adapters.blocking_connection import BlockingChannel
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_when_event_set,
    wait_exponential_jitter,
)

log = logging.getLogger("fitledger.broker")

# Failures after which a relay or consumer reconnects and carries on.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    pika.exceptions.AMQPError,
    ConnectionError,
    OSError,
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
    psycopg.OperationalError,
    pymongo.errors.ConnectionFailure,  # includes server-selection timeouts
)


def connect(amqp_url: str, *, name: str) -> pika.BlockingConnection:
    params = pika.URLParameters(amqp_url)
    params.heartbeat = 30
    params.blocked_connection_timeout = 30
    params.connection_attempts = 1
    params.socket_timeout = 5
    params.client_properties = {"connection_name": name}
    return pika.BlockingConnection(params)


def declare_exchange(channel: BlockingChannel, exchange: str) -> None:
    channel.exchange_declare(exchange=exchange, exchange_type="topic", durable=True)


def publish_persistent(
    channel: BlockingChannel, exchange: str, routing_key: str, payload: object, *, message_id: str
) -> None:
    """Publish one event as JSON, persistent. On a confirm-mode channel this blocks until the
    broker has it (persisted, the queues being durable) and raises if it was nacked."""
    channel.basic_publish(
        exchange=exchange,
        routing_key=routing_key,
        body=json.dumps(payload, separators=(",", ":")).encode(),
        properties=pika.BasicProperties(
            content_type="application/json",
            delivery_mode=pika.DeliveryMode.Persistent,
            message_id=message_id,
            type=routing_key,
        ),
    )


def close_quietly(connection: pika.BlockingConnection) -> None:
    """Close a connection that may already be broken; there is nothing more to release then."""
    if connection.is_open:
        with contextlib.suppress(Exception):
            connection.close()


@contextlib.contextmanager
def confirmed_channel(
    amqp_url: str, *, name: str
) -> Iterator[tuple[pika.BlockingConnection, BlockingChannel]]:
    """A fresh connection and a channel in publisher-confirm mode, closed afterwards."""
    connection = connect(amqp_url, name=name)
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        yield connection, channel
    finally:
        close_quietly(connection)


def keep_connected(
    name: str,
    stop: threading.Event,
    body: Callable[[threading.Event], None],
    *,
    on_reconnect: Callable[[BaseException | None], None] | None = None,
) -> None:
    """Run ``body`` until ``stop`` is set, starting it again with jittered exponential back-off
    after any transient failure (broker or database restart, dropped connection)."""

    def before_sleep(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        log.warning("reconnecting", extra={"component": name, "error": repr(error)})
        if on_reconnect is not None:
            on_reconnect(error)

    for attempt in Retrying(
        retry=retry_if_exception_type(TRANSIENT_ERRORS),
        wait=wait_exponential_jitter(multiplier=0.2, max=5),
        stop=stop_when_event_set(stop),
        before_sleep=before_sleep,
        reraise=False,
    ):
        with attempt:
            body(stop)
