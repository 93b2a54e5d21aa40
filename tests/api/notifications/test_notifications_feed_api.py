"""The in-app feed through the gateway: rules fed by events, read/unread, paging, IDOR."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
from notifications_api_helpers import meal, wait_for_feed, workout

from backend_services.kernel.messaging import Event

FEED = "/api/notifications/"


def test_feed_needs_a_token(client: httpx.Client) -> None:
    assert client.get(FEED).status_code == 401


def test_norm_warning_appears_once_then_read_and_read_all(
    client: httpx.Client,
    register: Callable[..., Any],
    publish_event: Callable[[Event], None],
    set_profile: Callable[..., None],
) -> None:
    ann = register()
    assert client.get(FEED, headers=ann.headers).json() == {
        "items": [],
        "next_cursor": None,
        "unread_count": 0,
    }
    set_profile(ann.user_id, target=2000)
    for total in (1200, 2300, 2900):
        publish_event(meal(ann.user_id, total))
    publish_event(workout(ann.user_id))  # a later marker: once it is in, the meals are too
    feed = wait_for_feed(
        client, ann, lambda f: any(i["type"] == "workout_completed" for i in f["items"])
    )
    warnings = [i for i in feed["items"] if i["type"] == "daily_norm_exceeded"]
    assert len(warnings) == 1
    assert warnings[0]["title"] == "Over your daily norm"
    assert warnings[0]["data"]["total_kcal"] == 2300.0
    assert feed["unread_count"] == 2

    read = client.post(f"/api/notifications/{warnings[0]['id']}/read", headers=ann.headers)
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert client.get(FEED, headers=ann.headers).json()["unread_count"] == 1
    unread_only = client.get(FEED, params={"unread": "true"}, headers=ann.headers).json()
    assert [i["type"] for i in unread_only["items"]] == ["workout_completed"]

    done = client.post("/api/notifications/read-all", headers=ann.headers)
    assert done.status_code == 200 and done.json() == {"marked_read": 1, "unread_count": 0}
    assert client.get(FEED, headers=ann.headers).json()["unread_count"] == 0


def test_paging_with_a_cursor(
    client: httpx.Client, register: Callable[..., Any], publish_event: Callable[[Event], None]
) -> None:
    bob = register()
    for _ in range(3):
        publish_event(workout(bob.user_id))
    wait_for_feed(client, bob, lambda f: f["unread_count"] == 3)
    first = client.get(FEED, params={"limit": 2}, headers=bob.headers).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = client.get(
        FEED, params={"limit": 2, "cursor": first["next_cursor"]}, headers=bob.headers
    ).json()
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    ids = [i["id"] for i in first["items"] + second["items"]]
    assert len(set(ids)) == 3


def test_another_user_can_neither_see_nor_mark_my_notifications(
    client: httpx.Client, register: Callable[..., Any], publish_event: Callable[[Event], None]
) -> None:
    ann, bob = register(), register()
    publish_event(workout(ann.user_id))
    [item] = wait_for_feed(client, ann, lambda f: f["items"])["items"]
    assert client.get(FEED, headers=bob.headers).json()["items"] == []
    stolen = client.post(f"/api/notifications/{item['id']}/read", headers=bob.headers)
    assert stolen.status_code == 404
    assert (
        client.post("/api/notifications/read-all", headers=bob.headers).json()["marked_read"] == 0
    )
    mine = client.get(FEED, headers=ann.headers).json()
    assert mine["unread_count"] == 1 and mine["items"][0]["read_at"] is None


def test_bad_input_is_refused(client: httpx.Client, register: Callable[..., Any]) -> None:
    ann = register()
    for params in ({"limit": 0}, {"limit": 1000}, {"limit": "x"}, {"cursor": "!!not-a-cursor"}):
        answer = client.get(FEED, params=params, headers=ann.headers)
        assert answer.status_code == 422, (params, answer.text)
        assert answer.json()["error"]["code"] == "validation_error"
    bad_id = client.post("/api/notifications/not-a-uuid/read", headers=ann.headers)
    assert bad_id.status_code == 422
    unknown = client.post(f"/api/notifications/{uuid.uuid4()}/read", headers=ann.headers)
    assert unknown.status_code == 404


def test_settings_round_trip_and_validation(
    client: httpx.Client, register: Callable[..., Any]
) -> None:
    ann = register()
    body: dict[str, Any] = {
        "meal_reminder_times": ["12:30", "08:00"],
        "workout_reminder_days": [4, 0, 2],
        "workout_reminder_time": "18:00",
        "goal_weight_kg": 72.5,
    }
    saved = client.put("/api/notifications/settings", json=body, headers=ann.headers)
    assert saved.status_code == 200, saved.text
    assert saved.json()["meal_reminder_times"] == ["08:00", "12:30"]
    assert saved.json()["workout_reminder_days"] == [0, 2, 4]
    assert client.get("/api/notifications/settings", headers=ann.headers).json() == saved.json()
    for bad in (
        {**body, "workout_reminder_days": [7]},
        {**body, "goal_weight_kg": -1},
        {**body, "meal_reminder_times": ["25:00"]},
        {**body, "user_id": "someone-else"},
    ):
        answer = client.put("/api/notifications/settings", json=bad, headers=ann.headers)
        assert answer.status_code == 422, bad
    assert client.get("/api/notifications/settings", headers=ann.headers).json() == saved.json()
