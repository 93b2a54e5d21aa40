"""Users event handlers and the subscriptions table.

Contracts assumed of other services' events (``data`` of the envelope; ``user_id`` in the
envelope itself):
- ``auth.user.registered``: ``{"email", "display_name"}`` (only ``display_name`` is kept).
- ``auth.user.deleted``: ``{}``.
- ``nutrition.meal.logged|updated|deleted``: ``{"date": local ISO date, "day_totals":
  {"energy_kcal", "protein_g", "fat_g", "carbohydrate_g", ...}}`` — the day's totals after the
  change; optional ``"meal_count"`` (0 marks the day as no longer logged).
- ``workouts.workout.completed``: ``{"workout_id", "local_date", "calories_kcal",
  "duration_min"}`` (or ``"duration_s"``, as the workouts service sends); without
  ``local_date``, the day is ``completed_at`` (UTC ISO) or the
  envelope's ``occurred_at`` taken in the user's time zone.
- ``workouts.workout.imported``: the same data (a workout from a health export); counted
  exactly like a completed one.
A malformed event raises ``MalformedEvent``: the consumer retries it, then dead-letters it.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from backend_services.kernel.messaging import Event, Subscription

from . import service

INTAKE_FIELDS = {
    "energy_kcal": "calories_in",
    "protein_g": "protein_g",
    "fat_g": "fat_g",
    "carbohydrate_g": "carbohydrate_g",
}
MAX_DAY_KCAL = Decimal("100000")


class MalformedEvent(ValueError):
    """An event whose data breaks the contract above."""


def _user_id(event: Event) -> str:
    if not event.user_id:
        raise MalformedEvent(f"{event.type} without user_id")
    return event.user_id


def _amount(value: Any, name: str, *, limit: Decimal = MAX_DAY_KCAL) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise MalformedEvent(f"{name}: not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise MalformedEvent(f"{name}: not finite")
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise MalformedEvent(f"{name}: not a number") from exc
    if not amount.is_finite() or amount < 0 or amount > limit:
        raise MalformedEvent(f"{name}: out of range")
    return amount.quantize(Decimal("0.1"))


def _iso_date(value: Any, name: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise MalformedEvent(f"{name}: not an ISO date") from exc


def on_user_registered(session: Session, event: Event) -> None:
    name = event.data.get("display_name")
    service.register_profile(session, _user_id(event), str(name)[:200] if name else None)


def on_user_deleted(session: Session, event: Event) -> None:
    service.delete_user_data(session, _user_id(event))


def on_meal_changed(session: Session, event: Event) -> None:
    user_id = _user_id(event)
    day = _iso_date(event.data.get("date"), "date")
    totals_in = event.data.get("day_totals")
    if not isinstance(totals_in, dict) or "energy_kcal" not in totals_in:
        raise MalformedEvent("day_totals.energy_kcal missing")
    totals: dict[str, Decimal | None] = {
        column: _amount(totals_in[key], key) if totals_in.get(key) is not None else None
        for key, column in INTAKE_FIELDS.items()
    }
    meal_count = event.data.get("meal_count")
    emptied = meal_count == 0 or (
        meal_count is None
        and event.type.endswith(".deleted")
        and all(not v for v in totals.values())
    )
    if emptied:
        totals = dict.fromkeys(INTAKE_FIELDS.values())
    service.record_day_intake(session, user_id, day, totals, event.occurred_at)


def on_workout_completed(session: Session, event: Event) -> None:
    user_id = _user_id(event)
    data = event.data
    workout_id = data.get("workout_id")
    if not workout_id:
        raise MalformedEvent("workout_id missing")
    if data.get("local_date"):
        day = _iso_date(data["local_date"], "local_date")
    else:
        moment = event.occurred_at
        if data.get("completed_at"):
            try:
                moment = datetime.fromisoformat(str(data["completed_at"]))
            except ValueError as exc:
                raise MalformedEvent("completed_at: not an ISO date-time") from exc
        day = service.local_day(moment, service.user_time_zone(session, user_id))
    minutes: Decimal | None = None
    if data.get("duration_min") is not None:
        minutes = _amount(data["duration_min"], "duration_min", limit=Decimal("2880"))
    elif data.get("duration_s") is not None:
        # The workouts service sends seconds; minutes are what the statistics show.
        seconds = _amount(data["duration_s"], "duration_s", limit=Decimal("172800"))
        minutes = (seconds / 60).quantize(Decimal("0.1"))
    service.record_workout(
        session,
        user_id,
        str(workout_id)[:100],
        day,
        # a workout without a known energy (no weight anywhere) still counts as a workout
        _amount(
            0 if data.get("calories_kcal") is None else data["calories_kcal"],
            "calories_kcal",
            limit=Decimal("20000"),
        ),
        minutes,
    )


HANDLERS = {
    "auth.user.registered": on_user_registered,
    "auth.user.deleted": on_user_deleted,
    "nutrition.meal.logged": on_meal_changed,
    "nutrition.meal.updated": on_meal_changed,
    "nutrition.meal.deleted": on_meal_changed,
    "workouts.workout.completed": on_workout_completed,
    # imported from a health platform: the same thing to the statistics
    "workouts.workout.imported": on_workout_completed,
}


def handle_event(session: Session, event: Event) -> None:
    HANDLERS[event.type](session, event)


# Accounts and activity in separate queues: a backlog of meal events never delays a new
# user's profile, and a poison meal event never blocks a deletion.
SUBSCRIPTIONS: tuple[Subscription, ...] = (
    Subscription(
        queue="users.accounts",
        routing_keys=("auth.user.registered", "auth.user.deleted"),
        handler=handle_event,
    ),
    Subscription(
        queue="users.activity",
        routing_keys=(
            "nutrition.meal.logged",
            "nutrition.meal.updated",
            "nutrition.meal.deleted",
            "workouts.workout.completed",
            "workouts.workout.imported",
        ),
        handler=handle_event,
    ),
)
