"""Workouts worker: the MongoDB outbox relay (run with ``python -m``).

Events are embedded in the workout document (see events.py). The relay leases a document with
pending events, publishes each unsent event with publisher confirms (persistent, routing key =
type, message_id = event id), then marks exactly those events sent and clears the pending flag
if nothing else is waiting. A crash between the confirm and the mark republishes the event on
the next pass: at-least-once, consumers dedupe on the event id.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pika
from pika.adapters.blocking_connection import BlockingChannel
from prometheus_client import Counter, Gauge
from pymongo import ASCENDING, ReturnDocument

from backend_services.kernel.messaging import Subscription
from backend_services.kernel.messaging.broker import (
    confirmed_channel,
    declare_exchange,
    keep_connected,
)
from backend_services.kernel.messaging.mongo_consumer import MongoEventConsumer
from backend_services.kernel.mongo import default_database, make_mongo_client
from backend_services.kernel.workers import run_until_stopped

from .account_deletion import delete_user_data
from .repository import WorkoutsRepository
from .settings import WorkoutsSettings

log = logging.getLogger("fitledger.workouts.relay")

PUBLISHED = Counter("workouts_outbox_events_published_total", "Workout events published.", ["type"])
BACKLOG = Gauge(
    "workouts_outbox_backlog",
    "Workout documents with unsent events.",
    multiprocess_mode="livemax",
)
LEASE = timedelta(seconds=30)


class MongoOutboxRelay:
    def __init__(
        self,
        repo: WorkoutsRepository,
        amqp_url: str,
        exchange: str,
        *,
        batch_size: int = 100,
        poll_interval: float = 0.2,
        after_publish: Callable[[dict[str, Any]], None] | None = None,
    ):
        self.repo = repo
        self.amqp_url, self.exchange = amqp_url, exchange
        self.batch_size, self.poll_interval = batch_size, poll_interval
        self.after_publish = after_publish  # test hook: runs between confirm and mark-sent
        self.name = "workouts-relay"

    def run(self, stop: threading.Event) -> None:
        keep_connected(self.name, stop, self._run_connected)

    def _run_connected(self, stop: threading.Event) -> None:
        with confirmed_channel(self.amqp_url, name=self.name) as (connection, channel):
            declare_exchange(channel, self.exchange)
            while not stop.is_set():
                sent = self.relay_batch(channel)
                if sent == 0:
                    BACKLOG.set(0)
                    connection.sleep(self.poll_interval)
                else:
                    BACKLOG.set(self.backlog())

    def backlog(self) -> int:
        return self.repo.workouts.count_documents({"outbox_pending": {"$exists": True}})

    def relay_batch(self, channel: BlockingChannel) -> int:
        """Publish the events of up to ``batch_size`` documents; returns events published."""
        sent = 0
        for _ in range(self.batch_size):
            doc = self._lease_next()
            if doc is None:
                break
            sent += self._publish_document(channel, doc)
        return sent

    def _lease_next(self) -> dict[str, Any] | None:
        """Claim one due document for LEASE, so parallel relays do not double-publish.

        ``outbox_pending`` is when the document is next due: the completion sets it to now, a
        lease moves it LEASE ahead, so "pending and not leased" is one range on its sparse index
        (an ``$or`` over a lease field beside it scans the collection on SecantusDB)."""
        now = datetime.now(UTC)
        return self.repo.workouts.find_one_and_update(
            {"outbox_pending": {"$lte": now}},
            {"$set": {"outbox_pending": now + LEASE}},
            sort=[("outbox_pending", ASCENDING)],
            projection={"outbox": 1, "deleted": 1, "user_id": 1},
            return_document=ReturnDocument.AFTER,
        )

    def _publish_document(self, channel: BlockingChannel, doc: dict[str, Any]) -> int:
        pending = [e for e in doc.get("outbox", []) if e.get("sent_at") is None]
        for entry in pending:
            channel.basic_publish(
                exchange=self.exchange,
                routing_key=entry["type"],
                body=json.dumps(entry["payload"], separators=(",", ":")).encode(),
                properties=pika.BasicProperties(
                    content_type="application/json",
                    delivery_mode=pika.DeliveryMode.Persistent,
                    message_id=entry["id"],
                    type=entry["type"],
                ),
            )
            PUBLISHED.labels(entry["type"]).inc()
        if self.after_publish:
            self.after_publish(doc)
        self._mark_sent(doc, [e["id"] for e in pending])
        return len(pending)

    def _mark_sent(self, doc: dict[str, Any], event_ids: list[str]) -> None:
        now = datetime.now(UTC)
        if doc.get("deleted"):
            # The user deleted the workout before its events went out: now it can go.
            self.repo.workouts.delete_one({"_id": doc["_id"], "deleted": True})
            return
        if event_ids:
            self.repo.workouts.update_one(
                {"_id": doc["_id"]},
                {"$set": {"outbox.$[e].sent_at": now}},
                array_filters=[{"e.id": {"$in": event_ids}}],
            )
        # Clear the flag only if no event was added meanwhile (all sent_at set); otherwise
        # release the lease: due again now. (``outbox_lease_until``: the earlier lease field.)
        self.repo.workouts.update_one(
            {"_id": doc["_id"], "outbox": {"$not": {"$elemMatch": {"sent_at": None}}}},
            {"$unset": {"outbox_pending": "", "outbox_lease_until": ""}},
        )
        self.repo.workouts.update_one(
            {"_id": doc["_id"], "outbox_pending": {"$exists": True}},
            {"$set": {"outbox_pending": now}, "$unset": {"outbox_lease_until": ""}},
        )


ACCOUNT_DELETIONS = Subscription(
    queue="workouts.auth-user-deleted",
    routing_keys=("auth.user.deleted",),
    handler=delete_user_data,
)


def main() -> None:
    from backend_services.kernel.logs import configure_logging

    settings = WorkoutsSettings()
    configure_logging("workouts-worker", settings.instance_id, settings.log_level)
    assert settings.mongodb_uri and settings.amqp_url
    db = default_database(make_mongo_client(settings.mongodb_uri))
    repo = WorkoutsRepository(db)
    relay = MongoOutboxRelay(repo, settings.amqp_url, settings.events_exchange)
    deletions = MongoEventConsumer(
        db,
        settings.amqp_url,
        settings.events_exchange,
        replace(ACCOUNT_DELETIONS, queue_type=settings.amqp_queue_type),
    )
    port = os.environ.get("METRICS_PORT")
    run_until_stopped([relay, deletions], metrics_port=int(port) if port else None)


if __name__ == "__main__":
    main()
