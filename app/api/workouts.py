"""Typed client of the workouts service (`/api/workouts/*`): history and summaries.

Part 1 needs "calories from completed workouts today"; part 2's tracker builds on the same
`Workout` shape (exercises and sets are kept as the service sends them until then).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.gateway import Authorized

API = "/api/workouts"
LIST_MAX = 500


@dataclass(frozen=True)
class WorkoutExercise:
    id: str  # the entry in this workout
    exercise_id: str
    name: str
    kind: str  # "strength" | "cardio" | "sport" | "flexibility"
    set_kind: str  # which set shape it takes: "strength" | "cardio" | "sport"
    sets: tuple[dict[str, Any], ...]
    notes: str | None

    @classmethod
    def from_json(cls, data: Any) -> WorkoutExercise:
        b = p.obj(data)
        return cls(
            id=p.text(b.get("id")),
            exercise_id=p.text(b.get("exercise_id")),
            name=p.text(b.get("name")),
            kind=p.text(b.get("kind")),
            set_kind=p.text(b.get("set_kind")),
            sets=tuple(dict(p.obj(s)) for s in p.items(b.get("sets"))),
            notes=p.opt_text(b.get("notes")),
        )


@dataclass(frozen=True)
class PersonalRecord:
    exercise_id: str
    exercise_name: str
    kind: str
    value: float
    previous: float | None
    reps: int | None


@dataclass(frozen=True)
class WorkoutResult:
    """What completing a workout computed (MET x kg x h, Compendium 2011)."""

    duration_s: int
    calories_kcal: float | None  # None when no body weight was known
    net_calories_kcal: float | None
    calorie_formula: str
    weight_kg: float | None
    weight_source: str | None
    volume_kg: float
    personal_records: tuple[PersonalRecord, ...]

    @classmethod
    def from_json(cls, data: Any) -> WorkoutResult:
        b = p.obj(data)
        return cls(
            duration_s=p.whole(b.get("duration_s")),
            calories_kcal=p.opt_num(b.get("calories_kcal")),
            net_calories_kcal=p.opt_num(b.get("net_calories_kcal")),
            calorie_formula=p.text(b.get("calorie_formula")),
            weight_kg=p.opt_num(b.get("weight_kg")),
            weight_source=p.opt_text(b.get("weight_source")),
            volume_kg=p.num(b.get("volume_kg")),
            personal_records=tuple(
                PersonalRecord(
                    exercise_id=p.text(p.obj(r).get("exercise_id")),
                    exercise_name=p.text(p.obj(r).get("exercise_name")),
                    kind=p.text(p.obj(r).get("kind")),
                    value=p.num(p.obj(r).get("value")),
                    previous=p.opt_num(p.obj(r).get("previous")),
                    reps=p.opt_whole(p.obj(r).get("reps")),
                )
                for r in p.items(b.get("personal_records"))
            ),
        )


@dataclass(frozen=True)
class Workout:
    id: str
    name: str
    status: str  # "in_progress" | "completed"
    local_date: dt.date | None  # the user's day it started on
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    source: str  # "manual", "program", "apple-health", ...
    notes: str | None
    exercises: tuple[WorkoutExercise, ...]
    result: WorkoutResult | None  # set once completed

    @classmethod
    def from_json(cls, data: Any) -> Workout:
        b = p.obj(data)
        result = b.get("result")
        return cls(
            id=p.text(b.get("id")),
            name=p.text(b.get("name")),
            status=p.text(b.get("status")),
            local_date=p.opt_day(b.get("local_date")),
            started_at=p.opt_instant(b.get("started_at")),
            ended_at=p.opt_instant(b.get("ended_at")),
            source=p.text(b.get("source")),
            notes=p.opt_text(b.get("notes")),
            exercises=tuple(WorkoutExercise.from_json(e) for e in p.items(b.get("exercises"))),
            result=WorkoutResult.from_json(result) if result else None,
        )

    @property
    def completed(self) -> bool:
        return self.status == "completed"

    @property
    def calories_kcal(self) -> float:
        """Calories burned (0 until completed, or when no body weight was known)."""
        if self.result is None or not self.completed:
            return 0.0
        return self.result.calories_kcal or 0.0


def calories_burned(workouts: Iterable[Workout]) -> float:
    """Calories of the completed ones (the diary's "remaining" adds these)."""
    return sum(w.calories_kcal for w in workouts)


@dataclass(frozen=True)
class WeekSummary:
    week: str  # ISO week, "2026-W48"
    workouts: int
    minutes: float
    calories_kcal: float
    volume_kg: float
    volume_by_muscle: dict[str, float]

    @classmethod
    def from_json(cls, data: Any) -> WeekSummary:
        b = p.obj(data)
        return cls(
            week=p.text(b.get("week")),
            workouts=p.whole(b.get("workouts")),
            minutes=p.num(b.get("minutes")),
            calories_kcal=p.num(b.get("calories_kcal")),
            volume_kg=p.num(b.get("volume_kg")),
            volume_by_muscle=p.numbers(b.get("volume_by_muscle")),
        )


@dataclass(frozen=True)
class WorkoutSummary:
    """Completed workouts of a range (at most two years), in total and per ISO week."""

    from_date: dt.date
    to_date: dt.date
    workouts: int
    minutes: float
    calories_kcal: float
    volume_kg: float
    weeks: tuple[WeekSummary, ...]

    @classmethod
    def from_json(cls, data: Any) -> WorkoutSummary:
        b = p.obj(data)
        return cls(
            from_date=p.day(b.get("from")),
            to_date=p.day(b.get("to")),
            workouts=p.whole(b.get("workouts")),
            minutes=p.num(b.get("minutes")),
            calories_kcal=p.num(b.get("calories_kcal")),
            volume_kg=p.num(b.get("volume_kg")),
            weeks=tuple(WeekSummary.from_json(w) for w in p.items(b.get("weeks"))),
        )


class WorkoutsApi:
    """One user's workouts (read side for part 1)."""

    def __init__(self, api: Authorized):
        self.api = api

    async def workouts(
        self, start: dt.date | None = None, end: dt.date | None = None, *, limit: int = 100
    ) -> tuple[Workout, ...]:
        """Workouts whose local day is in [start, end] (both optional), in progress too."""
        params = {"from": p.iso(start), "to": p.iso(end), "limit": min(limit, LIST_MAX)}
        body = await self.api.get(f"{API}/workouts", params=params)
        return tuple(Workout.from_json(x) for x in p.items(p.obj(body).get("items")))

    async def workouts_on(self, day: dt.date) -> tuple[Workout, ...]:
        return await self.workouts(day, day)

    async def calories_burned_on(self, day: dt.date) -> float:
        """Calories from the day's completed workouts."""
        return calories_burned(await self.workouts_on(day))

    async def workout(self, workout_id: str) -> Workout:
        return Workout.from_json(await self.api.get(f"{API}/workouts/{workout_id}"))

    async def summary(self, start: dt.date, end: dt.date) -> WorkoutSummary:
        params = {"from": start.isoformat(), "to": end.isoformat()}
        return WorkoutSummary.from_json(await self.api.get(f"{API}/summary", params=params))
