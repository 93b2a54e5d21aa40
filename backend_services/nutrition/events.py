"""Nutrition event types and the handlers table."""

from __future__ import annotations

from backend_services.kernel.messaging import Subscription

from .reports import on_user_deleted

MEAL_LOGGED = "nutrition.meal.logged"
MEAL_UPDATED = "nutrition.meal.updated"
MEAL_DELETED = "nutrition.meal.deleted"

SUBSCRIPTIONS: tuple[Subscription, ...] = (
    Subscription(
        queue="nutrition.auth-user-deleted",
        routing_keys=("auth.user.deleted",),
        handler=on_user_deleted,
    ),
)
