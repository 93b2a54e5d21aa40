"""Programs (start today's session with progression), progress per exercise, weekly summary."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from backend_services.kernel.errors import Conflict, InvalidInput, NotFound

from . import domain
from .models import ProgramCreate
from .programs import BUILTIN_PROGRAMS, next_day_index
from .repository import WorkoutsRepository
from .service import WorkoutService, _day_fields, bests_from_doc, new_entry

MAX_SUMMARY_DAYS = 366 * 2
# History windows (read through the {user_id, exercise, local_date} index range, so the cost is
# the window's sessions, not the user's whole history): progress shows the last two years unless
# asked for more; a program's progression looks at the last year (its e1RM is all-time, from the
# bests document).
PROGRESS_DAYS = 366 * 2
PROGRAM_HISTORY_DAYS = 366
MAX_OWN_PROGRAMS = 50


class ReportService:
    def __init__(self, repo: WorkoutsRepository, workouts: WorkoutService):
        self.repo = repo
        self.workouts = workouts

    # ---------------------------------------------------------------- programs
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
        return {**program, "position": position}

    def create_program(self, user_id: str, data: ProgramCreate) -> dict[str, Any]:
        if self.repo.count_programs(user_id) >= MAX_OWN_PROGRAMS:
            raise InvalidInput(
                f"At most {MAX_OWN_PROGRAMS} programs of your own; delete one first.",
                fields={"name": "too many programs"},
            )
        now = self.workouts.clock()
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
        fields = {**self._program_fields(user_id, data), "updated_at": self.workouts.clock()}
        updated = self.repo.replace_program(user_id, program_id, fields)
        if updated is None:
            raise NotFound("No such program.")
        return self._with_position(user_id, updated)

    def delete_program(self, user_id: str, program_id: str) -> None:
        if program_id in BUILTIN_PROGRAMS:
            raise Conflict("A built-in program cannot be deleted.", code="builtin_program")
        if not self.repo.delete_program(user_id, program_id):
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
            "days": days,
        }

    def start_from_program(self, user_id: str, program_id: str) -> dict[str, Any]:
        """Create today's workout from the program's next day, with progressed targets."""
        program = self._program(user_id, program_id)
        last = self.repo.last_program_workout(user_id, program_id)
        day_index = next_day_index(program, last["program"]["day_index"] if last else None)
        day = program["days"][day_index]
        ids = [item["exercise_id"] for item in day["exercises"]]
        found = self.repo.visible_exercises(user_id, ids)
        since = (self.workouts.clock().date() - timedelta(days=PROGRAM_HISTORY_DAYS)).isoformat()
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
        now = self.workouts.clock()
        doc: dict[str, Any] = {
            "_id": uuid.uuid4().hex,
            "user_id": user_id,
            "status": "in_progress",
            "name": f"{program['name']}: day {day['name']}",
            "notes": None,
            "source": "program",
            "started_at": now,
            "ended_at": None,
            "utc_offset_minutes": 0,
            **_day_fields(now, 0),
            "body_weight_kg": None,
            "exercises": entries,
            "program": {"program_id": program["_id"], "day_index": day_index},
            "result": None,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        self.repo.insert_workout(doc)
        return doc

    # ---------------------------------------------------------------- progress
    def progress(
        self, user_id: str, exercise_id: str, date_from: date | None = None
    ) -> dict[str, Any]:
        exercise = self.workouts.get_exercise(user_id, exercise_id)
        since = date_from or self.workouts.clock().date() - timedelta(days=PROGRESS_DAYS)
        sessions: list[dict[str, Any]] = []
        weekly: dict[str, float] = {}
        records: list[dict[str, Any]] = []
        history = self.repo.completed_with_exercises(
            user_id, [exercise_id], since=since.isoformat()
        )
        for past in history:
            for entry in past["exercises"]:
                if entry["exercise_id"] != exercise_id:
                    continue
                working = [s for s in entry["sets"] if s.get("set_type", "working") != "warm_up"]
                best = max(
                    working,
                    key=lambda s: (
                        domain.estimated_one_rep_max(s.get("weight_kg", 0), s.get("reps", 0)) or 0,
                        s.get("weight_kg", 0),
                    ),
                    default=None,
                )
                bests = bests_from_doc(entry.get("bests") or {})
                sessions.append(
                    {
                        "workout_id": past["_id"],
                        "local_date": past["local_date"],
                        "best_set": best and {k: best.get(k) for k in ("reps", "weight_kg")},
                        "e1rm_epley": best
                        and _round(domain.epley_1rm(best.get("weight_kg", 0), best.get("reps", 0))),
                        "e1rm_brzycki": best
                        and _round(
                            domain.brzycki_1rm(best.get("weight_kg", 0), best.get("reps", 0))
                        ),
                        "e1rm_kg": bests.e1rm,
                        "volume_kg": bests.volume,
                    }
                )
                week = f"{past['iso_year']}-W{past['iso_week']:02d}"
                weekly[week] = round(weekly.get(week, 0.0) + bests.volume, 3)
            for record in (past.get("result") or {}).get("personal_records", []):
                if record["exercise_id"] == exercise_id:
                    records.append({**record, "local_date": past["local_date"]})
        return {
            "exercise_id": exercise_id,
            "name": exercise["name"],
            "from": since.isoformat(),
            "e1rm_formula": domain.E1RM_FORMULA,
            "sessions": sessions,
            "volume_per_week": [{"week": w, "volume_kg": v} for w, v in sorted(weekly.items())],
            "personal_records": records,
        }

    # ---------------------------------------------------------------- summary
    def summary(self, user_id: str, date_from: date, date_to: date) -> dict[str, Any]:
        if date_from > date_to:
            raise InvalidInput("`from` is after `to`.", fields={"from": "must be <= to"})
        if (date_to - date_from).days > MAX_SUMMARY_DAYS:
            raise InvalidInput("At most two years per summary.", fields={"to": "range too long"})
        # The leading $match is exactly the {user_id, local_date} index prefix (SecantusDB plans
        # nothing else on an index); the second keeps completed, visible workouts.
        match = [
            {
                "$match": {
                    "user_id": user_id,
                    "local_date": {"$gte": date_from.isoformat(), "$lte": date_to.isoformat()},
                }
            },
            {"$match": {"status": "completed", "deleted": {"$ne": True}}},
        ]
        week_id = {"year": "$iso_year", "week": "$iso_week"}
        weeks = self.repo.aggregate(
            [
                *match,
                {
                    "$group": {
                        "_id": week_id,
                        "workouts": {"$sum": 1},
                        "seconds": {"$sum": "$result.duration_s"},
                        "calories_kcal": {"$sum": "$result.calories_kcal"},
                        "volume_kg": {"$sum": "$result.volume_kg"},
                    }
                },
                {"$sort": {"_id.year": 1, "_id.week": 1}},
            ]
        )
        muscles = self.repo.aggregate(
            [
                *match,
                {"$unwind": "$result.per_exercise"},
                {"$match": {"result.per_exercise.volume_kg": {"$gt": 0}}},
                {"$unwind": "$result.per_exercise.muscles"},
                {
                    "$group": {
                        "_id": {**week_id, "muscle": "$result.per_exercise.muscles"},
                        "volume_kg": {"$sum": "$result.per_exercise.volume_kg"},
                    }
                },
                {"$sort": {"_id.year": 1, "_id.week": 1, "_id.muscle": 1}},
            ]
        )
        by_week: dict[str, dict[str, Any]] = {}
        for row in weeks:
            key = f"{row['_id']['year']}-W{row['_id']['week']:02d}"
            by_week[key] = {
                "week": key,
                "workouts": row["workouts"],
                "minutes": round(row["seconds"] / 60, 1),
                "calories_kcal": round(row["calories_kcal"] or 0, 1),
                "volume_kg": round(row["volume_kg"] or 0, 3),
                "volume_by_muscle": {},
            }
        for row in muscles:
            key = f"{row['_id']['year']}-W{row['_id']['week']:02d}"
            if key in by_week:
                by_week[key]["volume_by_muscle"][row["_id"]["muscle"]] = round(row["volume_kg"], 3)
        items = list(by_week.values())
        return {
            "from": date_from.isoformat(),
            "to": date_to.isoformat(),
            "workouts": sum(w["workouts"] for w in items),
            "minutes": round(sum(w["minutes"] for w in items), 1),
            "calories_kcal": round(sum(w["calories_kcal"] for w in items), 1),
            "volume_kg": round(sum(w["volume_kg"] for w in items), 3),
            "weeks": items,
        }


def target_weight(
    item: dict[str, Any], history: list[dict[str, Any]], all_time_e1rm: float | None = None
) -> tuple[float, str]:
    """The program's target for ``item`` from the user's completed workouts.

    "Last time" is the most recently started completed workout holding the exercise,
    whether it came from the program or not (a squat is a squat), so two sessions on one
    day count in the order they were done. A session's weight is its heaviest working set
    (warm-ups never count); it met its target when it has at least the target number of
    working sets and every one reached the target reps (the session's own target, else the
    program's). The rule (progress / repeat / deload) is ``domain.next_target_weight`` over
    those sessions, oldest first.
    """
    outcomes: list[domain.SessionOutcome] = []
    best_e1rm: float | None = all_time_e1rm
    for past in sorted(history, key=_done_order):
        for entry in past["exercises"]:
            if entry["exercise_id"] != item["exercise_id"]:
                continue
            working = [s for s in entry["sets"] if s.get("set_type", "working") != "warm_up"]
            if not working:
                continue
            target_reps = (entry.get("target") or {}).get("reps") or item["reps"]
            weight = max(s.get("weight_kg", 0.0) for s in working)
            met = all(s.get("reps", 0) >= target_reps for s in working) and len(working) >= (
                (entry.get("target") or {}).get("sets") or item["sets"]
            )
            outcomes.append(domain.SessionOutcome(weight, met))
            e1rm = (entry.get("bests") or {}).get("e1rm")
            if e1rm:
                best_e1rm = max(best_e1rm or 0.0, e1rm)
    if item.get("percent_e1rm") and best_e1rm:
        weight = best_e1rm * item["percent_e1rm"] / 100
        return round(weight // 1.25 * 1.25, 3), "percent_e1rm"
    return domain.next_target_weight(
        item["start_weight_kg"], outcomes, increment_kg=item["increment_kg"]
    )


def _done_order(workout: dict[str, Any]) -> tuple[str, str]:
    """When a workout was done: its start instant (UTC), then its day for old documents."""
    started = workout.get("started_at")
    return (started.isoformat() if started else "", workout.get("local_date", ""))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
