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
