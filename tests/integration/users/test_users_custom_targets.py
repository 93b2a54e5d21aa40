"""The user's own targets on the real PostgreSQL: stored, published, in the statistics, cleared."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from body_profiles import REFERENCE_MAN
from contract_events import meal_changed
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError
from users_profiles import Sql, outbox, patch

from backend_services.kernel.messaging import Event
from backend_services.users.schemas import ProfileReplace
from backend_services.users.service import UsersService

TODAY = date(2025, 3, 10)  # the clock fixture's day


def published_targets(sql: Sql, user_id: str) -> list[dict[str, Any]]:
    return [event["data"]["targets"] for event in outbox(sql, user_id, "users.profile.updated")]


def day_target(sql: Sql, user_id: str, day: date) -> object:
    rows = sql(
        "SELECT target_kcal FROM users.daily_stats WHERE user_id = :u AND local_date = :d",
        u=user_id,
        d=day,
    )
    return rows[0][0] if rows else None


def test_own_targets_are_stored_published_and_explained(
    users_service: UsersService, users_sql: Sql
) -> None:
    user = str(uuid.uuid4())
    users_service.patch_profile(user, patch(**REFERENCE_MAN))
    profile = users_service.patch_profile(
        user,
        patch(
            custom_calorie_target_kcal=2000,
            custom_protein_g_per_kg=2.0,
            custom_fat_energy_share=0.25,
        ),
    )
    assert (
        profile["custom_calorie_target_kcal"],
        profile["custom_protein_g_per_kg"],
        profile["custom_fat_energy_share"],
    ) == (2000, 2.0, 0.25)
    assert users_service.get_profile(user)["custom_calorie_target_kcal"] == 2000

    targets = users_service.targets(user)
    assert (targets["calorie_target_kcal"], targets["formula_target_kcal"]) == (2000.0, 2136.0)
    assert targets["target_source"] == "user" and targets["below_safe_floor"] is False
    macros = targets["macros"]
    assert (macros["protein_g"], macros["fat_g"], macros["carbohydrate_g"]) == (160, 56, 215)
    assert (macros["protein_source"], macros["fat_source"]) == ("user", "user")
    assert "You set 2000 kcal/day; the formulas suggest 2136 kcal/day." in targets["notes"]

    # What notifications compares the day's intake to follows the user's target.
    published = published_targets(users_sql, user)
    assert [t["calorie_target_kcal"] for t in published] == [2136, 2000]
    assert [t["target_source"] for t in published] == ["formula", "user"]
    assert published[-1]["protein_g"] == 160


def test_the_days_statistics_carry_the_users_own_target(
    users_service: UsersService, users_sql: Sql, deliver: Callable[[Event], bool]
) -> None:
    user = str(uuid.uuid4())
    users_service.patch_profile(user, patch(**REFERENCE_MAN))
    deliver(meal_changed(user, TODAY.isoformat(), 1900))
    assert day_target(users_sql, user, TODAY) == 2136
    users_service.patch_profile(user, patch(custom_calorie_target_kcal=1800))
    assert day_target(users_sql, user, TODAY) == 1800  # today's row follows at once
    stats = users_service.stats(user, TODAY, TODAY)
    assert stats["days"][0]["target_kcal"] == 1800.0
    deliver(meal_changed(user, "2025-03-11", 500))
    assert day_target(users_sql, user, date(2025, 3, 11)) == 1800


def test_null_clears_a_choice_and_put_goes_back_to_the_formulas(
    users_service: UsersService, users_sql: Sql
) -> None:
    user = str(uuid.uuid4())
    users_service.patch_profile(
        user, patch(**REFERENCE_MAN, custom_calorie_target_kcal=1400, custom_protein_g_per_kg=2.2)
    )
    low = users_service.targets(user)
    assert low["calorie_target_kcal"] == 1400.0 and low["below_safe_floor"] is True
    assert any(note.startswith("Warning") for note in low["notes"])

    cleared = users_service.patch_profile(user, patch(custom_calorie_target_kcal=None))
    assert cleared["custom_calorie_target_kcal"] is None
    assert cleared["custom_protein_g_per_kg"] == 2.2  # untouched
    again = users_service.targets(user)
    assert again["target_source"] == "formula" and again["calorie_target_kcal"] == 2136.0
    assert again["macros"]["protein_g"] == 176  # 2.2 g/kg still applies

    users_service.patch_profile(user, patch(custom_fat_energy_share=0.3))
    replaced = users_service.replace_profile(user, ProfileReplace.model_validate(REFERENCE_MAN))
    assert replaced["custom_protein_g_per_kg"] is None
    assert replaced["custom_fat_energy_share"] is None
    assert published_targets(users_sql, user)[-1]["calorie_target_kcal"] == 2136


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("custom_calorie_target_kcal", 500),
        ("custom_protein_g_per_kg", 5),
        ("custom_fat_energy_share", 0.9),
    ],
)
def test_the_database_refuses_out_of_bounds_choices(
    users_engine: Engine, users_service: UsersService, column: str, value: float
) -> None:
    user = str(uuid.uuid4())
    users_service.patch_profile(user, patch(language="en"))
    with pytest.raises(IntegrityError), users_engine.begin() as conn:
        conn.execute(
            text(f"UPDATE users.profiles SET {column} = :v WHERE user_id = :u"),
            {"v": value, "u": user},
        )
