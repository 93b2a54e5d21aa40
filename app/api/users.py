"""Typed client of the users service (`/api/users/*`): profile, targets, weights, statistics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.gateway import Authorized

SEXES = ("male", "female")
ACTIVITY_LEVELS = ("sedentary", "light", "moderate", "very_active", "extra_active")
GOALS = ("lose", "maintain", "gain")
# What the service accepts for `goal_rate_kg_per_week` (kg/week, 0 for maintain).
MAX_GOAL_RATE_KG_PER_WEEK = 1.0
# What the service accepts for the user's own targets (inclusive; null = the formulas decide).
CUSTOM_KCAL_RANGE = (800, 10000)  # kcal/day, whole numbers
CUSTOM_PROTEIN_G_PER_KG_RANGE = (0.8, 3.5)  # g protein per kg body weight
CUSTOM_FAT_ENERGY_SHARE_RANGE = (0.15, 0.6)  # fraction of energy, 0.25 = 25 %
TARGET_SOURCES = ("formula", "user")
NOTIFICATION_TYPES = (
    "daily_norm_exceeded",
    "workout_completed",
    "personal_record",
    "goal_progress",
    "logging_reminder",
    "announcement",
)
CHANNELS = ("email", "push", "in_app")


@dataclass(frozen=True)
class QuietHours:
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class NotificationSettings:
    """Channel switches per notification type (`{"daily_norm_exceeded": {"email": True}}`)."""

    preferences: dict[str, dict[str, bool]]
    quiet_hours: QuietHours | None

    @classmethod
    def from_json(cls, data: Any) -> NotificationSettings:
        body = p.obj(data)
        prefs = {
            str(kind): {str(ch): bool(on) for ch, on in p.obj(channels).items()}
            for kind, channels in p.obj(body.get("preferences")).items()
        }
        quiet = p.obj(body.get("quiet_hours"))
        hours = None
        if quiet.get("start") and quiet.get("end"):
            hours = QuietHours(
                dt.time.fromisoformat(str(quiet["start"])), dt.time.fromisoformat(str(quiet["end"]))
            )
        return cls(prefs, hours)


@dataclass(frozen=True)
class Profile:
    user_id: str
    display_name: str | None
    sex: str | None
    birth_date: dt.date | None
    height_cm: float | None
    weight_kg: float | None
    activity_level: str | None
    goal: str | None
    goal_rate_kg_per_week: float
    body_fat_pct: float | None
    # The user's own targets; None = the formulas decide (see `Targets.target_source`).
    custom_calorie_target_kcal: int | None
    custom_protein_g_per_kg: float | None
    custom_fat_energy_share: float | None  # 0..1
    units: str  # "metric" | "imperial"
    timezone: str  # IANA name
    language: str  # "en" | "ru"
    notifications: NotificationSettings
    complete: bool  # targets can be computed (onboarding done)
    missing_fields: tuple[str, ...]
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    week_start: str = "monday"  # "monday" | "sunday": the first day of week views

    @classmethod
    def from_json(cls, data: Any) -> Profile:
        b = p.obj(data)
        return cls(
            user_id=p.text(b.get("user_id")),
            display_name=p.opt_text(b.get("display_name")),
            sex=p.opt_text(b.get("sex")),
            birth_date=p.opt_day(b.get("birth_date")),
            height_cm=p.opt_num(b.get("height_cm")),
            weight_kg=p.opt_num(b.get("weight_kg")),
            activity_level=p.opt_text(b.get("activity_level")),
            goal=p.opt_text(b.get("goal")),
            goal_rate_kg_per_week=p.num(b.get("goal_rate_kg_per_week")),
            body_fat_pct=p.opt_num(b.get("body_fat_pct")),
            custom_calorie_target_kcal=p.opt_whole(b.get("custom_calorie_target_kcal")),
            custom_protein_g_per_kg=p.opt_num(b.get("custom_protein_g_per_kg")),
            custom_fat_energy_share=p.opt_num(b.get("custom_fat_energy_share")),
            units=p.text(b.get("units"), "metric"),
            timezone=p.text(b.get("timezone"), "UTC"),
            language=p.text(b.get("language"), "en"),
            notifications=NotificationSettings.from_json(b.get("notifications")),
            complete=p.flag(b.get("complete")),
            missing_fields=p.texts(b.get("missing_fields")),
            created_at=p.opt_instant(b.get("created_at")),
            updated_at=p.opt_instant(b.get("updated_at")),
            week_start=p.text(b.get("week_start"), "monday"),
        )


@dataclass(frozen=True)
class BodyData:
    """The onboarding answers: everything `PUT /api/users/me` requires."""

    sex: str
    birth_date: dt.date
    height_cm: float
    weight_kg: float
    activity_level: str
    goal: str
    goal_rate_kg_per_week: float = 0.0
    body_fat_pct: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "sex": self.sex,
            "birth_date": self.birth_date.isoformat(),
            "height_cm": self.height_cm,
            "weight_kg": self.weight_kg,
            "activity_level": self.activity_level,
            "goal": self.goal,
            "goal_rate_kg_per_week": self.goal_rate_kg_per_week,
            "body_fat_pct": self.body_fat_pct,
        }


@dataclass(frozen=True)
class CustomTargets:
    """The editable targets of onboarding and settings; None = use the formula for that one."""

    calorie_target_kcal: int | None = None
    protein_g_per_kg: float | None = None
    fat_energy_share: float | None = None  # 0..1

    def to_json(self) -> dict[str, Any]:
        return {
            "custom_calorie_target_kcal": self.calorie_target_kcal,
            "custom_protein_g_per_kg": self.protein_g_per_kg,
            "custom_fat_energy_share": self.fat_energy_share,
        }

    @classmethod
    def of(cls, profile: Profile) -> CustomTargets:
        return cls(
            profile.custom_calorie_target_kcal,
            profile.custom_protein_g_per_kg,
            profile.custom_fat_energy_share,
        )


@dataclass(frozen=True)
class Formula:
    """One formula's result with its name, source and the inputs it used (for "explained")."""

    name: str
    value: float
    source: str
    inputs: dict[str, str]

    @classmethod
    def from_json(cls, data: Any) -> Formula:
        b = p.obj(data)
        return cls(
            name=p.text(b.get("name")),
            value=p.num(b.get("value")),
            source=p.text(b.get("source")),
            inputs={str(k): p.text(v) for k, v in p.obj(b.get("inputs")).items()},
        )


