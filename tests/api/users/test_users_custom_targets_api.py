"""The user's own calorie target and macro split through the gateway, and who follows it.

PATCH sets and clears them, GET shows them, bad values are 422 with field errors; the
notifications service's daily norm follows the user's target through users.profile.updated.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from body_profiles import MAN_BORN_1990
from contract_events import meal_changed

from backend_services.kernel.messaging import Event

pytestmark = pytest.mark.e2e

# A man of 80 kg and 180 cm, moderately active (x 1.55), maintaining: the formulas' target is
# about 2700 kcal (his BMR depends on his age today), well above the 1800-2000 chosen below.
BODY = {**MAN_BORN_1990, "activity_level": "moderate", "goal": "maintain"}
CUSTOM = ("custom_calorie_target_kcal", "custom_protein_g_per_kg", "custom_fat_energy_share")


def onboarded(client: httpx.Client, register_user: Callable[..., Any]) -> Any:
    user = register_user()
    response = client.patch("/api/users/me", json=BODY, headers=user.headers)
    assert response.status_code == 200, response.text
    return user


def test_patch_sets_get_shows_targets_follow_and_null_clears(
    client: httpx.Client, register_user: Callable[..., Any]
) -> None:
    user = onboarded(client, register_user)
    before = client.get("/api/users/me/targets", headers=user.headers).json()
    assert before["target_source"] == "formula" and before["below_safe_floor"] is False
    assert before["calorie_target_kcal"] == before["formula_target_kcal"]
    formula_kcal = before["formula_target_kcal"]
    assert client.get("/api/users/me", headers=user.headers).json()[CUSTOM[0]] is None

    chosen = {CUSTOM[0]: 2000, CUSTOM[1]: 2.0, CUSTOM[2]: 0.25}
    patched = client.patch("/api/users/me", json=chosen, headers=user.headers)
    assert patched.status_code == 200, patched.text
    assert {name: patched.json()[name] for name in CUSTOM} == chosen
    profile = client.get("/api/users/me", headers=user.headers).json()
    assert {name: profile[name] for name in CUSTOM} == chosen
    assert profile["goal"] == "maintain"  # untouched fields stay

    targets = client.get("/api/users/me/targets", headers=user.headers).json()
    assert targets["calorie_target_kcal"] == 2000 and targets["target_source"] == "user"
    assert targets["formula_target_kcal"] == formula_kcal
    # Mifflin-St Jeor is still explained beside the user's target: 10·kg + 6.25·cm - 5·age + 5.
    assert targets["bmr"]["value"] == 10 * 80 + 6.25 * 180 - 5 * targets["age_years"] + 5
    macros = targets["macros"]
    assert (macros["protein_g"], macros["fat_g"], macros["carbohydrate_g"]) == (160, 56, 215)
    assert (macros["protein_source"], macros["fat_source"]) == ("user", "user")
    assert (
        f"You set 2000 kcal/day; the formulas suggest {formula_kcal:.0f} kcal/day."
        in (targets["notes"])
    )

    low = client.patch("/api/users/me", json={CUSTOM[0]: 1000}, headers=user.headers)
    assert low.status_code == 200, low.text  # warned, not refused
    warned = client.get("/api/users/me/targets", headers=user.headers).json()
    assert warned["calorie_target_kcal"] == 1000 and warned["below_safe_floor"] is True
    assert any("below the safe minimum of 1500" in note for note in warned["notes"])

    cleared = client.patch("/api/users/me", json={CUSTOM[0]: None}, headers=user.headers)
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()[CUSTOM[0]] is None and cleared.json()[CUSTOM[1]] == 2.0
    back = client.get("/api/users/me/targets", headers=user.headers).json()
    assert back["target_source"] == "formula" and back["calorie_target_kcal"] == formula_kcal
    assert back["macros"]["protein_g"] == 160  # the protein choice still applies

    # PUT replaces the whole profile: choices not sent go back to the formulas.
    put = client.put("/api/users/me", json=BODY, headers=user.headers)
    assert put.status_code == 200, put.text
    assert all(put.json()[name] is None for name in CUSTOM)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"custom_calorie_target_kcal": 799}, "custom_calorie_target_kcal"),
        ({"custom_calorie_target_kcal": 10001}, "custom_calorie_target_kcal"),
        ({"custom_calorie_target_kcal": 1999.5}, "custom_calorie_target_kcal"),
        ({"custom_calorie_target_kcal": "a lot"}, "custom_calorie_target_kcal"),
        ({"custom_protein_g_per_kg": 0.5}, "custom_protein_g_per_kg"),
        ({"custom_protein_g_per_kg": 4}, "custom_protein_g_per_kg"),
        ({"custom_fat_energy_share": 0.1}, "custom_fat_energy_share"),
        ({"custom_fat_energy_share": 30}, "custom_fat_energy_share"),  # percent, not fraction
        ({"custom_fat_energy_share": "NaN"}, "custom_fat_energy_share"),
        ({"calorie_target_kcal": 2000}, "calorie_target_kcal"),  # the computed one is read-only
    ],
)
def test_bad_values_are_422_with_field_errors_and_nothing_stored(
    client: httpx.Client, register_user: Callable[..., Any], body: dict[str, Any], field: str
) -> None:
    user = onboarded(client, register_user)
    client.patch("/api/users/me", json={"custom_calorie_target_kcal": 2400}, headers=user.headers)
    before = client.get("/api/users/me", headers=user.headers).json()
    response = client.patch("/api/users/me", json=body, headers=user.headers)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert any(key.startswith(field) for key in error["fields"]), error["fields"]
    assert client.get("/api/users/me", headers=user.headers).json() == before
    targets = client.get("/api/users/me/targets", headers=user.headers).json()
    assert targets["calorie_target_kcal"] == 2400


def test_the_notifications_norm_follows_the_users_own_target(
    client: httpx.Client,
    register_user: Callable[..., Any],
    publish_event: Callable[[Event], None],
    poll: Callable[..., Any],
) -> None:
    user = onboarded(client, register_user)
    formula_kcal = client.get("/api/users/me/targets", headers=user.headers).json()[
        "calorie_target_kcal"
    ]
    patched = client.patch(
        "/api/users/me", json={"custom_calorie_target_kcal": 1800}, headers=user.headers
    )
    assert patched.status_code == 200, patched.text

    def norm() -> float | None:
        response = client.get("/api/notifications/settings", headers=user.headers)
        target = response.json().get("calorie_target_kcal") if response.is_success else None
        return target if target == 1800 else None

    poll(norm)  # users.profile.updated carried the user's target to notifications

    # A day over the user's 1800 kcal but under the formulas' target: the norm warns.
    total = 1900
    assert total < formula_kcal
    today = datetime.now(UTC).date().isoformat()  # the profile's zone is UTC
    publish_event(meal_changed(user.user_id, today, total))

    def warning() -> dict[str, Any] | None:
        feed = client.get("/api/notifications/", headers=user.headers).json()
        return next((n for n in feed["items"] if n["type"] == "daily_norm_exceeded"), None)

    found = poll(warning)
    assert found["data"]["target_kcal"] == 1800 and found["data"]["total_kcal"] == total
    assert "1,800" in found["body"] or "1800" in found["body"]
