"""A weigh-in copied from the users service's event never outlives the account's erasure,
whichever comes first: the events of two producers (users' weigh-in, auth's deletion) are not
ordered, so a copy can arrive after the erasure, or be written while it runs."""

from __future__ import annotations

from datetime import UTC, datetime

from backend_services.workouts.account_deletion import erase_user
from backend_services.workouts.repository import WorkoutsRepository

NOW = datetime(2026, 12, 1, 8, tzinfo=UTC)


def test_a_copy_arriving_after_the_erasure_stores_nothing(repo: WorkoutsRepository) -> None:
    repo.copy_weigh_in("ann", "2026-11-30", 70.0, NOW)
    erase_user(repo.db, "ann")
    repo.copy_weigh_in("ann", "2026-12-01", 69.5, NOW)  # the late event
    assert repo.body_weights.count_documents({"user_id": "ann"}) == 0
    # Another account is not affected.
    repo.copy_weigh_in("bob", "2026-12-01", 80.0, NOW)
    assert repo.copied_weight_on_or_before("bob", "2026-12-01") == 80.0


def test_a_copy_written_between_the_erasures_mark_and_its_delete_goes(
    repo: WorkoutsRepository,
) -> None:
    """The interleaving the two checks close: the copy looks (no mark), the erasure marks
    and deletes, then the copy writes; its second look sees the mark and removes it."""
    looks: list[bool] = []
    real_is_deleted = repo.is_deleted

    def is_deleted(user_id: str) -> bool:
        if not looks:  # the copy's first look; the erasure runs right after it
            looks.append(real_is_deleted(user_id))
            erase_user(repo.db, user_id)
            return looks[0]
        looks.append(real_is_deleted(user_id))
        return looks[-1]

    repo.is_deleted = is_deleted  # type: ignore[method-assign]
    repo.copy_weigh_in("cy", "2026-12-01", 60.0, NOW)
    assert looks == [False, True]
    assert repo.body_weights.count_documents({"user_id": "cy"}) == 0