@dataclass(frozen=True)
class MacroTargets:
    protein_g: float
    fat_g: float
    carbohydrate_g: float
    protein_g_per_kg: float
    fat_energy_share: float  # 0..1
    method: str
    protein_source: str = "formula"  # "user" when g/kg is the user's own
    fat_source: str = "formula"  # "user" when the fat share is the user's own

    @classmethod
    def from_json(cls, data: Any) -> MacroTargets:
        b = p.obj(data)
        return cls(
            protein_g=p.num(b.get("protein_g")),
            fat_g=p.num(b.get("fat_g")),
            carbohydrate_g=p.num(b.get("carbohydrate_g")),
            protein_g_per_kg=p.num(b.get("protein_g_per_kg")),
            fat_energy_share=p.num(b.get("fat_energy_share")),
            method=p.text(b.get("method")),
            protein_source=p.text(b.get("protein_source"), "formula"),
            fat_source=p.text(b.get("fat_source"), "formula"),
        )


def _training_day(data: Any) -> dict[str, Any]:
    if data is None:
        return {}
    b = p.obj(data)
    applied = p.flag(b.get("applied"))
    return {
        "training_rule_set": True,
        "training_extra_kcal": p.num(b.get("extra_kcal")) if applied else 0.0,
        "training_reason": p.text(b.get("reason")) if applied else "",
        "training_workouts": p.whole(b.get("workouts")),
        "training_planned_program": p.text(b.get("planned_program")) if applied else "",
        "training_planned_weekdays": tuple(p.text(d) for d in p.items(b.get("planned_weekdays"))),
    }


