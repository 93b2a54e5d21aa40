"""Administrators' actions, one event class per producing service, all with the same data:
who (``actor_id``) did what (``action``) to what (``target_type`` / ``target_id``), with a few
details. The notifications service's audit consumer stores every one of them
(docs/decisions/0009-admin-audit-through-the-outbox.md).

A service that gains admin actions (the dead-letter replays of notifications, the food fixes
of nutrition) publishes its own subclass through its outbox, in the transaction of the change,
and adds the class to ``AUDITED``."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from .base import EventContract, Identifier

# A few short details (the new role, the number of sessions ended, the channels).
Detail = Annotated[str | int | bool | None, Field(union_mode="left_to_right")]
DetailKey = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z_]+$")]
Action = Annotated[str, Field(min_length=3, max_length=60, pattern=r"^[a-z_]+\.[a-z_]+$")]


class AdminActionRecorded(EventContract):
    """The shared data; not an event type itself (only its subclasses are registered)."""

    ABOUT_A_USER: ClassVar[bool] = False  # the actor and target are in the data

    actor_id: Identifier
    action: Action  # "<target type>.<past-tense verb>", e.g. "user.disabled"
    target_type: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z_]+$")]
    target_id: Identifier
    detail: Annotated[dict[DetailKey, Detail], Field(max_length=10)] = {}


class AuthAdminActionRecorded(AdminActionRecorded):
    """Account status, role and session revocations (auth)."""

    TYPE: ClassVar[str] = "auth.admin_action.recorded"
    PRODUCER: ClassVar[str] = "auth"


class NotificationsAdminActionRecorded(AdminActionRecorded):
    """Announcements sent, dead letters replayed and discarded (notifications)."""

    TYPE: ClassVar[str] = "notifications.admin_action.recorded"
    PRODUCER: ClassVar[str] = "notifications"


class NutritionAdminActionRecorded(AdminActionRecorded):
    """The food database: foods hidden, shown or corrected, users' reports resolved."""

    TYPE: ClassVar[str] = "nutrition.admin_action.recorded"
    PRODUCER: ClassVar[str] = "nutrition"


# Every admin-action class the audit log stores, by (type, version).
AUDITED: dict[tuple[str, int], type[AdminActionRecorded]] = {
    (c.TYPE, c.VERSION): c
    for c in (
        AuthAdminActionRecorded,
        NotificationsAdminActionRecorded,
        NutritionAdminActionRecorded,
    )
}
