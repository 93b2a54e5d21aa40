"""Typed, versioned event contracts: one frozen class per event type (its ``data`` with the
units in the field names), the shared notification enums, and the consumer queue names.

Producers publish ``SomeEvent(...).event(user_id)``; consumers' handler tables are keyed by
the classes and get ``Received[SomeEvent]``; an event that breaks its class is dead-lettered
with the reason (``InvalidEvent``)."""

from .admin import (
    AUDITED,
    AdminActionRecorded,
    AuthAdminActionRecorded,
    NotificationsAdminActionRecorded,
    NutritionAdminActionRecorded,
)
from .auth import (
    PasswordChanged,
    PasswordResetAsked,
    PasswordResetRequested,
    RegistrationDuplicateAttempted,
    UserDeleted,
    UserRegistered,
)
from .base import EventContract, InvalidEvent, Received
from .notifications import EmailUnsubscribed
from .nutrition import DayTotals, MealChanged, MealDeleted, MealLogged, MealUpdated
from .preferences import DEFAULT_CHANNELS, Channel, NotificationType
from .users import ProfileUpdated, QuietHours, Targets, WeightLogged
from .workouts import (
    BodyMassImported,
    BodyMassReading,
    PersonalRecordSet,
    ProgramPlanChanged,
    WorkoutCompleted,
    WorkoutFinished,
    WorkoutImported,
)

# Every event type the stack publishes, one class per (type, version).
CONTRACTS: tuple[type[EventContract], ...] = (
    UserRegistered,
    UserDeleted,
    PasswordResetAsked,
    PasswordResetRequested,
    PasswordChanged,
    RegistrationDuplicateAttempted,
    ProfileUpdated,
    WeightLogged,
    MealLogged,
    MealUpdated,
    MealDeleted,
    WorkoutCompleted,
    WorkoutImported,
    PersonalRecordSet,
    BodyMassImported,
    ProgramPlanChanged,
    AuthAdminActionRecorded,
    NotificationsAdminActionRecorded,
    NutritionAdminActionRecorded,
    EmailUnsubscribed,
)

__all__ = [
    "AUDITED",
    "CONTRACTS",
    "DEFAULT_CHANNELS",
    "AdminActionRecorded",
    "AuthAdminActionRecorded",
    "BodyMassImported",
    "BodyMassReading",
    "Channel",
    "DayTotals",
    "EmailUnsubscribed",
    "EventContract",
    "InvalidEvent",
    "MealChanged",
    "MealDeleted",
    "MealLogged",
    "MealUpdated",
    "NotificationType",
    "NotificationsAdminActionRecorded",
    "NutritionAdminActionRecorded",
    "PasswordChanged",
    "PasswordResetAsked",
    "PasswordResetRequested",
    "PersonalRecordSet",
    "ProfileUpdated",
    "ProgramPlanChanged",
    "QuietHours",
    "Received",
    "RegistrationDuplicateAttempted",
    "Targets",
    "UserDeleted",
    "UserRegistered",
    "WeightLogged",
    "WorkoutCompleted",
    "WorkoutFinished",
    "WorkoutImported",
]
