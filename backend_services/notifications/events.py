"""Notifications' handler tables, keyed by the contracts of the events consumed
(``backend_services/kernel/contracts``), and the audit log's queue that takes every event.

Accounts (auth) and activity (users, nutrition, workouts) in separate queues: a backlog of
meal events never delays a password-reset mail, and a poison meal event never blocks one.
Profile updates travel with the activity they qualify, so targets usually precede meals.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend_services.kernel import contracts as c
from backend_services.kernel.contracts import Received, queues
from backend_services.kernel.contracts.handlers import ContractHandler, HandlerTable
from backend_services.kernel.contracts.handlers import subscriptions as from_tables
from backend_services.kernel.db import lock_account
from backend_services.kernel.messaging import Subscription

from . import handlers
from . import repository as repo
from .audit import record_event


def _unless_deleted(handler: ContractHandler) -> ContractHandler:
    """Events that arrive after the account was deleted must not bring its data back; the
    lock keeps a deletion from committing between this check and the handler's writes."""

    def handle(session: Session, event: Received[Any]) -> None:
        lock_account(session, event.user_id)
        if not repo.is_deleted(session, event.user_id):
            handler(session, event)

    return handle


HANDLERS: dict[str, HandlerTable] = {
    queues.NOTIFICATIONS_ACCOUNTS: {
        c.UserRegistered: _unless_deleted(handlers.on_user_registered),
        c.UserDeleted: handlers.on_user_deleted,
        c.PasswordResetRequested: _unless_deleted(handlers.on_password_reset_requested),
    },
    queues.NOTIFICATIONS_ACTIVITY: {
        c.ProfileUpdated: _unless_deleted(handlers.on_profile_updated),
        c.WeightLogged: _unless_deleted(handlers.on_weight_logged),
        c.MealLogged: _unless_deleted(handlers.on_meal_changed),
        c.MealUpdated: _unless_deleted(handlers.on_meal_changed),
        c.MealDeleted: _unless_deleted(handlers.on_meal_changed),
        c.WorkoutCompleted: _unless_deleted(handlers.on_workout_completed),
        c.PersonalRecordSet: _unless_deleted(handlers.on_personal_record),
    },
}


def subscriptions(prefix: str = "notifications") -> tuple[Subscription, ...]:
    """The worker's queues; tests pass a unique ``prefix`` to get queues of their own."""

    def rename(queue: str) -> str:
        return queue.replace("notifications", prefix, 1)

    audit = Subscription(
        queue=rename(queues.NOTIFICATIONS_AUDIT), routing_keys=("#",), handler=record_event
    )
    return (audit, *from_tables(HANDLERS, rename=rename))


SUBSCRIPTIONS = subscriptions()
