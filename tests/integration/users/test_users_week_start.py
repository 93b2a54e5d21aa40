"""The week start setting: stored per profile, "monday" unless chosen, only two values."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from body_profiles import LIGHT_WOMAN
from pydantic import ValidationError
from users_profiles import Sql

from backend_services.users.schemas import ProfilePatch, ProfileReplace
from backend_services.users.service import UsersService


def test_week_start_is_monday_until_chosen_and_a_put_resets_it(
    users_service: UsersService, users_sql: Sql
) -> None:
    user = str(uuid.uuid4())
    profile = users_service.patch_profile(user, ProfilePatch.model_validate({"units": "imperial"}))
    assert (profile["week_start"], profile["units"]) == ("monday", "imperial")

    profile = users_service.patch_profile(
        user, ProfilePatch.model_validate({"week_start": "sunday"})
    )
    assert profile["week_start"] == "sunday"
    assert users_service.get_profile(user)["week_start"] == "sunday"
    assert users_sql("SELECT week_start FROM users.profiles WHERE user_id = :u", u=user) == [
        ("sunday",)
    ]

    profile = users_service.replace_profile(user, ProfileReplace.model_validate(LIGHT_WOMAN))
    assert profile["week_start"] == "monday"


@pytest.mark.parametrize("value", ["tuesday", "Sunday", "", 0])
def test_other_week_starts_are_refused_before_anything_is_stored(value: object) -> None:
    with pytest.raises(ValidationError) as exc:
        ProfilePatch.model_validate({"week_start": value})
    assert [e["loc"] for e in exc.value.errors()] == [("week_start",)]
    with pytest.raises(ValidationError):
        ProfileReplace.model_validate({**LIGHT_WOMAN, "week_start": value})


def test_the_table_refuses_another_value_too(users_service: UsersService, users_sql: Sql) -> None:
    user = str(uuid.uuid4())
    users_service.patch_profile(user, ProfilePatch.model_validate({"week_start": "sunday"}))
    with pytest.raises(sa.exc.IntegrityError):
        users_sql("UPDATE users.profiles SET week_start = 'friday' WHERE user_id = :u", u=user)
    assert users_service.get_profile(user)["week_start"] == "sunday"
