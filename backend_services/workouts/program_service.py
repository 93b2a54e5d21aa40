"""Program use cases: the programs a user can follow (built-in and their own, with where they
are in each and their training weekdays) and starting today's session of one.

The program the user follows is the one of their most recently started program workout.
When that changes (a start from another program) or its plan does (an edit, a deletion), a
``workouts.program_plan.changed`` goes out in the same document write: the started workout's,
or the program's."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from backend_services.kernel.errors import Conflict, InvalidInput, NotFound

from . import events
from .documents import new_entry, new_workout
from .models import ProgramCreate
from .programs import BUILTIN_PROGRAMS, next_day_index, schedule_of, target_weight
from .repository import WorkoutsRepository

# A program's progression looks at the last year of sessions (read through the
# {user_id, exercise, local_date} index range); its e1RM is all-time, from the bests document.
PROGRAM_HISTORY_DAYS = 366
MAX_OWN_PROGRAMS = 50


class ProgramService:
    def __init__(self, repo: WorkoutsRepository, clock: Callable[[], datetime]):
        self.repo = repo
        self.clock = clock

    def list_programs(self, user_id: str) -> list[dict[str, Any]]:
        found = [*BUILTIN_PROGRAMS.values(), *self.repo.list_programs(user_id)]
        return [self._with_position(user_id, program) for program in found]

    def get_program(self, user_id: str, program_id: str) -> dict[str, Any]:
        return self._with_position(user_id, self._program(user_id, program_id))

    def _program(self, user_id: str, program_id: str) -> dict[str, Any]:
        program = BUILTIN_PROGRAMS.get(program_id) or self.repo.get_program(user_id, program_id)
        if program is None:
            raise NotFound("No such program.")
        return program

    def _with_position(self, user_id: str, program: dict[str, Any]) -> dict[str, Any]:
        """Where the user is in it: the next day of the rotation and the week, counted in
        completed sessions (``days_per_week`` of them make a week)."""
        last = self.repo.last_program_workout(user_id, program["_id"])
        day_index = next_day_index(program, last["program"]["day_index"] if last else None)
        done = self.repo.program_sessions_done(user_id, program["_id"])
        position = {
            "sessions_done": done,
            "week": done // program["days_per_week"] + 1,
            "next_day_index": day_index,
            "next_day": program["days"][day_index]["name"],
        }
        return {**program, "schedule": schedule_of(program), "position": position}

    def create_program(self, user_id: str, data: ProgramCreate) -> dict[str, Any]:
        if self.repo.count_programs(user_id) >= MAX_OWN_PROGRAMS:
            raise InvalidInput(
                f"At most {MAX_OWN_PROGRAMS} programs of your own; delete one first.",
                fields={"name": "too many programs"},
            )
        now = self.clock()
        doc = {
            "_id": uuid.uuid4().hex,
            "owner_id": user_id,
            **self._program_fields(user_id, data),
            "source": "own",
            "created_at": now,
            "updated_at": now,
        }
        self.repo.insert_program(doc)
        return self._with_position(user_id, doc)

    def update_program(self, user_id: str, program_id: str, data: ProgramCreate) -> dict[str, Any]:
        if program_id in BUILTIN_PROGRAMS:
            raise Conflict(
                "A built-in program cannot be changed; create your own.", code="builtin_program"
            )
        now = self.clock()
        fields = {**self._program_fields(user_id, data), "updated_at": now}
        entry = None
        if self.repo.followed_program_id(user_id) == program_id:
            plan = events.program_plan_changed(user_id, {"_id": program_id, **fields})
            entry = events.outbox_entry(plan, now)
        updated = self.repo.replace_program(user_id, program_id, fields, entry)
        if updated is None:
            raise NotFound("No such program.")
        return self._with_position(user_id, updated)

    def delete_program(self, user_id: str, program_id: str) -> None:
        if program_id in BUILTIN_PROGRAMS:
            raise Conflict("A built-in program cannot be deleted.", code="builtin_program")
        if self.repo.followed_program_id(user_id) == program_id:
            entry = events.outbox_entry(events.program_plan_changed(user_id, None), self.clock())
            deleted = self.repo.delete_program_announcing(user_id, program_id, entry)
        else:
            deleted = self.repo.delete_program(user_id, program_id)
        if not deleted:
            raise NotFound("No such program.")

    def _program_fields(self, user_id: str, data: ProgramCreate) -> dict[str, Any]:
        """The stored days; every exercise must be a strength exercise the user can see (a
        program prescribes sets x reps at a weight)."""
        days = data.model_dump()["days"]
        ids = [item["exercise_id"] for day in days for item in day["exercises"]]
        found = self.repo.visible_exercises(user_id, ids)
        wrong = {
            f"days.{d}.exercises.{n}.exercise_id": "unknown exercise"
            if item["exercise_id"] not in found
            else "not a strength exercise"
            for d, day in enumerate(days)
            for n, item in enumerate(day["exercises"])
            if found.get(item["exercise_id"], {}).get("kind") != "strength"
        }
        if wrong:
            raise InvalidInput(
                "A program's exercises are strength exercises from the catalog.", fields=wrong
            )
        return {
            "name": data.name,
            "description": data.description,
            "days_per_week": data.days_per_week,
            "schedule": schedule_of(
                {"schedule": data.schedule, "days_per_week": data.days_per_week}
            ),
            "days": days,
        }

    def start_workout(self, user_id: str, program_id: str) -> dict[str, Any]:
        """Create and store today's workout from the program's next day, with progressed
        targets."""
        program = self._program(user_id, program_id)
        newly_followed = self.repo.followed_program_id(user_id) != program_id
        last = self.repo.last_program_workout(user_id, program_id)
        day_index = next_day_index(program, last["program"]["day_index"] if last else None)
        day = program["days"][day_index]
        ids = [item["exercise_id"] for item in day["exercises"]]
        found = self.repo.visible_exercises(user_id, ids)
        since = (self.clock().date() - timedelta(days=PROGRAM_HISTORY_DAYS)).isoformat()
        history = self.repo.completed_with_exercises(user_id, ids, since=since)
        all_time = self.repo.exercise_bests_docs(user_id, ids)
        entries = []
        for item in day["exercises"]:
            ex = found.get(item["exercise_id"])
            if ex is None:
                raise InvalidInput(
                    "The program uses an exercise that is not in the catalog.",
                    fields={"exercise_id": item["exercise_id"]},
                )
            weight, reason = target_weight(
                item, history, (all_time.get(item["exercise_id"]) or {}).get("e1rm")
            )
            entry = new_entry(ex)
            entry["target"] = {
                "sets": item["sets"],
                "reps": item["reps"],
                "weight_kg": weight,
                "rule": reason,
            }
            entries.append(entry)
        now = self.clock()
        doc = new_workout(
            user_id,
            name=f"{program['name']}: day {day['name']}",
            notes=None,
            source="program",
            started_at=now,
            utc_offset_minutes=0,
            body_weight_kg=None,
            exercises=entries,
            program={"program_id": program["_id"], "day_index": day_index},
            now=now,
        )
        if newly_followed:
            plan = events.program_plan_changed(user_id, program)
            doc.update(outbox=[events.outbox_entry(plan, now)], outbox_pending=now)
        self.repo.insert_workout(doc)
        return doc