@dataclass(frozen=True)
class Targets:
    calorie_target_kcal: float  # the target in force: the user's own or the formulas'
    bmr: Formula
    alternatives: tuple[Formula, ...]
    activity_level: str
    activity_factor: float
    tdee_kcal: float
    goal: str
    goal_rate_kg_per_week: float
    goal_adjustment_kcal: float  # negative when losing
    goal_method: str
    unadjusted_target_kcal: float
    safe_floor_kcal: float
    floor_applied: bool  # the formulas' target was lifted to the safe floor
    macros: MacroTargets
    age_years: int
    notes: tuple[str, ...]  # e.g. "You set 2000 kcal/day; the formulas suggest 2136 kcal/day."
    target_source: str = "formula"  # "user" when calorie_target_kcal is the user's own
    formula_target_kcal: float = 0.0  # what the formulas suggest (shown beside the user's)
    below_safe_floor: bool = False  # the target in force is below the floor: show the warning
    # The training-day rule (`training_day`): set at all, and what it added to this day.
    training_rule_set: bool = False
    training_extra_kcal: float = 0.0
    training_reason: str = ""  # "training day (1 workout): +250 kcal (...)"; "" when none
    training_workouts: int = 0  # workouts completed that day
    # The program the user follows, when it plans this weekday (a training day without a
    # workout too): its name and training weekdays.
    training_planned_program: str = ""
    training_planned_weekdays: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Any) -> Targets:
        b = p.obj(data)
        target = p.num(b.get("calorie_target_kcal"))
        return cls(
            calorie_target_kcal=target,
            bmr=Formula.from_json(b.get("bmr")),
            alternatives=tuple(Formula.from_json(f) for f in p.items(b.get("alternatives"))),
            activity_level=p.text(b.get("activity_level")),
            activity_factor=p.num(b.get("activity_factor"), 1.0),
            tdee_kcal=p.num(b.get("tdee_kcal")),
            goal=p.text(b.get("goal")),
            goal_rate_kg_per_week=p.num(b.get("goal_rate_kg_per_week")),
            goal_adjustment_kcal=p.num(b.get("goal_adjustment_kcal")),
            goal_method=p.text(b.get("goal_method")),
            unadjusted_target_kcal=p.num(b.get("unadjusted_target_kcal")),
            safe_floor_kcal=p.num(b.get("safe_floor_kcal")),
            floor_applied=p.flag(b.get("floor_applied")),
            macros=MacroTargets.from_json(b.get("macros")),
            age_years=p.whole(b.get("age_years")),
            notes=p.texts(b.get("notes")),
            target_source=p.text(b.get("target_source"), "formula"),
            formula_target_kcal=p.num(b.get("formula_target_kcal"), target),
            below_safe_floor=p.flag(b.get("below_safe_floor")),
            **_training_day(b.get("training_day")),
        )


@dataclass(frozen=True)
class WeightPoint:
    date: dt.date
    weight_kg: float
    trend_kg: float  # smoothed (exponential moving average)

    @classmethod
    def from_json(cls, data: Any) -> WeightPoint:
        b = p.obj(data)
        return cls(p.day(b.get("date")), p.num(b.get("weight_kg")), p.num(b.get("trend_kg")))


@dataclass(frozen=True)
class WeightLog:
    entries: tuple[WeightPoint, ...]
    trend_method: str
    trend_smoothing: float
    latest_trend_kg: float | None

    @classmethod
    def from_json(cls, data: Any) -> WeightLog:
        b = p.obj(data)
        return cls(
            entries=tuple(WeightPoint.from_json(e) for e in p.items(b.get("entries"))),
            trend_method=p.text(b.get("trend_method")),
            trend_smoothing=p.num(b.get("trend_smoothing")),
            latest_trend_kg=p.opt_num(b.get("latest_trend_kg")),
        )


@dataclass(frozen=True)
class DayStat:
    date: dt.date
    logged: bool
    calories_in: float | None
    calories_out: float  # from completed workouts
    net_kcal: float | None
    target_kcal: float | None
    workouts: int
    weight_kg: float | None
    protein_g: float | None
    fat_g: float | None
    carbohydrate_g: float | None

    @classmethod
    def from_json(cls, data: Any) -> DayStat:
        b = p.obj(data)
        return cls(
            date=p.day(b.get("date")),
            logged=p.flag(b.get("logged")),
            calories_in=p.opt_num(b.get("calories_in")),
            calories_out=p.num(b.get("calories_out")),
            net_kcal=p.opt_num(b.get("net_kcal")),
            target_kcal=p.opt_num(b.get("target_kcal")),
            workouts=p.whole(b.get("workouts")),
            weight_kg=p.opt_num(b.get("weight_kg")),
            protein_g=p.opt_num(b.get("protein_g")),
            fat_g=p.opt_num(b.get("fat_g")),
            carbohydrate_g=p.opt_num(b.get("carbohydrate_g")),
        )


@dataclass(frozen=True)
class StatAverages:
    calories_in: float | None  # over logged days only
    calories_out: float  # over every day of the range
    net_kcal: float | None
    weight_kg: float | None
    workouts_per_day: float

    @classmethod
    def from_json(cls, data: Any) -> StatAverages:
        b = p.obj(data)
        return cls(
            calories_in=p.opt_num(b.get("calories_in")),
            calories_out=p.num(b.get("calories_out")),
            net_kcal=p.opt_num(b.get("net_kcal")),
            weight_kg=p.opt_num(b.get("weight_kg")),
            workouts_per_day=p.num(b.get("workouts_per_day")),
        )


