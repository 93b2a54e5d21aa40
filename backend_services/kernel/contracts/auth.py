"""Events the auth service publishes."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from .base import DisplayName, Email, EventContract


class _Auth(EventContract):
    PRODUCER: ClassVar[str] = "auth"


class UserRegistered(_Auth):
    TYPE: ClassVar[str] = "auth.user.registered"

    email: Email
    display_name: DisplayName


class UserDeleted(_Auth):
    """The account is gone: every service deletes what it holds about the user."""

    TYPE: ClassVar[str] = "auth.user.deleted"


class PasswordResetAsked(_Auth):
    """Someone asked for a reset link for ``email``, which may have no account; auth's own
    worker looks it up, so the HTTP answer is the same for every address."""

    TYPE: ClassVar[str] = "auth.password_reset.asked"
    ABOUT_A_USER: ClassVar[bool] = False

    email: Email


class PasswordResetRequested(_Auth):
    TYPE: ClassVar[str] = "auth.password_reset.requested"

    email: Email
    display_name: DisplayName
    reset_url: Annotated[str, Field(min_length=1, max_length=2000)]
    expires_in_minutes: Annotated[int, Field(strict=True, ge=1, le=1440)]


class PasswordChanged(_Auth):
    TYPE: ClassVar[str] = "auth.password.changed"

    via: Literal["reset", "change"]


class RegistrationDuplicateAttempted(_Auth):
    """A sign-up with an address that has an account: its owner is mailed instead."""

    TYPE: ClassVar[str] = "auth.registration.duplicate_attempted"
    ABOUT_A_USER: ClassVar[bool] = False

    email: Email
