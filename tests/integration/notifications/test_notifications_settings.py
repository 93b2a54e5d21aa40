"""What GET /api/notifications/settings shows: the channels as used, and the quiet hours."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from notifications_factories import Users
from sqlalchemy import Engine

from backend_services.notifications.service import NotificationsService
from backend_services.notifications.settings import NotificationsSettings

NORM_BY_EMAIL = {"daily_norm_exceeded": {"email": True, "push": False, "in_app": True}}


def test_settings_show_the_unsubscribed_email_as_off_and_the_quiet_hours(
    users: Users,
    engine: Engine,
    settings: NotificationsSettings,
    query: Callable[..., list[Any]],
) -> None:
    # issue 13: one-click unsubscribe left "email: true"; quiet hours were not shown
    user = users.make(preferences=NORM_BY_EMAIL, quiet={"start": "22:00", "end": "07:00"})
    service = NotificationsService(engine, settings, vapid_public_key="test")
    shown = service.get_settings(user)
    assert shown["quiet_hours"] == {"start": "22:00", "end": "07:00"}
    assert shown["preferences"]["daily_norm_exceeded"]["email"] is True
    (token,) = query(
        "SELECT unsubscribe_token FROM notifications.recipients WHERE user_id = :u", u=user
    )
    service.unsubscribe_email(token.unsubscribe_token, "daily_norm_exceeded")
    shown = service.get_settings(user)
    assert shown["email_opted_out"] == ["daily_norm_exceeded"]
    assert shown["preferences"]["daily_norm_exceeded"] == {
        "email": False,
        "push": False,
        "in_app": True,
    }
    users.profile(user, preferences=NORM_BY_EMAIL, quiet=None)
    assert service.get_settings(user)["quiet_hours"] is None


NORM_OFF = {"daily_norm_exceeded": {"email": False, "push": False, "in_app": True}}


def test_an_unsubscribe_is_told_to_the_users_service_and_undone_by_turning_the_email_on(
    users: Users,
    engine: Engine,
    settings: NotificationsSettings,
    query: Callable[..., list[Any]],
) -> None:
    # one truth: the users service keeps the choices, so it hears of the unsubscribe; the
    # user who turns that e-mail on again there gets it again (the opt-out used to stay)
    user = users.make(preferences=NORM_BY_EMAIL)
    service = NotificationsService(engine, settings, vapid_public_key="test")
    (token,) = query(
        "SELECT unsubscribe_token FROM notifications.recipients WHERE user_id = :u", u=user
    )
    service.unsubscribe_email(token.unsubscribe_token, "daily_norm_exceeded")
    service.unsubscribe_email(token.unsubscribe_token, "daily_norm_exceeded")  # a second click
    told = query(
        "SELECT payload FROM notifications.outbox WHERE type = 'notifications.email.unsubscribed'"
        " AND payload->>'user_id' = :u",
        u=user,
    )
    assert [row.payload["data"] for row in told] == [{"notification_type": "daily_norm_exceeded"}]
    # an unrelated change published before the users service heard of it lifts nothing
    users.profile(user, preferences=NORM_BY_EMAIL, target=2100)
    assert service.get_settings(user)["email_opted_out"] == ["daily_norm_exceeded"]
    # the users service turns it off in the preferences and publishes the profile
    users.profile(user, preferences=NORM_OFF)
    assert service.get_settings(user)["email_opted_out"] == ["daily_norm_exceeded"]
    # the user turns the e-mail on again in the settings
    users.profile(user, preferences=NORM_BY_EMAIL)
    shown = service.get_settings(user)
    assert shown["email_opted_out"] == []
    assert shown["preferences"]["daily_norm_exceeded"]["email"] is True


def test_turning_one_email_on_after_unsubscribing_from_all_brings_back_only_that_one(
    users: Users,
    engine: Engine,
    settings: NotificationsSettings,
    query: Callable[..., list[Any]],
) -> None:
    both = {**NORM_BY_EMAIL, "goal_progress": {"email": True, "push": False, "in_app": True}}
    user = users.make(preferences=both)
    service = NotificationsService(engine, settings, vapid_public_key="test")
    (token,) = query(
        "SELECT unsubscribe_token FROM notifications.recipients WHERE user_id = :u", u=user
    )
    service.unsubscribe_email(token.unsubscribe_token, None)
    assert service.get_settings(user)["email_opted_out"] == ["*"]
    # the user turns the norm's e-mail off and on again before the users service applied
    # the unsubscribe (goal progress still on there): only the norm's e-mail comes back
    users.profile(user, preferences={**both, **NORM_OFF})
    users.profile(user, preferences=both)
    shown = service.get_settings(user)
    assert "daily_norm_exceeded" not in shown["email_opted_out"]
    assert "*" not in shown["email_opted_out"]
    assert "goal_progress" in shown["email_opted_out"]
    assert shown["preferences"]["daily_norm_exceeded"]["email"] is True
    assert shown["preferences"]["goal_progress"]["email"] is False
