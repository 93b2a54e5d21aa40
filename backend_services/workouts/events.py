"""Events the workouts service publishes (ARCHITECTURE.md section 3) and its outbox entries.

Outbox choice: the pending events are **embedded in the workout document** (``outbox`` array
plus an ``outbox_pending`` timestamp that only documents with unsent events carry, sparse
index). A single-document write is atomic on every MongoDB deployment, standalone included,
so "workout completed" and "its events are staged" commit together without a transaction.
SecantusDB does accept multi-document transactions, but the embedded form needs no replica
set and one write instead of two. The worker's relay publishes with publisher confirms, then
marks the events sent (at-least-once; consumers dedupe on the event id = AMQP message_id).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend_services.kernel.messaging import Event

PRODUCER = "workouts"
WORKOUT_COMPLETED = "workouts.workout.completed"
WORKOUT_IMPORTED = "workouts.workout.imported"
PERSONAL_RECORD_SET = "workouts.personal_record.set"

# This service consumes nothing yet; the table is here so handlers have one home.
HANDLERS: dict[str, Any] = {}


def workout_completed(user_id: str, workout: dict[str, Any]) -> Event:
    return _workout_event(WORKOUT_COMPLETED, user_id, workout)


def workout_imported(user_id: str, workout: dict[str, Any]) -> Event:
    """A workout from a health platform's export: the same facts as a completed workout
    (statistics count it), under its own type so that nobody congratulates a user for a
    year of history (notifications do not subscribe to it)."""
    event = _workout_event(WORKOUT_IMPORTED, user_id, workout)
    event.data["source"] = workout.get("source")
    return event


def _workout_event(kind: str, user_id: str, workout: dict[str, Any]) -> Event:
    result = workout["result"]
    return Event(
        type=kind,
        producer=PRODUCER,
        user_id=user_id,
        data={
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
        },
    )


def personal_record_set(user_id: str, workout_id: str, record: dict[str, Any]) -> Event:
    return Event(
        type=PERSONAL_RECORD_SET,
        producer=PRODUCER,
        user_id=user_id,
        data={"workout_id": workout_id, **record},
    )


def outbox_entry(event: Event, now: datetime) -> dict[str, Any]:
    return {
        "id": str(event.id),
        "type": event.type,
        "payload": event.model_dump(mode="json"),
        "created_at": now,
        "sent_at": None,
    }
