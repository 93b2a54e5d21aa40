"""Test events built through the contract classes, so every event a test publishes or
delivers is one a real producer could send (factories: the fields tests vary are arguments,
the rest plausible values)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from backend_services.kernel.contracts import (
    BodyMassImported,
    BodyMassReading,
    DayTotals,
    EmailUnsubscribed,
    MealChanged,
    MealLogged,
    PasswordResetRequested,
    PersonalRecordSet,
    ProfileUpdated,
    ProgramPlanChanged,
    Targets,
    UserDeleted,
    UserRegistered,
    WeightLogged,
    WorkoutCompleted,
    WorkoutFinished,
    WorkoutImported,
)
from backend_services.kernel.messaging import Event


def _at(event: Event, occurred_at: datetime | None) -> Event:
    return event if occurred_at is None else event.model_copy(update={"occurred_at": occurred_at})


def registered(user_id: str, display_name: str = "Ann", email: str | None = None) -> Event:
    address = email or f"{user_id[:8]}@example.com"
    return UserRegistered(email=address, display_name=display_name).event(user_id)


def user_deleted(user_id: str) -> Event:
    return UserDeleted().event(user_id)


def password_reset_requested(user_id: str, email: str, reset_url: str) -> Event:
    requested = PasswordResetRequested(
        email=email, display_name="Ann", reset_url=reset_url, expires_in_minutes=30
    )
    return requested.event(user_id)


def profile_updated(
    user_id: str,
    *,
    target_kcal: float | None = 2000,
    preferences: dict[str, dict[str, bool]] | None = None,
    timezone: str = "UTC",
    quiet: tuple[str, str] | None = None,
    language: str = "en",
    units: str = "metric",
) -> Event:
    targets = (
        None
        if target_kcal is None
        else Targets(
            calorie_target_kcal=target_kcal,
            target_source="formula",
            protein_g=120,
            fat_g=70,
            carbohydrate_g=220,
            floor_applied=False,
        )
    )
    return ProfileUpdated.model_validate(
        {
            "targets": targets,
            "timezone": timezone,
            "language": language,
            "units": units,
            "notifications": preferences or {},
            "quiet_hours": None if quiet is None else {"start": quiet[0], "end": quiet[1]},
        }
    ).event(user_id)


def weight_logged(user_id: str, trend_kg: float, day: str = "2026-03-10") -> Event:
    logged = WeightLogged(date=date.fromisoformat(day), weight_kg=trend_kg, trend_kg=trend_kg)
    return logged.event(user_id)


def body_mass_imported(
    user_id: str, readings: dict[str, float], source: str = "apple_health"
) -> Event:
    """A health export's weigh-ins offered to the users service: ``{day: kg}``."""
    imported = BodyMassImported(
        source=source,
        readings=tuple(
            BodyMassReading(date=date.fromisoformat(day), weight_kg=kg)
            for day, kg in sorted(readings.items())
        ),
    )
    return imported.event(user_id)


def program_plan_changed(
    user_id: str,
    program: tuple[str, str] | None = ("p1", "Push pull"),
    weekdays: tuple[str, ...] = ("monday", "wednesday", "friday"),
    *,
    occurred_at: datetime | None = None,
) -> Event:
    """The plan of the program the user follows (``program``: id and name; None: none)."""
    plan = ProgramPlanChanged.model_validate(
        {
            "program_id": program and program[0],
            "program_name": program and program[1],
            "weekdays": () if program is None else weekdays,
        }
    )
    return _at(plan.event(user_id), occurred_at)


def meal_changed(
    user_id: str,
    day: str,
    kcal: float | None,
    *,
    change: type[MealChanged] = MealLogged,
    occurred_at: datetime | None = None,
    **totals: float | None,
) -> Event:
    """The day's totals after the change; the nutrients not given are unknown (None)."""
    day_totals = DayTotals.model_validate(
        {
            **dict.fromkeys(DayTotals.model_fields, None),
            "micronutrients": {},
            "energy_kcal": kcal,
            **totals,
        }
    )
    meal = change(meal_id=uuid.uuid4(), date=date.fromisoformat(day), day_totals=day_totals)
    return _at(meal.event(user_id), occurred_at)


def workout_finished(
    user_id: str,
    *,
    workout_id: str | None = None,
    kcal: float | None = 300,
    duration_s: int = 1800,
    local_date: str = "2026-03-10",
    name: str | None = "Intervals",
    kind: type[WorkoutFinished] = WorkoutCompleted,
    occurred_at: datetime | None = None,
) -> Event:
    day = date.fromisoformat(local_date)
    iso = day.isocalendar()
    facts: dict[str, Any] = {
        "workout_id": workout_id or uuid.uuid4().hex,
        "name": name,
        "local_date": day,
        "iso_year": iso.year,
        "iso_week": iso.week,
        "duration_s": duration_s,
        "calories_kcal": kcal,
        "net_calories_kcal": None if kcal is None else round(kcal * 0.85, 1),
        "weight_source": "profile" if kcal is not None else "none",
        "volume_kg": 0.0,
        "exercise_count": 1,
        "personal_record_count": 0,
    }
    if kind is WorkoutImported:
        facts["source"] = "apple_health"
    return _at(kind.model_validate(facts).event(user_id), occurred_at)


def personal_record(
    user_id: str,
    workout_id: str,
    *,
    exercise_id: str = "squat",
    exercise_name: str = "Squat",
    kind: str = "e1rm",
    value: float = 120.0,
    previous: float | None = 110.0,
    reps: int | None = None,
) -> Event:
    record = PersonalRecordSet.model_validate(
        {
            "workout_id": workout_id,
            "exercise_id": exercise_id,
            "exercise_name": exercise_name,
            "kind": kind,
            "value": value,
            "previous": previous,
            "reps": reps,
        }
    )
    return record.event(user_id)


def email_unsubscribed(
    user_id: str, kind: str | None, occurred_at: datetime | None = None
) -> Event:
    """A mail's unsubscribe link used (``kind`` None: every type)."""
    return _at(
        EmailUnsubscribed.model_validate({"notification_type": kind}).event(user_id), occurred_at
    )
