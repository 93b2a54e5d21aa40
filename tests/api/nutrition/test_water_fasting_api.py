"""Water and fasting through the gateway: a day's drinks against the goal (and in the
diary's day), undo, one running fast at a time, a past fast logged, another user's access
refused, bad input answered in the one error shape changing nothing; and the food search's
``lab_only`` flag."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import httpx
import pytest

pytestmark = pytest.mark.e2e
API = "/api/nutrition"
DAY = "2026-11-30"


def _headers(make_token: Callable[..., str], user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(user)}"}


def _ago(hours: float) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours)).isoformat()


def _days_ahead(days: int) -> str:
    return (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=days)).isoformat()


def test_water_for_a_day_against_the_goal(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    mine, other = _headers(make_token, user_id), _headers(make_token, user_id + "-other")
    assert (
        client.post(f"{API}/water/{DAY}", json={"amount_ml": 250}, headers=mine).status_code == 201
    )
    logged = client.post(f"{API}/water/{DAY}", json={"amount_ml": 500}, headers=mine)
    assert logged.status_code == 201, logged.text
    assert (logged.json()["total_ml"], logged.json()["goal_ml"]) == (750, 2000)
    goal = client.put(f"{API}/water-goal", json={"goal_ml": 2500}, headers=mine)
    assert goal.json() == {"goal_ml": 2500, "goal_is_default": False}
    diary = client.get(f"{API}/diary/{DAY}", headers=mine).json()
    assert diary["water"] == {"total_ml": 750, "goal_ml": 2500, "goal_is_default": False}

    last = logged.json()["drinks"][-1]["id"]
    assert client.delete(f"{API}/water/drinks/{last}", headers=other).status_code == 404
    assert client.get(f"{API}/water/{DAY}", headers=other).json()["total_ml"] == 0
    bad = [
        client.post(f"{API}/water/{DAY}", json={"amount_ml": 0}, headers=mine),
        client.post(f"{API}/water/{DAY}", json={"amount_ml": "lots"}, headers=mine),
        client.post(f"{API}/water/{DAY}", json={"amount_ml": 250, "x": 1}, headers=mine),
        client.post(f"{API}/water/2026-13-01", json={"amount_ml": 250}, headers=mine),
        client.post(f"{API}/water/{_days_ahead(3)}", json={"amount_ml": 250}, headers=mine),
        client.put(f"{API}/water-goal", json={"goal_ml": 50_000}, headers=mine),
    ]
    assert [r.status_code for r in bad] == [422] * 6
    assert bad[0].json()["error"]["code"] == "validation_error"
    assert "amount_ml" in bad[0].json()["error"]["fields"]
    assert client.post(f"{API}/water/{DAY}", json={"amount_ml": 250}).status_code == 401

    undone = client.delete(f"{API}/water/drinks/{last}", headers=mine)
    assert undone.status_code == 200
    assert (undone.json()["total_ml"], undone.json()["goal_ml"]) == (250, 2500)


def test_one_running_fast_and_its_history(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    mine, other = _headers(make_token, user_id), _headers(make_token, user_id + "-other")
    past = client.post(
        f"{API}/fasts",
        json={"protocol": "18:6", "started_at": _ago(48), "ended_at": _ago(28)},
        headers=mine,
    )
    assert past.status_code == 201, past.text
    assert past.json()["status"] == "completed"
    started = client.post(
        f"{API}/fasts", json={"protocol": "16:8", "started_at": _ago(2)}, headers=mine
    )
    assert started.status_code == 201, started.text
    again = client.post(f"{API}/fasts", json={"protocol": "20:4"}, headers=mine)
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"

    # another user sees none of it and can end or remove none of it
    assert client.get(f"{API}/fasts", headers=other).json() == {"current": None, "recent": []}
    assert client.post(f"{API}/fasts/current/end", json={}, headers=other).status_code == 404
    assert client.delete(f"{API}/fasts/{past.json()['id']}", headers=other).status_code == 404

    bad = [
        client.post(f"{API}/fasts", json={"protocol": "12:12"}, headers=mine),
        client.post(f"{API}/fasts", json={"protocol": "custom"}, headers=mine),
        client.post(f"{API}/fasts", json={"protocol": "custom", "target_hours": 100}, headers=mine),
        client.post(
            f"{API}/fasts",
            json={"protocol": "16:8", "started_at": "2026-11-30T08:00:00"},  # no offset
            headers=mine,
        ),
        client.post(f"{API}/fasts/current/end", json={"ended_at": _ago(3)}, headers=mine),
    ]
    assert [r.status_code for r in bad] == [422] * 5, [r.text for r in bad]
    assert "target_hours" in bad[1].json()["error"]["fields"]
    assert "ended_at" in bad[4].json()["error"]["fields"]

    fasts = client.get(f"{API}/fasts", headers=mine).json()
    assert fasts["current"]["id"] == started.json()["id"]
    assert fasts["current"]["elapsed_seconds"] >= 2 * 3600
    ended = client.post(f"{API}/fasts/current/end", json={}, headers=mine)
    assert ended.status_code == 200 and ended.json()["status"] == "short"
    assert client.delete(f"{API}/fasts/{past.json()['id']}", headers=mine).status_code == 204
    assert [f["id"] for f in client.get(f"{API}/fasts", headers=mine).json()["recent"]] == [
        started.json()["id"]
    ]


def test_lab_data_only_search(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    h = _headers(make_token, user_id)
    found = client.get(f"{API}/foods", params={"q": "cheese", "lab_only": "true"}, headers=h)
    assert found.status_code == 200, found.text
    assert found.json()["items"]
    assert {f["source"] for f in found.json()["items"]} <= {"usda-sr28", "fdc"}
    bad = client.get(f"{API}/foods", params={"q": "cheese", "lab_only": "maybe"}, headers=h)
    assert bad.status_code == 422
