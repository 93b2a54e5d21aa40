"""One session recorded twice (two platforms, or twice in one export) is one workout.

An imported workout that overlaps a stored completed workout of the same activity by at
least half of the shorter one (or that is, with another source's, the only session of that
activity that day and about as long: one clock was off) is not stored on its own. It is
attached to the stored one under ``merged`` with its provenance (source, external id,
device, times, energy) and the whole workout it would have been, so the user sees what each
source said and can undo the merge (``separate``), which stores it as its own workout
(counted from then on). The stored workout keeps its own numbers; a merged copy is never
counted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backend_services.kernel.errors import NotFound

from .. import events
from ..repository import WorkoutsRepository

MIN_OVERLAP = 0.5  # of the shorter session
SAME_LENGTH = 0.75  # shorter / longer duration of two sources' records of one session
OUTBOX_FIELDS = ("outbox", "outbox_pending")


def overlap_share(a: dict[str, Any], b: dict[str, Any]) -> float:
    """How much of the shorter of two workouts the other one covers (0..1)."""
    start = max(a["started_at"], b["started_at"])
    end = min(a["ended_at"], b["ended_at"])
    shorter = min(
        (a["ended_at"] - a["started_at"]).total_seconds(),
        (b["ended_at"] - b["started_at"]).total_seconds(),
    )
    if shorter <= 0:
        return 1.0 if start <= end else 0.0
    return max((end - start).total_seconds(), 0.0) / shorter


def _activities(doc: dict[str, Any]) -> set[str]:
    return {e["exercise_id"] for e in doc.get("exercises", [])}


def same_session(new: dict[str, Any], stored: dict[str, Any]) -> bool:
    """Overlapping by at least half of the shorter one, with an activity in common."""
    return bool(_activities(new) & _activities(stored)) and overlap_share(new, stored) >= (
        MIN_OVERLAP
    )


def same_day_session(new: dict[str, Any], stored: dict[str, Any]) -> bool:
    """Two sources' only session of one activity on one day, of about the same length: the
    same session with one source's clock or time zone off (Google Fit's strength session
    at 18:00 and Apple's at 19:01 the same evening). The caller checks "only"."""
    if new.get("source") == stored.get("source") or not _activities(new) & _activities(stored):
        return False
    if new["local_date"] != stored["local_date"]:
        return False
    a, b = new["result"]["duration_s"] or 0, stored["result"]["duration_s"] or 0
    return max(a, b) > 0 and min(a, b) / max(a, b) >= SAME_LENGTH


def find_same_session(
    repo: WorkoutsRepository, user_id: str, new: dict[str, Any], *, only_one_that_day: bool
) -> dict[str, Any] | None:
    """A stored, completed workout (imported or logged) that is this session: one that
    overlaps it, or, when ``new`` is its export's only session of the activity that day,
    another source's only session of it that day (``same_day_session``)."""
    visible = {"user_id": user_id, "status": "completed", "deleted": {"$ne": True}}
    overlapping = repo.workouts.find(
        {**visible, "started_at": {"$lt": new["ended_at"]}, "ended_at": {"$gt": new["started_at"]}}
    )
    found = next((c for c in overlapping if same_session(new, c)), None)
    if found is not None or not only_one_that_day:
        return found
    that_day = [
        c
        for c in repo.workouts.find({**visible, "local_date": new["local_date"]})
        if _activities(new) & _activities(c)
    ]
    if len(that_day) == 1 and same_day_session(new, that_day[0]):
        return that_day[0]
    return None


def already_merged(repo: WorkoutsRepository, user_id: str, external_id: str) -> bool:
    return (
        repo.workouts.count_documents({"user_id": user_id, "merged.external_id": external_id}) > 0
    )


def merge_into(
    repo: WorkoutsRepository, stored: dict[str, Any], new: dict[str, Any], now: datetime
) -> None:
    workout = {k: v for k, v in new.items() if k not in OUTBOX_FIELDS}
    provenance = {
        "source": new.get("source"),
        "external_id": new["external_id"],
        "device": new.get("device"),
        "started_at": new["started_at"],
        "ended_at": new["ended_at"],
        "calories_kcal": new["result"]["calories_kcal"],
        "calorie_source": new["result"]["calorie_source"],
        "merged_at": now,
        "workout": workout,
    }
    repo.workouts.update_one(
        {"_id": stored["_id"]},
        {"$push": {"merged": provenance}, "$set": {"updated_at": now}, "$inc": {"version": 1}},
    )


def separate(
    repo: WorkoutsRepository, user_id: str, workout_id: str, external_id: str, now: datetime
) -> dict[str, Any]:
    """Undo a merge: the merged session becomes its own workout again (and is counted)."""
    stored = repo.workouts.find_one(
        {"_id": workout_id, "user_id": user_id, "merged.external_id": external_id}
    )
    if stored is None:
        raise NotFound("No such merged session in this workout.")
    entry = next(m for m in stored["merged"] if m["external_id"] == external_id)
    workout = {**entry["workout"], "updated_at": now, "separated_from": workout_id}
    workout["outbox"] = [events.outbox_entry(events.workout_imported(user_id, workout), now)]
    workout["outbox_pending"] = now
    repo.workouts.insert_one(workout)
    repo.workouts.update_one(
        {"_id": workout_id},
        {
            "$pull": {"merged": {"external_id": external_id}},
            "$set": {"updated_at": now},
            "$inc": {"version": 1},
        },
    )
    return workout
