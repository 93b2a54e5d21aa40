"""Workouts events: what it publishes, built from a workout document, and its handler table,
keyed by the contracts in ``backend_services/kernel/contracts``.

Outbox choice: the pending events are **embedded in the workout document** (the kernel's
``mongo_outbox``): a single-document write is atomic on every MongoDB deployment, standalone
included, so "workout completed" and "its events are staged" commit together without a
transaction. SecantusDB does accept multi-document transactions, but the embedded form needs
no replica set and one write instead of two.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from backend_services.kernel.contracts import (
    BodyMassImported,
    BodyMassReading,
    PersonalRecordSet,
    ProgramPlanChanged,
    UserDeleted,
    WeightLogged,
    WorkoutCompleted,
    WorkoutImported,
    queues,
)
from backend_services.kernel.contracts.handlers import HandlerTable, subscriptions
from backend_services.kernel.contracts.workouts import BODY_MASS_MAX_KG, BODY_MASS_MIN_KG, Weekday
from backend_services.kernel.dates import day_error
from backend_services.kernel.messaging import Event
from backend_services.kernel.messaging.mongo_outbox import outbox_entry

from .account_deletion import delete_user_data
from .programs import schedule_of
from .weight_copy import copy_weigh_in

__all__ = [
    "HANDLERS",
    "SUBSCRIPTIONS",
    "body_mass_imported",
    "outbox_entry",
    "personal_record_set",
    "program_plan_changed",
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


def program_plan_changed(user_id: str, program: dict[str, Any] | None) -> Event:
    """The plan of the program the user now follows (its weekdays), or of none (None)."""
    if program is None:
        return ProgramPlanChanged(program_id=None, program_name=None, weekdays=()).event(user_id)
    return ProgramPlanChanged(
        program_id=program["_id"],
        program_name=program["name"][:200],
        weekdays=tuple(cast(list[Weekday], schedule_of(program))),
    ).event(user_id)


def body_mass_imported(user_id: str, source: str, body_mass: dict[str, float]) -> Event | None:
    """The export's readings that could be weigh-ins (a past day, a weight the users service
    accepts), offered to the users service; None when there is none."""
    readings = tuple(
        BodyMassReading(date=date.fromisoformat(day), weight_kg=kg)
        for day, kg in sorted(body_mass.items())
        if BODY_MASS_MIN_KG <= kg <= BODY_MASS_MAX_KG
        and day_error(date.fromisoformat(day), 0) is None
    )
    if not readings:
        return None
    return BodyMassImported(source=source, readings=readings).event(user_id)


HANDLERS: dict[str, HandlerTable] = {
    queues.WORKOUTS_ACCOUNT_DELETIONS: {UserDeleted: delete_user_data},
    queues.WORKOUTS_WEIGHT_COPY: {WeightLogged: copy_weigh_in},
}

SUBSCRIPTIONS = subscriptions(HANDLERS)
