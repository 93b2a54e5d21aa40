"""Profile and targets through the gateway: registration by event, PUT/PATCH, bad input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from body_profiles import MAN_BORN_1990
from contract_events import registered

from backend_services.kernel.messaging import Event

pytestmark = pytest.mark.e2e

PROFILE = {
    **MAN_BORN_1990,
    "activity_level": "moderate",
    "goal": "lose",
    "goal_rate_kg_per_week": 0.5,
    "timezone": "Europe/Berlin",
    "notifications": {
        "preferences": {"daily_norm_exceeded": {"push": True}},
        "quiet_hours": {"start": "22:00", "end": "07:00"},
    },
}


def assert_validation_error(response: httpx.Response, *fields: str) -> None:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    for field in fields:
        assert any(key.startswith(field) for key in error["fields"]), error["fields"]


def test_registration_event_creates_one_empty_profile(
    client: httpx.Client,
    register_user: Callable[..., Any],
    publish_event: Callable[[Event], None],
    stack_sql: Callable[..., list[tuple[Any, ...]]],
    poll: Callable[..., Any],
) -> None:
    user = register_user("Grace")
    body = client.get("/api/users/me", headers=user.headers).json()
    assert body["user_id"] == user.user_id
    assert body["display_name"] == "Grace"
    assert body["complete"] is False and body["sex"] is None
    assert body["notifications"]["preferences"]["announcement"]["in_app"] is True

    again = registered(user.user_id, "Somebody Else", "x@example.com")
    publish_event(again)
    publish_event(again)
    poll(lambda: stack_sql("SELECT 1 FROM users.processed_events WHERE event_id = %s", again.id))
    assert stack_sql("SELECT count(*) FROM users.profiles WHERE user_id = %s", user.user_id) == [
        (1,)
    ]
    assert client.get("/api/users/me", headers=user.headers).json()["display_name"] == "Grace"


def test_put_then_get_then_targets_with_formula_transparency(
    client: httpx.Client, register_user: Callable[..., Any]
) -> None:
    user = register_user()
    put = client.put("/api/users/me", json=PROFILE, headers=user.headers)
    assert put.status_code == 200, put.text
    profile = client.get("/api/users/me", headers=user.headers).json()
    assert profile["user_id"] == user.user_id
    assert (profile["height_cm"], profile["weight_kg"], profile["complete"]) == (180.0, 80.0, True)
    assert profile["notifications"]["preferences"]["daily_norm_exceeded"]["push"] is True
    assert profile["notifications"]["quiet_hours"] == {"start": "22:00:00", "end": "07:00:00"}

    targets = client.get("/api/users/me/targets", headers=user.headers)
    assert targets.status_code == 200, targets.text
    body = targets.json()
    assert body["bmr"]["name"] == "Mifflin-St Jeor"
    assert body["bmr"]["inputs"]["weight_kg"] == "80.00"
    assert body["activity_factor"] == 1.55
    assert body["goal_adjustment_kcal"] == -550.0
    assert abs(body["calorie_target_kcal"] - (body["tdee_kcal"] - 550)) <= 0.5  # whole kcal
    assert body["floor_applied"] is False
    assert body["macros"]["protein_g"] == 128.0

    patched = client.patch(
        "/api/users/me", json={"body_fat_pct": 15, "language": "ru"}, headers=user.headers
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["goal"] == "lose"  # untouched fields stay
    again = client.get("/api/users/me/targets", headers=user.headers).json()
    assert again["bmr"]["name"] == "Katch-McArdle"
    # PUT also logged today's weight
    weights = client.get("/api/users/me/weights", headers=user.headers).json()
    assert [e["weight_kg"] for e in weights["entries"]] == [80.0]


def test_targets_of_an_incomplete_profile_say_what_is_missing(
    client: httpx.Client, register_user: Callable[..., Any]
) -> None:
    user = register_user()
    response = client.get("/api/users/me/targets", headers=user.headers)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "profile_incomplete"
    assert "sex" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("method", "body", "field"),
    [
        ("put", {**PROFILE, "role": "admin"}, "role"),
        ("put", {**PROFILE, "user_id": "someone-else"}, "user_id"),
        ("patch", {"role": "admin"}, "role"),
        ("patch", {"user_id": "someone-else"}, "user_id"),
        ("patch", {"height_cm": 1000}, "height_cm"),
        ("patch", {"height_cm": 12}, "height_cm"),
        ("patch", {"weight_kg": 1e308}, "weight_kg"),
        ("patch", {"weight_kg": -80}, "weight_kg"),
        ("patch", {"birth_date": "2999-01-01"}, "birth_date"),
        ("patch", {"birth_date": "1800-01-01"}, "birth_date"),
        ("patch", {"body_fat_pct": 90}, "body_fat_pct"),
        ("patch", {"goal_rate_kg_per_week": 5}, "goal_rate_kg_per_week"),
        ("patch", {"timezone": "Nowhere/Special"}, "timezone"),
        ("patch", {"timezone": "x" * 10_000}, "timezone"),
        ("patch", {"sex": None}, ""),
        ("patch", {"notifications": {"preferences": {"spam": {"email": True}}}}, "notifications"),
        ("put", {k: v for k, v in PROFILE.items() if k != "sex"}, "sex"),
    ],
)
def test_bad_input_is_refused_with_field_errors_and_nothing_stored(
    client: httpx.Client,
    register_user: Callable[..., Any],
    method: str,
    body: dict[str, Any],
    field: str,
) -> None:
    user = register_user()
    client.patch("/api/users/me", json={"height_cm": 170}, headers=user.headers)
    before = client.get("/api/users/me", headers=user.headers).json()
    response = client.request(method.upper(), "/api/users/me", json=body, headers=user.headers)
    assert_validation_error(response, field)
    assert "Traceback" not in response.text
    after = client.get("/api/users/me", headers=user.headers).json()
    assert after == before


def test_a_body_that_is_not_json_is_refused(
    client: httpx.Client, register_user: Callable[..., Any]
) -> None:
    user = register_user()
    response = client.patch(
        "/api/users/me",
        content=b"height_cm=170",
        headers={**user.headers, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415
    assert client.get("/api/users/me", headers=user.headers).json()["height_cm"] is None
