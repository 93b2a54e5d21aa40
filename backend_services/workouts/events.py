"""Workouts events: what it publishes, built from a workout document, and its handler table,
keyed by the contracts in ``backend_services/kernel/contracts``.

Outbox choice: the pending events are **embedded in the workout document** (the kernel's
``mongo_outbox``): a single-document write is atomic on every MongoDB deployment, standalone
included, so "workout completed" and "its events are staged" commit together without a
transaction. SecantusDB does accept multi-document transactions, but the embedded form needs
no replica set and one write instead of two.
"""

from __future__ import annotations

from typing import Any

from backend_services.kernel.contracts import (
    PersonalRecordSet,
    UserDeleted,
    WeightLogged,
    WorkoutCompleted,
    WorkoutImported,
    queues,
)
from backend_services.kernel.contracts.handlers import HandlerTable, subscriptions
from backend_services.kernel.messaging import Event
from backend_services.kernel.messaging.mongo_outbox import outbox_entry

from .account_deletion import delete_user_data
from .weight_copy import copy_weigh_in

__all__ = [
    "HANDLERS",
    "SUBSCRIPTIONS",
    "outbox_entry",
    "personal_record_set",
    "workout_completed",
    "workout_imported",
]


def workout_completed(user_id: str, workout: dict[str, Any]) -> Event:
    return WorkoutCompleted(**_facts(workout)).event(user_id)


def workout_imported(user_id: str, workout: dict[str, Any]) -> Event:
    return WorkoutImported(**_facts(workout), source=workout["source"]).event(user_id)


def _facts(workout: dict[str, Any]) -> dict[str, Any]:
    result = workout["result"]
    return {
        "workout_id": workout["_id"],
        "name": workout.get("name"),
        "local_date": workout["local_date"],
        "iso_year": workout["iso_year"],
        "iso_week": workout["iso_week"],
        "duration_s": result["duration_s"],
        "calories_kcal": result["calories_kcal"],
        "net_calories_kcal": result["net_calories_kcal"],
        "weight_source": result["weight_source"],
        "volume_kg": result["volume_kg"],
        "exercise_count": len(workout.get("exercises", [])),
        "personal_record_count": len(result["personal_records"]),
    }


def personal_record_set(user_id: str, workout_id: str, record: dict[str, Any]) -> Event:
    return PersonalRecordSet(workout_id=workout_id, **record).event(user_id)


HANDLERS: dict[str, HandlerTable] = {
    queues.WORKOUTS_ACCOUNT_DELETIONS: {UserDeleted: delete_user_data},
    queues.WORKOUTS_WEIGHT_COPY: {WeightLogged: copy_weigh_in},
}

SUBSCRIPTIONS = subscriptions(HANDLERS)
