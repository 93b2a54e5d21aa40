"""Transactional outbox and processed-event ledger, one pair of tables per service schema.

``add_to_outbox`` writes the event in the caller's transaction, so the row exists if and only
if the business change commits; the relay publishes it later.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Engine,
    Index,
    MetaData,
    Table,
    Text,
    func,
    insert,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Session

from .envelope import Event


class MessagingTables:
    """The outbox and processed_events tables in one service's schema."""

    def __init__(self, schema: str, metadata: MetaData | None = None):
        self.schema = schema
        self.metadata = metadata if metadata is not None else MetaData(schema=schema)
        self.outbox = Table(
            "outbox",
            self.metadata,
            Column("id", BigInteger, primary_key=True, autoincrement=True),
            Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
            Column("type", Text, nullable=False),
            Column("payload", JSONB, nullable=False),
            Column(
                "created_at", DateTime(timezone=True), nullable=False, server_default=func.now()
            ),
            Column("published_at", DateTime(timezone=True)),
            schema=schema,
        )
        Index(
            f"{schema}_outbox_unpublished",
            self.outbox.c.id,
            postgresql_where=self.outbox.c.published_at.is_(None),
        )
        self.processed_events = Table(
            "processed_events",
            self.metadata,
            Column("consumer", Text, primary_key=True),
            Column("event_id", UUID(as_uuid=True), primary_key=True),
            Column(
                "processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()
            ),
            schema=schema,
        )

    def create(self, engine: Engine) -> None:
        """Create the schema and tables if missing (services also ship alembic migrations)."""
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))
            self.metadata.create_all(conn, tables=[self.outbox, self.processed_events])

    def prune(
        self,
        engine: Engine,
        *,
        published_before: datetime,
        processed_before: datetime,
        batch: int = 5000,
    ) -> dict[str, int]:
        """Delete published outbox rows and processed-event records older than these, in
        batches of ``batch`` (short transactions beside the relay and the consumers)."""
        schema = self.schema
        statements = {
            "outbox": (
                f'DELETE FROM "{schema}".outbox WHERE id IN (SELECT id FROM "{schema}".outbox'
                " WHERE published_at < :before ORDER BY id LIMIT :batch)",
                published_before,
            ),
            "processed_events": (
                f'DELETE FROM "{schema}".processed_events WHERE (consumer, event_id) IN'
                f' (SELECT consumer, event_id FROM "{schema}".processed_events'
                " WHERE processed_at < :before LIMIT :batch)",
                processed_before,
            ),
        }
        removed = {}
        for table, (statement, before) in statements.items():
            removed[table] = 0
            while True:
                with engine.begin() as conn:
                    count = conn.execute(text(statement), {"before": before, "batch": batch})
                removed[table] += count.rowcount
                if count.rowcount < batch:
                    break
        return removed

    def backlog(self, engine: Engine) -> int:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text(f'SELECT count(*) FROM "{self.schema}".outbox WHERE published_at IS NULL')
                ).scalar_one()
            )


def wake_channel(schema: str) -> str:
    """The PostgreSQL NOTIFY channel that wakes ``schema``'s relay."""
    return f"outbox_{schema}"


def add_to_outbox(session: Session, tables: MessagingTables, event: Event) -> None:
    """Stage ``event`` in the caller's transaction; it is published only if that commits.
    The NOTIFY is transactional too: the relay is woken at the commit (several in one
    transaction arrive as one), instead of finding the row at its next poll."""
    session.execute(
        insert(tables.outbox).values(
            event_id=event.id, type=event.type, payload=event.model_dump(mode="json")
        )
    )
    session.execute(
        text("SELECT pg_notify(:channel, '')"), {"channel": wake_channel(tables.schema)}
    )
