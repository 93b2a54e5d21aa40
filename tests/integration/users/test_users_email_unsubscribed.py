"""An unsubscribe link used (notifications.email.unsubscribed) turns that e-mail off in the
user's choices, the one place they live (issue 13: the preference still said e-mail on)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import contract_events
from users_profiles import Sql, outbox

from backend_services.kernel.messaging import Event
from backend_services.users.schemas import ProfilePatch
from backend_services.users.service import UsersService

NORM_BY_EMAIL = {"daily_norm_exceeded": {"email": True, "push": False, "in_app": True}}


def published(users_sql: Sql, user_id: str) -> list[dict[str, Any]]:
    events = outbox(users_sql, user_id, "users.profile.updated")
    return [event["data"]["notifications"] for event in events]


def test_the_unsubscribed_email_is_off_in_the_profile_and_published(
    users_service: UsersService, deliver: Callable[[Event], bool], users_sql: Sql
) -> None:
    user = str(uuid.uuid4())
    deliver(contract_events.registered(user))
    users_service.patch_profile(
        user, ProfilePatch.model_validate({"notifications": {"preferences": NORM_BY_EMAIL}})
    )
    before = len(published(users_sql, user))
    assert deliver(contract_events.email_unsubscribed(user, "daily_norm_exceeded"))
    prefs = users_service.get_profile(user)["notifications"]["preferences"]
    assert prefs["daily_norm_exceeded"] == {"email": False, "push": False, "in_app": True}
    assert prefs["goal_progress"]["email"] is True  # the others as they were
    after = published(users_sql, user)
    assert len(after) == before + 1
    assert after[-1]["daily_norm_exceeded"]["email"] is False
    # a second link of the same type changes nothing and publishes nothing
    deliver(contract_events.email_unsubscribed(user, "daily_norm_exceeded"))
    assert len(published(users_sql, user)) == before + 1
    # "every type": every e-mail off, the other channels kept
    deliver(contract_events.email_unsubscribed(user, None))
    prefs = users_service.get_profile(user)["notifications"]["preferences"]
    assert not any(channels["email"] for channels in prefs.values())
    assert prefs["daily_norm_exceeded"]["in_app"] is True
    # the user turns one on again: theirs to choose
    users_service.patch_profile(
        user, ProfilePatch.model_validate({"notifications": {"preferences": NORM_BY_EMAIL}})
    )
    assert published(users_sql, user)[-1]["daily_norm_exceeded"]["email"] is True


def test_an_unsubscribe_for_an_account_without_a_profile_or_deleted_changes_nothing(
    users_service: UsersService, deliver: Callable[[Event], bool], users_sql: Sql
) -> None:
    nobody = str(uuid.uuid4())
    assert deliver(contract_events.email_unsubscribed(nobody, None))
    assert published(users_sql, nobody) == []
    gone = str(uuid.uuid4())
    deliver(contract_events.registered(gone))
    deliver(contract_events.user_deleted(gone))
    assert deliver(contract_events.email_unsubscribed(gone, "daily_norm_exceeded"))
    assert users_sql("SELECT count(*) FROM users.profiles WHERE user_id = :u", u=gone) == [(0,)]
