"""The outbox of a MongoDB service: events embedded in the document they describe, and the
relay that publishes them.

A pending event is an entry of the document's ``outbox`` array; ``outbox_pending`` (present
only while some entry is unsent, on a sparse index) says when the document is next due. A
single-document write is atomic on every MongoDB deployment, standalone included, so the change
and its events commit together without a transaction or a replica set.

The relay leases a due document, publishes each unsent entry with publisher confirms
(persistent, routing key = type, message_id = event id), then marks exactly those entries sent
and clears the flag if nothing else is waiting. A crash between the confirm and the mark
republishes on the next pass: at-least-once, consumers dedupe on the event id. A document
marked ``deleted`` is removed once its events are out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from pika.adapters.blocking_connection import BlockingChannel
from pymongo import ASCENDING
from pymongo.collection import Collection

from ..mongo import update_and_read
from .broker import publish_persistent
from .envelope import Event
from .mongo_consumer import PROCESSED
from .relay import PUBLISHED, Relay, Retention

LEASE = timedelta(seconds=30)
CLAIM_CANDIDATES = 8  # due documents looked at per claim, oldest first


def outbox_entry(event: Event, now: datetime) -> dict[str, Any]:
    """The entry to embed in the document's ``outbox`` (with ``outbox_pending: now``)."""
    return {
        "id": str(event.id),
        "type": event.type,
        "payload": event.model_dump(mode="json"),
        "created_at": now,
        "sent_at": None,
    }


class MongoOutboxRelay(Relay):
    def __init__(
        self,
        collection: Collection[dict[str, Any]],
        amqp_url: str,
        exchange: str,
        *,
        name: str,
        batch_size: int = 100,
        poll_interval: float = 0.2,
        after_publish: Callable[[dict[str, Any]], None] | None = None,
        retention: Retention | None = None,
    ):
        super().__init__(
            amqp_url,
            exchange,
            label=name,
            batch_size=batch_size,
            poll_interval=poll_interval,
            retention=retention,
        )
        self.collection = collection
        self.after_publish = after_publish  # test hook: runs between confirm and mark-sent

    def prune(self, now: datetime) -> dict[str, int]:
        """The consumers' processed-event records (mongo_consumer.py) past their retention.
        Sent outbox entries stay in their document: they go with it."""
        before = now - self.retention.processed_events
        done = self.collection.database[PROCESSED].delete_many({"at": {"$lt": before}})
        return {"processed_events": done.deleted_count}

    def backlog(self) -> int:
        """Documents with unsent events."""
        return self.collection.count_documents({"outbox_pending": {"$exists": True}})

    def relay_batch(self, channel: BlockingChannel) -> int:
        """Publish the events of up to ``batch_size`` documents; returns events published
        (a document has at least one unsent, unless another relay just sent them)."""
        sent = 0
        for _ in range(self.batch_size):
            doc = self._lease_next()
            if doc is None:
                break
            sent += self._publish_document(channel, doc)
        return sent

    def _lease_next(self) -> dict[str, Any] | None:
        """Claim one due document for LEASE, so parallel relays do not double-publish.

        ``outbox_pending`` is when the document is next due: the write sets it to now, a
        lease moves it LEASE ahead, so "pending and not leased" is one range on its sparse index
        (an ``$or`` over a lease field beside it scans the collection on SecantusDB). The claim
        is a conditional update by ``_id`` of the first due one (a relay beside this one may
        have taken it: then the next); not findAndModify, which SecantusDB runs as a
        collection scan on every poll (``kernel/mongo.update_and_read``)."""
        now = datetime.now(UTC)
        due = self.collection.find(
            {"outbox_pending": {"$lte": now}}, {"_id": 1}, sort=[("outbox_pending", ASCENDING)]
        ).limit(CLAIM_CANDIDATES)
        for candidate in list(due):
            claimed = update_and_read(
                self.collection,
                {"_id": candidate["_id"], "outbox_pending": {"$lte": now}},
                {"$set": {"outbox_pending": now + LEASE}},
                projection={"outbox": 1, "deleted": 1, "user_id": 1},
            )
            if claimed is not None:
                return claimed
        return None

    def _publish_document(self, channel: BlockingChannel, doc: dict[str, Any]) -> int:
        pending = [e for e in doc.get("outbox", []) if e.get("sent_at") is None]
        for entry in pending:
            publish_persistent(
                channel, self.exchange, entry["type"], entry["payload"], message_id=entry["id"]
            )
            PUBLISHED.labels(self.label, entry["type"]).inc()
        if self.after_publish:
            self.after_publish(doc)
        self._mark_sent(doc, [e["id"] for e in pending])
        return len(pending)

    def _mark_sent(self, doc: dict[str, Any], event_ids: list[str]) -> None:
        now = datetime.now(UTC)
        if doc.get("deleted"):
            # Deleted before its events went out: now it can go.
            self.collection.delete_one({"_id": doc["_id"], "deleted": True})
            return
        if event_ids:
            self.collection.update_one(
                {"_id": doc["_id"]},
                {"$set": {"outbox.$[e].sent_at": now}},
                array_filters=[{"e.id": {"$in": event_ids}}],
            )
        # Clear the flag only if no event was added meanwhile (all sent_at set); otherwise
        # release the lease: due again now. (``outbox_lease_until``: the earlier lease field.)
        self.collection.update_one(
            {"_id": doc["_id"], "outbox": {"$not": {"$elemMatch": {"sent_at": None}}}},
            {"$unset": {"outbox_pending": "", "outbox_lease_until": ""}},
        )
        self.collection.update_one(
            {"_id": doc["_id"], "outbox_pending": {"$exists": True}},
            {"$set": {"outbox_pending": now}, "$unset": {"outbox_lease_until": ""}},
        )
