"""Users tables in the ``users`` schema (request/response schemas live in ``schemas.py``).

Decimal columns hold body measurements exactly as entered (after rounding to the stated
precision); ``daily_stats`` is a read model fed by events and rebuilt idempotently.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Column, Date, DateTime, ForeignKey, Index, Numeric, Text, Time, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field, SQLModel

from backend_services.kernel.messaging import MessagingTables

SCHEMA = "users"
METADATA = SQLModel.metadata
MESSAGING = MessagingTables(SCHEMA, METADATA)


def _created_at() -> Column:
    return Column(DateTime(timezone=True), nullable=False, server_default=func.now())


class Profile(SQLModel, table=True):
    """One per user: body measurements, goal and settings. Empty until the user fills it in."""

    __tablename__ = "profiles"
    __table_args__ = {"schema": SCHEMA}

    user_id: str = Field(sa_column=Column(Text, primary_key=True))
    display_name: str | None = Field(default=None, sa_column=Column(Text))
    sex: str | None = Field(default=None, sa_column=Column(Text))
    birth_date: date | None = Field(default=None, sa_column=Column(Date))
    height_cm: Decimal | None = Field(default=None, sa_column=Column(Numeric(4, 1)))
    weight_kg: Decimal | None = Field(default=None, sa_column=Column(Numeric(5, 2)))
    activity_level: str | None = Field(default=None, sa_column=Column(Text))
    goal: str | None = Field(default=None, sa_column=Column(Text))
    goal_rate_kg_per_week: Decimal = Field(
        default=Decimal("0"), sa_column=Column(Numeric(3, 2), nullable=False)
    )
    body_fat_pct: Decimal | None = Field(default=None, sa_column=Column(Numeric(3, 1)))
    # The user's own targets; NULL means "the formulas decide" (domain.compute_targets).
    custom_calorie_target_kcal: int | None = Field(default=None)
    custom_protein_g_per_kg: Decimal | None = Field(default=None, sa_column=Column(Numeric(3, 2)))
    custom_fat_energy_share: Decimal | None = Field(default=None, sa_column=Column(Numeric(3, 2)))
    units: str = Field(default="metric", sa_column=Column(Text, nullable=False))
    # The first day of the user's week in week views: "monday" (ISO 8601) or "sunday".
    week_start: str = Field(
        default="monday", sa_column=Column(Text, nullable=False, server_default="monday")
    )
    # The training-day rule (users/training_day.py): kind and amount, both NULL when unset.
    training_rule_kind: str | None = Field(default=None, sa_column=Column(Text))
    training_rule_amount: int | None = Field(default=None)
    timezone: str = Field(default="UTC", sa_column=Column(Text, nullable=False))
    language: str = Field(default="en", sa_column=Column(Text, nullable=False))
    quiet_hours_start: time | None = Field(default=None, sa_column=Column(Time))
    quiet_hours_end: time | None = Field(default=None, sa_column=Column(Time))
    # The daily calorie target in force (the user's own or the formulas'), copied into each
    # day's statistics row and published in ``users.profile.updated``.
    calorie_target_kcal: int | None = Field(default=None)
    created_at: datetime | None = Field(default=None, sa_column=_created_at())
    updated_at: datetime | None = Field(default=None, sa_column=_created_at())


def _profile_key() -> Column[str]:
    """A user id that is part of the primary key and goes with the profile (deleted with it)."""
    return Column(
        Text, ForeignKey(f"{SCHEMA}.profiles.user_id", ondelete="CASCADE"), primary_key=True
    )


class NotificationPreference(SQLModel, table=True):
    """An explicit choice for one notification type on one channel (defaults are not stored)."""

    __tablename__ = "notification_preferences"
    __table_args__ = {"schema": SCHEMA}

    user_id: str = Field(sa_column=_profile_key())
    type: str = Field(sa_column=Column(Text, primary_key=True))
    channel: str = Field(sa_column=Column(Text, primary_key=True))
    enabled: bool


class WeightEntry(SQLModel, table=True):
    """One weigh-in per user per local day; logging the same day again replaces it."""

    __tablename__ = "weights"
    __table_args__ = {"schema": SCHEMA}

    user_id: str = Field(sa_column=_profile_key())
    local_date: date = Field(sa_column=Column(Date, primary_key=True))
    weight_kg: Decimal = Field(sa_column=Column(Numeric(5, 2), nullable=False))
    recorded_at: datetime | None = Field(default=None, sa_column=_created_at())


class DailyStat(SQLModel, table=True):
    """Read model: one row per user per local day, fed by meal, workout and weight events.

    ``calories_in`` is NULL on a day with nothing logged (missing data, not zero).
    ``intake_as_of`` is the ``occurred_at`` of the meal event the totals came from, so an older
    event delivered late never overwrites newer totals.
    """

    __tablename__ = "daily_stats"
    __table_args__ = {"schema": SCHEMA}

    user_id: str = Field(sa_column=Column(Text, primary_key=True))
    local_date: date = Field(sa_column=Column(Date, primary_key=True))
    calories_in: Decimal | None = Field(default=None, sa_column=Column(Numeric(8, 1)))
    protein_g: Decimal | None = Field(default=None, sa_column=Column(Numeric(7, 1)))
    fat_g: Decimal | None = Field(default=None, sa_column=Column(Numeric(7, 1)))
    carbohydrate_g: Decimal | None = Field(default=None, sa_column=Column(Numeric(7, 1)))
    intake_as_of: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    calories_out: Decimal = Field(
        default=Decimal("0"), sa_column=Column(Numeric(8, 1), nullable=False, server_default="0")
    )
    workouts: int = Field(default=0)
    weight_kg: Decimal | None = Field(default=None, sa_column=Column(Numeric(5, 2)))
    target_kcal: int | None = Field(default=None)


class TargetChange(SQLModel, table=True):
    """The calorie target in force from ``effective_date`` (the user's local day of the
    change) until the next change; NULL while the profile is incomplete."""

    __tablename__ = "target_history"
    __table_args__ = {"schema": SCHEMA}

    user_id: str = Field(sa_column=Column(Text, primary_key=True))
    effective_date: date = Field(sa_column=Column(Date, primary_key=True))
    target_kcal: int | None = Field(default=None)


class DayWorkout(SQLModel, table=True):
    """Each completed workout once, so a re-sent event never counts a workout twice."""

    __tablename__ = "day_workouts"
    __table_args__ = (
        Index("users_day_workouts_by_day", "user_id", "local_date"),
        {"schema": SCHEMA},
    )

    user_id: str = Field(sa_column=Column(Text, primary_key=True))
    workout_id: str = Field(sa_column=Column(Text, primary_key=True))
    local_date: date = Field(sa_column=Column(Date, nullable=False))
    calories_kcal: Decimal = Field(sa_column=Column(Numeric(8, 1), nullable=False))
    duration_min: Decimal | None = Field(default=None, sa_column=Column(Numeric(6, 1)))


class TrainingPlan(SQLModel, table=True):
    """The weekdays the program the user follows plans (``workouts.program_plan.changed``);
    no program and no weekdays once none is followed. ``as_of`` is the newest event's
    ``occurred_at``, so an older one delivered late never overwrites it."""

    __tablename__ = "training_plans"
    __table_args__ = {"schema": SCHEMA}

    user_id: str = Field(sa_column=Column(Text, primary_key=True))
    program_id: str | None = Field(default=None, sa_column=Column(Text))
    program_name: str | None = Field(default=None, sa_column=Column(Text))
    weekdays: list[str] = Field(
        default_factory=list, sa_column=Column(ARRAY(Text), nullable=False, server_default="{}")
    )
    as_of: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class DeletedUser(SQLModel, table=True):
    """Tombstone: events about a deleted user that arrive late must not bring data back."""

    __tablename__ = "deleted_users"
    __table_args__ = {"schema": SCHEMA}

    user_id: str = Field(sa_column=Column(Text, primary_key=True))
    deleted_at: datetime | None = Field(default=None, sa_column=_created_at())
