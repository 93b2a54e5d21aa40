"""How a workout is stored: the documents of a new workout, its exercise entries and sets."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from backend_services.kernel.errors import InvalidInput, NotFound

from . import domain

SET_KIND_FOR_EXERCISE = {
    "strength": "strength",
    "cardio": "cardio",
    "flexibility": "cardio",
    "sport": "sport",
}
# The fields a set of each kind may have.
SET_FIELDS = {
    "strength": {"reps", "weight_kg", "set_type", "rpe", "duration_s"},
    "cardio": {"duration_s", "distance_m", "avg_heart_rate"},
    "sport": {"duration_s", "intensity"},
}


def new_workout(
    user_id: str,
    *,
    name: str,
    notes: str | None,
    source: str,
    started_at: datetime,
    utc_offset_minutes: int,
    body_weight_kg: float | None,
    exercises: list[dict[str, Any]],
    program: dict[str, Any] | None,
    now: datetime,
) -> dict[str, Any]:
    """An in-progress workout, version 1."""
    return {
        "_id": uuid.uuid4().hex,
        "user_id": user_id,
        "status": "in_progress",
        "name": name,
        "notes": notes,
        "source": source,
        "started_at": started_at,
        "ended_at": None,
        "utc_offset_minutes": utc_offset_minutes,
        **day_fields(started_at, utc_offset_minutes),
        "body_weight_kg": body_weight_kg,
        "exercises": exercises,
        "program": program,
        "result": None,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def new_entry(ex: dict[str, Any]) -> dict[str, Any]:
    """A workout's copy of an exercise: name, kind and MET snapshotted so history is stable."""
    return {
        "id": uuid.uuid4().hex[:12],
        "exercise_id": ex["_id"],
        "name": ex["name"],
        "kind": ex["kind"],
        "set_kind": SET_KIND_FOR_EXERCISE[ex["kind"]],
        "muscles": ex.get("primary_muscles", []),
        "met": ex["met"],
        "met_by_intensity": ex.get("met_by_intensity", {}),
        "sets": [],
        "target": None,
    }


def new_set(entry: dict[str, Any], data: Any) -> dict[str, Any]:
    """A set for ``entry`` from a request's set model (its kind must be the entry's)."""
    if data.kind != entry["set_kind"]:
        raise InvalidInput(
            f"{entry['name']} takes {entry['set_kind']} sets, not {data.kind} sets.",
            fields={"kind": f"must be {entry['set_kind']}"},
        )
    return {"id": uuid.uuid4().hex[:12], **data.model_dump(exclude_none=True)}


def find_entry(entries: list[dict[str, Any]], entry_id: str) -> dict[str, Any]:
    for entry in entries:
        if entry["id"] == entry_id:
            return entry
    raise NotFound("No such exercise in this workout.")


def day_fields(started: datetime, offset: int) -> dict[str, Any]:
    """The local day and ISO week a workout started in (stored for the weekly queries)."""
    day = domain.local_day(started, offset)
    return {"local_date": day.local_date, "iso_year": day.iso_year, "iso_week": day.iso_week}
