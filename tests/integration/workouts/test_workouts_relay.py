"""The Mongo outbox relay publishes workout events to RabbitMQ with confirms (real broker)."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pika
import pytest

from backend_services.kernel.contracts import BodyMassImported
from backend_services.kernel.messaging import Event
from backend_services.kernel.messaging.mongo_outbox import MongoOutboxRelay
from backend_services.workouts.imports_api import run_import_job
from backend_services.workouts.models import WorkoutComplete, WorkoutCreate, public
from backend_services.workouts.repository import WorkoutsRepository
from backend_services.workouts.service import WorkoutService

EXPORT = Path(__file__).resolve().parents[2] / "fixtures" / "apple_health" / "export.xml"
AMQP_URL = os.environ.get("FITLEDGER_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")


class SimulatedCrash(Exception):
    pass


@pytest.fixture
def broker() -> Iterator[tuple[pika.BlockingConnection, str, str]]:
    try:
        connection = pika.BlockingConnection(pika.URLParameters(AMQP_URL))
    except Exception as exc:
        pytest.skip(f"RabbitMQ not reachable: {exc!r}")
    suffix = uuid.uuid4().hex[:10]
    exchange, queue = f"fltest.workouts.{suffix}", f"fltest.workouts.q.{suffix}"
    channel = connection.channel()
    channel.exchange_declare(exchange, "topic", durable=True)
    channel.queue_declare(queue)
    channel.queue_bind(queue, exchange, "workouts.#")
    channel.confirm_delivery()
    try:
        yield connection, exchange, queue
    finally:
        channel.queue_delete(queue)
        channel.exchange_delete(exchange)
        connection.close()


def _drain(connection: pika.BlockingConnection, queue: str) -> list[tuple[str, dict]]:
    channel = connection.channel()
    out: list[tuple[str, dict]] = []
    while True:
        method, props, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            return out
        out.append((props.message_id, json.loads(body)))


def _completed_workout(service: WorkoutService, user: str) -> str:
    started = datetime.now(UTC) - timedelta(hours=1)
    body = WorkoutCreate.model_validate(
        {
            "started_at": started,
            "body_weight_kg": 70,
            "exercises": [
                {"exercise_id": "builtin:running", "sets": [{"kind": "cardio", "duration_s": 1800}]}
            ],
        }
    )
    workout, _ = service.start_workout(user, body)
    service.complete_workout(user, workout["_id"], WorkoutComplete())
    return str(workout["_id"])


def test_completed_event_is_delivered_once_and_marked_sent(
    service: WorkoutService, repo: WorkoutsRepository, broker
) -> None:
    connection, exchange, queue = broker
    workout_id = _completed_workout(service, "r1")
    relay = MongoOutboxRelay(repo.workouts, AMQP_URL, exchange, name="workouts")
    channel = connection.channel()
    channel.confirm_delivery()
    assert relay.relay_batch(channel) == 1
    assert relay.relay_batch(channel) == 0
    messages = _drain(connection, queue)
    assert len(messages) == 1
    message_id, event = messages[0]
    assert event["type"] == "workouts.workout.completed"
    assert event["id"] == message_id
    assert event["user_id"] == "r1"
    assert event["data"]["workout_id"] == workout_id
    assert event["data"]["calories_kcal"] == pytest.approx(343.0)
    stored = repo.workouts.find_one({"_id": workout_id})
    assert stored is not None and "outbox_pending" not in stored
    assert all(e["sent_at"] is not None for e in stored["outbox"])


def test_crash_between_publish_and_mark_republishes_same_id(
    service: WorkoutService, repo: WorkoutsRepository, broker
) -> None:
    connection, exchange, queue = broker
    workout_id = _completed_workout(service, "r2")

    def crash(_: dict) -> None:
        raise SimulatedCrash

    channel = connection.channel()
    channel.confirm_delivery()
    crashing = MongoOutboxRelay(
        repo.workouts, AMQP_URL, exchange, name="workouts", after_publish=crash
    )
    with pytest.raises(SimulatedCrash):
        crashing.relay_batch(channel)
    # The crashed relay's lease expires (the document is due again); a fresh relay publishes
    # the event again.
    expired = datetime.now(UTC) - timedelta(seconds=1)
    repo.workouts.update_one({"_id": workout_id}, {"$set": {"outbox_pending": expired}})
    assert (
        MongoOutboxRelay(repo.workouts, AMQP_URL, exchange, name="workouts").relay_batch(channel)
        == 1
    )
    ids = [message_id for message_id, _ in _drain(connection, queue)]
    assert len(ids) == 2 and len(set(ids)) == 1  # at-least-once; consumers dedupe on the id
    stored = repo.workouts.find_one({"_id": workout_id})
    assert stored is not None and "outbox_pending" not in stored


def test_leased_document_is_not_published_twice(
    service: WorkoutService, repo: WorkoutsRepository, broker
) -> None:
    connection, exchange, queue = broker
    _completed_workout(service, "r3")
    relay = MongoOutboxRelay(repo.workouts, AMQP_URL, exchange, name="workouts")
    assert relay._lease_next() is not None
    channel = connection.channel()
    channel.confirm_delivery()
    assert relay.relay_batch(channel) == 0  # another relay holds the lease
    assert _drain(connection, queue) == []


def test_deleting_before_publish_still_publishes_then_removes(
    service: WorkoutService, repo: WorkoutsRepository, broker
) -> None:
    connection, exchange, queue = broker
    workout_id = _completed_workout(service, "r4")
    service.delete_workout("r4", workout_id)
    assert service.list_workouts("r4", None, None, 10) == []
    channel = connection.channel()
    channel.confirm_delivery()
    assert (
        MongoOutboxRelay(repo.workouts, AMQP_URL, exchange, name="workouts").relay_batch(channel)
        == 1
    )
    assert len(_drain(connection, queue)) == 1
    assert repo.workouts.count_documents({"_id": workout_id}) == 0


def test_a_finished_import_offers_its_weigh_ins_through_the_imports_relay(
    service: WorkoutService, repo: WorkoutsRepository, broker, tmp_path: Path
) -> None:
    """The export's body mass goes to the users service's weight log as an event staged with
    the job's end (decision 0010), not as a write into any weight log here."""
    connection, exchange, queue = broker
    export = tmp_path / "export.xml"
    shutil.copyfile(EXPORT, export)
    repo.import_jobs.insert_one({"_id": "bm1", "user_id": "r9"})
    run_import_job(repo, service, "bm1", "r9", "apple-health", export)
    job = repo.import_jobs.find_one({"_id": "bm1"})
    assert job is not None and job["status"] == "succeeded" and "outbox_pending" in job
    assert "outbox" not in public(job) and "outbox_pending" not in public(job)
    relay = MongoOutboxRelay(repo.import_jobs, AMQP_URL, exchange, name="workouts-imports")
    channel = connection.channel()
    channel.confirm_delivery()
    assert relay.relay_batch(channel) == 1
    assert relay.relay_batch(channel) == 0
    (message_id, body), *others = _drain(connection, queue)
    assert others == []
    received = BodyMassImported.read(Event.model_validate(body))
    assert str(received.envelope.id) == message_id and received.envelope.user_id == "r9"
    assert received.data.source == "apple_health"
    assert [(r.date.isoformat(), r.weight_kg) for r in received.data.readings] == [
        ("2024-04-29", 64.2)
    ]
    stored = repo.import_jobs.find_one({"_id": "bm1"})
    assert stored is not None and "outbox_pending" not in stored
    # the workouts themselves wait in their own documents, for the workouts relay
    assert repo.workouts.count_documents({"user_id": "r9", "outbox_pending": {"$exists": True}})
