"""Reports over completed workouts: progress per exercise, the weekly summary."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from backend_services.kernel.errors import InvalidInput

from . import domain, summary
from .repository import WorkoutsRepository
from .service import WorkoutService

MAX_SUMMARY_DAYS = 366 * 2
# History window (read through the {user_id, exercise, local_date} index range, so the cost is
# the window's sessions, not the user's whole history): progress shows the last two years unless
# asked for more.
PROGRESS_DAYS = 366 * 2


class ReportService:
    def __init__(self, repo: WorkoutsRepository, workouts: WorkoutService):
        self.repo = repo
        self.workouts = workouts

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
                bests = domain.bests_from_doc(entry.get("bests") or {})
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
        # One find on the {user_id, local_date} index and the sums here: SecantusDB runs a
        # $group/$unwind pipeline over a year's workouts in ~145 ms, this in ~11 ms.
        found = self.repo.completed_between(
            user_id, date_from.isoformat(), date_to.isoformat(), summary.FIELDS
        )
        items = summary.weekly_summary(found)
        return {
            "from": date_from.isoformat(),
            "to": date_to.isoformat(),
            "workouts": sum(w["workouts"] for w in items),
            "minutes": round(sum(w["minutes"] for w in items), 1),
            "calories_kcal": round(sum(w["calories_kcal"] for w in items), 1),
            "volume_kg": round(sum(w["volume_kg"] for w in items), 3),
            "weeks": items,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
