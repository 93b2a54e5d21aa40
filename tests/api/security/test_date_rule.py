"""One rule for dates in every service (kernel/dates.py), tried through the gateway: nothing
before 2000-01-01; a day one may plan or read up to 7 days after the latest today on Earth
(UTC+14); a weigh-in, a body weight or a workout not after it. A refused date is a 422 in the
common error shape that names the field, and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from accounts import put_profile

from backend_services.kernel.dates import PLAN_AHEAD_DAYS, latest_today

pytestmark = pytest.mark.e2e

LATEST = latest_today()
PLAN_LIMIT = (LATEST + timedelta(days=PLAN_AHEAD_DAYS)).isoformat()
PAST_PLAN = (LATEST + timedelta(days=PLAN_AHEAD_DAYS + 1)).isoformat()
TOMORROW = (LATEST + timedelta(days=1)).isoformat()
FIRST, BEFORE_FIRST = "2000-01-01", "1999-12-31"
ITEM = {"quick_add": {"name": "oats", "energy_kcal": 150}}


def _meal(day: str) -> dict[str, Any]:
    return {"date": day, "meal_type": "breakfast", "items": [ITEM]}


def _workout(started: str) -> dict[str, Any]:
    return {"name": "run", "started_at": started}


def _hours_ahead(hours: int) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).isoformat()


# (label, method, path, body, accepted): each service's routes that take a day or an instant.
CASES: list[tuple[str, str, str, dict[str, Any] | None, bool]] = [
    ("meal on the first day", "POST", "/api/nutrition/meals", _meal(FIRST), True),
    ("meal before 2000", "POST", "/api/nutrition/meals", _meal(BEFORE_FIRST), False),
    ("meal planned a week ahead", "POST", "/api/nutrition/meals", _meal(PLAN_LIMIT), True),
    ("meal planned 8 days ahead", "POST", "/api/nutrition/meals", _meal(PAST_PLAN), False),
    ("diary before 2000", "GET", f"/api/nutrition/diary/{BEFORE_FIRST}", None, False),
    ("diary a week ahead", "GET", f"/api/nutrition/diary/{PLAN_LIMIT}", None, True),
    ("diary 8 days ahead", "GET", f"/api/nutrition/diary/{PAST_PLAN}", None, False),
    (
        "copy a day past the plan",
        "POST",
        f"/api/nutrition/diary/{FIRST}/copy",
        {"to_date": PAST_PLAN},
        False,
    ),
    (
        "report from before 2000",
        "GET",
        f"/api/nutrition/reports?from={BEFORE_FIRST}&to={FIRST}",
        None,
        False,
    ),
    (
        "weigh-in on the first day",
        "POST",
        "/api/users/me/weights",
        {"weight_kg": 80, "date": FIRST},
        True,
    ),
    (
        "weigh-in before 2000",
        "POST",
        "/api/users/me/weights",
        {"weight_kg": 80, "date": BEFORE_FIRST},
        False,
    ),
    (
        "weigh-in today in UTC+14",
        "POST",
        "/api/users/me/weights",
        {"weight_kg": 80, "date": LATEST.isoformat()},
        True,
    ),
    (
        "weigh-in tomorrow",
        "POST",
        "/api/users/me/weights",
        {"weight_kg": 80, "date": TOMORROW},
        False,
    ),
    (
        "stats from before 2000",
        "GET",
        f"/api/users/me/stats?from={BEFORE_FIRST}&to={FIRST}",
        None,
        False,
    ),
    ("workout in 2000", "POST", "/api/workouts/workouts", _workout("2000-01-02T07:00:00Z"), True),
    (
        "workout before 2000",
        "POST",
        "/api/workouts/workouts",
        _workout("1999-12-31T07:00:00Z"),
        False,
    ),
    ("workout two days ahead", "POST", "/api/workouts/workouts", _workout(_hours_ahead(60)), False),
    (
        "workout summary before 2000",
        "GET",
        f"/api/workouts/summary?from={BEFORE_FIRST}&to={FIRST}",
        None,
        False,
    ),
    (
        "workouts listed to 8 days ahead",
        "GET",
        f"/api/workouts/workouts?to={PAST_PLAN}",
        None,
        False,
    ),
    ("dashboard on the first day", "GET", f"/api/dashboard/day/{FIRST}", None, True),
    ("dashboard before 2000", "GET", f"/api/dashboard/day/{BEFORE_FIRST}", None, False),
    ("dashboard week 8 days ahead", "GET", f"/api/dashboard/week/{PAST_PLAN}", None, False),
]


@pytest.fixture(scope="module")
def account(stack: str, register: Callable[..., Any]) -> Any:
    """A user whose own today is the latest on Earth, so its weigh-in rule meets the kernel's."""
    account = register()
    with httpx.Client(base_url=stack, timeout=10) as client:
        put_profile(client, account, timezone="Pacific/Kiritimati")
    return account


def _stored(client: httpx.Client, account: Any) -> dict[str, Any]:
    """What the refused writes could have changed."""
    weights = client.get(
        f"/api/users/me/weights?from={FIRST}&to={PLAN_LIMIT}", headers=account.headers
    ).json()
    workouts = client.get("/api/workouts/workouts?limit=100", headers=account.headers).json()
    return {"weights": weights, "workouts": workouts}


@pytest.mark.parametrize(
    ("label", "method", "path", "body", "accepted"), CASES, ids=[c[0] for c in CASES]
)
def test_every_service_applies_the_one_date_rule(
    client: httpx.Client,
    account: Any,
    label: str,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    accepted: bool,
) -> None:
    before = None if accepted else _stored(client, account)
    answer = client.request(method, path, json=body, headers=account.headers)
    if accepted:
        assert answer.status_code in (200, 201), (label, answer.text)
        return
    assert answer.status_code == 422, (label, answer.text)
    error = answer.json()["error"]
    assert error["code"] and error["message"] and error["fields"], (label, error)
    assert _stored(client, account) == before, label
