"""Audit trail: every event on the bus becomes one structured log line and a counter tick;
administrators' actions (``kernel/contracts/admin.py``) also become rows of the audit log
that the admin pages read (decision 0009)."""

from __future__ import annotations

import logging
from typing import Any

from prometheus_client import Counter
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from backend_services.kernel.contracts import AUDITED
from backend_services.kernel.messaging import Event

from .models import admin_audit, recipients

log = logging.getLogger("fitledger.audit")
EVENTS_SEEN = Counter("audit_events_total", "Events seen on the bus, by type.", ["type"])


def record_event(session: Session, event: Event) -> None:
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
    contract = AUDITED.get((event.type, event.version))
    if contract is not None:
        # A malformed admin event raises InvalidEvent: dead-lettered with the reason.
        action = contract.read(event).data
        session.execute(
            pg_insert(admin_audit)
            .values(
                event_id=event.id,
                occurred_at=event.occurred_at,
                producer=event.producer,
                actor_id=action.actor_id,
                action=action.action,
                target_type=action.target_type,
                target_id=action.target_id,
                detail=action.detail,
            )
            .on_conflict_do_nothing(index_elements=[admin_audit.c.event_id])
        )


def audit_page(session: Session, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """The newest actions first, with the actor's and (for users) the target's e-mail."""
    actor = recipients.alias("actor")
    target = recipients.alias("target")
    rows = session.execute(
        select(
            admin_audit,
            actor.c.email.label("actor_email"),
            target.c.email.label("target_email"),
        )
        .outerjoin(actor, actor.c.user_id == admin_audit.c.actor_id)
        .outerjoin(
            target,
            (target.c.user_id == admin_audit.c.target_id) & (admin_audit.c.target_type == "user"),
        )
        .order_by(admin_audit.c.occurred_at.desc(), admin_audit.c.event_id)
        .limit(limit)
        .offset(offset)
    ).mappings()
    total = session.execute(select(func.count()).select_from(admin_audit)).scalar_one()
    return [dict(r) for r in rows], int(total)
