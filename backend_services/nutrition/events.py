"""Nutrition events: what it publishes (a meal logged, updated or deleted) and its handler
table, keyed by the contracts in ``backend_services/kernel/contracts``."""

from __future__ import annotations

from typing import Literal

from backend_services.kernel.contracts import (
    MealChanged,
    MealDeleted,
    MealLogged,
    MealUpdated,
    UserDeleted,
    queues,
)
from backend_services.kernel.contracts.handlers import HandlerTable, subscriptions

from .account_deletion import on_user_deleted

MealChange = Literal["logged", "updated", "deleted"]
MEAL_EVENTS: dict[MealChange, type[MealChanged]] = {
    "logged": MealLogged,
    "updated": MealUpdated,
    "deleted": MealDeleted,
}

HANDLERS: dict[str, HandlerTable] = {
    queues.NUTRITION_ACCOUNT_DELETIONS: {UserDeleted: on_user_deleted},
}

SUBSCRIPTIONS = subscriptions(HANDLERS)
