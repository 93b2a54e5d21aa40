"""The outbox relay and the consumers, unchanged, on quorum queues (a RabbitMQ cluster's queue
type): the operator declares the subscription's queues as quorum queues on the local broker,
the workers run with AMQP_QUEUE_TYPE=quorum, and every event is applied exactly once, a
poison message still ends in the dead-letter queue through the retry queues."""

from __future__ import annotations

import subprocess
from dataclasses import replace

import messaging_worker as bus
import pytest
from messaging_worker import Db, Threads, Topology

from backend_services.kernel.messaging import Event, Subscription
from backend_services.kernel.messaging.consumer import declare_subscription


def declared_as_quorum(url: str, topo: Topology, sub: Subscription) -> Subscription:
    """What an operator's definitions do on a cluster: every queue of the subscription a
    quorum queue, before any worker starts."""
    queues = [sub.queue, sub.dead_letter_queue]
    with bus.amqp_channel(url) as ch:
        ch.exchange_declare(topo.exchange, exchange_type="topic", durable=True)
        for name in queues:
            ch.queue_declare(name, durable=True, arguments={"x-queue-type": "quorum"})
        for index, delay in enumerate(sub.retry_delays_seconds):
            ch.queue_declare(
                f"{sub.queue}.retry.{index}",
                durable=True,
                arguments={
                    "x-queue-type": "quorum",
                    "x-message-ttl": int(delay * 1000),
                    "x-dead-letter-exchange": "",
                    "x-dead-letter-routing-key": sub.queue,
                },
            )
    topo.urls.add(url)
    return replace(sub, queue_type="quorum")


def queue_types(prefix: str) -> dict[str, str]:
    listed = subprocess.run(
        ["rabbitmqctl", "-q", "list_queues", "--no-table-headers", "name", "type"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = (line.split("\t") for line in listed.splitlines() if line.startswith(prefix))
    return {name: kind for name, kind in rows}


def test_a_classic_declaration_is_refused_by_a_quorum_queue(
    db: Db, topo: Topology, shared_amqp: str
) -> None:
    """Why the queue type is a setting: the consumers' old declaration cannot open them."""
    sub = declared_as_quorum(shared_amqp, topo, bus.subscription(db, topo))
    with (
        pytest.raises(Exception, match="inequivalent arg 'x-queue-type'"),
        bus.amqp_channel(shared_amqp) as ch,
    ):
        declare_subscription(ch, topo.exchange, replace(sub, queue_type=None))


def test_relay_and_consumer_deliver_exactly_once_on_quorum_queues(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads
) -> None:
    n = 100
    sub = declared_as_quorum(shared_amqp, topo, bus.subscription(db, topo))
    bus.log_meals(db, n)
    threads.start(bus.relay(db, shared_amqp, topo, batch_size=17))
    threads.start(bus.consumer(db, shared_amqp, topo, sub))

    bus.wait_until(lambda: db.effects() >= n and db.backlog() == 0, what="all events applied")
    assert db.effects() == db.distinct_effects() == db.processed() == n
    assert db.effects_match_outbox()
    bus.wait_until(lambda: topo.depth(shared_amqp) == 0, what="queue drained")
    assert set(queue_types(topo.queue).values()) == {"quorum"}
    assert len(queue_types(topo.queue)) == 2 + len(sub.retry_delays_seconds)


def test_a_poison_message_goes_through_the_quorum_retry_queues_to_the_dlq(
    db: Db, topo: Topology, shared_amqp: str, threads: Threads
) -> None:
    n, max_attempts = 10, 3
    events = bus.log_meals(db, n)
    poison = events[0].id
    apply_effect = bus.effect_handler(db.schema)

    def handler(session, event: Event) -> None:
        if event.id == poison:
            raise ValueError("cannot apply")
        apply_effect(session, event)

    plain = bus.subscription(
        db, topo, handler, retry_delays_seconds=(0.05, 0.1), max_attempts=max_attempts
    )
    sub = declared_as_quorum(shared_amqp, topo, plain)
    threads.start(bus.relay(db, shared_amqp, topo))
    threads.start(bus.consumer(db, shared_amqp, topo, sub))

    bus.wait_until(lambda: db.effects() >= n - 1, what="the healthy events applied")
    bus.wait_until(
        lambda: topo.depth(shared_amqp, sub.dead_letter_queue) == 1, what="the poison in the DLQ"
    )
    [(props, body)] = topo.drain(shared_amqp, sub.dead_letter_queue)
    assert Event.from_json(body).id == poison
    assert (props.headers or {})["x-attempt"] == max_attempts
    assert db.effects() == db.distinct_effects() == n - 1
