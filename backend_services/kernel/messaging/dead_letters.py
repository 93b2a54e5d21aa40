"""Dead-lettered messages: their queues' depths, their details (without consuming), and
replaying or discarding one or all.

The broker's management plugin is not assumed, so queues are inspected with ``basic_get``
(no auto-ack) and every message looked at but not acted on is put back with
``basic_nack(requeue=True)``, which keeps its place; replay publishes the message (confirmed)
to its ``x-original-queue`` through the default exchange and only then acks it off the
dead-letter queue. Replaying is safe: consumers record processed event ids, so an event that
was applied before it was dead-lettered is not applied twice.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pika
import pika.exceptions
from pika.adapters.blocking_connection import BlockingChannel

from ..errors import NotFound
from .broker import close_quietly, connect

REPLAY_DROPPED_HEADERS = (
    "x-error",
    "x-first-error",
    "x-original-queue",
    "x-attempt",
    "x-last-error",
    "x-death",
)
PAYLOAD_SHOWN_BYTES = 64 * 1024  # a larger body is shown cut, as text


@dataclass(frozen=True)
class DeadLetterQueue:
    name: str  # ``<queue>.dlq``
    queue: str  # the consumer queue its messages came from
    service: str  # the service consuming ``queue``


# (channel, the message described, its properties, its body) -> None
Action = Callable[[BlockingChannel, dict[str, Any], pika.BasicProperties, bytes], None]


def _describe(queue: str, properties: pika.BasicProperties, body: bytes) -> dict[str, Any]:
    headers = properties.headers or {}
    try:
        event = json.loads(body)
    except ValueError:
        event = None
    envelope = event if isinstance(event, dict) else {}
    error = _text(headers.get("x-error"))
    return {
        "queue": queue,
        "message_id": properties.message_id or _text(envelope.get("id")),
        "type": properties.type or _text(envelope.get("type")),
        "producer": _text(envelope.get("producer")),
        "user_id": _text(envelope.get("user_id")),
        "occurred_at": _text(envelope.get("occurred_at")),
        "error": error,
        "first_error": _text(headers.get("x-first-error")) or error,
        "attempts": _attempts(headers),
        "original_queue": _text(headers.get("x-original-queue")),
        "x_death": _json_safe(headers.get("x-death") or []),
        "replayed": bool(headers.get("x-replayed")),
        "payload": event
        if event is not None and len(body) <= PAYLOAD_SHOWN_BYTES
        else body[:PAYLOAD_SHOWN_BYTES].decode("utf-8", "replace"),
        "size": len(body),
    }


def _attempts(headers: dict[str, Any]) -> int:
    """Deliveries that failed: ``x-attempt`` counts from 1 and is not raised on the last."""
    try:
        return int(headers.get("x-attempt", 1))
    except (TypeError, ValueError):
        return 1


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return None if value is None else str(value)


def _json_safe(value: Any) -> Any:
    """AMQP header tables (``x-death``) hold bytes and timestamps: made JSON-ready."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _depth(channel: BlockingChannel, queue: str) -> int | None:
    """Messages in ``queue``; None when it does not exist (the channel is then closed)."""
    try:
        frame = channel.queue_declare(queue=queue, passive=True)
    except pika.exceptions.ChannelClosedByBroker:
        return None
    return int(frame.method.message_count)


def dead_letter_depths(amqp_url: str, queues: Iterable[str]) -> dict[str, int | None]:
    """``{queue: depth}``; None for a queue not declared yet (its consumer never ran)."""
    depths: dict[str, int | None] = {}
    connection = connect(amqp_url, name="dead-letters")
    try:
        channel = connection.channel()
        for queue in queues:
            depths[queue] = _depth(channel, queue)
            if not channel.is_open:
                channel = connection.channel()
    finally:
        close_quietly(connection)
    return depths


def list_dead_letters(
    amqp_url: str, queues: Iterable[str], *, limit_per_queue: int = 100
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    connection = connect(amqp_url, name="dead-letters")
    try:
        for queue in queues:
            channel = connection.channel()
            if _depth(channel, queue) is None:
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


def _act_on(
    amqp_url: str, queue: str, message_id: str | None, every: bool, act: Action
) -> list[dict[str, Any]]:
    """Apply ``act`` to one message (by id; the oldest when ``message_id`` is None) or, with
    ``every``, to every message in the queue when it is opened (messages dead-lettered
    meanwhile, a replayed one failing again, queue up behind them and are left)."""
    connection = connect(amqp_url, name="dead-letters")
    try:
        channel = connection.channel()
        depth = _depth(channel, queue)
        if depth is None:
            raise NotFound("No such dead-letter queue.")
        channel.confirm_delivery()
        done: list[dict[str, Any]] = []
        skipped = 0
        for _ in range(depth):
            method, properties, body = channel.basic_get(queue, auto_ack=False)
            if method is None:
                break
            if not every and message_id is not None and properties.message_id != message_id:
                skipped += 1  # left unacked: requeued below
                continue
            described = _describe(queue, properties, body)
            act(channel, described, properties, body)
            channel.basic_ack(method.delivery_tag)
            done.append(described)
            if not every:
                break
        if skipped:
            channel.basic_nack(delivery_tag=0, multiple=True, requeue=True)
        if not done and not every:
            raise NotFound("No such message in that dead-letter queue.")
        return done
    finally:
        close_quietly(connection)


def _republish(
    channel: BlockingChannel,
    described: dict[str, Any],
    properties: pika.BasicProperties,
    body: bytes,
) -> None:
    target = described["original_queue"] or described["queue"].removesuffix(".dlq")
    headers = {
        k: v for k, v in (properties.headers or {}).items() if k not in REPLAY_DROPPED_HEADERS
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
    described["replayed_to"] = target


def _drop(*_: Any) -> None:
    """Discarding is the ack ``_act_on`` gives every message it acted on."""


def replay_dead_letter(amqp_url: str, queue: str, message_id: str | None) -> dict[str, Any]:
    """Re-publish one message (by id; the oldest when ``message_id`` is None)."""
    return _act_on(amqp_url, queue, message_id, False, _republish)[0]


def replay_all_dead_letters(amqp_url: str, queue: str) -> list[dict[str, Any]]:
    return _act_on(amqp_url, queue, None, True, _republish)


def discard_dead_letter(amqp_url: str, queue: str, message_id: str) -> dict[str, Any]:
    return _act_on(amqp_url, queue, message_id, False, _drop)[0]


def discard_all_dead_letters(amqp_url: str, queue: str) -> list[dict[str, Any]]:
    return _act_on(amqp_url, queue, None, True, _drop)
