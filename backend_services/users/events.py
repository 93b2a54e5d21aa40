"""Users event handlers and their tables, keyed by the contracts of the events consumed
(``backend_services/kernel/contracts``); the worker's subscriptions are derived from them.

Each handler gets the event already validated against its class and runs in the consumer's
transaction with the processed-event record.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from backend_services.kernel.contracts import (
    BodyMassImported,
    EmailUnsubscribed,
    MealChanged,
    MealDeleted,
    MealLogged,
    MealUpdated,
    ProgramPlanChanged,
    Received,
    UserDeleted,
    UserRegistered,
    WorkoutCompleted,
    WorkoutFinished,
    WorkoutImported,
    queues,
)
from backend_services.kernel.contracts.handlers import HandlerTable, subscriptions

from . import event_effects

# day_totals field -> daily_stats column
INTAKE_FIELDS = {
    "energy_kcal": "calories_in",
    "protein_g": "protein_g",
    "fat_g": "fat_g",
    "carbohydrate_g": "carbohydrate_g",
}
TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")  # the weight log keeps kg to 0.01


def _tenths(value: float) -> Decimal:
    return Decimal(str(value)).quantize(TENTH)


def on_user_registered(session: Session, event: Received[UserRegistered]) -> None:
    event_effects.register_profile(session, event.user_id, event.data.display_name or None)


def on_user_deleted(session: Session, event: Received[UserDeleted]) -> None:
    event_effects.delete_user_data(session, event.user_id)


def on_email_unsubscribed(session: Session, event: Received[EmailUnsubscribed]) -> None:
    kind = event.data.notification_type
    event_effects.stop_emails(session, event.user_id, None if kind is None else kind.value)


def on_meal_changed(session: Session, event: Received[MealChanged]) -> None:
    day_totals = event.data.day_totals
    totals: dict[str, Decimal | None] = {}
    for key, column in INTAKE_FIELDS.items():
        value = getattr(day_totals, key)
        totals[column] = None if value is None else _tenths(value)
    # Deleting the day's last meal leaves nothing logged: the day is no longer a logged day.
    if isinstance(event.data, MealDeleted) and not any(totals.values()):
        totals = dict.fromkeys(INTAKE_FIELDS.values())
    event_effects.record_day_intake(
        session, event.user_id, event.data.date, totals, event.occurred_at
    )


def on_workout_finished(session: Session, event: Received[WorkoutFinished]) -> None:
    """Completed and imported workouts count alike; one without a known energy (no weight
    anywhere) still counts as a workout."""
    workout = event.data
    event_effects.record_workout(
        session,
        event.user_id,
        workout.workout_id,
        workout.local_date,
        _tenths(workout.calories_kcal or 0),
        (Decimal(workout.duration_s) / 60).quantize(TENTH),  # the statistics show minutes
    )


def on_body_mass_imported(session: Session, event: Received[BodyMassImported]) -> None:
    """A health export's weigh-ins: the weight log keeps those of days it has none of."""
    readings = [
        (r.date, Decimal(str(r.weight_kg)).quantize(HUNDREDTH)) for r in event.data.readings
    ]
    event_effects.record_imported_weigh_ins(session, event.user_id, readings, event.occurred_at)


def on_program_plan_changed(session: Session, event: Received[ProgramPlanChanged]) -> None:
    plan = event.data
    program = None
    if plan.program_id is not None and plan.program_name is not None:
        program = (plan.program_id, plan.program_name)
    event_effects.record_training_plan(
        session, event.user_id, program, list(plan.weekdays), event.occurred_at
    )


# Accounts and activity in separate queues: a backlog of meal events never delays a new
# user's profile, and a poison meal event never blocks a deletion.
HANDLERS: dict[str, HandlerTable] = {
    queues.USERS_ACCOUNTS: {
        UserRegistered: on_user_registered,
        UserDeleted: on_user_deleted,
        EmailUnsubscribed: on_email_unsubscribed,
    },
    queues.USERS_ACTIVITY: {
        MealLogged: on_meal_changed,
        MealUpdated: on_meal_changed,
        MealDeleted: on_meal_changed,
        WorkoutCompleted: on_workout_finished,
        WorkoutImported: on_workout_finished,
        BodyMassImported: on_body_mass_imported,
        ProgramPlanChanged: on_program_plan_changed,
    },
}

SUBSCRIPTIONS = subscriptions(HANDLERS)
