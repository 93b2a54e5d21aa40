"""The delivery promises of RELIABILITY.md "Faults", against the real PostgreSQL and RabbitMQ.

Outbox written iff the business change commits; relay -> broker -> consumer applies every
event exactly once, also when the relay dies between publish and mark-sent, when a consumer
dies mid-batch, when the broker stops while events are produced, and when the broker cuts
the connections; poison and unparseable messages end in the dead-letter queue while the rest
keeps flowing; an event that breaks its contract is dead-lettered at once, with the reason.
No mocks: the kernel's own relay and consumer run in threads or subprocesses.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import replace
from datetime import date

import pika
import pika.exceptions
import pytest
from messaging_worker import (
    EVENT_TYPE,
    Db,
    Threads,
    Topology,
    amqp_channel,
    consumer,
    declared_subscription,
    effect_handler,
    log_meal,
    log_meals,
    relay,
    subscription,
)
from polling import wait_until
from rabbit_node import PrivateRabbitNode
from sqlalchemy.orm import Session

from backend_services.kernel.contracts import DayTotals, MealLogged, Received
from backend_services.kernel.contracts.handlers import subscription as contract_subscription
from backend_services.kernel.messaging import Event

TOTALS = DayTotals.model_validate(
    {**dict.fromkeys(DayTotals.model_fields, None), "energy_kcal": 600.0, "micronutrients": {}}
)


def assert_exactly_once(db: Db, n: int) -> None:
    assert db.effects() == n, "effect rows"
    assert db.distinct_effects() == n, "some effect was applied twice"
    assert db.processed() == n, "processed_events rows"
    assert db.effects_match_outbox(), "effects do not correspond 1:1 to outbox events"


# 1 ---------------------------------------------------------------------------------------


def test_outbox_row_written_iff_business_transaction_commits(db: Db) -> None:
    event = log_meal(db, 1)
    assert db.meals() == 1
    assert db.outbox() == 1
    with db.engine.connect() as conn:
        row = conn.execute(db.tables.outbox.select()).one()
    assert row.event_id == event.id and row.type == EVENT_TYPE and row.published_at is None
    assert Event.model_validate(row.payload) == event

    with pytest.raises(RuntimeError, match="business rule failed"):
        log_meal(db, 2, fail=True)
    assert db.meals() == 1, "the failed unit of work left a business row"
    assert db.outbox() == 1, "the failed unit of work left an outbox row"


# 2 ---------------------------------------------------------------------------------------


def test_relay_to_consumer_applies_each_event_exactly_once(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads
) -> None:
    n = 200
    sub = declared_subscription(db, topo, shared_amqp)
    log_meals(db, n)
    threads.start(relay(db, shared_amqp, topo, batch_size=37))
    cons = threads.start(consumer(db, shared_amqp, topo, sub))

    wait_until(lambda: db.effects() >= n and db.backlog() == 0, what="all events applied")
    wait_until(lambda: cons.deliveries >= n, what="consumer saw every delivery")
    assert db.published() == n
    assert_exactly_once(db, n)
    wait_until(lambda: topo.depth(shared_amqp) == 0, what="queue drained")


def test_a_commit_wakes_the_idle_relay_instead_of_its_next_poll(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads
) -> None:
    """add_to_outbox NOTIFYs at the commit: with a 60 s poll interval the event still leaves
    within seconds, each time, and a rolled-back unit of work wakes nothing up."""
    sub = subscription(db, topo)
    topo.declare(shared_amqp, sub)
    idle = relay(db, shared_amqp, topo)
    idle.poll_interval = 60.0
    threads.start(idle)
    time.sleep(1)  # it found the outbox empty and waits
    for n in (1, 2, 3):
        log_meal(db, n)
        wait_until(lambda n=n: db.published() == n, timeout=10, what=f"event {n} relayed")
    with pytest.raises(RuntimeError):
        log_meal(db, 9, fail=True)
    assert db.outbox() == 3 and db.published() == 3


# 3 ---------------------------------------------------------------------------------------


def test_relay_killed_between_publish_and_mark_sent_republishes_and_consumer_dedupes(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads, spawn
) -> None:
    n, batch, hang_after = 200, 50, 120  # dies 20 messages into its third batch
    sub = declared_subscription(db, topo, shared_amqp)
    topo.urls.add(shared_amqp)
    log_meals(db, n)

    worker = spawn(
        "relay", "--db-url", db.url, "--schema", db.schema, "--amqp-url", shared_amqp,
        "--exchange", topo.exchange, "--batch-size", str(batch),
        "--hang-after-publishes", str(hang_after),
    )  # fmt: skip
    assert worker.wait_marker() == f"published={hang_after}"
    worker.kill()  # SIGKILL after the broker confirmed #120, before batch 3 was marked sent

    # Batches 1-2 are marked, batch 3 rolled back with the dead connection: 20 of its rows
    # are in the queue already but still unpublished in the outbox.
    wait_until(lambda: db.published() == 2 * batch, what="two committed batches")
    assert db.backlog() == n - 2 * batch
    assert topo.depth(shared_amqp) == hang_after

    threads.start(relay(db, shared_amqp, topo))
    cons = threads.start(consumer(db, shared_amqp, topo, sub))
    duplicates = hang_after - 2 * batch
    wait_until(lambda: db.backlog() == 0, what="outbox drained by the new relay")
    wait_until(lambda: cons.deliveries == n + duplicates, what="all deliveries incl. duplicates")
    # A delivery is counted when it arrives, before its handler runs and commits: wait for them.
    wait_until(
        lambda: db.processed() >= n and cons.duplicates >= duplicates,
        what="every delivery handled and committed",
    )
    assert cons.duplicates == duplicates, "the re-published events were not deduplicated"
    assert_exactly_once(db, n)


# 4 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kill_point", ["handler", "after-commit"])
def test_consumer_killed_mid_batch_messages_redelivered_effects_once(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads, spawn, kill_point: str
) -> None:
    n, hang_at = 100, 30
    sub = declared_subscription(db, topo, shared_amqp)
    log_meals(db, n)
    pump = threads.start(relay(db, shared_amqp, topo))
    wait_until(lambda: db.backlog() == 0 and topo.depth(shared_amqp) == n, what="all queued")

    worker = spawn(
        "consumer", "--db-url", db.url, "--schema", db.schema, "--amqp-url", shared_amqp,
        "--exchange", topo.exchange, "--queue", topo.queue, "--prefetch", "20",
        "--handler-delay", "0.01", "--hang-at", str(hang_at), "--hang-where", kill_point,
    )  # fmt: skip
    worker.wait_marker()
    worker.kill()  # SIGKILL with up to 20 unacked messages in flight

    # "handler": the 30th effect was written but never committed; "after-commit": it
    # committed but its message was never acked.
    committed = hang_at if kill_point == "after-commit" else hang_at - 1
    assert db.effects() == committed
    assert db.processed() == committed

    cons = threads.start(consumer(db, shared_amqp, topo, sub))
    wait_until(lambda: db.effects() >= n, what="all effects applied after the kill")
    assert cons.redelivered >= 1, "no message was redelivered after the consumer died"
    assert cons.redelivered <= 20, "more than prefetch messages were unacked at the kill"
    assert cons.duplicates == (1 if kill_point == "after-commit" else 0)
    assert_exactly_once(db, n)
    wait_until(lambda: topo.depth(shared_amqp) == 0, what="queue drained")
    assert pump.connects == 1


# 5 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("outage", ["stop", "kill"])
def test_broker_outage_while_producing_loses_nothing_applies_nothing_twice(
    db: Db, topo: Topology, rabbit: PrivateRabbitNode, threads: Threads, outage: str
) -> None:
    url = rabbit.amqp_url
    sub = declared_subscription(db, topo, url)
    produced = [0]
    producing = threading.Event()
    producing.set()

    def produce() -> None:  # the API: every committed meal is a "201"
        while producing.is_set():
            log_meal(db, produced[0])
            produced[0] += 1
            time.sleep(0.003)

    producer = threading.Thread(target=produce, name="producer", daemon=True)
    producer.start()
    try:
        rel = threads.start(relay(db, url, topo, batch_size=20))
        cons = threads.start(consumer(db, url, topo, sub, prefetch=10))
        wait_until(lambda: db.effects() >= 30, what="events flowing before the outage")

        if outage == "stop":
            rabbit.stop()  # orderly: rabbitmqctl stop
        else:
            rabbit.kill()  # SIGKILL of the whole node: only what was confirmed is on disk
        at_outage = produced[0]
        wait_until(lambda: produced[0] >= at_outage + 50, what="meals logged during the outage")
        wait_until(lambda: db.backlog() > 0, what="outbox backlog while the broker is down")
        rabbit.start()  # same data folder: durable queue and persistent messages come back
        after_restart = produced[0]
        wait_until(lambda: produced[0] >= after_restart + 30, what="meals logged after restart")
    finally:
        producing.clear()
        producer.join(timeout=10)

    n = produced[0]
    assert db.meals() == n
    wait_until(
        lambda: db.backlog() == 0 and db.effects() >= n, timeout=40, what="everything delivered"
    )
    assert_exactly_once(db, n)
    assert rel.connects >= 2 and cons.connects >= 2, "the outage was not noticed"
    assert threads.alive()


# 6 ---------------------------------------------------------------------------------------


def test_poison_message_dead_lettered_after_max_attempts_others_flow(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads
) -> None:
    n, max_attempts = 20, 3
    events = log_meals(db, n)
    poison = events[0].id  # first in line: everything behind it must still get through
    calls = {"poison": 0}
    apply_effect = effect_handler(db.schema)

    def handler(session, event: Event) -> None:
        if event.id == poison:
            calls["poison"] += 1
            raise ValueError(f"cannot apply {event.id}")
        apply_effect(session, event)

    sub = subscription(
        db, topo, handler, retry_delays_seconds=(0.05, 0.1), max_attempts=max_attempts
    )
    topo.declare(shared_amqp, sub)
    with amqp_channel(shared_amqp) as ch:
        for body in (b"this is not json", b'{"type": "Not.A.Valid.Type", "producer": 1}'):
            ch.basic_publish(topo.exchange, EVENT_TYPE, body, pika.BasicProperties(delivery_mode=2))
    threads.start(relay(db, shared_amqp, topo))
    threads.start(consumer(db, shared_amqp, topo, sub))

    dlq = sub.dead_letter_queue
    wait_until(lambda: db.effects() >= n - 1, what="the healthy events applied")
    wait_until(lambda: topo.depth(shared_amqp, dlq) >= 3, what="3 messages in the DLQ")
    assert calls["poison"] == max_attempts
    assert db.effects() == db.distinct_effects() == db.processed() == n - 1
    assert db.scalar(f"SELECT count(*) FROM {{s}}.effects WHERE event_id = '{poison}'") == 0

    dead = topo.drain(shared_amqp, dlq)
    assert len(dead) == 3
    by_kind = {"poison": [], "unparseable": []}
    for props, body in dead:
        headers = props.headers or {}
        assert headers.get("x-error"), "dead letter without x-error"
        assert headers.get("x-original-queue") == topo.queue
        if b"not json" in body or b"Not.A.Valid" in body:
            assert headers["x-error"].startswith("unparseable event")
            assert "x-attempt" not in headers, "an unparseable body was retried"
            by_kind["unparseable"].append(body)
        else:
            assert Event.from_json(body).id == poison
            assert headers["x-attempt"] == max_attempts
            assert f"ValueError: cannot apply {poison}" in headers["x-error"]
            by_kind["poison"].append(body)
    assert len(by_kind["poison"]) == 1 and len(by_kind["unparseable"]) == 2
    for index in range(2):
        assert topo.depth(shared_amqp, sub.retry_queue(index + 1)) == 0


def test_event_breaking_its_contract_is_dead_lettered_at_once_with_the_reason(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads
) -> None:
    """A typed subscription (kernel/contracts) reads every event into its class before the
    handler runs; one that does not fit goes to the DLQ on its first delivery, saying why,
    and leaves no processed-event record; the valid one behind it is applied."""
    apply_effect = effect_handler(db.schema)

    def on_meal(session: Session, meal: Received[MealLogged]) -> None:
        apply_effect(session, meal.envelope)

    sub = replace(
        contract_subscription(topo.queue, {MealLogged: on_meal}),
        retry_delays_seconds=(0.05,),
        max_attempts=5,
    )
    topo.declare(shared_amqp, sub)
    valid = MealLogged(meal_id=uuid.uuid4(), date=date(2026, 3, 10), day_totals=TOTALS).event("u1")
    not_a_date = valid.model_copy(
        update={"id": uuid.uuid4(), "data": {**valid.data, "date": "not a date"}}
    )
    unknown_version = valid.model_copy(update={"id": uuid.uuid4(), "version": 2})
    with amqp_channel(shared_amqp) as ch:
        for event in (not_a_date, unknown_version, valid):
            ch.basic_publish(
                topo.exchange,
                event.type,
                event.to_json(),
                pika.BasicProperties(delivery_mode=2, message_id=str(event.id)),
            )
    threads.start(consumer(db, shared_amqp, topo, sub))

    wait_until(lambda: db.effects() == 1, what="the valid event applied")
    wait_until(lambda: topo.depth(shared_amqp, sub.dead_letter_queue) == 2, what="2 dead letters")
    assert db.processed() == 1
    errors = {}
    for props, _ in topo.drain(shared_amqp, sub.dead_letter_queue):
        headers = props.headers or {}
        assert "x-attempt" not in headers, "an invalid event was retried"
        assert headers["x-original-queue"] == topo.queue
        errors[props.message_id] = headers["x-error"]
    assert errors[str(not_a_date.id)].startswith(
        "invalid event: nutrition.meal.logged v1: date: Value error, expected a date as YYYY-MM-DD"
    )
    assert errors[str(unknown_version.id)] == (
        f"invalid event: {topo.queue} takes no nutrition.meal.logged v2"
    )
    assert topo.depth(shared_amqp, sub.retry_queue(1)) == 0


# 7 ---------------------------------------------------------------------------------------


def test_consumer_reconnects_after_broker_closes_its_connection(
    db: Db, topo: Topology, rabbit: PrivateRabbitNode, threads: Threads
) -> None:
    url = rabbit.amqp_url
    sub = declared_subscription(db, topo, url)
    rel = threads.start(relay(db, url, topo))
    cons = threads.start(consumer(db, url, topo, sub))
    log_meals(db, 20)
    wait_until(lambda: db.effects() >= 20, what="first batch applied")
    assert cons.connects == 1

    closed = rabbit.close_all_connections("test: force-close")
    assert closed >= 2, f"expected the relay's and the consumer's connections, closed {closed}"
    wait_until(lambda: cons.connects >= 2 and rel.connects >= 2, what="both reconnected")
    for i in range(20, 40):
        log_meal(db, i)
    wait_until(lambda: db.effects() >= 40, what="second batch applied after the reconnect")
    assert_exactly_once(db, 40)
    assert threads.alive()


def test_unit_of_work_rolls_back_consumer_effect_and_dedupe_record_together(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads
) -> None:
    """A handler that fails after writing leaves neither its effect nor the processed id,
    so the retry applies it (once) instead of skipping it as a 'duplicate'."""
    events = log_meals(db, 5)
    flaky = events[2].id
    failures = [0]
    apply_effect = effect_handler(db.schema)

    def handler(session, event: Event) -> None:
        apply_effect(session, event)
        if event.id == flaky and failures[0] < 2:
            failures[0] += 1
            raise RuntimeError("transient business failure after writing")

    sub = declared_subscription(
        db, topo, shared_amqp, handler, retry_delays_seconds=(0.05,), max_attempts=5
    )
    threads.start(relay(db, shared_amqp, topo))
    cons = threads.start(consumer(db, shared_amqp, topo, sub))
    wait_until(lambda: db.effects() >= 5, what="all applied, the flaky one on its 3rd try")
    wait_until(lambda: cons.deliveries >= 7, what="2 retried deliveries")
    assert failures[0] == 2
    assert_exactly_once(db, 5)
    assert topo.depth(shared_amqp, sub.dead_letter_queue) == 0


def test_consumer_survives_broker_cancelling_it(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads
) -> None:
    """The broker cancels a consumer when its queue is deleted (or its node goes away in a
    cluster); the consumer must re-declare and keep consuming, not silently end its thread."""
    sub = declared_subscription(db, topo, shared_amqp)
    rel = threads.start(relay(db, shared_amqp, topo))
    cons = threads.start(consumer(db, shared_amqp, topo, sub))
    log_meals(db, 5)
    wait_until(lambda: db.effects() >= 5, what="first events applied")

    with amqp_channel(shared_amqp) as ch:
        ch.queue_delete(topo.queue)

    def queue_consumed_again() -> bool:
        try:
            with amqp_channel(shared_amqp) as ch:
                return ch.queue_declare(topo.queue, passive=True).method.consumer_count == 1
        except pika.exceptions.ChannelClosedByBroker:  # not re-declared yet
            return False

    wait_until(queue_consumed_again, what="queue re-declared and consumed")
    assert cons.connects >= 2 and threads.alive()
    for i in range(5, 10):
        log_meal(db, i)
    wait_until(lambda: db.effects() >= 10, what="events after the cancel applied")
    assert_exactly_once(db, 10)
    assert rel.connects == 1
