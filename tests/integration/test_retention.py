"""Delivered events do not pile up: a relay removes published outbox rows and processed-event
records past their retention, and nothing else (an unsent event stays however old it is)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from databases import drop_database, fresh_database
from sqlalchemy import Engine, insert, select

from backend_services.kernel.db import make_engine
from backend_services.kernel.messaging import MessagingTables, OutboxRelay, Retention

DB_NAME = "fitledger_test_retention"
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
TABLES = MessagingTables("retention_test")


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = make_engine(fresh_database(DB_NAME))
    TABLES.create(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        drop_database(DB_NAME)


def _outbox_row(age_days: float, *, published: bool) -> dict[str, object]:
    at = NOW - timedelta(days=age_days)
    return {
        "event_id": uuid.uuid4(),
        "type": "test.happened",
        "payload": {},
        "created_at": at,
        "published_at": at if published else None,
    }


def _fill(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(TABLES.outbox),
            [
                *(_outbox_row(10 + n, published=True) for n in range(7)),  # past 7 days
                _outbox_row(2, published=True),
                _outbox_row(30, published=False),  # never sent: kept
            ],
        )
        conn.execute(
            insert(TABLES.processed_events),
            [
                *(
                    {
                        "consumer": "q",
                        "event_id": uuid.uuid4(),
                        "processed_at": NOW - timedelta(days=d),
                    }
                    for d in (31, 45, 90)
                ),
                {
                    "consumer": "q",
                    "event_id": uuid.uuid4(),
                    "processed_at": NOW - timedelta(days=1),
                },
            ],
        )


def _ages(engine: Engine) -> tuple[list[tuple[int, bool]], list[int]]:
    with engine.connect() as conn:
        outbox = conn.execute(
            select(TABLES.outbox.c.created_at, TABLES.outbox.c.published_at)
        ).all()
        processed = conn.execute(select(TABLES.processed_events.c.processed_at)).all()
    return (
        sorted(((NOW - r.created_at).days, r.published_at is not None) for r in outbox),
        sorted((NOW - r.processed_at).days for r in processed),
    )


def test_prune_removes_only_what_retention_no_longer_keeps(engine: Engine) -> None:
    _fill(engine)
    removed = TABLES.prune(
        engine,
        published_before=NOW - timedelta(days=7),
        processed_before=NOW - timedelta(days=30),
        batch=3,  # several batches
    )
    assert removed == {"outbox": 7, "processed_events": 3}
    assert _ages(engine) == ([(2, True), (30, False)], [1])
    # Again: nothing more to do.
    assert TABLES.prune(engine, published_before=NOW - timedelta(days=7), processed_before=NOW) == {
        "outbox": 0,
        "processed_events": 1,
    }


def test_the_relay_prunes_by_its_retention_once_per_period(engine: Engine) -> None:
    relay = OutboxRelay(
        engine,
        TABLES,
        "amqp://unused",
        "unused",
        retention=Retention(outbox=timedelta(days=7), processed_events=timedelta(days=30)),
    )
    with engine.begin() as conn:  # aged against the real clock: the relay prunes at now
        conn.execute(
            insert(TABLES.outbox),
            [
                {
                    **_outbox_row(0, published=True),
                    "published_at": datetime.now(UTC) - timedelta(days=8),
                }
            ],
        )
    relay._prune_when_due()
    assert _count(engine) == 0
    with engine.begin() as conn:
        conn.execute(
            insert(TABLES.outbox),
            [
                {
                    **_outbox_row(0, published=True),
                    "published_at": datetime.now(UTC) - timedelta(days=8),
                }
            ],
        )
    relay._prune_when_due()  # within the hour: not again
    assert _count(engine) == 1


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return len(conn.execute(select(TABLES.outbox.c.id)).all())
