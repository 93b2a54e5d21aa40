"""The diary's water and fasting use cases: drinks on a day against a daily goal; fasts from
start to end with a protocol's target (one running at a time, enforced by the database).
``WaterAndFasting`` owns each use case's transaction, as ``NutritionService`` does."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any
from uuid import UUID

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend_services.kernel.db import lock_account, unit_of_work
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound

from . import water_fasting_domain as rules
from . import water_fasting_repository as repo
from .water_fasting_schemas import FastStart

RECENT_FASTS = 10
Clock = Callable[[], dt.datetime]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def day_water(session: Session, user_id: str, day: dt.date) -> dict[str, Any]:
    """The day's total against the goal (the diary's day answer carries it)."""
    goal = repo.water_goal(session, user_id)
    return {
        "total_ml": repo.water_total(session, user_id, day),
        "goal_ml": goal or rules.DEFAULT_GOAL_ML,
        "goal_is_default": goal is None,
    }


def _water_day(session: Session, user_id: str, day: dt.date) -> dict[str, Any]:
    drinks = [
        {"id": str(r.id), "amount_ml": r.amount_ml, "logged_at": r.logged_at}
        for r in repo.drinks_on(session, user_id, day)
    ]
    return {"date": day.isoformat(), **day_water(session, user_id, day), "drinks": drinks}


def fast_public(row: Any, now: dt.datetime) -> dict[str, Any]:
    status, elapsed = rules.fast_status(row.started_at, row.ended_at, row.target_hours, now)
    return {
        "id": str(row.id),
        "protocol": row.protocol,
        "target_hours": row.target_hours,
        "started_at": row.started_at,
        "ended_at": row.ended_at,
        "status": status,
        "elapsed_seconds": elapsed,
    }


class WaterAndFasting:
    def __init__(self, engine: Engine, clock: Clock = _utcnow):
        self.engine = engine
        self.clock = clock

    # water
    def water_day(self, user_id: str, day: dt.date) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return _water_day(session, user_id, day)

    def log_drink(self, user_id: str, day: dt.date, amount_ml: int) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            lock_account(session, user_id)  # two drinks at once cannot pass the day's bound
            error = rules.day_water_error(repo.water_total(session, user_id, day), amount_ml)
            if error:
                raise InvalidInput(
                    "That is more water than a day can hold.", fields={"amount_ml": error}
                )
            repo.add_drink(
                session,
                {
                    "id": uuid.uuid4(),
                    "user_id": user_id,
                    "day": day,
                    "amount_ml": amount_ml,
                    "logged_at": self.clock(),
                },
            )
            return _water_day(session, user_id, day)

    def remove_drink(self, user_id: str, drink_id: UUID) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            day = repo.delete_drink(session, user_id, drink_id)
            if day is None:
                raise NotFound("No such drink.")
            return _water_day(session, user_id, day)

    def set_water_goal(self, user_id: str, goal_ml: int) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            repo.set_water_goal(session, user_id, goal_ml)
        return {"goal_ml": goal_ml, "goal_is_default": False}

    # fasting
    def fasts(self, user_id: str) -> dict[str, Any]:
        now = self.clock()
        with unit_of_work(self.engine) as session:
            current = repo.running_fast(session, user_id)
            recent = repo.recent_fasts(session, user_id, RECENT_FASTS)
        return {
            "current": fast_public(current, now) if current else None,
            "recent": [fast_public(r, now) for r in recent],
        }

    def start_fast(self, user_id: str, data: FastStart) -> dict[str, Any]:
        """A running fast from ``started_at`` (now), or one logged with its end."""
        now = self.clock()
        try:
            target = rules.target_hours(data.protocol, data.target_hours)
        except ValueError as exc:
            raise InvalidInput(
                "Check the fast's target.", fields={"target_hours": str(exc)}
            ) from None
        start = data.started_at or now
        errors = rules.fast_times_error(start, data.ended_at, now)
        if errors:
            raise InvalidInput("Check the fast's times.", fields=errors)
        row = {
            "id": uuid.uuid4(),
            "user_id": user_id,
            "protocol": data.protocol,
            "target_hours": target,
            "started_at": start,
            "ended_at": data.ended_at,
        }
        try:
            with unit_of_work(self.engine) as session:
                lock_account(session, user_id)  # the overlap check and the insert, together
                if data.ended_at is None and repo.running_fast(session, user_id):
                    raise Conflict("A fast is already running; end it first.")
                if repo.overlapping_fast(session, user_id, start, data.ended_at):
                    raise Conflict(
                        "This fast overlaps another one.", fields={"started_at": "overlaps a fast"}
                    )
                repo.add_fast(session, row)
        except IntegrityError:  # fasts_one_running_per_user: a concurrent start won
            raise Conflict("A fast is already running; end it first.") from None
        return fast_public(SimpleNamespace(**row), now)

    def end_fast(self, user_id: str, ended_at: dt.datetime | None) -> dict[str, Any]:
        now = self.clock()
        end = ended_at or now
        with unit_of_work(self.engine) as session:
            current = repo.running_fast(session, user_id)
            if current is None:
                raise NotFound("No fast is running.")
            errors = rules.fast_times_error(current.started_at, end, now)
            errors.pop("started_at", None)  # it was accepted when the fast began
            if errors:
                raise InvalidInput("Check the fast's end.", fields=errors)
            repo.end_fast(session, current.id, end)
            return fast_public(repo.get_fast(session, user_id, current.id), now)

    def delete_fast(self, user_id: str, fast_id: UUID) -> None:
        with unit_of_work(self.engine) as session:
            if not repo.delete_fast(session, user_id, fast_id):
                raise NotFound("No such fast.")
