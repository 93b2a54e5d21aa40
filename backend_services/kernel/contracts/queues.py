"""Every consumer queue of the stack, by name.

Each service's ``events.py`` keys its handler tables by these names (a worker's subscriptions
are derived from those tables, and the dead-letter admin lists ``<queue>.dlq`` of each
subscription: ``backend_services/stack/event_catalogue.py``). ``tests/unit/test_event_contracts.py``
fails when a table uses a name missing here or a name here has no table."""

from __future__ import annotations

AUTH_PASSWORD_RESET = "auth.password_reset"
AUTH_REPEATED_REGISTRATION_MAIL = "auth.mail.repeated_registration"
USERS_ACCOUNTS = "users.accounts"
USERS_ACTIVITY = "users.activity"
NUTRITION_ACCOUNT_DELETIONS = "nutrition.auth-user-deleted"
WORKOUTS_ACCOUNT_DELETIONS = "workouts.auth-user-deleted"
WORKOUTS_WEIGHT_COPY = "workouts.users-weight-logged"
NOTIFICATIONS_AUDIT = "notifications.audit"
NOTIFICATIONS_ACCOUNTS = "notifications.accounts"
NOTIFICATIONS_ACTIVITY = "notifications.activity"


def dead_letter_queue(queue: str) -> str:
    return f"{queue}.dlq"
