"""A profile read: its body data for the formulas (or what is missing), and the profile and
targets views the routes answer with."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from backend_services.kernel.contracts.preferences import (
    DEFAULT_CHANNELS,
    Channel,
    NotificationType,
)
from backend_services.kernel.errors import Conflict, NotFound

from . import domain, training_day
from .models import Profile
from .repository import UsersRepository

REQUIRED_FOR_TARGETS = ("sex", "birth_date", "height_cm", "weight_kg", "activity_level", "goal")


def missing_for_targets(profile: Profile) -> list[str]:
    return [name for name in REQUIRED_FOR_TARGETS if getattr(profile, name) is None]


def complete_body(profile: Profile | None, wanted: str) -> tuple[Profile, domain.BodyProfile]:
    """The profile and its body data, or the refusal that says what is missing for ``wanted``
    ("targets", "an expenditure estimate")."""
    if profile is None:
        raise NotFound("No profile yet.", code="profile_not_found")
    body = body_profile(profile)
    if body is None:
        raise Conflict(
            f"Fill in your profile to get {wanted}.",
            code="profile_incomplete",
            fields={name: "required" for name in missing_for_targets(profile)},
        )
    return profile, body


def body_profile(profile: Profile) -> domain.BodyProfile | None:
    sex, birth_date, height_cm = profile.sex, profile.birth_date, profile.height_cm
    weight_kg, activity_level, goal = profile.weight_kg, profile.activity_level, profile.goal
    if (
        sex is None
        or birth_date is None
        or height_cm is None
        or weight_kg is None
        or activity_level is None
        or goal is None
    ):
        return None  # the fields of REQUIRED_FOR_TARGETS
    return domain.BodyProfile(
        sex=domain.Sex(sex),
        birth_date=birth_date,
        height_cm=Decimal(height_cm),
        weight_kg=Decimal(weight_kg),
        activity_level=domain.ActivityLevel(activity_level),
        goal=domain.Goal(goal),
        goal_rate_kg_per_week=Decimal(profile.goal_rate_kg_per_week),
        body_fat_pct=None if profile.body_fat_pct is None else Decimal(profile.body_fat_pct),
        custom_calorie_target_kcal=_decimal(profile.custom_calorie_target_kcal),
        custom_protein_g_per_kg=_decimal(profile.custom_protein_g_per_kg),
        custom_fat_energy_share=_decimal(profile.custom_fat_energy_share),
    )


def _decimal(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def notification_matrix(
    repo: UsersRepository, user_id: str
) -> dict[NotificationType, dict[Channel, bool]]:
    matrix = {kind: dict(chosen) for kind, chosen in DEFAULT_CHANNELS.items()}
    for choice in repo.notification_overrides(user_id):
        if choice.type in matrix and choice.channel in matrix[NotificationType(choice.type)]:
            matrix[NotificationType(choice.type)][Channel(choice.channel)] = choice.enabled
    return matrix


def profile_view(repo: UsersRepository, profile: Profile) -> dict[str, Any]:
    quiet = (
        {"start": profile.quiet_hours_start, "end": profile.quiet_hours_end}
        if profile.quiet_hours_start and profile.quiet_hours_end
        else None
    )
    return {
        "user_id": profile.user_id,
        "display_name": profile.display_name,
        "sex": profile.sex,
        "birth_date": profile.birth_date,
        "height_cm": as_float(profile.height_cm),
        "weight_kg": as_float(profile.weight_kg),
        "activity_level": profile.activity_level,
        "goal": profile.goal,
        "goal_rate_kg_per_week": float(profile.goal_rate_kg_per_week),
        "body_fat_pct": as_float(profile.body_fat_pct),
        "custom_calorie_target_kcal": profile.custom_calorie_target_kcal,
        "custom_protein_g_per_kg": as_float(profile.custom_protein_g_per_kg),
        "custom_fat_energy_share": as_float(profile.custom_fat_energy_share),
        "training_rule": _training_rule_view(profile),
        "units": profile.units,
        "week_start": profile.week_start,
        "timezone": profile.timezone,
        "language": profile.language,
        "notifications": {
            "preferences": notification_matrix(repo, profile.user_id),
            "quiet_hours": quiet,
        },
        "complete": not missing_for_targets(profile),
        "missing_fields": missing_for_targets(profile),
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
    }


def _training_rule_view(profile: Profile) -> dict[str, Any] | None:
    rule = training_day.rule_of(profile.training_rule_kind, profile.training_rule_amount)
    return None if rule is None else {"kind": rule.kind, "amount": rule.amount}


def as_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def targets_view(targets: domain.Targets, body: domain.BodyProfile) -> dict[str, Any]:
    def formula(result: domain.FormulaResult) -> dict[str, Any]:
        return {
            "name": result.name,
            "value": float(result.value),
            "source": result.source,
            "inputs": result.inputs,
        }

    return {
        "calorie_target_kcal": float(targets.calorie_target_kcal),
        "target_source": targets.target_source,
        "formula_target_kcal": float(targets.formula_target_kcal),
        "below_safe_floor": targets.below_safe_floor,
        "bmr": formula(targets.bmr),
        "alternatives": [formula(f) for f in targets.alternatives],
        "activity_level": body.activity_level,
        "activity_factor": float(targets.activity_factor),
        "tdee_kcal": float(targets.tdee_kcal),
        "goal": body.goal,
        "goal_rate_kg_per_week": float(body.goal_rate_kg_per_week),
        "goal_adjustment_kcal": float(targets.goal_adjustment_kcal),
        "goal_method": "rate (kg/week) x 7700 kcal/kg ÷ 7 days",
        "unadjusted_target_kcal": float(targets.unadjusted_target_kcal),
        "safe_floor_kcal": float(targets.safe_floor_kcal),
        "floor_applied": targets.floor_applied,
        "macros": {
            "protein_g": float(targets.macros.protein_g),
            "fat_g": float(targets.macros.fat_g),
            "carbohydrate_g": float(targets.macros.carbohydrate_g),
            "protein_g_per_kg": float(targets.macros.protein_g_per_kg),
            "fat_energy_share": float(targets.macros.fat_energy_share),
            "protein_source": targets.macros.protein_source,
            "fat_source": targets.macros.fat_source,
            "method": "protein g/kg body mass; fat share of energy (9 kcal/g); "
            "carbohydrate the remaining energy (4 kcal/g)",
        },
        "age_years": targets.age_years,
        "notes": list(targets.notes),
    }


def with_training_day(
    view: dict[str, Any], rule: training_day.TrainingRule, effect: training_day.TrainingDay
) -> dict[str, Any]:
    """The day's targets with the training-day extra in the calorie target and carbohydrate,
    and the reason beside them."""
    base = view["calorie_target_kcal"]
    macros = {
        **view["macros"],
        "carbohydrate_g": view["macros"]["carbohydrate_g"] + effect.extra_carbohydrate_g,
    }
    return {
        **view,
        "calorie_target_kcal": base + effect.extra_kcal,
        "macros": macros,
        "training_day": {
            "rule": {"kind": rule.kind, "amount": rule.amount},
            **vars(effect),
            "base_calorie_target_kcal": base,
        },
        "notes": [*view["notes"], effect.reason] if effect.applied else view["notes"],
    }
