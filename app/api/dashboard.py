"""Typed client of the aggregator's dashboards (`/api/dashboard/*`): a day or an ISO week in
one call, each part None when its service did not answer (`partial`, `missing` say which)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from app.api import parsing as p
from app.api.diary import DiaryDay, NutritionReport
from app.api.gateway import Authorized
from app.api.users import Stats, Targets
from app.api.workouts import Workout, WorkoutSummary, calories_burned

T = TypeVar("T")


def _part(body: Any, name: str, parse: Callable[[Any], T]) -> T | None:
    value = p.obj(body).get(name)
    return None if value is None else parse(value)


@dataclass(frozen=True)
class DayDashboard:
    date: dt.date
    targets: Targets | None  # None also before onboarding (the profile is incomplete)
    stats: Stats | None
    diary: DiaryDay | None
    workouts: tuple[Workout, ...] | None
    partial: bool
    missing: tuple[str, ...]  # part names: "targets", "stats", "diary", "workouts"

    @classmethod
    def from_json(cls, data: Any) -> DayDashboard:
        b = p.obj(data)
        return cls(
            date=p.day(b.get("date")),
            targets=_part(b, "targets", Targets.from_json),
            stats=_part(b, "stats", Stats.from_json),
            diary=_part(b, "diary", DiaryDay.from_json),
            workouts=_part(
                b,
                "workouts",
                lambda w: tuple(Workout.from_json(x) for x in p.items(p.obj(w).get("items"))),
            ),
            partial=p.flag(b.get("partial")),
            missing=p.texts(b.get("missing")),
        )

    @property
    def calories_in(self) -> float:
        return self.diary.totals.kcal if self.diary else 0.0

    @property
    def calories_out(self) -> float:
        """Calories from the day's completed workouts (the workouts part, else the stats)."""
        if self.workouts is not None:
            return calories_burned(self.workouts)
        if self.stats and self.stats.days:
            return self.stats.days[-1].calories_out
        return 0.0

    @property
    def exercise_added_kcal(self) -> float:
        """What the day's workouts add to what is left: their calories, unless the user's
        training-day rule already put its extra into the day's target (counted once)."""
        if self.targets is not None and self.targets.training_rule_set:
            return 0.0
        return self.calories_out

    @property
    def remaining_kcal(self) -> float | None:
        """Target - eaten + what exercise adds; None without targets."""
        if self.targets is None:
            return None
        return self.targets.calorie_target_kcal - self.calories_in + self.exercise_added_kcal


@dataclass(frozen=True)
class WeekDashboard:
    from_date: dt.date  # Monday
    to_date: dt.date  # Sunday
    targets: Targets | None
    stats: Stats | None  # one row per day of the week
    nutrition: NutritionReport | None
    workouts: WorkoutSummary | None
    partial: bool
    missing: tuple[str, ...]  # "targets", "stats", "nutrition", "workouts"

    @classmethod
    def from_json(cls, data: Any) -> WeekDashboard:
        b = p.obj(data)
        return cls(
            from_date=p.day(b.get("from")),
            to_date=p.day(b.get("to")),
            targets=_part(b, "targets", Targets.from_json),
            stats=_part(b, "stats", Stats.from_json),
            nutrition=_part(b, "nutrition", NutritionReport.from_json),
            workouts=_part(b, "workouts", WorkoutSummary.from_json),
            partial=p.flag(b.get("partial")),
            missing=p.texts(b.get("missing")),
        )


class DashboardApi:
    def __init__(self, api: Authorized):
        self.api = api

    async def day(self, day: dt.date) -> DayDashboard:
        return DayDashboard.from_json(await self.api.get(f"/api/dashboard/day/{day.isoformat()}"))

    async def week(self, day: dt.date) -> WeekDashboard:
        """The ISO week (Monday to Sunday) that holds `day`."""
        body = await self.api.get(f"/api/dashboard/week/{day.isoformat()}")
        return WeekDashboard.from_json(body)
