"""Workouts through the gateway: logging, completion, bad input, IDOR, imports, events."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pika
import pytest
from polling import wait_until
from stack_env import STACK_ENV

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
W = "/api/workouts"


def _auth(make_token: Callable[..., str], user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(user)}"}


def _iso(dt: datetime) -> str:
    return dt.isoformat()


def _workout_body(**over: object) -> dict:
    started = datetime.now(UTC) - timedelta(hours=1)
    body = {
        "name": "Morning",
        "started_at": _iso(started),
        "body_weight_kg": 70,
        "exercises": [
            {
                "exercise_id": "builtin:barbell-bench-press",
                "sets": [{"kind": "strength", "reps": 5, "weight_kg": 60}],
            },
            {
                "exercise_id": "builtin:running",
                "sets": [{"kind": "cardio", "duration_s": 1200, "distance_m": 3000}],
            },
        ],
    }
    return {**body, **over}


def test_log_complete_and_read_back(client: httpx.Client, make_token, user_id: str) -> None:
    h = _auth(make_token, user_id)
    created = client.post(f"{W}/workouts", json=_workout_body(), headers=h)
    assert created.status_code == 201, created.text
    w = created.json()
    bench = w["exercises"][0]["id"]
    added = client.post(
        f"{W}/workouts/{w['id']}/exercises/{bench}/sets",
        json={"kind": "strength", "reps": 5, "weight_kg": 62.5, "rpe": 8},
        headers=h,
    )
    assert added.status_code == 201, added.text
    done = client.post(f"{W}/workouts/{w['id']}/complete", json={}, headers=h)
    assert done.status_code == 200, done.text
    result = done.json()["result"]
    assert result["weight_source"] == "workout" and result["calories_kcal"] > 0
    assert result["volume_kg"] == 5 * 60 + 5 * 62.5
    again = client.post(f"{W}/workouts/{w['id']}/complete", json={}, headers=h)
    assert again.json()["result"] == result
    listed = client.get(f"{W}/workouts", params={"from": w["local_date"]}, headers=h).json()
    assert [x["id"] for x in listed["items"]] == [w["id"]]
    assert "outbox" not in listed["items"][0]


def test_idempotency_key(client: httpx.Client, make_token, user_id: str) -> None:
    h = {**_auth(make_token, user_id), "Idempotency-Key": uuid.uuid4().hex}
    body = _workout_body()
    first = client.post(f"{W}/workouts", json=body, headers=h)
    second = client.post(f"{W}/workouts", json=body, headers=h)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert len(client.get(f"{W}/workouts", headers=h).json()["items"]) == 1


@pytest.mark.parametrize(
    "body",
    [
        _workout_body(exercises=[{"exercise_id": "builtin:running",
                                  "sets": [{"kind": "cardio", "duration_s": -5}]}]),
        _workout_body(exercises=[{"exercise_id": "builtin:barbell-bench-press",
                                  "sets": [{"kind": "strength", "reps": -1}]}]),
        _workout_body(exercises=[{"exercise_id": "builtin:barbell-bench-press",
                                  "sets": [{"kind": "strength", "reps": 5, "weight_kg": -20}]}]),
        _workout_body(exercises=[{"exercise_id": "builtin:barbell-bench-press",
                                  "sets": [{"kind": "strength", "reps": 5}] * 10_000}]),
        _workout_body(exercises=[{"exercise_id": "builtin:running",
                                  "sets": [{"kind": "cardio", "duration_s": 25 * 3600}]}]),
        _workout_body(exercises=[{"exercise_id": "builtin:no-such-thing", "sets": []}]),
        _workout_body(exercises=[{"exercise_id": {"$ne": None}, "sets": []}]),
        _workout_body(name={"$ne": None}),
        _workout_body(user_id="someone-else"),
        _workout_body(**{"$where": "1"}),
        _workout_body(**{"a.b": 1}),
        _workout_body(body_weight_kg=float("1e308")),
        _workout_body(started_at=_iso(datetime.now(UTC) + timedelta(days=30))),
    ],
)  # fmt: skip
def test_bad_input_is_rejected_and_nothing_stored(
    client: httpx.Client, make_token, user_id: str, body: dict
) -> None:
    h = _auth(make_token, user_id)
    response = client.post(
        f"{W}/workouts", content=json.dumps(body), headers={**h, "Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["fields"]
    assert client.get(f"{W}/workouts", headers=h).json()["items"] == []


def test_workout_over_24_hours_is_rejected(client: httpx.Client, make_token, user_id) -> None:
    h = _auth(make_token, user_id)
    start = datetime.now(UTC) - timedelta(hours=30)
    w = client.post(f"{W}/workouts", json=_workout_body(started_at=_iso(start)), headers=h).json()
    done = client.post(f"{W}/workouts/{w['id']}/complete", json={}, headers=h)
    assert done.status_code == 422 and "ended_at" in done.json()["error"]["fields"]
    assert client.get(f"{W}/workouts/{w['id']}", headers=h).json()["status"] == "in_progress"


@pytest.mark.parametrize(
    "params",
    [{"q": '{"$ne": null}'}, {"q": "$where"}, {"muscle": "$ne"}, {"q": "a" * 500}, {"limit": 0}],
)
def test_query_injection_in_search(client: httpx.Client, make_token, user_id, params) -> None:
    response = client.get(f"{W}/exercises", params=params, headers=_auth(make_token, user_id))
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        assert response.json()["items"] == []


def test_search_finds_by_substring(client: httpx.Client, make_token, user_id) -> None:
    found = client.get(
        f"{W}/exercises", params={"q": "BENCH"}, headers=_auth(make_token, user_id)
    ).json()["items"]
    assert "Barbell Bench Press" in [e["name"] for e in found]
    assert found[0]["met"]["edition"] == "Compendium 2011"


@pytest.mark.parametrize(
    ("q", "name"),
    [
        ("жим", "Barbell Bench Press"),  # issue 13: 422 before
        ("ЖИМ ЛЕЖА", "Barbell Bench Press"),
        ("лежа", "Barbell Bench Press"),  # typed without the dots of "ё"
        ("приседания", "Barbell Back Squat"),
        ("тяга", "Barbell Deadlift"),
    ],
)
def test_search_finds_exercises_by_their_russian_names(
    client: httpx.Client, make_token, user_id, q: str, name: str
) -> None:
    response = client.get(f"{W}/exercises", params={"q": q}, headers=_auth(make_token, user_id))
    assert response.status_code == 200, response.text
    found = response.json()["items"]
    assert name in [e["name"] for e in found], found
    assert all(e["names"].get("ru") for e in found if e["id"].startswith("builtin:"))


def test_idor_every_route(client: httpx.Client, make_token) -> None:
    alice, bob = (
        _auth(make_token, f"a-{uuid.uuid4().hex[:8]}"),
        _auth(make_token, "b-" + uuid.uuid4().hex[:8]),
    )
    w = client.post(f"{W}/workouts", json=_workout_body(), headers=alice).json()
    entry = w["exercises"][0]["id"]
    set_id = w["exercises"][0]["sets"][0]["id"]
    mine = client.post(f"{W}/exercises", json={"name": "Alice Secret Lift"}, headers=alice).json()
    upload = client.post(
        f"{W}/imports/google-fit",
        files={
            "file": (
                "Daily activity metrics.csv",
                (FIXTURES / "google_fit" / "Daily activity metrics.csv").read_bytes(),
                "text/csv",
            )
        },
        headers=alice,
    ).json()
    wid = w["id"]
    attempts = [
        ("GET", f"{W}/workouts/{wid}", None),
        ("PATCH", f"{W}/workouts/{wid}", {"name": "pwned"}),
        ("POST", f"{W}/workouts/{wid}/exercises",
         {"exercise_id": "builtin:running", "sets": []}),
        ("DELETE", f"{W}/workouts/{wid}/exercises/{entry}", None),
        ("POST", f"{W}/workouts/{wid}/exercises/{entry}/sets", {"kind": "strength", "reps": 1}),
        ("PATCH", f"{W}/workouts/{wid}/exercises/{entry}/sets/{set_id}", {"reps": 99}),
        ("DELETE", f"{W}/workouts/{wid}/exercises/{entry}/sets/{set_id}", None),
        ("POST", f"{W}/workouts/{wid}/complete", {}),
        ("DELETE", f"{W}/workouts/{wid}", None),
        ("GET", f"{W}/exercises/{mine['id']}", None),
        ("DELETE", f"{W}/exercises/{mine['id']}", None),
        ("GET", f"{W}/imports/{upload['id']}", None),
        ("GET", f"{W}/progress/{mine['id']}", None),
    ]  # fmt: skip
    for method, url, body in attempts:
        response = client.request(method, url, json=body, headers=bob)
        assert response.status_code == 404, (method, url, response.text)
    assert client.get(f"{W}/workouts", headers=bob).json()["items"] == []
    assert "Alice" not in json.dumps(
        client.get(f"{W}/exercises", params={"q": "alice"}, headers=bob).json()
    )
    after = client.get(f"{W}/workouts/{wid}", headers=alice).json()
    assert after["name"] == w["name"] and after["status"] == "in_progress"
    assert after["exercises"] == w["exercises"]
    assert client.get(f"{W}/workouts/{wid}").status_code == 401


def test_apple_health_upload_job(client: httpx.Client, make_token, user_id) -> None:
    h = _auth(make_token, user_id)
    xml = (FIXTURES / "apple_health" / "export.xml").read_bytes()
    job = client.post(
        f"{W}/imports/apple-health",
        files={"file": ("export.xml", xml, "application/xml")},
        headers=h,
    )
    assert job.status_code == 202, job.text
    state = _wait_job(client, h, job.json()["id"])
    assert state["status"] == "succeeded", state
    assert state["report"]["workouts_imported"] == 3
    # the export's weigh-in reaches the users service's weight log (decision 0010)
    weights = "/api/users/me/weights?from=2024-04-01&to=2024-05-31"
    entries = wait_until(
        lambda: client.get(weights, headers=h).json()["entries"],
        what="the export's weigh-in in the weight log",
    )
    assert [(e["date"], e["weight_kg"]) for e in entries] == [("2024-04-29", 64.2)]
    bad = (FIXTURES / "apple_health" / "truncated_export.xml").read_bytes()
    job = client.post(
        f"{W}/imports/apple-health",
        files={"file": ("export.xml", bad, "application/xml")},
        headers=h,
    ).json()
    state = _wait_job(client, h, job["id"])
    assert state["status"] == "failed" and "XML" in state["error"]
    assert len(client.get(f"{W}/workouts", headers=h).json()["items"]) == 3


def _wait_job(client: httpx.Client, headers: dict, job_id: str) -> dict:
    def finished() -> dict | None:
        state = client.get(f"{W}/imports/{job_id}", headers=headers).json()
        return state if state["status"] in ("succeeded", "failed") else None

    return wait_until(finished, what=f"import job {job_id} finished")


def test_completed_event_reaches_rabbitmq(client: httpx.Client, make_token, user_id) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(STACK_ENV["AMQP_URL"]))
    channel = connection.channel()
    channel.exchange_declare("fitledger.events", "topic", durable=True)
    queue = channel.queue_declare("", exclusive=True).method.queue
    channel.queue_bind(queue, "fitledger.events", "workouts.workout.completed")
    try:
        h = _auth(make_token, user_id)
        w = client.post(f"{W}/workouts", json=_workout_body(), headers=h).json()
        client.post(f"{W}/workouts/{w['id']}/complete", json={}, headers=h)
        deadline = time.monotonic() + 30
        found = None
        while time.monotonic() < deadline and found is None:
            method, props, body = channel.basic_get(queue, auto_ack=True)
            if method is None:
                connection.sleep(0.2)
                continue
            event = json.loads(body)
            if event["data"]["workout_id"] == w["id"]:
                found = (props.message_id, event)
        assert found is not None, "workouts.workout.completed not delivered"
        assert found[0] == found[1]["id"] and found[1]["user_id"] == user_id
    finally:
        connection.close()
