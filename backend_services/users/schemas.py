"""Request and response schemas of the users API (allow-lists: unknown fields are refused).

Kept apart from the tables in ``models.py`` so each file stays small. Requests are strict
(``extra="forbid"``, bounded numbers, real IANA time zones); responses use plain floats so
JSON clients get numbers, not the strings pydantic writes for ``Decimal``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Annotated, Any, Literal
from zoneinfo import available_timezones

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, model_validator

from backend_services.kernel.bodies import PatchBody, StrictBody
from backend_services.kernel.contracts.preferences import Channel, NotificationType
from backend_services.kernel.contracts.users import Language, Units
from backend_services.kernel.dates import PastDate

from .domain import (
    CUSTOM_FAT_ENERGY_SHARE_RANGE,
    CUSTOM_KCAL_RANGE,
    CUSTOM_PROTEIN_G_PER_KG_RANGE,
    ActivityLevel,
    Goal,
    Sex,
    TargetSource,
    age_on,
)
from .reference_intakes import Reference, UpperKind
from .training_schemas import TrainingDayOut, TrainingRuleIn, TrainingRuleOut

MIN_AGE_YEARS, MAX_AGE_YEARS = 13, 120


def _quantizer(places: str) -> AfterValidator:
    step = Decimal(places)
    return AfterValidator(lambda value: value.quantize(step, rounding=ROUND_HALF_UP))


HeightCm = Annotated[Decimal, Field(ge=50, le=272, allow_inf_nan=False), _quantizer("0.1")]
WeightKg = Annotated[Decimal, Field(ge=20, le=500, allow_inf_nan=False), _quantizer("0.01")]
BodyFatPct = Annotated[Decimal, Field(ge=2, le=75, allow_inf_nan=False), _quantizer("0.1")]
GoalRate = Annotated[Decimal, Field(ge=0, le=1, allow_inf_nan=False), _quantizer("0.01")]
# The user's own targets (bounds in domain.py); null in a profile means "use the formula".
CustomKcal = Annotated[
    int,
    Field(ge=int(CUSTOM_KCAL_RANGE[0]), le=int(CUSTOM_KCAL_RANGE[1]), description="kcal/day"),
]
CustomProteinPerKg = Annotated[
    Decimal,
    Field(
        ge=CUSTOM_PROTEIN_G_PER_KG_RANGE[0],
        le=CUSTOM_PROTEIN_G_PER_KG_RANGE[1],
        allow_inf_nan=False,
        description="grams of protein per kg of body weight per day",
    ),
    _quantizer("0.01"),
]
CustomFatShare = Annotated[
    Decimal,
    Field(
        ge=CUSTOM_FAT_ENERGY_SHARE_RANGE[0],
        le=CUSTOM_FAT_ENERGY_SHARE_RANGE[1],
        allow_inf_nan=False,
        description="share of the day's energy from fat, a fraction (0.25 = 25 %)",
    ),
    _quantizer("0.01"),
]


def _check_birth_date(value: dt.date) -> dt.date:
    age = age_on(value, dt.datetime.now(dt.UTC).date())
    if not MIN_AGE_YEARS <= age <= MAX_AGE_YEARS:
        raise ValueError(f"age must be between {MIN_AGE_YEARS} and {MAX_AGE_YEARS} years")
    return value


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _check_time_zone(value: str) -> str:
    if value not in _time_zones():
        raise ValueError("must be an IANA time zone such as Europe/Berlin")
    return value


BirthDate = Annotated[dt.date, AfterValidator(_check_birth_date)]
TimeZone = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_check_time_zone)]
WeekStart = Literal["monday", "sunday"]


class StrictModel(StrictBody):
    model_config = ConfigDict(extra="forbid")


class ChannelSwitches(StrictModel):
    email: StrictBool | None = None
    push: StrictBool | None = None
    in_app: StrictBool | None = None


class QuietHours(StrictModel):
    """Local times; a window may cross midnight (22:00-07:00)."""

    start: dt.time
    end: dt.time

    @model_validator(mode="after")
    def _not_empty(self) -> QuietHours:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("give local times without a UTC offset; the profile has a timezone")
        if self.start == self.end:
            raise ValueError("start and end must differ")
        return self


class NotificationSettingsIn(StrictModel):
    """Only the types and channels given change; ``quiet_hours: null`` turns them off."""

    preferences: dict[NotificationType, ChannelSwitches] = Field(default_factory=dict)
    quiet_hours: QuietHours | None = None


class ProfileReplace(StrictModel):
    """``PUT /api/users/me``: the whole profile; optional settings omitted go back to defaults."""

    sex: Sex
    birth_date: BirthDate
    height_cm: HeightCm
    weight_kg: WeightKg
    activity_level: ActivityLevel
    goal: Goal
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


# PATCH may clear these with an explicit null; every other field must have a value if given.
# A null custom target means "use the formula again".
NULLABLE_IN_PATCH = frozenset(
    {
        "body_fat_pct",
        "custom_calorie_target_kcal",
        "custom_protein_g_per_kg",
        "custom_fat_energy_share",
        "training_rule",
    }
)


class ProfilePatch(StrictModel, PatchBody):
    """``PATCH /api/users/me``: only the fields sent change."""

    nullable_in_patch = NULLABLE_IN_PATCH

    sex: Sex | None = None
    birth_date: BirthDate | None = None
    height_cm: HeightCm | None = None
    weight_kg: WeightKg | None = None
    activity_level: ActivityLevel | None = None
    goal: Goal | None = None
    goal_rate_kg_per_week: GoalRate | None = None
    body_fat_pct: BodyFatPct | None = None
    custom_calorie_target_kcal: CustomKcal | None = None
    custom_protein_g_per_kg: CustomProteinPerKg | None = None
    custom_fat_energy_share: CustomFatShare | None = None
    training_rule: TrainingRuleIn | None = None
    units: Units | None = None
    week_start: WeekStart | None = None
    timezone: TimeZone | None = None
    language: Language | None = None
    notifications: NotificationSettingsIn | None = None

    def changes(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.model_fields_set}


class WeightLogIn(StrictModel):
    """``POST /api/users/me/weights``; ``date`` is the user's local day (default: today)."""

    weight_kg: WeightKg
    # the kernel's rule for days; the service also refuses a day after the user's own today
    date: PastDate | None = None


