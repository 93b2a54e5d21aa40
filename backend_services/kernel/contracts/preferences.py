"""Notification kinds and channels, and what a user gets before choosing: shared by the users
service (which keeps each user's choices) and notifications (which applies them)."""

from __future__ import annotations

from enum import StrEnum


class NotificationType(StrEnum):
    DAILY_NORM_EXCEEDED = "daily_norm_exceeded"
    WORKOUT_COMPLETED = "workout_completed"
    PERSONAL_RECORD = "personal_record"
    GOAL_PROGRESS = "goal_progress"
    LOGGING_REMINDER = "logging_reminder"
    ANNOUNCEMENT = "announcement"


class Channel(StrEnum):
    EMAIL = "email"
    PUSH = "push"
    IN_APP = "in_app"


# Everything in the app, e-mail only for the rarer, more important kinds, push only once the
# user has subscribed a device and opted in.
DEFAULT_CHANNELS: dict[NotificationType, dict[Channel, bool]] = {
    kind: {
        Channel.EMAIL: kind in (NotificationType.GOAL_PROGRESS, NotificationType.ANNOUNCEMENT),
        Channel.PUSH: False,
        Channel.IN_APP: True,
    }
    for kind in NotificationType
}


def default_matrix() -> dict[str, dict[str, bool]]:
    """``DEFAULT_CHANNELS`` as plain strings (how the matrix travels and is stored), a copy."""
    return {
        kind.value: {c.value: on for c, on in chosen.items()}
        for kind, chosen in DEFAULT_CHANNELS.items()
    }
