"""Notifications subscriptions: the handlers table.

Accounts (auth) and activity (users, nutrition, workouts) in separate queues: a backlog of
meal events never delays a password-reset mail, and a poison meal event never blocks one.
Profile updates travel with the activity they qualify, so targets usually precede meals.
"""

from __future__ import annotations

from backend_services.kernel.messaging import Subscription

from .audit import record_event
from .rules import handle_event

ACCOUNT_EVENTS = ("auth.user.registered", "auth.user.deleted", "auth.password_reset.requested")
ACTIVITY_EVENTS = (
    "users.profile.updated",
    "users.weight.logged",
    "nutrition.meal.logged",
    "nutrition.meal.updated",
    "nutrition.meal.deleted",
    "workouts.workout.completed",
    "workouts.personal_record.set",
)


def subscriptions(prefix: str = "notifications") -> tuple[Subscription, ...]:
    """The worker's queues; tests pass a unique ``prefix`` to get queues of their own."""
    return (
        Subscription(queue=f"{prefix}.audit", routing_keys=("#",), handler=record_event),
        Subscription(queue=f"{prefix}.accounts", routing_keys=ACCOUNT_EVENTS, handler=handle_event),
        Subscription(
            queue=f"{prefix}.activity", routing_keys=ACTIVITY_EVENTS, handler=handle_event
        ),
    )


SUBSCRIPTIONS = subscriptions()
