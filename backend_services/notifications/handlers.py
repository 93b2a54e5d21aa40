"""Event handlers: keep the recipients projection and apply the notification rules
(``domain.py``).

Each handler gets its event already validated against its contract
(``backend_services/kernel/contracts``) and runs inside the consumer's transaction (with the
processed-event record), so a notification, its delivery tasks and the state that decided them
commit together or not at all.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from backend_services.kernel.business_metrics import (
    MEAL_OVER_NORM,
    OVER_NORM_WARNINGS,
    SCENARIO_SECONDS,
    WORKOUT_CONGRATULATED,
    on_commit,
)
from backend_services.kernel.contracts import (
    MealChanged,
    PasswordResetRequested,
    PersonalRecordSet,
    ProfileUpdated,
    Received,
    UserDeleted,
    UserRegistered,
    WeightLogged,
    WorkoutCompleted,
)

from . import domain
from . import repository as repo
from .wording import reader_of


def _decimal(value: float) -> Decimal:
    return Decimal(str(value))


# --- accounts ---


def on_user_registered(session: Session, event: Received[UserRegistered]) -> None:
    email, name = event.data.email, event.data.display_name
    repo.update_recipient(session, event.user_id, email=email, display_name=name or None)
    repo.enqueue_mail(session, event.user_id, "welcome", {"to": email, "display_name": name})


def on_password_reset_requested(session: Session, event: Received[PasswordResetRequested]) -> None:
    data = event.data
    repo.enqueue_mail(
        session,
        event.user_id,
        "password_reset",
        {
            "to": data.email,
            "display_name": data.display_name,
            "reset_url": data.reset_url,
            "expires_in_minutes": data.expires_in_minutes,
        },
    )


def on_user_deleted(session: Session, event: Received[UserDeleted]) -> None:
    repo.delete_user(session, event.user_id)


# --- users ---


def on_profile_updated(session: Session, event: Received[ProfileUpdated]) -> None:
    data = event.data
    target = None if data.targets is None else data.targets.calorie_target_kcal
    preferences = data.model_dump(mode="json")["notifications"]
    before = repo.recipient(session, event.user_id, lock=True)
    # e-mail the user turned on again after an unsubscribe link stopped it is on again
    lifted, instead = domain.lifted_opt_outs(
        (before.preferences or {}) if before else {},
        preferences,
        repo.opted_out_before(session, event.user_id, event.occurred_at),
    )
    repo.lift_opt_outs(session, event.user_id, lifted, instead)
    repo.update_recipient(
        session,
        event.user_id,
        calorie_target_kcal=None if target is None else _decimal(target),
        quiet_start=None if data.quiet_hours is None else data.quiet_hours.start,
        quiet_end=None if data.quiet_hours is None else data.quiet_hours.end,
        preferences=preferences,
        timezone=data.timezone,
        language=data.language,
        units=data.units,
    )


def on_weight_logged(session: Session, event: Received[WeightLogged]) -> None:
    user_id = event.user_id
    # The smoothed trend decides the goal, so one low reading after a sauna does not.
    weight = _decimal(event.data.trend_kg)
    repo.lock_user(session, user_id)
    row = repo.ensured_recipient(session, user_id, lock=True)
    goal = None if row.goal_weight_kg is None else Decimal(row.goal_weight_kg)
    previous = None if row.last_weight_kg is None else Decimal(row.last_weight_kg)
    changes: dict[str, Any] = {"last_weight_kg": weight.quantize(Decimal("0.01"))}
    if (
        goal is not None
        and row.goal_reached_kg != goal
        and domain.weight_goal_reached(previous, weight, goal)
    ):
        changes["goal_reached_kg"] = goal
        repo.notify(
            session,
            user_id,
            domain.weight_goal_message(goal, weight.quantize(Decimal("0.1")), reader_of(row)),
            {"goal_weight_kg": float(goal), "weight_kg": float(weight)},
            dedupe_key=f"weight_goal:{goal}",
        )
    repo.update_recipient(session, user_id, **changes)


def _time_scenario(session: Session, scenario: str, event: Received[Any]) -> None:
    """The reference scenario's end-to-end time: the user's action to its notification
    committed (the SLOs in deploy/prometheus/rules.yml)."""
    on_commit(
        session,
        lambda: SCENARIO_SECONDS.labels(scenario).observe(
            max((datetime.now(UTC) - event.occurred_at).total_seconds(), 0.0)
        ),
    )


# --- nutrition ---


def on_meal_changed(session: Session, event: Received[MealChanged]) -> None:
    user_id, day = event.user_id, event.data.date
    total = _decimal(event.data.day_totals.energy_kcal or 0)
    repo.lock_user(session, user_id)  # two meal events of one day must not both warn
    row = repo.ensured_recipient(session, user_id)
    target = None if row.calorie_target_kcal is None else Decimal(row.calorie_target_kcal)
    state, warn = domain.next_norm_state(
        repo.norm_state(session, user_id, day), total, target, event.occurred_at
    )
    repo.save_norm_state(session, user_id, day, state)
    if not warn or target is None:  # no target, no warning (next_norm_state)
        return
    warning = repo.notify(
        session,
        user_id,
        domain.daily_norm_message(total, target, reader_of(row)),
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
            domain.over_streak_message(reader_of(row)),
            {"date": day.isoformat(), "days": domain.OVER_STREAK_DAYS},
            dedupe_key=f"over_streak:{day.isoformat()}",
        )


# --- workouts ---


def on_workout_completed(session: Session, event: Received[WorkoutCompleted]) -> None:
    workout = event.data
    duration = float(workout.duration_s)
    message = domain.workout_message(
        workout.name[:100] if workout.name else None,
        workout.calories_kcal,
        duration,
        reader_of(repo.recipient(session, event.user_id)),
    )
    congratulated = repo.notify(
        session,
        event.user_id,
        message,
        {
            "workout_id": workout.workout_id,
            "calories_kcal": workout.calories_kcal,
            "duration_s": duration,
        },
        dedupe_key=f"workout:{workout.workout_id}",
    )
    if congratulated is not None:
        _time_scenario(session, WORKOUT_CONGRATULATED, event)


def on_personal_record(session: Session, event: Received[PersonalRecordSet]) -> None:
    """One notification per exercise per workout: its first record event (workouts sends the
    estimated 1RM first) tells the news; further kinds for the same exercise add nothing."""
    record = event.data
    message = domain.personal_record_message(
        record.exercise_name[:100],
        record.kind,
        record.value,
        record.previous,
        record.reps,
        reader_of(repo.recipient(session, event.user_id)),
    )
    repo.notify(
        session,
        event.user_id,
        message,
        {
            "workout_id": record.workout_id,
            "exercise_id": record.exercise_id,
            "kind": record.kind,
            "value": record.value,
        },
        dedupe_key=f"pr:{record.workout_id}:{record.exercise_id}",
    )
