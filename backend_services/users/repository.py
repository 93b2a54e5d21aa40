"""Data access for the users schema. Never commits: the caller's unit of work does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, literal_column, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from backend_services.kernel.db import lock_account

from .models import (
    DailyStat,
    DayWorkout,
    DeletedUser,
    NotificationPreference,
    Profile,
    TargetChange,
    TrainingPlan,
    WeightEntry,
)


class UsersRepository:
    def __init__(self, session: Session):
        self.session = session

    # --- profiles ---

    def get_profile(self, user_id: str, *, for_update: bool = False) -> Profile | None:
        return self.session.get(Profile, user_id, with_for_update=for_update)

    def create_profile_if_missing(self, user_id: str, display_name: str | None) -> bool:
        """Insert an empty profile; False if one already exists (idempotent)."""
        inserted = self.session.execute(
            insert(Profile)
            .values(user_id=user_id, display_name=display_name)
            .on_conflict_do_nothing(index_elements=["user_id"])
            .returning(Profile.__table__.c.user_id)  # type: ignore[attr-defined]
        ).first()
        return inserted is not None

    def save_profile(self, profile: Profile) -> None:
        profile.updated_at = func.now()  # type: ignore[assignment]
        self.session.add(profile)
        self.session.flush()
        self.session.refresh(profile)

    def is_deleted(self, user_id: str) -> bool:
        """Also locks the account until commit, so a deletion cannot slip in before the
        caller's write (delete_everything takes the same lock)."""
        lock_account(self.session, user_id)
        return self.session.get(DeletedUser, user_id) is not None

    # --- notification preferences ---

    def notification_overrides(self, user_id: str) -> Sequence[NotificationPreference]:
        return self.session.scalars(
            select(NotificationPreference).where(
                NotificationPreference.user_id == user_id  # type: ignore[arg-type]
            )
        ).all()

    def replace_notification_overrides(
        self, user_id: str, choices: dict[tuple[str, str], bool]
    ) -> None:
        self.session.execute(
            delete(NotificationPreference).where(NotificationPreference.user_id == user_id)  # type: ignore[arg-type]
        )
        if choices:
            self.session.execute(
                insert(NotificationPreference).values(
                    [
                        {"user_id": user_id, "type": kind, "channel": channel, "enabled": on}
                        for (kind, channel), on in sorted(choices.items())
                    ]
                )
            )

    # --- weights ---

    def upsert_weight(self, user_id: str, day: date, weight_kg: Decimal) -> bool:
        """Log or replace the day's weight; True if the day had none before."""
        table = WeightEntry.__table__  # type: ignore[attr-defined]
        stmt = insert(table).values(user_id=user_id, local_date=day, weight_kg=weight_kg)
        row: Any = self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["user_id", "local_date"],
                set_={"weight_kg": stmt.excluded.weight_kg, "recorded_at": func.now()},
                # xmax is 0 on a freshly inserted row version and non-zero on an updated one.
            ).returning(literal_column("xmax = 0").label("inserted"))
        ).one()
        return bool(row.inserted)

    def add_weight_if_missing(self, user_id: str, day: date, weight_kg: Decimal) -> bool:
        """Log the day's weight unless the day has one; True if it was logged."""
        table = WeightEntry.__table__  # type: ignore[attr-defined]
        stmt = insert(table).values(user_id=user_id, local_date=day, weight_kg=weight_kg)
        inserted = self.session.execute(
            stmt.on_conflict_do_nothing(index_elements=["user_id", "local_date"]).returning(
                table.c.local_date
            )
        ).first()
        return inserted is not None

    def weights_until(self, user_id: str, until: date) -> list[tuple[date, Decimal]]:
        table = WeightEntry.__table__  # type: ignore[attr-defined]
        rows = self.session.execute(
            select(table.c.local_date, table.c.weight_kg)
            .where(table.c.user_id == user_id, table.c.local_date <= until)
            .order_by(table.c.local_date)
        ).all()
        return [(r.local_date, r.weight_kg) for r in rows]

    def weight_on_or_before(self, user_id: str, day: date) -> tuple[date, Decimal] | None:
        table = WeightEntry.__table__  # type: ignore[attr-defined]
        row = self.session.execute(
            select(table.c.local_date, table.c.weight_kg)
            .where(table.c.user_id == user_id, table.c.local_date <= day)
            .order_by(table.c.local_date.desc())
            .limit(1)
        ).first()
        return (row.local_date, row.weight_kg) if row else None

    def day_workouts(self, user_id: str, day: date) -> Sequence[DayWorkout]:
        """The workouts completed (or imported) on ``day``, as the statistics count them."""
        return self.session.scalars(
            select(DayWorkout).where(
                DayWorkout.user_id == user_id,  # type: ignore[arg-type]
                DayWorkout.local_date == day,  # type: ignore[arg-type]
            )
        ).all()

    def training_plan(self, user_id: str) -> TrainingPlan | None:
        return self.session.get(TrainingPlan, user_id)

    def set_training_plan(
        self,
        user_id: str,
        program: tuple[str, str] | None,
        weekdays: list[str],
        as_of: datetime,
    ) -> None:
        """The plan of ``program`` (id, name; None: none followed), unless a newer one is kept."""
        table = TrainingPlan.__table__  # type: ignore[attr-defined]
        values = {
            "program_id": None if program is None else program[0],
            "program_name": None if program is None else program[1],
            "weekdays": weekdays,
            "as_of": as_of,
        }
        self.session.execute(
            insert(table)
            .values(user_id=user_id, **values)
            .on_conflict_do_update(
                index_elements=[table.c.user_id], set_=values, where=table.c.as_of < as_of
            )
        )

    def latest_weight_day(self, user_id: str) -> date | None:
        table = WeightEntry.__table__  # type: ignore[attr-defined]
        latest: date | None = self.session.execute(
            select(func.max(table.c.local_date)).where(table.c.user_id == user_id)
        ).scalar_one()
        return latest

    # --- daily statistics ---

    def _upsert_stat(self, user_id: str, day: date, values: dict[str, Any], **kw: Any) -> None:
        table = DailyStat.__table__  # type: ignore[attr-defined]
        stmt = insert(table).values(user_id=user_id, local_date=day, **values)
        self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["user_id", "local_date"],
                set_={k: getattr(stmt.excluded, k) for k in values},
                **kw,
            )
        )

    def set_day_intake(
        self,
        user_id: str,
        day: date,
        totals: dict[str, Decimal | None],
        as_of: datetime,
        target_kcal: int | None,
    ) -> None:
        """The day's totals from a meal event, unless newer totals are already stored."""
        table = DailyStat.__table__  # type: ignore[attr-defined]
        self._upsert_stat(
            user_id,
            day,
            {**totals, "intake_as_of": as_of, "target_kcal": target_kcal},
            where=(table.c.intake_as_of.is_(None)) | (table.c.intake_as_of <= as_of),
        )

    def record_workout(
        self,
        user_id: str,
        workout_id: str,
        day: date,
        calories_kcal: Decimal,
        duration_min: Decimal | None,
    ) -> list[date]:
        """Store or correct one workout; returns the days whose totals must be recomputed."""
        existing = self.session.get(DayWorkout, (user_id, workout_id))
        days = {day} | ({existing.local_date} if existing else set())
        table = DayWorkout.__table__  # type: ignore[attr-defined]
        stmt = insert(table).values(
            user_id=user_id,
            workout_id=workout_id,
            local_date=day,
            calories_kcal=calories_kcal,
            duration_min=duration_min,
        )
        self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["user_id", "workout_id"],
                set_={
                    "local_date": stmt.excluded.local_date,
                    "calories_kcal": stmt.excluded.calories_kcal,
                    "duration_min": stmt.excluded.duration_min,
                },
            )
        )
        return sorted(days)

    def refresh_day_activity(self, user_id: str, day: date, target_kcal: int | None) -> None:
        """Recompute the day's calories out and workout count from the workouts stored."""
        workouts = DayWorkout.__table__  # type: ignore[attr-defined]
        count, calories = self.session.execute(
            select(func.count(), func.coalesce(func.sum(workouts.c.calories_kcal), 0)).where(
                workouts.c.user_id == user_id, workouts.c.local_date == day
            )
        ).one()
        values: dict[str, Any] = {"workouts": count, "calories_out": calories}
        if target_kcal is not None:
            values["target_kcal"] = target_kcal
        self._upsert_stat(user_id, day, values)

    def set_day_target(self, user_id: str, day: date, target_kcal: int | None) -> None:
        """Keep an existing row of that day in step with a changed target."""
        table = DailyStat.__table__  # type: ignore[attr-defined]
        self.session.execute(
            update(table)
            .where(table.c.user_id == user_id, table.c.local_date == day)
            .values(target_kcal=target_kcal)
        )

    def set_day_weight(
        self, user_id: str, day: date, weight_kg: Decimal, target_kcal: int | None
    ) -> None:
        values: dict[str, Any] = {"weight_kg": weight_kg}
        if target_kcal is not None:
            values["target_kcal"] = target_kcal
        self._upsert_stat(user_id, day, values)

    def record_target(self, user_id: str, day: date, target_kcal: int | None) -> None:
        """The target in force from ``day`` (today) on; a later change today replaces it."""
        table = TargetChange.__table__  # type: ignore[attr-defined]
        stmt = insert(table).values(user_id=user_id, effective_date=day, target_kcal=target_kcal)
        self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["user_id", "effective_date"],
                set_={"target_kcal": stmt.excluded.target_kcal},
            )
        )

    def targets_until(self, user_id: str, until: date) -> list[tuple[date, int | None]]:
        table = TargetChange.__table__  # type: ignore[attr-defined]
        rows = self.session.execute(
            select(table.c.effective_date, table.c.target_kcal)
            .where(table.c.user_id == user_id, table.c.effective_date <= until)
            .order_by(table.c.effective_date)
        ).all()
        return [(r.effective_date, r.target_kcal) for r in rows]

    def first_target(self, user_id: str) -> int | None:
        table = TargetChange.__table__  # type: ignore[attr-defined]
        return self.session.execute(
            select(table.c.target_kcal)
            .where(table.c.user_id == user_id)
            .order_by(table.c.effective_date)
            .limit(1)
        ).scalar_one_or_none()

    def stats_between(self, user_id: str, start: date, end: date) -> Sequence[DailyStat]:
        return self.session.scalars(
            select(DailyStat)
            .where(
                DailyStat.user_id == user_id,  # type: ignore[arg-type]
                DailyStat.local_date >= start,  # type: ignore[arg-type]
                DailyStat.local_date <= end,  # type: ignore[arg-type]
            )
            .order_by(DailyStat.local_date)  # type: ignore[arg-type]
        ).all()

    def intake_between(self, user_id: str, start: date, end: date) -> dict[date, Decimal]:
        table = DailyStat.__table__  # type: ignore[attr-defined]
        rows = self.session.execute(
            select(table.c.local_date, table.c.calories_in).where(
                table.c.user_id == user_id,
                table.c.local_date >= start,
                table.c.local_date <= end,
                table.c.calories_in.is_not(None),
            )
        ).all()
        return {r.local_date: r.calories_in for r in rows}

    # --- deletion ---

    def delete_everything(self, user_id: str) -> None:
        """Remove every row about the user and leave a tombstone."""
        lock_account(self.session, user_id)
        for model in (
            NotificationPreference,
            WeightEntry,
            DailyStat,
            DayWorkout,
            TargetChange,
            TrainingPlan,
            Profile,
        ):
            table = model.__table__  # type: ignore[union-attr]
            self.session.execute(delete(table).where(table.c.user_id == user_id))
        self.session.execute(insert(DeletedUser).values(user_id=user_id).on_conflict_do_nothing())