@dataclass(frozen=True)
class AdaptiveTdee:
    tdee_kcal: float
    mean_intake_kcal: float
    trend_change_kg: float
    days: int
    logged_days: int
    formula: str

    @classmethod
    def from_json(cls, data: Any) -> AdaptiveTdee:
        b = p.obj(data)
        return cls(
            tdee_kcal=p.num(b.get("tdee_kcal")),
            mean_intake_kcal=p.num(b.get("mean_intake_kcal")),
            trend_change_kg=p.num(b.get("trend_change_kg")),
            days=p.whole(b.get("days")),
            logged_days=p.whole(b.get("logged_days")),
            formula=p.text(b.get("formula")),
        )


@dataclass(frozen=True)
class Stats:
    from_date: dt.date
    to_date: dt.date
    timezone: str
    days: tuple[DayStat, ...]  # one per day of the range, oldest first
    logged_days: int
    averages: StatAverages
    streak_days: int
    adaptive_tdee: AdaptiveTdee | None

    @classmethod
    def from_json(cls, data: Any) -> Stats:
        b = p.obj(data)
        adaptive = b.get("adaptive_tdee")
        return cls(
            from_date=p.day(b.get("from_date")),
            to_date=p.day(b.get("to_date")),
            timezone=p.text(b.get("timezone"), "UTC"),
            days=tuple(DayStat.from_json(d) for d in p.items(b.get("days"))),
            logged_days=p.whole(b.get("logged_days")),
            averages=StatAverages.from_json(b.get("averages")),
            streak_days=p.whole(b.get("streak_days")),
            adaptive_tdee=AdaptiveTdee.from_json(adaptive) if adaptive else None,
        )


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, QuietHours):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    return value


class UsersApi:
    """One user's profile, targets, weight log and statistics."""

    def __init__(self, api: Authorized):
        self.api = api

    async def profile(self) -> Profile:
        """404 NotFound until the users service has made the profile after registration."""
        return Profile.from_json(await self.api.get("/api/users/me"))

    async def replace_profile(
        self,
        body: BodyData,
        *,
        units: str = "metric",
        timezone: str = "UTC",
        language: str = "en",
    ) -> Profile:
        """PUT: the whole profile. Settings not given go back to defaults (notification
        preferences too), so onboarding on an existing profile should use `update_profile`."""
        payload = {**body.to_json(), "units": units, "timezone": timezone, "language": language}
        return Profile.from_json(await self.api.put("/api/users/me", json=payload))

    async def update_profile(self, **changes: Any) -> Profile:
        """PATCH: only the given fields change. `None` clears `body_fat_pct` and the
        `custom_calorie_target_kcal` / `custom_protein_g_per_kg` / `custom_fat_energy_share`
        targets (back to the formula); other fields may not be null. Names as in `Profile`;
        dates/times may be `datetime` objects;
        `notifications={"preferences": {...}, "quiet_hours": QuietHours(...) | None}`."""
        payload = {k: _json_value(v) for k, v in changes.items()}
        notifications = payload.get("notifications")
        if isinstance(notifications, dict):
            payload["notifications"] = {k: _json_value(v) for k, v in notifications.items()}
        return Profile.from_json(await self.api.patch("/api/users/me", json=payload))

    async def save_body_data(self, body: BodyData) -> Profile:
        """The onboarding step: body data and goal by PATCH (keeps the other settings)."""
        return await self.update_profile(**body.to_json())

    async def save_custom_targets(self, choices: CustomTargets) -> Profile:
        """The editable targets step: all three are sent, so a None goes back to the formula.
        Out-of-range values raise ValidationFailed with `custom_*` field names."""
        return await self.update_profile(**choices.to_json())

    async def targets(self) -> Targets:
        """409 Conflict (code `profile_incomplete`, `fields` = what is missing) before
        onboarding is complete."""
        return Targets.from_json(await self.api.get("/api/users/me/targets"))

    async def weights(self, start: dt.date | None = None, end: dt.date | None = None) -> WeightLog:
        """Weigh-ins with their trend; default range: the service's last weeks up to today."""
        params = {"from": p.iso(start), "to": p.iso(end)}
        return WeightLog.from_json(await self.api.get("/api/users/me/weights", params=params))

    async def log_weight(self, weight_kg: float, on: dt.date | None = None) -> WeightPoint:
        """One weigh-in per local day: a second one that day replaces the first."""
        payload: dict[str, Any] = {"weight_kg": weight_kg}
        if on is not None:
            payload["date"] = on.isoformat()
        return WeightPoint.from_json(await self.api.post("/api/users/me/weights", json=payload))

    async def stats(self, start: dt.date | None = None, end: dt.date | None = None) -> Stats:
        """Daily statistics (calories in/out, target, weight, macros); default: last 7 days."""
        params = {"from": p.iso(start), "to": p.iso(end)}
        return Stats.from_json(await self.api.get("/api/users/me/stats", params=params))
