"""Importing the users part of a FitLedger export into the caller's account: the profile
(body, goal, custom targets, the training-day rule, units, language, time zone, notification
choices and quiet hours) and the weight log, in one transaction.

The profile is replaced by the file's; each weigh-in is set for its day (the same value
again is no change), so importing the same file twice adds nothing. The profile's weight is
the file's, not a new weigh-in for today. docs/export-format.md describes every field.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

from backend_services.kernel.contracts.users import Language, Units
from backend_services.kernel.dates import PastDate
from backend_services.kernel.export_format import ExportFormat

from .domain import ActivityLevel, Goal, Sex
from .schemas import (
    BirthDate,
    BodyFatPct,
    CustomFatShare,
    CustomKcal,
    CustomProteinPerKg,
    GoalRate,
    HeightCm,
    NotificationSettingsIn,
    StrictModel,
    TimeZone,
    WeekStart,
    WeightKg,
)
from .training_schemas import TrainingRuleIn, rule_columns

Text = Annotated[str, StringConstraints(max_length=200)]
Ignored = Annotated[list[Text], Field(max_length=50)]


class ProfileIn(StrictModel):
    """``GET /api/users/me`` as exported; the old account's identity and the computed fields
    are read and not imported (``user_id``, ``display_name``, ``complete``, ...)."""

    user_id: Text | None = None
    display_name: Text | None = None
    sex: Sex | None = None
    birth_date: BirthDate | None = None
    height_cm: HeightCm | None = None
    weight_kg: WeightKg | None = None
    activity_level: ActivityLevel | None = None
    goal: Goal | None = None
    goal_rate_kg_per_week: GoalRate = Decimal("0")
    body_fat_pct: BodyFatPct | None = None
    custom_calorie_target_kcal: CustomKcal | None = None
    custom_protein_g_per_kg: CustomProteinPerKg | None = None
    custom_fat_energy_share: CustomFatShare | None = None
    training_rule: TrainingRuleIn | None = None
    units: Units = "metric"
    week_start: WeekStart = "monday"
    timezone: TimeZone = "UTC"
    language: Language = "en"
    notifications: NotificationSettingsIn | None = None
    complete: bool | None = None
    missing_fields: Ignored = []
    created_at: Text | None = None
    updated_at: Text | None = None


class WeightIn(StrictModel):
    date: PastDate
    weight_kg: WeightKg
    trend_kg: Annotated[float, Field(ge=0, le=1000)] | None = None  # computed: not imported


class WeightsIn(StrictModel):
    """``GET /api/users/me/weights`` as exported (the trend is computed again here)."""

    entries: Annotated[list[WeightIn], Field(max_length=3660)] = []
    trend_method: Text | None = None
    trend_smoothing: Annotated[float, Field(ge=0, le=1)] | None = None
    latest_trend_kg: Annotated[float, Field(ge=0, le=1000)] | None = None


class UsersImport(StrictModel):
    format: ExportFormat
    profile: ProfileIn
    weights: WeightsIn = WeightsIn()

    def profile_changes(self) -> dict[str, object]:
        """The profile's fields to set (not its weight: the weight log's newest is it)."""
        changes = self.profile.model_dump(include=PROFILE_FIELDS)
        return {**changes, **rule_columns(self.profile.training_rule)}


PROFILE_FIELDS = {
    "sex",
    "birth_date",
    "height_cm",
    "activity_level",
    "goal",
    "goal_rate_kg_per_week",
    "body_fat_pct",
    "custom_calorie_target_kcal",
    "custom_protein_g_per_kg",
    "custom_fat_energy_share",
    "units",
    "week_start",
    "timezone",
    "language",
}