# --- responses ---


class NotificationSettingsOut(BaseModel):
    preferences: dict[NotificationType, dict[Channel, bool]]
    quiet_hours: QuietHours | None


class ProfileOut(BaseModel):
    user_id: str
    display_name: str | None
    sex: Sex | None
    birth_date: dt.date | None
    height_cm: float | None
    weight_kg: float | None
    activity_level: ActivityLevel | None
    goal: Goal | None
    goal_rate_kg_per_week: float
    body_fat_pct: float | None
    custom_calorie_target_kcal: int | None = Field(
        description="The user's own calorie target (kcal/day); null: the formulas decide."
    )
    custom_protein_g_per_kg: float | None = Field(
        description="The user's own protein setting (g/kg/day); null: the default."
    )
    custom_fat_energy_share: float | None = Field(
        description="The user's own fat share of energy (0..1); null: the default."
    )
    training_rule: TrainingRuleOut | None = Field(
        default=None, description="Extra on a day with a completed workout; null: none."
    )
    units: Units
    week_start: WeekStart = Field(description="The first day of the week in week views.")
    timezone: str
    language: Language
    notifications: NotificationSettingsOut
    complete: bool = Field(description="Whether targets can be computed from this profile.")
    missing_fields: list[str]
    created_at: dt.datetime | None
    updated_at: dt.datetime | None


class ImportedOut(BaseModel):
    """What an import set: the profile (1) and the weigh-ins added or changed."""

    profile: int
    weights: int


class WeightPointOut(BaseModel):
    date: dt.date
    weight_kg: float
    trend_kg: float


class WeightLogOut(BaseModel):
    entries: list[WeightPointOut]
    trend_method: str
    trend_smoothing: float
    latest_trend_kg: float | None


class ReferenceIntakeOut(BaseModel):
    key: str = Field(description="The food data's nutrient key (nutrition's `GET /nutrients`).")
    name: str
    unit: str = Field(description="Unit of `target` and `upper_limit`, the food data's.")
    reference: Reference = Field(
        description="RDA (Recommended Dietary Allowance) or AI (Adequate Intake)."
    )
    target: float = Field(description="The RDA or AI per day.")
    upper_limit: float | None = Field(description="Per day; null where none applies to food.")
    upper_limit_kind: UpperKind | None = Field(
        description="UL (Tolerable Upper Intake Level) or CDRR (sodium: reduce intakes above)."
    )
    upper_limit_key: str | None = Field(
        description="The nutrient key the limit is measured on (vitamin A: retinol; folate: "
        "folic acid), else `key`."
    )
    flag_shortfall: bool = Field(description="Whether an intake below the target is a concern.")


class ReferenceIntakesOut(BaseModel):
    """Dietary Reference Intakes for the profile's sex and its age on `date`."""

    date: dt.date
    sex: Sex
    age_years: int
    age_band: str = Field(description="The DRI age band: 9-13, 14-18, 19-30, 31-50, 51-70, 71+.")
    source: str
    notes: list[str]
    nutrients: list[ReferenceIntakeOut]


