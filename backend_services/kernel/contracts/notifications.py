"""Events the notifications service publishes about a user (its admin actions are in
``admin.py``)."""

from __future__ import annotations

from typing import ClassVar

from .base import EventContract
from .preferences import NotificationType


class EmailUnsubscribed(EventContract):
    """A mail's one-click unsubscribe link was used: no more e-mails of ``notification_type``
    (``None``: of any type). The users service, which keeps the user's choices, turns those
    e-mails off in the preferences, so the profile and the notification settings say the same
    thing and the user can turn them on again there."""

    TYPE: ClassVar[str] = "notifications.email.unsubscribed"
    PRODUCER: ClassVar[str] = "notifications"

    notification_type: NotificationType | None
