"""Request schemas of the users API: allow-lists and bounds, without any I/O."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from body_profiles import LIGHT_WOMAN
from pydantic import ValidationError

from backend_services.users.schemas import ProfilePatch, ProfileReplace, WeightLogIn


def valid_profile(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {**LIGHT_WOMAN, "goal": "lose", "goal_rate_kg_per_week": 0.5}
    body.update(overrides)
    return body


def field_errors(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {".".join(str(p) for p in err["loc"]) for err in exc.value.errors()}


def test_a_valid_profile_is_rounded_to_stored_precision() -> None:
    profile = ProfileReplace.model_validate(valid_profile(height_cm=165.26, weight_kg=60.555))
    assert profile.height_cm == Decimal("165.3")
    assert profile.weight_kg == Decimal("60.56")
    assert profile.timezone == "UTC" and profile.units == "metric"


@pytest.mark.parametrize("field", ["role", "user_id", "calorie_target_kcal"])
def test_unknown_fields_are_refused(field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        ProfileReplace.model_validate(valid_profile(**{field: "admin"}))
    assert field in field_errors(exc)
    with pytest.raises(ValidationError):
        ProfilePatch.model_validate({field: "x"})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("height_cm", 49.9),
        ("height_cm", 273),
        ("weight_kg", 19),
        ("weight_kg", 1e308),
        ("weight_kg", "NaN"),
        ("body_fat_pct", 80),
        ("goal_rate_kg_per_week", 1.5),
        ("goal_rate_kg_per_week", -0.5),
        ("birth_date", "2100-01-01"),
        ("birth_date", "1850-01-01"),
        ("timezone", "Mars/Olympus_Mons"),
        ("units", "stones"),
        ("language", "de"),
        ("sex", "other"),
        ("activity_level", "couch"),
    ],
)
def test_absurd_values_are_refused(field: str, value: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        ProfileReplace.model_validate(valid_profile(**{field: value}))
    assert field in field_errors(exc)


def test_birth_date_bounds_follow_age_13_to_120() -> None:
    today = datetime.now(UTC).date()
    twelve = date(today.year - 12, 1, 1)
    with pytest.raises(ValidationError):
        ProfilePatch.model_validate({"birth_date": twelve.isoformat()})
    ProfilePatch.model_validate({"birth_date": date(today.year - 14, 1, 1).isoformat()})


def test_patch_keeps_only_fields_sent_and_refuses_nulls_except_body_fat() -> None:
    patch = ProfilePatch.model_validate({"weight_kg": 70, "body_fat_pct": None})
    assert patch.changes() == {"weight_kg": Decimal("70.00"), "body_fat_pct": None}
    with pytest.raises(ValidationError):
        ProfilePatch.model_validate({"height_cm": None})


def test_notification_settings_are_an_allow_list() -> None:
    ok = ProfilePatch.model_validate(
        {
            "notifications": {
                "preferences": {"daily_norm_exceeded": {"email": True}},
                "quiet_hours": {"start": "22:00", "end": "07:00"},
            }
        }
    )
    assert ok.notifications is not None and ok.notifications.quiet_hours is not None
    for bad in (
        {"preferences": {"spam": {"email": True}}},
        {"preferences": {"announcement": {"fax": True}}},
        {"preferences": {"announcement": {"email": "yes"}}},
        {"quiet_hours": {"start": "22:00", "end": "22:00"}},
    ):
        with pytest.raises(ValidationError):
            ProfilePatch.model_validate({"notifications": bad})


def test_weight_log_bounds() -> None:
    assert WeightLogIn.model_validate({"weight_kg": 80.004}).weight_kg == Decimal("80.00")
    for bad in ({"weight_kg": 0}, {"weight_kg": 80, "date": "1800-01-01"}, {"kg": 80}):
        with pytest.raises(ValidationError):
            WeightLogIn.model_validate(bad)
