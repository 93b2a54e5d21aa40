"""Own programs and the exercise order of a workout through the gateway: create, edit, start,
delete, bad input (a clear error, nothing stored) and another user's access."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

W = "/api/workouts"


def _auth(make_token: Callable[..., str], user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(user)}"}


def _body(**over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "Push / pull",
        "description": "Add 2.5 kg after a session with every rep",
        "days_per_week": 2,
        "days": [
            {
                "name": "Push",
                "exercises": [
                    {"exercise_id": "builtin:barbell-bench-press", "sets": 3, "reps": 8,
                     "start_weight_kg": 40, "increment_kg": 2.5}
                ],
            },
            {
                "name": "Pull",
                "exercises": [
                    {"exercise_id": "builtin:barbell-row", "sets": 3, "reps": 8,
                     "start_weight_kg": 35, "increment_kg": 2.5}
                ],
            },
        ],
    }  # fmt: skip
    return {**body, **over}


def _own(client: httpx.Client, h: dict[str, str]) -> list[dict[str, Any]]:
    items = client.get(f"{W}/programs", headers=h).json()["items"]
    return [p for p in items if p["source"] == "own"]


def test_create_edit_start_and_delete_an_own_program(
    client: httpx.Client, make_token, user_id: str
) -> None:
    h = _auth(make_token, user_id)
    created = client.post(f"{W}/programs", json=_body(), headers=h)
    assert created.status_code == 201, created.text
    program = created.json()
    assert "owner_id" not in program and program["position"]["next_day"] == "Push"
    assert [p["id"] for p in _own(client, h)] == [program["id"]]

    edited = client.put(
        f"{W}/programs/{program['id']}", json=_body(name="Push / pull v2"), headers=h
    )
    assert edited.status_code == 200, edited.text
    assert client.get(f"{W}/programs/{program['id']}", headers=h).json()["name"] == "Push / pull v2"

    started = client.post(f"{W}/programs/{program['id']}/start", headers=h)
    assert started.status_code == 201, started.text
    workout = started.json()
    assert workout["name"] == "Push / pull v2: day Push"
    assert workout["exercises"][0]["target"]["weight_kg"] == 40

    builtin = client.put(f"{W}/programs/builtin:beginner-full-body-3day", json=_body(), headers=h)
    assert builtin.status_code == 409 and builtin.json()["error"]["code"] == "builtin_program"

    assert client.delete(f"{W}/programs/{program['id']}", headers=h).status_code == 204
    assert client.get(f"{W}/programs/{program['id']}", headers=h).status_code == 404
    assert _own(client, h) == []


@pytest.mark.parametrize(
    "body",
    [
        _body(days=[]),
        _body(days_per_week=0),
        _body(name=""),
        _body(days=[{"name": "A", "exercises": []}]),
        _body(days=[{"name": "A", "exercises": [
            {"exercise_id": "builtin:barbell-row", "sets": 0, "reps": 8}]}]),
        _body(days=[{"name": "A", "exercises": [
            {"exercise_id": "builtin:barbell-row", "sets": 3, "reps": 8, "increment_kg": -1}]}]),
        _body(days=[{"name": "A", "exercises": [
            {"exercise_id": "builtin:running", "sets": 3, "reps": 8}]}]),
        _body(days=[{"name": "A", "exercises": [
            {"exercise_id": "builtin:no-such-lift", "sets": 3, "reps": 8}]}]),
        _body(days=[{"name": "A", "exercises": [{"exercise_id": {"$ne": None}, "sets": 3,
                                                 "reps": 8}]}]),
        _body(owner_id="someone-else"),
    ],
)  # fmt: skip
def test_bad_programs_are_refused_and_nothing_is_stored(
    client: httpx.Client, make_token, user_id: str, body: dict[str, Any]
) -> None:
    h = _auth(make_token, user_id)
    answer = client.post(
        f"{W}/programs", content=json.dumps(body), headers={**h, "Content-Type": "application/json"}
    )
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["message"] and error["fields"], error
    assert _own(client, h) == []


def test_reorder_exercises_through_the_gateway(
    client: httpx.Client, make_token, user_id: str
) -> None:
    h = _auth(make_token, user_id)
    workout = client.post(
        f"{W}/workouts",
        json={"exercises": [{"exercise_id": "builtin:barbell-back-squat"},
                            {"exercise_id": "builtin:barbell-bench-press"}]},
        headers=h,
    ).json()  # fmt: skip
    squat, bench = (e["id"] for e in workout["exercises"])
    url = f"{W}/workouts/{workout['id']}/exercise-order"
    moved = client.put(url, json={"entry_ids": [bench, squat]}, headers=h)
    assert moved.status_code == 200, moved.text
    again = client.get(f"{W}/workouts/{workout['id']}", headers=h).json()
    assert [e["id"] for e in again["exercises"]] == [bench, squat]

    wrongs: list[dict[str, Any]] = [
        {"entry_ids": [bench]},
        {"entry_ids": []},
        {"entry_ids": [bench, "x$y"]},
        {"entry_ids": [bench, squat], "extra": 1},
    ]
    for wrong in wrongs:
        refused = client.put(url, json=wrong, headers=h)
        assert refused.status_code == 422, (wrong, refused.text)
        assert refused.json()["error"]["fields"]
    other = _auth(make_token, f"other-{uuid.uuid4().hex[:8]}")
    assert client.put(url, json={"entry_ids": [squat, bench]}, headers=other).status_code == 404
    final = client.get(f"{W}/workouts/{workout['id']}", headers=h).json()
    assert [e["id"] for e in final["exercises"]] == [bench, squat]


def test_another_user_cannot_see_edit_start_or_delete_my_program(
    client: httpx.Client, make_token, user_id: str
) -> None:
    mine = _auth(make_token, user_id)
    other = _auth(make_token, f"other-{uuid.uuid4().hex[:8]}")
    program = client.post(f"{W}/programs", json=_body(), headers=mine).json()
    url = f"{W}/programs/{program['id']}"
    assert client.get(url, headers=other).status_code == 404
    assert client.put(url, json=_body(name="pwned"), headers=other).status_code == 404
    assert client.post(f"{url}/start", headers=other).status_code == 404
    assert client.delete(url, headers=other).status_code == 404
    assert _own(client, other) == []
    assert client.get(url, headers=mine).json()["name"] == "Push / pull"
