"""RabbitMQ connection and topology helpers (pika; one connection per thread)."""

from __future__ import annotations

import contextlib

import pika
import pika.exceptions
import psycopg
import sqlalchemy.exc
from pika.adapters.blocking_connection import BlockingChannel

# Failures after which a relay or consumer reconnects and carries on.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    pika.exceptions.AMQPError,
    ConnectionError,
    OSError,
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
    psycopg.OperationalError,
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


def close_quietly(connection: pika.BlockingConnection) -> None:
    """Close a connection that may already be broken; there is nothing more to release then."""
    if connection.is_open:
        with contextlib.suppress(Exception):
            connection.close()
