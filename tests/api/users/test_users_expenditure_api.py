"""Adaptive expenditure through the gateway: meals logged in nutrition, weights in users.

Twenty days of 2,000 kcal logged through the nutrition API reach the users service as events;
with a weight line falling 0.5 kg a week the energy balance says 2,550 kcal, and the estimate
and its suggested target follow it. Before that the formula answers, and says why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from test_users_profile_api import PROFILE

pytestmark = pytest.mark.e2e

# A man of 80 kg losing 0.5 kg a week (the profile tests' body, without the extras).
BODY = {k: v for k, v in PROFILE.items() if k not in ("timezone", "notifications")}


def test_expenditure_follows_logged_intake_and_the_weight_line(
    client: httpx.Client, register_user: Callable[..., Any], poll: Callable[..., Any]
) -> None:
    user = register_user()
    h = user.headers
    assert client.patch("/api/users/me", json=BODY, headers=h).status_code == 200
    today = datetime.now(UTC).date()
    days = [today - timedelta(days=27 - i) for i in range(28)]

    early = client.get("/api/users/me/expenditure", headers=h)
    assert early.status_code == 200, early.text
    first = early.json()
    formula_tdee = client.get("/api/users/me/targets", headers=h).json()["tdee_kcal"]
    assert first["source"] == "formula"
    assert first["tdee_kcal"] == pytest.approx(formula_tdee)
    assert first["reason"] == "0 fully logged days of the 7 needed"
    assert len(first["excluded"]) == 28 and first["completeness"] == 0

    for i, day in enumerate(days):
        weight = {"weight_kg": round(80 - 0.5 * i / 7, 2), "date": day.isoformat()}
        # Today's weigh-in exists already (the profile's weight): 200 replaces it.
        response = client.post("/api/users/me/weights", json=weight, headers=h)
        assert response.status_code in (200, 201), response.text
    logged = days[-20:]
    for day in logged:
        meal = {
            "date": day.isoformat(),
            "meal_type": "lunch",
            "items": [{"quick_add": {"energy_kcal": 2000}}],
        }
        response = client.post("/api/nutrition/meals", json=meal, headers=h)
        assert response.status_code == 201, response.text

    def settled() -> dict[str, Any] | None:
        body = client.get("/api/users/me/expenditure", headers=h).json()
        return body if body["trusted_days"] == len(logged) else None

    result = poll(settled)
    assert result["source"] == "data"
    assert result["mean_intake_kcal"] == pytest.approx(2000)
    assert result["weight_slope_kg_per_week"] == pytest.approx(-0.5, abs=0.01)
    assert result["data_tdee_kcal"] == pytest.approx(2550, abs=10)
    assert result["completeness"] == pytest.approx(20 / 28)
    assert [e["reason"] for e in result["excluded"]] == ["nothing logged"] * 8
    # A clean line leaves little doubt: the answer is the data's, the band is narrow.
    assert result["tdee_kcal"] == pytest.approx(2550, abs=15)
    check_in = result["check_in"]
    assert check_in["goal_rate_kg_per_week"] == pytest.approx(-0.5)
    assert check_in["suggested_target_kcal"] == pytest.approx(2000, abs=20)
    assert check_in["message"].startswith("Your expenditure looks like 2,5")

    # The user accepts: the suggestion becomes their own target.
    accepted = client.patch(
        "/api/users/me",
        json={"custom_calorie_target_kcal": check_in["suggested_target_kcal"]},
        headers=h,
    )
    assert accepted.status_code == 200, accepted.text
    targets = client.get("/api/users/me/targets", headers=h).json()
    assert targets["calorie_target_kcal"] == check_in["suggested_target_kcal"]
    assert targets["target_source"] == "user"


@pytest.mark.parametrize("query", ["to=2026-13-01", "to=yesterday", "to=1800-01-01"])
def test_bad_dates_are_refused(
    client: httpx.Client, register_user: Callable[..., Any], query: str
) -> None:
    user = register_user()
    client.patch("/api/users/me", json=BODY, headers=user.headers)
    response = client.get(f"/api/users/me/expenditure?{query}", headers=user.headers)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["fields"]


def test_an_incomplete_profile_is_told_what_is_missing(
    client: httpx.Client, register_user: Callable[..., Any]
) -> None:
    user = register_user()
    response = client.get("/api/users/me/expenditure", headers=user.headers)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "profile_incomplete"
    assert "height_cm" in response.json()["error"]["fields"]
