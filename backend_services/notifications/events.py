"""Notifications subscriptions: the handlers table."""

from __future__ import annotations

from backend_services.kernel.messaging import Subscription

from .audit import record_event

SUBSCRIPTIONS: tuple[Subscription, ...] = (
    Subscription(queue="notifications.audit", routing_keys=("#",), handler=record_event),
)
