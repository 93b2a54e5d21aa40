"""Weight log and statistics through the gateway, fed by real events on the real broker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from contract_events import meal_changed, workout_finished

from backend_services.kernel.messaging import Event

pytestmark = pytest.mark.e2e


def test_weights_one_per_day_with_trend(
    client: httpx.Client, register_user: Callable[..., Any]
) -> None:
    user = register_user()
    today = datetime.now(UTC).date()
    earlier = (today - timedelta(days=2)).isoformat()
    first = client.post(
        "/api/users/me/weights", json={"weight_kg": 80, "date": earlier}, headers=user.headers
    )
    assert first.status_code == 201, first.text
    edit = client.post(
        "/api/users/me/weights", json={"weight_kg": 79, "date": earlier}, headers=user.headers
    )
    assert edit.status_code == 200
    client.post("/api/users/me/weights", json={"weight_kg": 81}, headers=user.headers)
    log = client.get("/api/users/me/weights", headers=user.headers).json()
    assert [e["weight_kg"] for e in log["entries"]] == [79.0, 81.0]
    assert log["entries"][-1]["trend_kg"] == 79.38  # 79 + (1 - 0.9^2) x 2
    assert log["latest_trend_kg"] == 79.38
    assert client.get("/api/users/me", headers=user.headers).json()["weight_kg"] == 81.0


@pytest.mark.parametrize(
    "body",
    [
        {"weight_kg": 80, "date": "2999-01-01"},
        {"weight_kg": 0},
        {"weight_kg": "NaN"},
        {"weight_kg": 80, "user_id": "x"},
    ],
)
def test_bad_weights_are_refused_and_nothing_stored(
    client: httpx.Client, register_user: Callable[..., Any], body: dict[str, Any]
) -> None:
    user = register_user()
    response = client.post("/api/users/me/weights", json=body, headers=user.headers)
    assert response.status_code == 422
    assert response.json()["error"]["fields"]
    assert client.get("/api/users/me/weights", headers=user.headers).json()["entries"] == []


def test_stats_from_meal_and_workout_events_idempotent_on_the_users_local_days(
    client: httpx.Client,
    register_user: Callable[..., Any],
    publish_event: Callable[[Event], None],
    poll: Callable[..., Any],
) -> None:
    user = register_user()
    zone = "Pacific/Auckland"
    client.patch("/api/users/me", json={"timezone": zone}, headers=user.headers)
    today = datetime.now(ZoneInfo(zone)).date()
    yesterday = today - timedelta(days=1)
    meal = meal_changed(
        user.user_id, yesterday.isoformat(), 1900, protein_g=90, fat_g=60, carbohydrate_g=240
    )
    # Both producers send the user's local day (workouts: the day the workout started on).
    workout = workout_finished(
        user.user_id, kcal=350, duration_s=2400, local_date=yesterday.isoformat()
    )
    for event in (meal, meal, workout, workout):  # every event delivered twice
        publish_event(event)

    def yesterday_row() -> dict[str, Any] | None:
        stats = client.get(
            "/api/users/me/stats",
            params={"from": yesterday.isoformat(), "to": today.isoformat()},
            headers=user.headers,
        ).json()
        row = stats["days"][0]
        return stats if row["logged"] and row["workouts"] else None

    stats = poll(yesterday_row)
    row = stats["days"][0]
    assert row["date"] == yesterday.isoformat()
    assert (row["calories_in"], row["calories_out"], row["workouts"]) == (1900.0, 350.0, 1)
    assert row["net_kcal"] == 1550.0
    assert stats["streak_days"] == 1 and stats["logged_days"] == 1
    assert stats["timezone"] == zone
    assert stats["days"][1]["logged"] is False


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2025-03-10", "to": "2025-03-01"},
        {"from": "2020-01-01", "to": "2025-01-01"},
        {"from": "soon"},
    ],
)
def test_bad_stats_ranges_are_422(
    client: httpx.Client, register_user: Callable[..., Any], params: dict[str, str]
) -> None:
    user = register_user()
    response = client.get("/api/users/me/stats", params=params, headers=user.headers)
    assert response.status_code == 422
    assert response.json()["error"]["fields"]


def test_today_default_range_is_seven_local_days(
    client: httpx.Client, register_user: Callable[..., Any]
) -> None:
    user = register_user()
    stats = client.get("/api/users/me/stats", headers=user.headers).json()
    assert len(stats["days"]) == 7
    assert date.fromisoformat(stats["to_date"]) - date.fromisoformat(stats["from_date"]) == (
        timedelta(days=6)
    )
