"""The messaging admin's broker side against the real RabbitMQ and PostgreSQL: a consumer
that fails dead-letters an event with its first and last failure and the broker's x-death;
the depths, details, replay (one, all) and discard (one, all) act on exactly what they name,
and a dead letter replayed is processed once, also when it is replayed again."""

from __future__ import annotations

import threading

import pika
import pytest
from messaging_worker import (
    Db,
    Threads,
    Topology,
    amqp_channel,
    consumer,
    declared_subscription,
    effect_handler,
    log_meals,
    relay,
)
from polling import wait_until
from sqlalchemy.orm import Session

from backend_services.kernel.errors import NotFound
from backend_services.kernel.messaging import Event
from backend_services.kernel.messaging import dead_letters as dl


def failing_until_fixed(db: Db) -> tuple[threading.Event, object]:
    """A handler that fails every event until ``fixed`` is set (a bug, then its fix)."""
    fixed = threading.Event()
    apply_effect = effect_handler(db.schema)

    def handler(session: Session, event: Event) -> None:
        if not fixed.is_set():
            raise ValueError(f"bug while applying {event.data['n']}")
        apply_effect(session, event)

    return fixed, handler


def effects_of(db: Db, event: Event) -> int:
    return int(db.scalar(f"SELECT count(*) FROM {{s}}.effects WHERE event_id = '{event.id}'"))


def test_a_dead_letter_is_described_and_replayed_once(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads
) -> None:
    fixed, handler = failing_until_fixed(db)
    sub = declared_subscription(
        db, topo, shared_amqp, handler, retry_delays_seconds=(0.05, 0.05), max_attempts=3
    )
    events = log_meals(db, 3)
    threads.start(relay(db, shared_amqp, topo))
    cons = threads.start(consumer(db, shared_amqp, topo, sub))
    dlq = sub.dead_letter_queue

    wait_until(lambda: topo.depth(shared_amqp, dlq) == 3, what="3 dead letters")
    assert dl.dead_letter_depths(shared_amqp, [dlq, "fltest.never.declared.dlq"]) == {
        dlq: 3,
        "fltest.never.declared.dlq": None,
    }
    listed = dl.list_dead_letters(shared_amqp, [dlq])
    assert [m["message_id"] for m in listed] == [str(e.id) for e in events]
    first = listed[0]
    assert first["type"] == events[0].type and first["producer"] == "tests"
    assert first["attempts"] == 3
    assert first["first_error"] == "ValueError: bug while applying 0"
    assert first["error"] == "ValueError: bug while applying 0"
    assert first["original_queue"] == topo.queue
    # two trips through the retry queues, recorded by the broker
    assert {d["reason"] for d in first["x_death"]} == {"expired"}
    assert sum(d["count"] for d in first["x_death"]) == 2
    assert first["payload"]["data"] == {"n": 0, "kcal": 500}
    assert db.effects() == 0

    fixed.set()
    replayed = dl.replay_dead_letter(shared_amqp, dlq, str(events[1].id))
    assert replayed["replayed_to"] == topo.queue
    wait_until(lambda: effects_of(db, events[1]) == 1, what="the replayed event applied")
    assert topo.depth(shared_amqp, dlq) == 2

    # the same event dead-lettered a second time (a redelivered copy), replayed again:
    # the consumer's dedupe record skips it, the effect stays single
    with amqp_channel(shared_amqp) as ch:
        ch.basic_publish(
            "",
            dlq,
            events[1].to_json().encode(),
            pika.BasicProperties(
                message_id=str(events[1].id),
                type=events[1].type,
                delivery_mode=2,
                headers={"x-error": "ValueError: copy", "x-original-queue": topo.queue},
            ),
        )
    duplicates_before = cons.duplicates
    again = dl.replay_all_dead_letters(shared_amqp, dlq)
    assert sorted(m["message_id"] for m in again) == sorted(
        [str(events[0].id), str(events[2].id), str(events[1].id)]
    )
    wait_until(lambda: db.effects() == 3 and cons.duplicates > duplicates_before)
    assert [effects_of(db, e) for e in events] == [1, 1, 1]
    assert db.processed() == 3
    assert topo.depth(shared_amqp, dlq) == 0


def test_discard_one_or_all_and_unknown_names(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads
) -> None:
    _, handler = failing_until_fixed(db)
    sub = declared_subscription(
        db, topo, shared_amqp, handler, retry_delays_seconds=(0.05,), max_attempts=2
    )
    events = log_meals(db, 4)
    threads.start(relay(db, shared_amqp, topo))
    threads.start(consumer(db, shared_amqp, topo, sub))
    dlq = sub.dead_letter_queue
    wait_until(lambda: topo.depth(shared_amqp, dlq) == 4, what="4 dead letters")

    with pytest.raises(NotFound):
        dl.discard_dead_letter(shared_amqp, dlq, "not-there")
    with pytest.raises(NotFound):
        dl.replay_all_dead_letters(shared_amqp, "fltest.never.declared.dlq")
    assert topo.depth(shared_amqp, dlq) == 4, "a failed lookup changed the queue"

    dropped = dl.discard_dead_letter(shared_amqp, dlq, str(events[2].id))
    assert dropped["message_id"] == str(events[2].id)
    left = [m["message_id"] for m in dl.list_dead_letters(shared_amqp, [dlq])]
    assert left == [str(events[i].id) for i in (0, 1, 3)], "the others kept their order"

    assert len(dl.discard_all_dead_letters(shared_amqp, dlq)) == 3
    assert topo.depth(shared_amqp, dlq) == 0
    assert dl.discard_all_dead_letters(shared_amqp, dlq) == []
    assert db.effects() == 0
