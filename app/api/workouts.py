"""Typed client of the workouts service (`/api/workouts/*`): the exercise catalog, logging a
workout set by set, completing it, programs, history and summaries.

Sets are kept as the service sends them (dicts of the set's own fields: a strength set has
reps/weight_kg/set_type/rpe, a cardio one duration_s/distance_m); the tracker's pure logic
(app/state/workout_logic.py) reads them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.gateway import Authorized

API = "/api/workouts"
LIST_MAX = 500


@dataclass(frozen=True)
class MetValue:
    """A Compendium activity: code, MET, its wording and edition."""

    code: str
    value: float
    description: str
    edition: str

    @classmethod
    def from_json(cls, data: Any) -> MetValue:
        b = p.obj(data)
        return cls(
            code=p.text(b.get("code")),
            value=p.num(b.get("value")),
            description=p.text(b.get("description")),
            edition=p.text(b.get("edition")),
        )


@dataclass(frozen=True)
class Exercise:
    """A catalog exercise (built-in or the user's own)."""

    id: str
    name: str
    kind: str
    category: str
    primary_muscles: tuple[str, ...]
    equipment: str | None
    met: MetValue
    source: str
    names: tuple[tuple[str, str], ...] = ()  # (language, name): the name in other languages

    def name_in(self, language: str) -> str:
        """The name in `language` where the catalog has one, else the English name."""
        return dict(self.names).get(language) or self.name

    @classmethod
    def from_json(cls, data: Any) -> Exercise:
        b = p.obj(data)
        names = p.obj(b.get("names"))
        return cls(
            id=p.text(b.get("id")),
            name=p.text(b.get("name")),
            kind=p.text(b.get("kind"), "strength"),
            category=p.text(b.get("category")),
            primary_muscles=p.texts(b.get("primary_muscles")),
            equipment=p.opt_text(b.get("equipment")),
            met=MetValue.from_json(b.get("met")),
            source=p.text(b.get("source")),
            names=tuple((k, p.text(v)) for k, v in names.items() if p.text(v)),
        )


@dataclass(frozen=True)
class Target:
    """A program day's prescription for one exercise, and why that weight (the rule)."""

    sets: int
    reps: int
    weight_kg: float
    rule: str  # "start" | "progress" | "repeat" | "deload" | "percent_e1rm"


@dataclass(frozen=True)
class WorkoutExercise:
    id: str  # the entry in this workout
    exercise_id: str
    name: str
    kind: str  # "strength" | "cardio" | "sport" | "flexibility"
    set_kind: str  # which set shape it takes: "strength" | "cardio" | "sport"
    sets: tuple[dict[str, Any], ...]
    notes: str | None
    met: MetValue | None = None
    target: Target | None = None
    muscles: tuple[str, ...] = ()  # the exercise's primary muscles (snapshotted)

    @classmethod
    def from_json(cls, data: Any) -> WorkoutExercise:
        b = p.obj(data)
        target = p.obj(b.get("target"))
        return cls(
            id=p.text(b.get("id")),
            exercise_id=p.text(b.get("exercise_id")),
            name=p.text(b.get("name")),
            kind=p.text(b.get("kind")),
            set_kind=p.text(b.get("set_kind")),
            sets=tuple(dict(p.obj(s)) for s in p.items(b.get("sets"))),
            notes=p.opt_text(b.get("notes")),
            met=MetValue.from_json(b.get("met")) if b.get("met") else None,
            target=Target(
                sets=p.whole(target.get("sets")),
                reps=p.whole(target.get("reps")),
                weight_kg=p.num(target.get("weight_kg")),
                rule=p.text(target.get("rule")),
            )
            if target
            else None,
            muscles=p.texts(b.get("muscles")),
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
class ExerciseResult:
    """One exercise's share of a completed workout: its Compendium pieces and calories."""

    entry_id: str
    name: str
    duration_s: int
    mets: tuple[tuple[str, float, int], ...]  # (code, MET, seconds)
    met_edition: str
    calories_kcal: float | None
    volume_kg: float
    e1rm_kg: float | None

    @classmethod
    def from_json(cls, data: Any) -> ExerciseResult:
        b = p.obj(data)
        return cls(
            entry_id=p.text(b.get("entry_id")),
            name=p.text(b.get("name")),
            duration_s=p.whole(b.get("duration_s")),
            mets=tuple(
                (
                    p.text(p.obj(m).get("code")),
                    p.num(p.obj(m).get("value")),
                    p.whole(p.obj(m).get("seconds")),
                )
                for m in p.items(b.get("met"))
            ),
            met_edition=p.text(b.get("met_edition")),
            calories_kcal=p.opt_num(b.get("calories_kcal")),
            volume_kg=p.num(b.get("volume_kg")),
            e1rm_kg=p.opt_num(b.get("e1rm_kg")),
        )


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
    per_exercise: tuple[ExerciseResult, ...] = ()

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
            per_exercise=tuple(ExerciseResult.from_json(e) for e in p.items(b.get("per_exercise"))),
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
    body_weight_kg: float | None = None
    program_id: str | None = None  # started from this program's day

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
            body_weight_kg=p.opt_num(b.get("body_weight_kg")),
            program_id=p.opt_text(p.obj(b.get("program")).get("program_id")),
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


@dataclass(frozen=True)
class ProgramExercise:
    exercise_id: str
    sets: int
    reps: int
    start_weight_kg: float
    increment_kg: float
    percent_e1rm: float | None = None  # the target is this share of the e1RM instead

    @classmethod
    def from_json(cls, data: Any) -> ProgramExercise:
        b = p.obj(data)
        return cls(
            exercise_id=p.text(b.get("exercise_id")),
            sets=p.whole(b.get("sets")),
            reps=p.whole(b.get("reps")),
            start_weight_kg=p.num(b.get("start_weight_kg")),
            increment_kg=p.num(b.get("increment_kg")),
            percent_e1rm=p.opt_num(b.get("percent_e1rm")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "exercise_id": self.exercise_id,
            "sets": self.sets,
            "reps": self.reps,
            "start_weight_kg": self.start_weight_kg,
            "increment_kg": self.increment_kg,
            "percent_e1rm": self.percent_e1rm,
        }


@dataclass(frozen=True)
class ProgramDay:
    name: str
    exercises: tuple[ProgramExercise, ...]


@dataclass(frozen=True)
class ProgramPosition:
    """Where the user is in a program: completed sessions, the week they make, the next day."""

    sessions_done: int = 0
    week: int = 1
    next_day_index: int = 0
    next_day: str = ""


@dataclass(frozen=True)
class ProgramDraft:
    """A program of one's own as it is sent to be created or replaced."""

    name: str
    description: str
    days_per_week: int
    days: tuple[ProgramDay, ...]
    schedule: tuple[str, ...] = ()  # training weekdays ("monday"...); () = the service's default

    def to_json(self) -> dict[str, Any]:
        chosen = {"schedule": list(self.schedule)} if self.schedule else {}
        return {
            "name": self.name,
            "description": self.description,
            "days_per_week": self.days_per_week,
            **chosen,
            "days": [
                {"name": d.name, "exercises": [x.to_json() for x in d.exercises]} for d in self.days
            ],
        }


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    description: str  # the progression rule in words, as the program states it
    days_per_week: int
    days: tuple[ProgramDay, ...]
    source: str  # "builtin" | "own"
    position: ProgramPosition = ProgramPosition()
    schedule: tuple[str, ...] = ()  # its training weekdays, Monday first

    @property
    def own(self) -> bool:
        return self.source == "own"

    @classmethod
    def from_json(cls, data: Any) -> Program:
        b = p.obj(data)
        at = p.obj(b.get("position"))
        return cls(
            id=p.text(b.get("id")),
            name=p.text(b.get("name")),
            description=p.text(b.get("description")),
            days_per_week=p.whole(b.get("days_per_week")),
            days=tuple(
                ProgramDay(
                    name=p.text(p.obj(d).get("name")),
                    exercises=tuple(
                        ProgramExercise.from_json(e) for e in p.items(p.obj(d).get("exercises"))
                    ),
                )
                for d in p.items(b.get("days"))
            ),
            source=p.text(b.get("source")),
            schedule=tuple(p.text(d) for d in p.items(b.get("schedule"))),
            position=ProgramPosition(
                sessions_done=p.whole(at.get("sessions_done")),
                week=p.whole(at.get("week"), 1),
                next_day_index=p.whole(at.get("next_day_index")),
                next_day=p.text(at.get("next_day")),
            ),
        )


@dataclass(frozen=True)
class ProgressSession:
    """One completed session of an exercise: its best set and what it estimates."""

    workout_id: str
    local_date: dt.date
    best_reps: int | None
    best_weight_kg: float | None
    e1rm_kg: float | None
    volume_kg: float


@dataclass(frozen=True)
class ExerciseProgress:
    """An exercise over time (`GET /progress/{id}`): sessions oldest first, weekly volume,
    personal records, and the e1RM formula the service uses, in words."""

    exercise_id: str
    name: str
    e1rm_formula: str
    sessions: tuple[ProgressSession, ...]
    personal_records: tuple[tuple[dt.date, PersonalRecord], ...]

    @classmethod
    def from_json(cls, data: Any) -> ExerciseProgress:
        b = p.obj(data)
        sessions = []
        for item in p.items(b.get("sessions")):
            s = p.obj(item)
            best = p.obj(s.get("best_set"))
            sessions.append(
                ProgressSession(
                    workout_id=p.text(s.get("workout_id")),
                    local_date=p.day(s.get("local_date")),
                    best_reps=p.opt_whole(best.get("reps")),
                    best_weight_kg=p.opt_num(best.get("weight_kg")),
                    e1rm_kg=p.opt_num(s.get("e1rm_kg")),
                    volume_kg=p.num(s.get("volume_kg")),
                )
            )
        records = []
        for item in p.items(b.get("personal_records")):
            r = p.obj(item)
            records.append(
                (
                    p.day(r.get("local_date")),
                    PersonalRecord(
                        exercise_id=p.text(r.get("exercise_id")),
                        exercise_name=p.text(r.get("exercise_name")),
                        kind=p.text(r.get("kind")),
                        value=p.num(r.get("value")),
                        previous=p.opt_num(r.get("previous")),
                        reps=p.opt_whole(r.get("reps")),
                    ),
                )
            )
        return cls(
            exercise_id=p.text(b.get("exercise_id")),
            name=p.text(b.get("name")),
            e1rm_formula=p.text(b.get("e1rm_formula")),
            sessions=tuple(sessions),
            personal_records=tuple(records),
        )


def new_idempotency_key() -> str:
    """One per "start a workout" tap (a retry of the same tap starts it once)."""
    return uuid.uuid4().hex


class WorkoutsApi:
    """One user's workouts: catalog, logging, completion, programs, history."""

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

    # ---- catalog ----

    async def search_exercises(
        self,
        query: str = "",
        *,
        muscle: str | None = None,
        equipment: str | None = None,
        category: str | None = None,
        kind: str | None = None,
        limit: int = 25,
    ) -> tuple[Exercise, ...]:
        params = {
            "q": query or None,
            "muscle": muscle or None,
            "equipment": equipment or None,
            "category": category or None,
            "kind": kind or None,
            "limit": limit,
        }
        body = await self.api.get(
            f"{API}/exercises", params={k: v for k, v in params.items() if v is not None}
        )
        return tuple(Exercise.from_json(x) for x in p.items(p.obj(body).get("items")))

    async def exercise(self, exercise_id: str) -> Exercise:
        return Exercise.from_json(await self.api.get(f"{API}/exercises/{exercise_id}"))

    async def exercise_names(self, ids: Iterable[str], language: str = "en") -> dict[str, str]:
        """Names of catalog exercises by id (programs list ids only), in `language` where the
        catalog has it; unknown ids are left out (a deleted custom exercise)."""
        wanted = sorted(set(ids))
        found = await asyncio.gather(*(self.exercise(i) for i in wanted), return_exceptions=True)
        return {
            i: x.name_in(language)
            for i, x in zip(wanted, found, strict=True)
            if isinstance(x, Exercise)
        }

    # ---- logging ----

    async def start(
        self, *, name: str = "Workout", utc_offset_minutes: int = 0, idempotency_key: str = ""
    ) -> Workout:
        body = await self.api.post(
            f"{API}/workouts",
            json={"name": name, "utc_offset_minutes": utc_offset_minutes},
            idempotency_key=idempotency_key or None,
        )
        return Workout.from_json(body)

    async def add_exercise(self, workout_id: str, exercise_id: str) -> Workout:
        body = await self.api.post(
            f"{API}/workouts/{workout_id}/exercises", json={"exercise_id": exercise_id}
        )
        return Workout.from_json(body)

    async def remove_exercise(self, workout_id: str, entry_id: str) -> Workout:
        body = await self.api.delete(f"{API}/workouts/{workout_id}/exercises/{entry_id}")
        return Workout.from_json(body)

    async def reorder_exercises(self, workout_id: str, entry_ids: Iterable[str]) -> Workout:
        """The workout's exercises in this order (each of its entry ids once)."""
        body = await self.api.put(
            f"{API}/workouts/{workout_id}/exercise-order", json={"entry_ids": list(entry_ids)}
        )
        return Workout.from_json(body)

    async def add_set(self, workout_id: str, entry_id: str, fields: dict[str, Any]) -> Workout:
        """`fields` is one set as the service takes it, with its `kind`."""
        body = await self.api.post(
            f"{API}/workouts/{workout_id}/exercises/{entry_id}/sets", json=fields
        )
        return Workout.from_json(body)

    async def update_set(
        self, workout_id: str, entry_id: str, set_id: str, changes: dict[str, Any]
    ) -> Workout:
        body = await self.api.patch(
            f"{API}/workouts/{workout_id}/exercises/{entry_id}/sets/{set_id}", json=changes
        )
        return Workout.from_json(body)

    async def remove_set(self, workout_id: str, entry_id: str, set_id: str) -> Workout:
        body = await self.api.delete(
            f"{API}/workouts/{workout_id}/exercises/{entry_id}/sets/{set_id}"
        )
        return Workout.from_json(body)

    async def complete(self, workout_id: str, body_weight_kg: float | None = None) -> Workout:
        """Finish it: the service computes calories with `body_weight_kg` if given, else the
        weight it knows for that day (the answer says which)."""
        body = {"body_weight_kg": body_weight_kg} if body_weight_kg else None
        return Workout.from_json(
            await self.api.post(f"{API}/workouts/{workout_id}/complete", json=body)
        )

    async def delete(self, workout_id: str) -> None:
        await self.api.delete(f"{API}/workouts/{workout_id}")

    # ---- programs ----

    async def programs(self) -> tuple[Program, ...]:
        body = await self.api.get(f"{API}/programs")
        return tuple(Program.from_json(x) for x in p.items(p.obj(body).get("items")))

    async def program(self, program_id: str) -> Program:
        return Program.from_json(await self.api.get(f"{API}/programs/{program_id}"))

    async def create_program(self, draft: ProgramDraft) -> Program:
        return Program.from_json(await self.api.post(f"{API}/programs", json=draft.to_json()))

    async def update_program(self, program_id: str, draft: ProgramDraft) -> Program:
        body = await self.api.put(f"{API}/programs/{program_id}", json=draft.to_json())
        return Program.from_json(body)

    async def delete_program(self, program_id: str) -> None:
        await self.api.delete(f"{API}/programs/{program_id}")

    async def progress(self, exercise_id: str, start: dt.date | None = None) -> ExerciseProgress:
        """Completed sessions of the exercise since `start` (the service's default: 2 years)."""
        params = {"from": start.isoformat()} if start else None
        body = await self.api.get(f"{API}/progress/{exercise_id}", params=params)
        return ExerciseProgress.from_json(body)

    async def start_program(self, program_id: str) -> Workout:
        """Today's workout from the program's next day, targets progressed by its rule."""
        return Workout.from_json(await self.api.post(f"{API}/programs/{program_id}/start"))