class FormulaOut(BaseModel):
    name: str
    value: float
    source: str
    inputs: dict[str, str]


class MacrosOut(BaseModel):
    protein_g: float
    fat_g: float
    carbohydrate_g: float
    protein_g_per_kg: float
    fat_energy_share: float
    protein_source: TargetSource = Field(description="Whether g/kg is the default or the user's.")
    fat_source: TargetSource = Field(
        description="Whether the fat share is the default or the user's."
    )
    method: str


class TargetsOut(BaseModel):
    calorie_target_kcal: float = Field(
        description="The target in force (the user's or the formulas')."
    )
    target_source: TargetSource
    formula_target_kcal: float = Field(
        description="What the formulas suggest (after the safe floor)."
    )
    below_safe_floor: bool = Field(description="The target in force is below the safe floor.")
    bmr: FormulaOut
    alternatives: list[FormulaOut]
    activity_level: ActivityLevel
    activity_factor: float
    tdee_kcal: float
    goal: Goal
    goal_rate_kg_per_week: float
    goal_adjustment_kcal: float
    goal_method: str
    unadjusted_target_kcal: float
    safe_floor_kcal: float
    floor_applied: bool = Field(description="The formulas' target was lifted to the safe floor.")
    macros: MacrosOut
    age_years: int
    notes: list[str]
    training_day: TrainingDayOut | None = Field(
        default=None, description="The training-day rule on this day; null: no rule set."
    )


class DayStatOut(BaseModel):
    date: dt.date
    logged: bool
    calories_in: float | None
    calories_out: float
    net_kcal: float | None
    target_kcal: float | None = Field(
        description="The calorie target in force that day: from the profile, weight and age of "
        "that day (a birthday since the last change counts), the same on every call once the "
        "day is over; null only before the user has any target."
    )
    workouts: int
    weight_kg: float | None
    protein_g: float | None
    fat_g: float | None
    carbohydrate_g: float | None


class AveragesOut(BaseModel):
    calories_in: float | None = Field(description="Mean over logged days only.")
    calories_out: float = Field(description="Mean over every day of the range.")
    net_kcal: float | None
    weight_kg: float | None
    workouts_per_day: float


class AdaptiveOut(BaseModel):
    tdee_kcal: float
    mean_intake_kcal: float
    trend_change_kg: float
    days: int
    logged_days: int
    formula: str


class StatsOut(BaseModel):
    from_date: dt.date
    to_date: dt.date
    timezone: str
    days: list[DayStatOut]
    logged_days: int
    averages: AveragesOut
    streak_days: int
    adaptive_tdee: AdaptiveOut | None


class ExcludedDayOut(BaseModel):
    day: dt.date
    reason: str = Field(description="Why, in English.")
    code: Literal["nothing_logged", "incomplete"] = Field(
        description="The same as a code; incomplete has logged_kcal and expected_kcal."
    )
    params: dict[str, float]


class CheckInOut(BaseModel):
    tdee_kcal: int
    band_kcal: int = Field(description="Half-width of the 95 % interval, kcal.")
    goal_rate_kg_per_week: float = Field(description="Negative to lose weight.")
    suggested_target_kcal: int
    current_target_kcal: int
    safe_floor_kcal: int
    floor_applied: bool
    message: str


class ExpenditureOut(BaseModel):
    """Adaptive expenditure: logged intake and the weight line, with the formula as prior."""

    tdee_kcal: float
    band_kcal: float = Field(description="Half-width of the 95 % interval, kcal.")
    source: Literal["formula", "data"] = Field(
        description="formula: too little data yet (see reason); data: combined with the formula."
    )
    formula_tdee_kcal: float
    window_start: dt.date
    window_end: dt.date
    trusted_days: int
    completeness: float = Field(description="Trusted days / days in the window, 0-1.")
    weigh_ins: int
    mean_intake_kcal: float | None
    weight_slope_kg_per_week: float | None
    data_tdee_kcal: float | None = Field(description="The data's own estimate, before the prior.")
    data_weight: float = Field(description="The data's share of the answer, 0-1.")
    excluded: list[ExcludedDayOut]
    reason: str = Field(description="Why the formula alone is used (in English), or empty.")
    reason_code: Literal["", "few_logged_days", "few_weigh_ins", "short_weigh_in_span"] = Field(
        description="The same as a code: have/need for the first two, days for the last."
    )
    reason_params: dict[str, int]
    method: str
    check_in: CheckInOut
