"""Queries of the diary's water and fasts. Never commits."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from .models import fasts, water_goals, water_logs

RUNNING = fasts.c.ended_at.is_(None)


def drinks_on(session: Session, user_id: str, day: dt.date) -> list[Any]:
    query = (
        select(water_logs)
        .where(water_logs.c.user_id == user_id, water_logs.c.day == day)
        .order_by(water_logs.c.logged_at, water_logs.c.id)
    )
    return list(session.execute(query).all())


def all_drinks(session: Session, user_id: str) -> list[Any]:
    query = (
        select(water_logs)
        .where(water_logs.c.user_id == user_id)
        .order_by(water_logs.c.day, water_logs.c.logged_at, water_logs.c.id)
    )
    return list(session.execute(query).all())


def water_total(session: Session, user_id: str, day: dt.date) -> int:
    query = select(func.coalesce(func.sum(water_logs.c.amount_ml), 0)).where(
        water_logs.c.user_id == user_id, water_logs.c.day == day
    )
    return int(session.execute(query).scalar_one())


def add_drink(session: Session, row: dict[str, Any]) -> None:
    session.execute(insert(water_logs).values(**row))


def add_drink_once(session: Session, row: dict[str, Any]) -> bool:
    """Stores the drink unless its id is there already; answers whether it was stored."""
    query = pg_insert(water_logs).values(**row).on_conflict_do_nothing().returning(water_logs.c.id)
    return session.execute(query).first() is not None


def delete_drink(session: Session, user_id: str, drink_id: UUID) -> dt.date | None:
    """The day the drink was on, or None when the user has no such drink."""
    query = (
        delete(water_logs)
        .where(water_logs.c.id == drink_id, water_logs.c.user_id == user_id)
        .returning(water_logs.c.day)
    )
    return session.execute(query).scalar_one_or_none()


def water_goal(session: Session, user_id: str) -> int | None:
    query = select(water_goals.c.goal_ml).where(water_goals.c.user_id == user_id)
    return session.execute(query).scalar_one_or_none()


def set_water_goal(session: Session, user_id: str, goal_ml: int) -> None:
    query = pg_insert(water_goals).values(user_id=user_id, goal_ml=goal_ml, updated_at=func.now())
    session.execute(
        query.on_conflict_do_update(
            index_elements=[water_goals.c.user_id],
            set_={"goal_ml": goal_ml, "updated_at": func.now()},
        )
    )


def running_fast(session: Session, user_id: str) -> Any:
    query = select(fasts).where(fasts.c.user_id == user_id, RUNNING)
    return session.execute(query).first()


def recent_fasts(session: Session, user_id: str, limit: int) -> list[Any]:
    query = (
        select(fasts)
        .where(fasts.c.user_id == user_id, ~RUNNING)
        .order_by(fasts.c.started_at.desc(), fasts.c.id)
        .limit(limit)
    )
    return list(session.execute(query).all())


def overlapping_fast(
    session: Session, user_id: str, start: dt.datetime, end: dt.datetime | None
) -> Any:
    """A fast of the user's that shares some time with [start, end) (an open end: forever)."""
    query = select(fasts).where(
        fasts.c.user_id == user_id,
        func.coalesce(fasts.c.ended_at, dt.datetime.max.replace(tzinfo=dt.UTC)) > start,
    )
    if end is not None:
        query = query.where(fasts.c.started_at < end)
    return session.execute(query.limit(1)).first()


def add_fast(session: Session, row: dict[str, Any]) -> None:
    session.execute(insert(fasts).values(**row))


def add_fast_once(session: Session, row: dict[str, Any]) -> bool:
    """Stores the fast unless its id is there, or it would be a second running one."""
    query = pg_insert(fasts).values(**row).on_conflict_do_nothing().returning(fasts.c.id)
    return session.execute(query).first() is not None


def all_fasts(session: Session, user_id: str) -> list[Any]:
    query = select(fasts).where(fasts.c.user_id == user_id).order_by(fasts.c.started_at, fasts.c.id)
    return list(session.execute(query).all())


def end_fast(session: Session, fast_id: UUID, ended_at: dt.datetime) -> None:
    session.execute(update(fasts).where(fasts.c.id == fast_id).values(ended_at=ended_at))


def get_fast(session: Session, user_id: str, fast_id: UUID) -> Any:
    query = select(fasts).where(fasts.c.id == fast_id, fasts.c.user_id == user_id)
    return session.execute(query).first()


def delete_fast(session: Session, user_id: str, fast_id: UUID) -> bool:
    query = (
        delete(fasts).where(fasts.c.id == fast_id, fasts.c.user_id == user_id).returning(fasts.c.id)
    )
    return session.execute(query).first() is not None


def delete_user_data(session: Session, user_id: str) -> None:
    for table in (water_logs, water_goals, fasts):
        session.execute(delete(table).where(table.c.user_id == user_id))
