"""Request and response schemas of the notifications API (requests refuse unknown fields)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

from backend_services.kernel.bodies import StrictBody
from backend_services.kernel.contracts.users import Language, Units


class StrictModel(StrictBody):
    model_config = ConfigDict(extra="forbid")


class NotificationOut(BaseModel):
    id: uuid.UUID
    type: str
    title: str
    body: str
    data: dict[str, Any]
    created_at: dt.datetime
    read_at: dt.datetime | None


class FeedOut(BaseModel):
    items: list[NotificationOut]
    next_cursor: str | None
    unread_count: int


class ReadAllOut(BaseModel):
    marked_read: int
    unread_count: int


class PushKeys(StrictModel):
    # Base64url of a P-256 point (65 bytes -> 87 chars) and a 16-byte secret (22 chars).
    p256dh: str = Field(min_length=80, max_length=100, pattern=r"^[A-Za-z0-9_-]+={0,2}$")
    auth: str = Field(min_length=16, max_length=32, pattern=r"^[A-Za-z0-9_-]+={0,2}$")


# Push services' endpoints are a few hundred characters; the bound keeps the DELETE query
# (percent-encoded) inside the gateway's request-line buffer.
MAX_ENDPOINT_LENGTH = 1024


class PushSubscriptionIn(StrictModel):
    """What the browser's PushSubscription.toJSON() gives (expirationTime is ignored)."""

    endpoint: AnyHttpUrl
    keys: PushKeys
    expirationTime: int | None = None
    user_agent: str | None = Field(default=None, max_length=300)

    @field_validator("endpoint")
    @classmethod
    def _length(cls, value: AnyHttpUrl) -> AnyHttpUrl:
        if len(str(value)) > MAX_ENDPOINT_LENGTH:
            raise ValueError("endpoint too long")
        return value


class PushSubscriptionOut(BaseModel):
    id: uuid.UUID
    endpoint: str
    user_agent: str | None
    created_at: dt.datetime
    last_success_at: dt.datetime | None


class TestPushOut(BaseModel):
    subscription_id: uuid.UUID
    queued: bool


class VapidKeyOut(BaseModel):
    public_key: str


# Reminders follow the user's timezone: a time with a UTC offset is refused (below), and the
# document says so with the shape it takes.
LocalTime = Annotated[
    dt.time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
            "description": "HH:MM[:SS] local time, without a UTC offset",
        }
    ),
]


class ReminderSettings(StrictModel):
    meal_reminder_times: list[LocalTime] = Field(default_factory=list, max_length=8)
    workout_reminder_days: list[Annotated[int, Field(ge=0, le=6)]] = Field(
        default_factory=list, max_length=7, description="0 = Monday ... 6 = Sunday"
    )
    workout_reminder_time: LocalTime | None = None
    goal_weight_kg: float | None = Field(default=None, ge=20, le=500, allow_inf_nan=False)

    @field_validator("meal_reminder_times", "workout_reminder_time")
    @classmethod
    def _local_times(cls, value: Any) -> Any:
        times = value if isinstance(value, list) else [value]
        if any(t is not None and t.tzinfo is not None for t in times):
            raise ValueError(
                "give local times without a UTC offset; reminders follow your timezone"
            )
        return value

    @field_validator("workout_reminder_days")
    @classmethod
    def _weekdays(cls, value: list[int]) -> list[int]:
        if any(not 0 <= d <= 6 for d in value):
            raise ValueError("weekdays are 0 (Monday) to 6 (Sunday)")
        return sorted(set(value))


class SettingsOut(BaseModel):
    meal_reminder_times: list[str]  # "HH:MM", local time
    workout_reminder_days: list[int]
    workout_reminder_time: str | None
    goal_weight_kg: float | None
    email_opted_out: list[str]
    timezone: str
    # the profile's language and units as last heard (the texts of new notifications)
    language: Language
    units: Units
    calorie_target_kcal: float | None
    preferences: dict[str, dict[str, bool]]


AnnouncementChannel = Literal["in_app", "email", "push"]


class AnnouncementIn(StrictModel):
    title: str = Field(min_length=1, max_length=120)
    body: str = Field(min_length=1, max_length=2000)
    url: AnyHttpUrl | None = None
    # The feed always carries it; e-mail and push go to users who have them on.
    channels: list[AnnouncementChannel] = Field(default=["in_app"], min_length=1, max_length=3)

    @field_validator("channels")
    @classmethod
    def _feed_and_no_repeats(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("each channel once")
        if "in_app" not in value:
            raise ValueError("announcements always go to the in-app feed: include in_app")
        return value


class AudienceOut(BaseModel):
    channels: list[AnnouncementChannel]
    audience: int  # users the announcement would reach now


class AnnouncementOut(BaseModel):
    id: uuid.UUID
    title: str
    body: str
    url: str | None
    status: str  # pending (being fanned out in batches) | done
    channels: list[str]
    audience: int  # previewed when sent
    recipients: int  # feed notifications stored so far
    processed: int  # users looked at so far (batch progress, of ``audience`` or more)
    created_at: dt.datetime
    finished_at: dt.datetime | None
    # {channel: {status: count}} of its e-mail and push deliveries (pending, sent, failed...)
    outcomes: dict[str, dict[str, int]] = {}


class AnnouncementPage(BaseModel):
    items: list[AnnouncementOut]


class AuditEntryOut(BaseModel):
    event_id: uuid.UUID
    occurred_at: dt.datetime
    producer: str
    actor_id: str
    actor_email: str | None
    action: str
    target_type: str
    target_id: str
    target_email: str | None
    detail: dict[str, Any]


class AuditPageOut(BaseModel):
    items: list[AuditEntryOut]
    total: int


class ReplayIn(StrictModel):
    message_id: str | None = Field(
        default=None, max_length=200, description="The message to replay; the oldest if left out."
    )


class DeadLetterQueueOut(BaseModel):
    queue: str = Field(description="The dead-letter queue, `<consumer queue>.dlq`.")
    consumer_queue: str
    service: str = Field(description="The service whose worker consumes `consumer_queue`.")
    declared: bool = Field(description="False until that consumer has run once.")
    depth: int


class DeadLetterQueuesOut(BaseModel):
    items: list[DeadLetterQueueOut]
    count: int


class DeadLetterOut(BaseModel):
    queue: str
    message_id: str | None
    type: str | None = Field(description="The event type (the routing key it was sent with).")
    producer: str | None
    user_id: str | None
    occurred_at: str | None
    error: str | None = Field(description="Why it was dead-lettered (the last failure).")
    first_error: str | None = Field(description="The first failure, before the retries.")
    attempts: int = Field(description="Deliveries that failed.")
    original_queue: str | None
    x_death: list[dict[str, Any]] = Field(description="The broker's x-death records (retries).")
    replayed: bool = Field(description="It had been replayed before and failed again.")
    payload: Any = Field(description="The event as sent (text when it is not JSON or large).")
    size: int
    replayed_to: str | None = None


class DeadLettersOut(BaseModel):
    items: list[DeadLetterOut]
    count: int
