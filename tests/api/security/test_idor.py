"""IDOR on every route with a path parameter, generated from the OpenAPI documents, on every
service's own port and through the gateway: user B, with a valid token, aims at user A's
records. B gets 403/404, or an answer about B's own data (nothing of A's in it), and A's data
is unchanged afterwards.

A's records carry a marker string, so any answer that leaks one of them is caught, whatever
its status. A new route is covered as long as its path parameters have names listed in
``a_records`` (a new name fails the test until it is added), and a new write route needs a
sample body in ``BODIES`` (otherwise it would only be refused for its body, which proves
nothing).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from push_receiver import PushReceiver
from reference_data import FIXTURES
from security_fixtures import (  # noqa: F401 (fixtures, found by name)
    doors_fixture,
    openapi_fixture,
    operations_fixture,
)
from security_helpers import Operation, bearer
from stack_env import GATEWAY

pytestmark = pytest.mark.e2e

DAY = "2025-03-01"
STARTED = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
# A sample valid body per write route (method, path template).
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("PATCH", "/api/nutrition/meals/{meal_id}"): {"note": "B was here"},
    ("POST", "/api/nutrition/meals/{meal_id}/copy"): {"to_date": "2025-03-02"},
    ("PATCH", "/api/nutrition/items/{item_id}"): {"grams": 1},
    ("POST", "/api/nutrition/diary/{day}/copy"): {"to_date": "2025-03-02"},
    ("PATCH", "/api/workouts/workouts/{workout_id}"): {"name": "B was here"},
    ("POST", "/api/workouts/workouts/{workout_id}/exercises"): {
        "exercise_id": "builtin:running",
        "sets": [],
    },
    ("POST", "/api/workouts/workouts/{workout_id}/exercises/{entry_id}/sets"): {
        "kind": "strength",
        "reps": 1,
    },
    ("PATCH", "/api/workouts/workouts/{workout_id}/exercises/{entry_id}/sets/{set_id}"): {
        "reps": 99
    },
    ("POST", "/api/workouts/workouts/{workout_id}/complete"): {},
    ("POST", "/api/workouts/workouts/{workout_id}/separate"): {"external_id": "x"},
    ("POST", "/api/workouts/imports/{job_id}/review"): {
        "choices": [{"name": "Zercher Lunge Hold", "exercise_id": "builtin:dumbbell-lunge"}]
    },
    ("POST", "/api/workouts/programs/{program_id}/start"): {},
    ("PUT", "/api/workouts/programs/{program_id}"): {
        "name": "B was here",
        "days_per_week": 1,
        "days": [
            {
                "name": "A",
                "exercises": [{"exercise_id": "builtin:barbell-row", "sets": 1, "reps": 1}],
            }
        ],
    },
    ("PUT", "/api/workouts/workouts/{workout_id}/exercise-order"): {"entry_ids": ["x"]},
    ("PATCH", "/api/auth/admin/users/{user_id}/status"): {"disabled": True},
    ("PATCH", "/api/auth/admin/users/{user_id}/role"): {"role": "admin"},
    ("POST", "/api/notifications/admin/dead-letters/{queue}/replay"): {},
    ("POST", "/api/nutrition/foods/{food_id}/reports"): {"reason": "the energy is wrong"},
    ("POST", "/api/nutrition/admin/foods/{food_id}/hide"): {"reason": "duplicate"},
    ("PATCH", "/api/nutrition/admin/foods/{food_id}"): {"energy_kcal": 100},
    ("POST", "/api/nutrition/admin/foods/{food_id}/reports/resolve"): {"resolution": "fixed"},
    ("POST", "/api/nutrition/water/{day}"): {"amount_ml": 250},
    ("POST", "/api/nutrition/imports/diary/{import_id}/import"): {"others": "stated"},
}
# Uploads are multipart and create the caller's own job; B's job is B's (covered elsewhere).
SKIPPED = {("POST", "/api/workouts/imports/{provider}")}


def _ok(answer: httpx.Response, what: str) -> dict[str, Any]:
    assert answer.status_code in (200, 201), (what, answer.text)
    return answer.json()


@pytest.fixture(scope="module")
def a_records(register: Callable[..., Any], push_receiver: PushReceiver) -> dict[str, Any]:
    """User A with one record of every kind, each named with a marker."""
    a = register()
    marker = f"secret-of-a-{uuid.uuid4().hex[:8]}"
    h = a.headers
    with httpx.Client(base_url=GATEWAY, timeout=20) as c:
        food = _ok(
            c.post(
                "/api/nutrition/foods",
                json={"name": f"{marker} pie", "energy_kcal": 300},
                headers=h,
            ),
            "food",
        )
        recipe = _ok(
            c.post(
                "/api/nutrition/recipes",
                json={
                    "name": f"{marker} plate",
                    "ingredients": [{"food_id": food["id"], "grams": 200}],
                },
                headers=h,
            ),
            "recipe",
        )
        meal = _ok(
            c.post(
                "/api/nutrition/meals",
                json={
                    "date": DAY,
                    "meal_type": "dinner",
                    "note": marker,
                    "items": [{"food_id": food["id"], "grams": 150}],
                },
                headers=h,
            ),
            "meal",
        )["meal"]
        exercise = _ok(
            c.post("/api/workouts/exercises", json={"name": f"{marker} lift"}, headers=h),
            "exercise",
        )
        workout = _ok(
            c.post(
                "/api/workouts/workouts",
                json={
                    "name": f"{marker} session",
                    "started_at": STARTED,
                    "exercises": [
                        {
                            "exercise_id": exercise["id"],
                            "sets": [{"kind": "strength", "reps": 5, "weight_kg": 60}],
                        }
                    ],
                },
                headers=h,
            ),
            "workout",
        )
        device = push_receiver.subscribe().as_json()
        subscription = _ok(
            c.post(
                "/api/notifications/push-subscriptions",
                json={**device, "user_agent": marker},
                headers=h,
            ),
            "push subscription",
        )
        feed = _ok(c.get("/api/notifications/", headers=h), "feed")
        sessions = _ok(c.get("/api/auth/sessions", headers=h), "sessions")
        program = _ok(
            c.post(
                "/api/workouts/programs",
                json={
                    "name": f"{marker} program",
                    "days_per_week": 1,
                    "days": [
                        {
                            "name": "A",
                            "exercises": [{"exercise_id": exercise["id"], "sets": 3, "reps": 5}],
                        }
                    ],
                },
                headers=h,
            ),
            "program",
        )
        drink = _ok(
            c.post(f"/api/nutrition/water/{DAY}", json={"amount_ml": 300}, headers=h), "drink"
        )["drinks"][0]
        ended = datetime.now(UTC) - timedelta(hours=3)
        fast = _ok(
            c.post(
                "/api/nutrition/fasts",
                json={
                    "protocol": "16:8",
                    "started_at": (ended - timedelta(hours=16)).isoformat(),
                    "ended_at": ended.isoformat(),
                },
                headers=h,
            ),
            "fast",
        )
        diary_export = (FIXTURES / "diary_exports" / "cronometer_servings.csv").read_bytes()
        diary_import = _ok(
            c.post(
                "/api/nutrition/imports/diary",
                files={"file": (f"{marker}.csv", diary_export, "text/csv")},
                headers=h,
            ),
            "diary import",
        )
    notifications = feed.get("items", [])
    ids = {
        "food_id": food["id"],
        "recipe_id": recipe["id"],
        "meal_id": meal["id"],
        "item_id": meal["items"][0]["id"],
        "day": DAY,
        "exercise_id": exercise["id"],
        "workout_id": workout["id"],
        "entry_id": workout["exercises"][0]["id"],
        "set_id": workout["exercises"][0]["sets"][0]["id"],
        "subscription_id": subscription["id"],
        "notification_id": notifications[0]["id"] if notifications else str(uuid.uuid4()),
        "session_id": next(s["id"] for s in sessions if s["current"]),
        "user_id": a.user_id,
        "program_id": program["id"],
        "drink_id": drink["id"],
        "fast_id": fast["id"],
        "import_id": diary_import["id"],
        # Not A's records: catalog or global names (B's answer must still hold nothing of A).
        "code": "0000000000000",
        "order": "recent",
        "provider": "apple-health",
        "job_id": str(uuid.uuid4()),
        "announcement_id": str(uuid.uuid4()),
        "queue": "users.activity.dlq",
        "message_id": str(uuid.uuid4()),
    }
    return {"account": a, "marker": marker, "ids": ids}


A_VIEWS = [
    f"/api/nutrition/diary/{DAY}",
    "/api/nutrition/recipes",
    f"/api/nutrition/water/{DAY}",
    "/api/nutrition/fasts",
    "/api/workouts/workouts",
    "/api/notifications/push-subscriptions",
    "/api/auth/sessions",
    "/api/auth/me",
]


def _a_view(client: httpx.Client, a: Any, ids: dict[str, Any]) -> dict[str, Any]:
    paths = [
        *A_VIEWS,
        f"/api/nutrition/foods/{ids['food_id']}",
        f"/api/workouts/workouts/{ids['workout_id']}",
        f"/api/workouts/exercises/{ids['exercise_id']}",
        f"/api/workouts/programs/{ids['program_id']}",
        f"/api/nutrition/imports/diary/{ids['import_id']}",
    ]
    view = {}
    for path in paths:
        answer = client.get(path, headers=a.headers)
        body = answer.json()
        if path == "/api/auth/sessions":  # last_used_at moves with A's own requests
            body = sorted(s["id"] for s in body)
        view[path] = (answer.status_code, body)
    return view


def _fill(op: Operation, ids: dict[str, Any]) -> str:
    path = op.path
    for parameter in op.spec.get("parameters", []):
        if parameter["in"] == "path":
            assert parameter["name"] in ids, (
                f"{op.label}: no record of A for {{{parameter['name']}}}"
            )
            path = path.replace("{" + parameter["name"] + "}", str(ids[parameter["name"]]))
    return path


def test_user_b_cannot_reach_user_a_on_any_route_with_an_id(
    operations: list[Operation],
    doors: dict[str, httpx.Client],
    register: Callable[..., Any],
    a_records: dict[str, Any],
) -> None:
    a, marker, ids = a_records["account"], a_records["marker"], a_records["ids"]
    b = register()
    before = _a_view(doors["gateway"], a, ids)
    targeted = [op for op in operations if "{" in op.path and (op.method, op.path) not in SKIPPED]
    assert len(targeted) >= 25
    wrong = []
    for op in targeted:
        body = BODIES.get((op.method, op.path))
        if op.method in ("POST", "PATCH", "PUT") and body is None and "requestBody" in op.spec:
            wrong.append(f"{op.label}: add a sample body to BODIES")
            continue
        for door in (op.service, "gateway"):
            answer = doors[door].request(
                op.method, _fill(op, ids), json=body, headers=bearer(b.access_token)
            )
            leaked = marker in answer.text
            refused = answer.status_code in (403, 404)
            own_answer = answer.status_code < 300 and not leaked
            if leaked or not (refused or own_answer):
                wrong.append(f"{door}: {op.label} -> {answer.status_code} {answer.text[:300]}")
    after = _a_view(doors["gateway"], a, ids)
    assert not wrong, "\n".join(wrong)
    assert after == before, "B changed A's data"
    assert json.dumps(after).count(marker) >= 5  # the views really show A's records
