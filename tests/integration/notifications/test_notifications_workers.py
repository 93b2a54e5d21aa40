"""Scheduler lock, announcement fan-out, the consumers over the real RabbitMQ, dead letters."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pika
import pytest
from event_bus import queue_exists
from notifications_factories import Users, meal_event
from polling import wait_until
from sqlalchemy import Engine, text

from backend_services.kernel.errors import NotFound
from backend_services.kernel.messaging import EventConsumer
from backend_services.kernel.messaging.dead_letters import list_dead_letters, replay_dead_letter
from backend_services.notifications.events import subscriptions
from backend_services.notifications.models import MESSAGING
from backend_services.notifications.scheduler import AnnouncementFanout, ReminderScheduler
from backend_services.notifications.settings import NotificationsSettings


def set_reminders(engine: Engine, user_id: str, times: list[str]) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE notifications.recipients SET meal_reminder_times = CAST(:t AS jsonb),"
                " timezone = 'Asia/Tokyo' WHERE user_id = :u"
            ),
            {"t": json.dumps(times), "u": user_id},
        )


def test_two_schedulers_one_leader_and_no_double_reminders(
    users: Users, engine: Engine, settings: NotificationsSettings, query: Callable[..., list[Any]]
) -> None:
    user = users.make()
    set_reminders(engine, user, ["08:00", "13:00"])
    lock_key = uuid.uuid4().int & 0x7FFFFFFF  # this test's own lock, not a running stack's
    first, second = (ReminderScheduler(engine, settings, lock_key) for _ in range(2))
    at = datetime(2026, 3, 10, 23, 10, tzinfo=UTC)  # 08:10 on the 11th in Tokyo
    try:
        assert first.tick(at) == 1
        assert second.tick(at) is None  # not the leader: sends nothing
        assert first.tick(at) == 0  # the ledger: that slot is done
        # the leader goes away; the other takes over, and still does not repeat the slot
        first.release()
        assert second.tick(at) == 0 and second.is_leader
    finally:
        first.release()
        second.release()
    rows = query("SELECT type, data FROM notifications.notifications WHERE user_id = :u", u=user)
    assert [(r.type, r.data["slot"], r.data["date"]) for r in rows] == [
        ("logging_reminder", "08:00", "2026-03-11")
    ]


def test_announcement_reaches_opted_in_users_in_batches(
    users: Users, engine: Engine, settings: NotificationsSettings, query: Callable[..., list[Any]]
) -> None:
    opted_in = [users.make() for _ in range(5)]
    opted_out = users.make(
        preferences={"announcement": {"email": False, "push": False, "in_app": False}}
    )
    announcement_id = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO notifications.announcements (id, title, body, created_by, channels)"
                " VALUES (:id, 'New: recipes', 'Save your own recipes.', 'admin',"
                ' \'["in_app", "email"]\')'
            ),
            {"id": announcement_id},
        )
    fanout = AnnouncementFanout(engine, settings)  # batch size 2
    batches = 0
    while fanout.fan_out_batch():
        batches += 1
    # 6 users in batches of 2: three full batches, then an empty one that finishes it
    assert batches == 4
    got = {
        r.user_id
        for r in query(
            "SELECT user_id FROM notifications.notifications WHERE type = 'announcement'"
        )
    }
    assert got == set(opted_in) and opted_out not in got
    [row] = query("SELECT status, recipients FROM notifications.announcements")
    assert (row.status, row.recipients) == ("done", 5)
    # sent by e-mail too (the admin chose it; users' defaults allow it): one task per user
    assert len(query("SELECT 1 FROM notifications.deliveries WHERE kind = 'notification'")) == 5


@pytest.fixture
def prefix(shared_amqp: str) -> Iterator[str]:
    name = f"fltest.notif.{uuid.uuid4().hex[:8]}"
    yield name
    connection = pika.BlockingConnection(pika.URLParameters(shared_amqp))
    channel = connection.channel()
    for sub in subscriptions(name):
        for queue in (
            sub.queue,
            sub.dead_letter_queue,
            *(f"{sub.queue}.retry.{i}" for i in range(len(sub.retry_delays_seconds))),
        ):
            channel.queue_delete(queue)
    channel.exchange_delete(f"{name}.events")
    connection.close()


def publish(amqp: str, exchange: str, body: bytes, routing_key: str, message_id: str) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(amqp))
    channel = connection.channel()
    channel.confirm_delivery()
    channel.basic_publish(
        exchange,
        routing_key,
        body,
        pika.BasicProperties(message_id=message_id, delivery_mode=2, type=routing_key),
    )
    connection.close()


def test_consumers_over_rabbitmq_dedupe_redeliveries_and_dead_letter_poison(
    users: Users, engine: Engine, shared_amqp: str, prefix: str, query: Callable[..., list[Any]]
) -> None:
    user = users.make()
    exchange = f"{prefix}.events"
    subs = subscriptions(prefix)
    fast = [replace(s, retry_delays_seconds=(0.1,), max_attempts=2) for s in subs]
    stop = threading.Event()
    consumers = [EventConsumer(engine, MESSAGING, shared_amqp, exchange, s) for s in fast]
    threads = [threading.Thread(target=c.run, args=(stop,), daemon=True) for c in consumers]
    for thread in threads:
        thread.start()
    try:
        # the queues exist once the consumers declared them
        assert wait_until(lambda: queue_exists(f"{prefix}.activity", shared_amqp))
        event = meal_event(user, 2600)
        for _ in range(2):  # the relay published it twice (a crash before marking it sent)
            publish(shared_amqp, exchange, event.to_json().encode(), event.type, str(event.id))
        poison = meal_event(user, 100)
        broken = json.loads(poison.to_json())
        broken["data"]["date"] = "not a date"
        publish(shared_amqp, exchange, json.dumps(broken).encode(), poison.type, str(poison.id))
        assert wait_until(
            lambda: len(list_dead_letters(shared_amqp, [f"{prefix}.activity.dlq"])) == 1
        )
        warnings = query("SELECT 1 FROM notifications.notifications WHERE user_id = :u", u=user)
        assert len(warnings) == 1
        [dead] = list_dead_letters(shared_amqp, [f"{prefix}.activity.dlq", "no.such.queue.dlq"])
        assert dead["message_id"] == str(poison.id)
        assert dead["error"].startswith(
            "invalid event: nutrition.meal.logged v1: "
            "date: Value error, expected a date as YYYY-MM-DD"
        )
        assert dead["original_queue"] == f"{prefix}.activity"
        # listing does not consume
        assert len(list_dead_letters(shared_amqp, [f"{prefix}.activity.dlq"])) == 1
        with pytest.raises(NotFound):
            replay_dead_letter(shared_amqp, f"{prefix}.activity.dlq", "not-there")
        replayed = replay_dead_letter(shared_amqp, f"{prefix}.activity.dlq", str(poison.id))
        assert replayed["replayed_to"] == f"{prefix}.activity"
        # still invalid: read again and back in the DLQ
        assert wait_until(
            lambda: any(
                "x-replayed" in str(m) or m["message_id"] == str(poison.id)
                for m in list_dead_letters(shared_amqp, [f"{prefix}.activity.dlq"])
            )
        )
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
