"""Micronutrient targets through the gateway: the DRIs for the caller's own sex and age on the
day asked, nothing before sex and birth date are known, bad days refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.e2e

ROUTE = "/api/users/me/targets/micronutrients"
# A woman whose 51st birthday was 2021-06-15: iron 18 mg before it, 8 mg from that day.
WOMAN = {"sex": "female", "birth_date": "1970-06-15"}


def targets(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["key"]: row for row in body["nutrients"]}


def test_targets_follow_the_callers_sex_and_age_on_the_day_and_bad_days_are_refused(
    client: httpx.Client, register_user: Callable[..., Any]
) -> None:
    woman, other = register_user(), register_user()
    assert client.patch("/api/users/me", json=WOMAN, headers=woman.headers).status_code == 200

    before = client.get(ROUTE, params={"on": "2021-06-14"}, headers=woman.headers)
    assert before.status_code == 200, before.text
    body = before.json()
    assert (body["date"], body["sex"], body["age_years"], body["age_band"]) == (
        "2021-06-14",
        "female",
        50,
        "31-50",
    )
    iron = targets(body)["fe_mg"]
    assert (iron["reference"], iron["target"], iron["unit"]) == ("RDA", 18, "mg")
    assert (iron["upper_limit"], iron["upper_limit_kind"]) == (45, "UL")
    sodium = targets(body)["sodium_mg"]
    assert (sodium["reference"], sodium["upper_limit_kind"], sodium["flag_shortfall"]) == (
        "AI",
        "CDRR",
        False,
    )
    assert "National Academies" in body["source"]

    after = client.get(ROUTE, params={"on": "2021-06-15"}, headers=woman.headers).json()
    assert (after["age_band"], targets(after)["fe_mg"]["target"]) == ("51-70", 8)
    today = client.get(ROUTE, headers=woman.headers).json()
    assert today["age_band"] in ("51-70", "71+") and today["date"] >= "2026-01-01"

    # Another user sees only their own (empty) profile's answer, never the woman's targets.
    refused = client.get(ROUTE, headers=other.headers)
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert error["code"] == "profile_incomplete"
    assert set(error["fields"]) == {"sex", "birth_date"}
    assert client.get(ROUTE).status_code == 401
    refuses_bad_days(client, other)  # the same user again: registrations cost suite time
    still = client.get(ROUTE, params={"on": "2021-06-15"}, headers=woman.headers).json()
    assert (still["sex"], still["age_years"]) == ("female", 51)


# (on, what the refusal says); the other user is born in 1998, so nine in 2007.
BAD_DAYS = [
    ("2021-13-01", "month value is outside"),
    ("yesterday", "expected a date"),
    ("1999-12-31", "on or after 2000-01-01"),
    ("2999-01-01", "days after today"),
    ("2005-01-01", "9 years"),
]


def refuses_bad_days(client: httpx.Client, user: Any) -> None:
    body = {"sex": "male", "birth_date": "1998-03-01"}
    assert client.patch("/api/users/me", json=body, headers=user.headers).status_code == 200
    for on, why in BAD_DAYS:
        response = client.get(ROUTE, params={"on": on}, headers=user.headers)
        assert response.status_code == 422, (on, response.text)
        error = response.json()["error"]
        assert error["code"] == "validation_error"
        assert why in error["fields"]["on"], (on, error)
