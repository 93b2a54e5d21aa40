"""Typed client of the diary's water and fasting routes (`/api/nutrition/water*`, `/fasts`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.gateway import Authorized

API = "/api/nutrition"
DEFAULT_GOAL_ML = 2000


@dataclass(frozen=True)
class DayWater:
    """The day's water against the goal (the diary's day carries it too)."""

    total_ml: int
    goal_ml: int
    goal_is_default: bool

    @classmethod
    def from_json(cls, data: Any) -> DayWater:
        b = p.obj(data)
        return cls(
            total_ml=p.whole(b.get("total_ml")),
            goal_ml=p.whole(b.get("goal_ml"), DEFAULT_GOAL_ML),
            goal_is_default=p.flag(b.get("goal_is_default"), True),
        )


@dataclass(frozen=True)
class Drink:
    id: str
    amount_ml: int
    logged_at: dt.datetime | None


@dataclass(frozen=True)
class WaterDay:
    date: dt.date
    water: DayWater
    drinks: tuple[Drink, ...]  # the latest last

    @classmethod
    def from_json(cls, data: Any) -> WaterDay:
        b = p.obj(data)
        return cls(
            date=p.day(b.get("date")),
            water=DayWater.from_json(b),
            drinks=tuple(
                Drink(
                    id=p.text(d.get("id")),
                    amount_ml=p.whole(d.get("amount_ml")),
                    logged_at=p.opt_instant(d.get("logged_at")),
                )
                for d in map(p.obj, p.items(b.get("drinks")))
            ),
        )


@dataclass(frozen=True)
class Fast:
    id: str
    protocol: str  # "16:8", "18:6", "20:4", "custom"
    target_hours: int
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    status: str  # "running", "completed", "short"
    elapsed_seconds: int

    @classmethod
    def from_json(cls, data: Any) -> Fast:
        b = p.obj(data)
        return cls(
            id=p.text(b.get("id")),
            protocol=p.text(b.get("protocol")),
            target_hours=p.whole(b.get("target_hours")),
            started_at=p.opt_instant(b.get("started_at")),
            ended_at=p.opt_instant(b.get("ended_at")),
            status=p.text(b.get("status")),
            elapsed_seconds=p.whole(b.get("elapsed_seconds")),
        )


@dataclass(frozen=True)
class Fasts:
    current: Fast | None
    recent: tuple[Fast, ...]  # ended, the latest first

    @classmethod
    def from_json(cls, data: Any) -> Fasts:
        b = p.obj(data)
        current = b.get("current")
        return cls(
            current=None if current is None else Fast.from_json(current),
            recent=tuple(Fast.from_json(x) for x in p.items(b.get("recent"))),
        )


class WaterFastingApi:
    """One user's water and fasts."""

    def __init__(self, api: Authorized):
        self.api = api

    async def water_day(self, day: dt.date) -> WaterDay:
        return WaterDay.from_json(await self.api.get(f"{API}/water/{day.isoformat()}"))

    async def log_drink(self, day: dt.date, amount_ml: int) -> WaterDay:
        body = await self.api.post(f"{API}/water/{day.isoformat()}", json={"amount_ml": amount_ml})
        return WaterDay.from_json(body)

    async def remove_drink(self, drink_id: str) -> WaterDay:
        return WaterDay.from_json(await self.api.delete(f"{API}/water/drinks/{drink_id}"))

    async def set_goal(self, goal_ml: int) -> int:
        """The daily goal in ml, as stored."""
        body = p.obj(await self.api.put(f"{API}/water-goal", json={"goal_ml": goal_ml}))
        return p.whole(body.get("goal_ml"), goal_ml)

    async def fasts(self) -> Fasts:
        return Fasts.from_json(await self.api.get(f"{API}/fasts"))

    async def start_fast(
        self,
        protocol: str,
        *,
        target_hours: int | None = None,
        started_at: dt.datetime | None = None,
        ended_at: dt.datetime | None = None,
    ) -> Fast:
        body: dict[str, Any] = {"protocol": protocol}
        if target_hours is not None:
            body["target_hours"] = target_hours
        if started_at is not None:
            body["started_at"] = started_at.isoformat()
        if ended_at is not None:
            body["ended_at"] = ended_at.isoformat()
        return Fast.from_json(await self.api.post(f"{API}/fasts", json=body))

    async def end_fast(self) -> Fast:
        return Fast.from_json(await self.api.post(f"{API}/fasts/current/end", json={}))

    async def delete_fast(self, fast_id: str) -> None:
        await self.api.delete(f"{API}/fasts/{fast_id}")
