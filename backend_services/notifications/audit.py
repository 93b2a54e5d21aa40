"""Audit trail: every event on the bus becomes one structured log line and a counter tick."""

from __future__ import annotations

import logging

from prometheus_client import Counter
from sqlalchemy.orm import Session

from backend_services.kernel.messaging import Event

log = logging.getLogger("fitledger.audit")
EVENTS_SEEN = Counter("audit_events_total", "Events seen on the bus, by type.", ["type"])


def record_event(_: Session, event: Event) -> None:
    EVENTS_SEEN.labels(event.type).inc()
    log.info(
        "event",
        extra={
            "event_id": str(event.id),
            "event_type": event.type,
            "event_version": event.version,
            "producer": event.producer,
            "user_id": event.user_id,
            "occurred_at": event.occurred_at.isoformat(),
        },
    )
