"""Dead-lettered messages: list them (without consuming) and replay one.

The broker's management plugin is not assumed, so queues are inspected with ``basic_get``
(no auto-ack) and every message is put back with ``basic_nack(requeue=True)``, which keeps
its place; replay publishes the message (confirmed) to its ``x-original-queue`` through the
default exchange and only then acks it off the dead-letter queue.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from typing import Any

import pika
import pika.exceptions

from ..errors import NotFound
from .broker import close_quietly, connect

REPLAY_DROPPED_HEADERS = ("x-error", "x-original-queue", "x-attempt", "x-last-error", "x-death")


def _describe(queue: str, properties: pika.BasicProperties, body: bytes) -> dict[str, Any]:
    headers = properties.headers or {}
    try:
        event = json.loads(body)
        summary = {k: event.get(k) for k in ("id", "type", "user_id", "occurred_at")}
    except (ValueError, AttributeError):
        summary = {}
    return {
        "queue": queue,
        "message_id": properties.message_id or summary.get("id"),
        "type": properties.type or summary.get("type"),
        "error": _text(headers.get("x-error")),
        "original_queue": _text(headers.get("x-original-queue")),
        "event": summary,
        "size": len(body),
    }


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return None if value is None else str(value)


def list_dead_letters(
    amqp_url: str, queues: Iterable[str], *, limit_per_queue: int = 100
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    connection = connect(amqp_url, name="dead-letters")
    try:
        for queue in queues:
            channel = connection.channel()
            try:
                channel.queue_declare(queue=queue, passive=True)
            except pika.exceptions.ChannelClosedByBroker:
                continue  # no such queue (its consumer never ran): nothing dead-lettered
            taken = 0
            while taken < limit_per_queue:
                method, properties, body = channel.basic_get(queue, auto_ack=False)
                if method is None:
                    break
                taken += 1
                found.append(_describe(queue, properties, body))
            if taken:
                channel.basic_nack(delivery_tag=0, multiple=True, requeue=True)
            with contextlib.suppress(Exception):
                channel.close()
    finally:
        close_quietly(connection)
    return found


def replay_dead_letter(
    amqp_url: str, queue: str, message_id: str | None, *, scan_limit: int = 1000
) -> dict[str, Any]:
    """Re-publish one message (by id; the oldest when ``message_id`` is None)."""
    connection = connect(amqp_url, name="dead-letters")
    try:
        channel = connection.channel()
        try:
            channel.queue_declare(queue=queue, passive=True)
        except pika.exceptions.ChannelClosedByBroker as exc:
            raise NotFound("No such dead-letter queue.") from exc
        channel.confirm_delivery()
        skipped = 0
        for _ in range(scan_limit):
            method, properties, body = channel.basic_get(queue, auto_ack=False)
            if method is None:
                break
            if message_id is not None and properties.message_id != message_id:
                skipped += 1  # left unacked: requeued below
                continue
            described = _describe(queue, properties, body)
            target = described["original_queue"] or queue.removesuffix(".dlq")
            headers = {
                k: v
                for k, v in (properties.headers or {}).items()
                if k not in REPLAY_DROPPED_HEADERS
            }
            channel.basic_publish(
                exchange="",
                routing_key=target,
                body=body,
                properties=pika.BasicProperties(
                    content_type=properties.content_type or "application/json",
                    delivery_mode=pika.DeliveryMode.Persistent,
                    message_id=properties.message_id,
                    type=properties.type,
                    headers={**headers, "x-replayed": True},
                ),
                mandatory=True,
            )
            channel.basic_ack(method.delivery_tag)
            if skipped:
                channel.basic_nack(delivery_tag=0, multiple=True, requeue=True)
            return {**described, "replayed_to": target}
        if skipped:
            channel.basic_nack(delivery_tag=0, multiple=True, requeue=True)
        raise NotFound("No such message in that dead-letter queue.")
    finally:
        close_quietly(connection)
