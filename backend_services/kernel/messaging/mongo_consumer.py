"""A consumer whose effects live in MongoDB (the workouts service), deduplicated by event id.

A MongoDB single node gives no transaction spanning the effect and the dedupe record here, so
the record is written after the effect: a crash between the two runs the handler again on
redelivery. Handlers must therefore be idempotent (deletes, upserts, ``$set``), and are.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pymongo.database import Database

from .consumer import BrokerConsumer, Subscription
from .envelope import Event

PROCESSED = "processed_events"


class MongoEventConsumer(BrokerConsumer):
    def __init__(
        self,
        db: Database,
        amqp_url: str,
        exchange: str,
        subscription: Subscription,
        *,
        prefetch: int = 20,
    ):
        super().__init__(amqp_url, exchange, subscription, prefetch=prefetch)
        self.db = db

    def apply(self, event: Event, message: Any) -> bool:
        key = f"{self.sub.queue}:{event.id}"
        if self.db[PROCESSED].find_one({"_id": key}, projection={"_id": 1}) is not None:
            return False
        self.sub.handler(self.db, message)
        self.db[PROCESSED].update_one(
            {"_id": key}, {"$setOnInsert": {"at": datetime.now(UTC)}}, upsert=True
        )
        return True
