"""The energy ledger and the training-day target through the gateway (issue 17): a day with
a meal, a workout and a weigh-in; its sources; bad ranges; another user's data never shows."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

import httpx
import pytest
from body_profiles import MAN_BORN_1990
from polling import wait_until

from app.api.ledger import Ledger
from app.state.ledger_logic import ledger_rows, ledger_summary

pytestmark = pytest.mark.e2e

LEDGER = "/api/aggregator/ledger"
BODY = {
    **MAN_BORN_1990,
    "activity_level": "moderate",
    "goal": "maintain",
    "training_rule": {"kind": "kcal", "amount": 250},
}


def headers_for(make_token: Callable[..., str], user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(user)}"}


def log_day(client: httpx.Client, h: dict[str, str], day: str) -> dict[str, Any]:
    """A profile, a 2,500 kcal meal, an hour's run at 80 kg and a weigh-in of 79.5 kg on ``day``;
    answers the completed workout."""
    assert client.patch("/api/users/me", json=BODY, headers=h).status_code == 200
    meal = {"date": day, "meal_type": "lunch", "items": [{"quick_add": {"energy_kcal": 2500}}]}
    assert client.post("/api/nutrition/meals", json=meal, headers=h).status_code == 201
    weighed = client.post("/api/users/me/weights", json={"weight_kg": 79.5, "date": day}, headers=h)
    assert weighed.status_code == 201, weighed.text
    start = datetime.combine(datetime.fromisoformat(day), time(8), tzinfo=UTC)
    run = {
        "name": "Run",
        "started_at": start.isoformat(),
        "body_weight_kg": 80,
        "exercises": [
            {"exercise_id": "builtin:running", "sets": [{"kind": "cardio", "duration_s": 3600}]}
        ],
    }
    created = client.post("/api/workouts/workouts", json=run, headers=h)
    assert created.status_code == 201, created.text
    ended = {"ended_at": (start + timedelta(hours=1)).isoformat()}
    done = client.post(
        f"/api/workouts/workouts/{created.json()['id']}/complete", json=ended, headers=h
    )
    assert done.status_code == 200, done.text
    return done.json()


def test_the_ledger_of_a_day_names_every_source_and_only_the_callers_data(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    h = headers_for(make_token, user_id)
    day = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()
    workout = log_day(client, h, day)
    gross = workout["result"]["calories_kcal"]
    [part] = workout["result"]["per_exercise"][0]["met"]
    assert gross == pytest.approx(part["value"] * 80 * 1.0, abs=0.1)

    answer = client.get(LEDGER, params={"from": day}, headers=h)
    assert answer.status_code == 200, answer.text
    ledger = answer.json()
    assert ledger["partial"] is False and ledger["missing"] == []
    [row] = ledger["days"]
    assert row["intake_kcal"] == 2500
    [energy] = row["exercise"]
    assert energy["workout_id"] == workout["id"]
    assert energy["gross_kcal"] == pytest.approx(gross, abs=0.1)
    assert row["exercise_net_kcal"] == pytest.approx(
        gross - 80, abs=0.1
    )  # less 1 MET x 80 kg x 1 h
    assert energy["activities"][0]["code"] == part["code"]
    assert f"MET {part['value']:g} x 80 kg x 1.00 h" in energy["activities"][0]["source"]
    formula = client.get("/api/users/me/targets", params={"date": day}, headers=h).json()
    assert ledger["estimate"]["method"] == "mifflin_st_jeor"
    assert ledger["estimate"]["kcal_per_day"] == pytest.approx(formula["tdee_kcal"])
    assert "adaptive estimate is not used yet" in ledger["estimate"]["source"]
    assert row["balance_kcal"] == pytest.approx(2500 - formula["tdee_kcal"] - (gross - 80), abs=0.2)
    assert (row["weight_kg"], row["trend_kg"]) == (79.5, 79.5)
    assert "1 MET" in ledger["rules"]["exercise"]
    # the same sources as codes with their numbers, which the web app words in Russian too
    assert energy["reason"]["code"] == "activities_sum"
    assert energy["activities"][0]["reason"] == {
        "code": "met_formula",
        "params": {
            "weight_kg": 80.0,
            "hours": 1.0,
            "gross_kcal": pytest.approx(gross, abs=0.1),
            "net_kcal": pytest.approx(gross - 80, abs=0.1),
        },
    }
    assert ledger["estimate"]["reason"]["code"] == "formula"
    assert ledger["estimate"]["adaptive_not_used"] == {
        "code": "few_logged_days",
        "params": {"have": 1, "need": 7},
    }
    assert row["intake_reason"]["code"] == "diary"
    assert ledger["trend"]["reason"]["code"] == "moving_average"
    russian = ledger_rows(Ledger.from_json(ledger), language="ru")[0]["sources"]
    assert "Компендиум" in russian and "kcal" not in russian
    summary = ledger_summary(Ledger.from_json(ledger), language="ru")
    assert summary["estimate_source"].startswith("Основной обмен по Mifflin-St Jeor")
    assert "полностью записанных дней: 1 из 7" in summary["estimate_source"]

    week = client.get(
        LEDGER,
        params={
            "from": (datetime.fromisoformat(day) - timedelta(days=6)).date().isoformat(),
            "to": day,
        },
        headers=h,
    ).json()
    assert len(week["days"]) == 7 and week["totals"]["logged_days"] == 1
    assert week["days"][0]["adaptive_excluded"] == "nothing logged"
    assert week["days"][0]["adaptive_excluded_reason"] == {"code": "nothing_logged", "params": {}}
    assert week["days"][0]["trend_kg"] is None  # no weigh-in yet that day

    other = client.get(
        LEDGER, params={"from": day}, headers=headers_for(make_token, uuid.uuid4().hex)
    )
    assert other.status_code == 200, other.text
    [theirs] = other.json()["days"]
    assert (
        theirs["intake_kcal"] is None and theirs["exercise"] == [] and theirs["weight_kg"] is None
    )
    assert other.json()["estimate"] is None and workout["id"] not in other.text


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-11-10", "to": "2026-11-01"}, "to"),
        ({"from": "2026-01-01", "to": "2026-04-05"}, "to"),  # 95 days
        ({"from": "1999-12-31"}, "from"),
        ({"from": "2026-11-01", "to": "2999-01-01"}, "to"),
        ({"from": "0"}, "from"),
        ({}, "from"),
    ],
)
def test_a_bad_range_is_refused_in_the_error_shape(
    client: httpx.Client,
    make_token: Callable[..., str],
    user_id: str,
    params: dict[str, str],
    field: str,
) -> None:
    response = client.get(LEDGER, params=params, headers=headers_for(make_token, user_id))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert any(key.endswith(field) for key in error["fields"]), error["fields"]


def test_the_ledger_needs_a_session(client: httpx.Client) -> None:
    assert client.get(LEDGER, params={"from": "2026-11-01"}).status_code == 401


def test_a_training_day_raises_that_days_target_with_its_reason(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    h = headers_for(make_token, user_id)
    day = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()
    log_day(client, h, day)
    assert client.get("/api/users/me", headers=h).json()["training_rule"] == BODY["training_rule"]

    def trained() -> dict[str, Any] | None:
        body = client.get("/api/users/me/targets", params={"date": day}, headers=h).json()
        return body if body["training_day"]["applied"] else None

    targets = wait_until(trained, what="the workout in the users statistics")
    extra = targets["training_day"]
    assert extra["reason"] == "training day (1 workout): +250 kcal (+63 g carbohydrate)"
    assert targets["calorie_target_kcal"] == extra["base_calorie_target_kcal"] + 250
    assert extra["reason"] in targets["notes"]
    rest_day = (datetime.fromisoformat(day) - timedelta(days=1)).date().isoformat()
    rest = client.get("/api/users/me/targets", params={"date": rest_day}, headers=h).json()
    assert rest["training_day"]["applied"] is False
    assert rest["calorie_target_kcal"] == extra["base_calorie_target_kcal"]

    bad = client.patch(
        "/api/users/me", json={"training_rule": {"kind": "kcal", "amount": 5000}}, headers=h
    )
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation_error"
    cleared = client.patch("/api/users/me", json={"training_rule": None}, headers=h)
    assert cleared.status_code == 200 and cleared.json()["training_rule"] is None
    after = client.get("/api/users/me/targets", params={"date": day}, headers=h).json()
    assert after["training_day"] is None
    assert after["calorie_target_kcal"] == extra["base_calorie_target_kcal"]

    # no targets before the birth date (the formulas would take a negative age)
    before = {**BODY, "birth_date": "2001-01-01"}
    assert client.patch("/api/users/me", json=before, headers=h).status_code == 200
    unborn = client.get("/api/users/me/targets", params={"date": "2000-12-31"}, headers=h)
    assert unborn.status_code == 422 and "date" in unborn.json()["error"]["fields"]


def test_a_started_programs_planned_weekdays_are_training_days(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    h = headers_for(make_token, user_id)
    assert client.patch("/api/users/me", json=BODY, headers=h).status_code == 200
    squat = {"exercise_id": "builtin:barbell-back-squat", "sets": 3, "reps": 5}
    program = {
        "name": "Push pull",
        "days_per_week": 2,
        "schedule": ["thursday", "monday"],
        "days": [{"name": "A", "exercises": [squat]}, {"name": "B", "exercises": [squat]}],
    }
    created = client.post("/api/workouts/programs", json=program, headers=h)
    assert created.status_code == 201, created.text
    assert created.json()["schedule"] == ["monday", "thursday"]
    started = client.post(f"/api/workouts/programs/{created.json()['id']}/start", headers=h)
    assert started.status_code == 201, started.text
    today = datetime.now(UTC).date()
    # The plan counts from today on: the next Monday, and the Tuesday after it (no workout).
    monday = today + timedelta(days=-today.weekday() % 7)
    tuesday = monday + timedelta(days=1)

    def planned() -> dict[str, Any] | None:
        targets = "/api/users/me/targets"
        body = client.get(targets, params={"date": monday.isoformat()}, headers=h).json()
        return body if body["training_day"]["planned"] else None

    targets = wait_until(planned, what="the plan in the users service")
    extra = targets["training_day"]
    assert extra["applied"] and extra["workouts"] == 0
    assert extra["reason"] == (
        "training day (planned: Push pull, Mon/Thu): +250 kcal (+63 g carbohydrate)"
    )
    assert (extra["planned_program"], extra["planned_weekdays"]) == (
        "Push pull",
        ["monday", "thursday"],
    )
    assert targets["calorie_target_kcal"] == extra["base_calorie_target_kcal"] + 250
    rest = client.get(
        "/api/users/me/targets", params={"date": tuesday.isoformat()}, headers=h
    ).json()
    assert rest["training_day"]["applied"] is False and rest["training_day"]["planned"] is False
    assert rest["calorie_target_kcal"] == extra["base_calorie_target_kcal"]
