"""``auth.user.deleted``: remove everything the workouts service holds about that user.

Every step is a delete, so running it twice (a redelivery) changes nothing the second time.
"""

from __future__ import annotations

from typing import Any

from backend_services.kernel.contracts import Received, UserDeleted

from .repository import WorkoutsRepository


def delete_user_data(db: Any, event: Received[UserDeleted]) -> None:
    erase_user(db, event.user_id)


def erase_user(db: Any, user_id: str) -> None:
    repo = WorkoutsRepository(db)
    repo.mark_deleted(user_id)  # first: a late weigh-in copy looks for it (copy_weigh_in)
    repo.workouts.delete_many({"user_id": user_id})
    repo.exercise_bests.delete_many({"user_id": user_id})
    repo.daily_metrics.delete_many({"user_id": user_id})
    repo.import_jobs.delete_many({"user_id": user_id})
    repo.import_mappings.delete_many({"user_id": user_id})
    repo.exercises.delete_many({"owner_id": user_id})
    repo.programs.delete_many({"owner_id": user_id})
    repo.profiles.delete_one({"_id": user_id})
    repo.body_weights.delete_many({"user_id": user_id})
