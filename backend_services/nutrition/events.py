"""Nutrition event types and the handlers table (filled in as the service's issue lands)."""

from __future__ import annotations

from backend_services.kernel.messaging import Subscription

SUBSCRIPTIONS: tuple[Subscription, ...] = ()
