"""Event handlers: keep the recipients projection and apply the notification rules.

Each handler runs inside the consumer's transaction (with the processed-event record), so a
notification, its delivery tasks and the state that decided them commit together or not at
all. Contracts assumed of other services' events (``data``; ``user_id`` in the envelope):
- ``auth.user.registered`` {email, display_name}; ``auth.user.deleted`` {};
  ``auth.password_reset.requested`` {email, display_name, reset_url, expires_in_minutes}.
- ``users.profile.updated`` {targets: {calorie_target_kcal} | null, timezone, language,
  notifications: {type: {channel: bool}}, quiet_hours: {start, end} | null,
  optional goal_weight_kg}; ``users.weight.logged`` {date, weight_kg, trend_kg}.
- ``nutrition.meal.*`` {date, day_totals: {energy_kcal}}.
- ``workouts.workout.completed`` {workout_id, name, calories_kcal, duration_s};
  ``workouts.personal_record.set`` {workout_id, exercise_id, exercise_name, kind, value,
  previous, reps}.
A malformed event raises ``MalformedEvent``: the consumer retries, then dead-letters it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from backend_services.kernel.business_metrics import (
    MEAL_OVER_NORM,
    OVER_NORM_WARNINGS,
    SCENARIO_SECONDS,
    WORKOUT_CONGRATULATED,
    on_commit,
)
from backend_services.kernel.db import lock_account
from backend_services.kernel.messaging import Event

from . import domain
from . import repository as repo


class MalformedEvent(ValueError):
    """An event whose data breaks the contract above."""


def _user_id(event: Event) -> str:
    if not event.user_id:
        raise MalformedEvent(f"{event.type} without user_id")
    return event.user_id


def _number(value: Any, name: str, *, limit: float = 1e6) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise MalformedEvent(f"{name}: not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise MalformedEvent(f"{name}: not finite")
    try:
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise MalformedEvent(f"{name}: not a number") from exc
    if not number.is_finite() or not 0 <= number <= Decimal(str(limit)):
        raise MalformedEvent(f"{name}: out of range")
    return number


def _optional_number(value: Any, name: str, *, limit: float = 1e6) -> Decimal | None:
    return None if value is None else _number(value, name, limit=limit)


def _iso_date(value: Any, name: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise MalformedEvent(f"{name}: not an ISO date") from exc


def _time(value: Any) -> time | None:
    try:
        return time.fromisoformat(str(value)) if value else None
    except ValueError as exc:
        raise MalformedEvent("quiet_hours: not a time") from exc


# --- accounts ---


def on_user_registered(session: Session, event: Event) -> None:
    user_id = _user_id(event)
    email = event.data.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise MalformedEvent("email missing")
    name = str(event.data.get("display_name") or "")[:200]
    repo.update_recipient(session, user_id, email=email, display_name=name or None)
    repo.enqueue_mail(session, user_id, "welcome", {"to": email, "display_name": name})


def on_password_reset_requested(session: Session, event: Event) -> None:
    user_id = _user_id(event)
    data = event.data
    if not data.get("email") or not data.get("reset_url"):
        raise MalformedEvent("email or reset_url missing")
    repo.enqueue_mail(
        session,
        user_id,
        "password_reset",
        {
            "to": str(data["email"]),
            "display_name": str(data.get("display_name") or ""),
            "reset_url": str(data["reset_url"]),
            "expires_in_minutes": int(data.get("expires_in_minutes") or 30),
        },
    )


def on_user_deleted(session: Session, event: Event) -> None:
    repo.delete_user(session, _user_id(event))


# --- users ---


def on_profile_updated(session: Session, event: Event) -> None:
    user_id = _user_id(event)
    data = event.data
    targets = data.get("targets") or {}
    quiet = data.get("quiet_hours") or {}
    values: dict[str, Any] = {
        "calorie_target_kcal": _optional_number(
            targets.get("calorie_target_kcal"), "calorie_target_kcal", limit=100000
        ),
        "quiet_start": _time(quiet.get("start")),
        "quiet_end": _time(quiet.get("end")),
    }
    if isinstance(data.get("notifications"), dict):
        values["preferences"] = data["notifications"]
    for key in ("timezone", "language"):
        if isinstance(data.get(key), str):
            values[key] = data[key][:64]
    if "goal_weight_kg" in data:  # not published by users yet; see the settings endpoint
        values["goal_weight_kg"] = _optional_number(data["goal_weight_kg"], "goal", limit=500)
    repo.update_recipient(session, user_id, **values)


def on_weight_logged(session: Session, event: Event) -> None:
    user_id = _user_id(event)
    # The smoothed trend decides the goal, so one low reading after a sauna does not.
    raw = event.data.get("trend_kg", event.data.get("weight_kg"))
    weight = _number(raw, "weight_kg", limit=500)
    repo.lock_user(session, user_id)
    repo.ensure_recipient(session, user_id)
    row = repo.recipient(session, user_id, lock=True)
    assert row is not None
    goal = None if row.goal_weight_kg is None else Decimal(row.goal_weight_kg)
    previous = None if row.last_weight_kg is None else Decimal(row.last_weight_kg)
    reached = (
        goal is not None
        and row.goal_reached_kg != goal
        and domain.weight_goal_reached(previous, weight, goal)
    )
    changes: dict[str, Any] = {"last_weight_kg": weight.quantize(Decimal("0.01"))}
    if reached:
        assert goal is not None
        changes["goal_reached_kg"] = goal
        repo.notify(
            session,
            user_id,
            domain.weight_goal_message(goal, weight.quantize(Decimal("0.1"))),
            {"goal_weight_kg": float(goal), "weight_kg": float(weight)},
            dedupe_key=f"weight_goal:{goal}",
        )
    repo.update_recipient(session, user_id, **changes)


def _time_scenario(session: Session, scenario: str, event: Event) -> None:
    """The reference scenario's end-to-end time: the user's action to its notification
    committed (the SLOs in deploy/prometheus/rules.yml)."""
    on_commit(
        session,
        lambda: SCENARIO_SECONDS.labels(scenario).observe(
            max((datetime.now(UTC) - event.occurred_at).total_seconds(), 0.0)
        ),
    )


# --- nutrition ---


def on_meal_changed(session: Session, event: Event) -> None:
    user_id = _user_id(event)
    day = _iso_date(event.data.get("date"), "date")
    totals = event.data.get("day_totals")
    if not isinstance(totals, dict) or "energy_kcal" not in totals:
        raise MalformedEvent("day_totals.energy_kcal missing")
    total = _number(totals["energy_kcal"] or 0, "energy_kcal", limit=100000)
    repo.lock_user(session, user_id)  # two meal events of one day must not both warn
    repo.ensure_recipient(session, user_id)
    row = repo.recipient(session, user_id)
    assert row is not None
    target = None if row.calorie_target_kcal is None else Decimal(row.calorie_target_kcal)
    state, warn = domain.next_norm_state(
        repo.norm_state(session, user_id, day), total, target, event.occurred_at
    )
    repo.save_norm_state(session, user_id, day, state)
    if not warn:
        return
    assert target is not None
    warning = repo.notify(
        session,
        user_id,
        domain.daily_norm_message(total, target),
        {
            "date": day.isoformat(),
            "total_kcal": float(total),
            "target_kcal": float(target),
        },
        dedupe_key=f"daily_norm:{day.isoformat()}:{state.warnings}",
    )
    if warning is not None:
        on_commit(session, OVER_NORM_WARNINGS.inc)
        _time_scenario(session, MEAL_OVER_NORM, event)
    streak_start = day - timedelta(days=domain.OVER_STREAK_DAYS)
    if domain.over_streak_reached(day, repo.over_days(session, user_id, streak_start, day)):
        repo.notify(
            session,
            user_id,
            domain.over_streak_message(),
            {"date": day.isoformat(), "days": domain.OVER_STREAK_DAYS},
            dedupe_key=f"over_streak:{day.isoformat()}",
        )


# --- workouts ---


def on_workout_completed(session: Session, event: Event) -> None:
    user_id = _user_id(event)
    data = event.data
    if not data.get("workout_id"):
        raise MalformedEvent("workout_id missing")
    calories = _optional_number(data.get("calories_kcal"), "calories_kcal", limit=20000)
    duration = _optional_number(data.get("duration_s"), "duration_s", limit=172800)
    message = domain.workout_message(
        str(data["name"])[:100] if data.get("name") else None,
        None if calories is None else float(calories),
        None if duration is None else float(duration),
    )
    congratulated = repo.notify(
        session,
        user_id,
        message,
        {
            "workout_id": str(data["workout_id"]),
            "calories_kcal": None if calories is None else float(calories),
            "duration_s": None if duration is None else float(duration),
        },
        dedupe_key=f"workout:{data['workout_id']}",
    )
    if congratulated is not None:
        _time_scenario(session, WORKOUT_CONGRATULATED, event)


def on_personal_record(session: Session, event: Event) -> None:
    """One notification per exercise per workout: its first record event (workouts sends the
    estimated 1RM first) tells the news; further kinds for the same exercise add nothing."""
    user_id = _user_id(event)
    data = event.data
    if not data.get("workout_id") or not data.get("exercise_name"):
        raise MalformedEvent("workout_id or exercise_name missing")
    value = _number(data.get("value"), "value")
    previous = _optional_number(data.get("previous"), "previous")
    exercise = str(data["exercise_name"])[:100]
    reps = data.get("reps")
    message = domain.personal_record_message(
        exercise,
        str(data.get("kind")),
        float(value),
        None if previous is None else float(previous),
        reps if isinstance(reps, int) else None,
    )
    repo.notify(
        session,
        user_id,
        message,
        {
            "workout_id": str(data["workout_id"]),
            "exercise_id": str(data.get("exercise_id") or ""),
            "kind": str(data.get("kind")),
            "value": float(value),
        },
        dedupe_key=f"pr:{data['workout_id']}:{data.get('exercise_id') or exercise}",
    )


Handler = Callable[[Session, Event], None]

HANDLERS: dict[str, Handler] = {
    "auth.user.registered": on_user_registered,
    "auth.password_reset.requested": on_password_reset_requested,
    "auth.user.deleted": on_user_deleted,
    "users.profile.updated": on_profile_updated,
    "users.weight.logged": on_weight_logged,
    "nutrition.meal.logged": on_meal_changed,
    "nutrition.meal.updated": on_meal_changed,
    "nutrition.meal.deleted": on_meal_changed,
    "workouts.workout.completed": on_workout_completed,
    "workouts.personal_record.set": on_personal_record,
}


def handle_event(session: Session, event: Event) -> None:
    user_id = event.user_id
    # Events that arrive after the account was deleted must not bring its data back; the
    # lock keeps a deletion from committing between this check and the handler's writes.
    if user_id and event.type != "auth.user.deleted":
        lock_account(session, user_id)
        if repo.is_deleted(session, user_id):
            return
    handler = HANDLERS.get(event.type)
    if handler is not None:
        handler(session, event)
