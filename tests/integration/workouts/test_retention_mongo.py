"""The MongoDB relay prunes the consumers' processed-event records past their retention."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from pymongo import MongoClient

from backend_services.kernel.messaging.mongo_consumer import PROCESSED
from backend_services.kernel.messaging.mongo_outbox import MongoOutboxRelay
from backend_services.kernel.messaging.relay import Retention


def test_processed_event_records_past_retention_go(secantus_uri: str) -> None:
    client: MongoClient = MongoClient(secantus_uri)
    db = client[f"rt_{uuid.uuid4().hex[:10]}"]
    try:
        now = datetime.now(UTC)
        db[PROCESSED].insert_many(
            [{"_id": f"q:{uuid.uuid4()}", "at": now - timedelta(days=d)} for d in (1, 29, 31, 60)]
        )
        relay = MongoOutboxRelay(
            db["workouts"],
            "amqp://unused",
            "unused",
            name="workouts",
            retention=Retention(processed_events=timedelta(days=30)),
        )
        assert relay.prune(now) == {"processed_events": 2}
        left = sorted((now - d["at"].replace(tzinfo=UTC)).days for d in db[PROCESSED].find())
        assert left == [1, 29]
    finally:
        client.drop_database(db.name)
        client.close()
