"""The profile's expenditure card: every number with its source, in the user's units."""

from __future__ import annotations

import datetime as dt

from app.api.expenditure import Expenditure
from app.state.expenditure import excluded_rows, expenditure_view

ANSWER = {
    "tdee_kcal": 2548.6,
    "band_kcal": 121.4,
    "source": "data",
    "formula_tdee_kcal": 2693.0,
    "window_start": "2026-11-04",
    "window_end": "2026-12-01",
    "trusted_days": 20,
    "completeness": 20 / 28,
    "weigh_ins": 28,
    "mean_intake_kcal": 2000.0,
    "weight_slope_kg_per_week": -0.5,
    "data_tdee_kcal": 2550.0,
    "data_weight": 0.97,
    "excluded": [
        {"day": "2026-11-04", "reason": "nothing logged"},
        {"day": "2026-11-05", "reason": "450 kcal logged, under half: looks incomplete"},
    ],
    "reason": "",
    "method": "expenditure ≈ mean trusted intake - weight slope x 7700 kcal/kg",
    "check_in": {
        "tdee_kcal": 2550,
        "band_kcal": 120,
        "goal_rate_kg_per_week": -0.5,
        "suggested_target_kcal": 2000,
        "current_target_kcal": 2143,
        "safe_floor_kcal": 1500,
        "floor_applied": False,
        "message": "Your expenditure looks like 2,550 ± 120 kcal; new target 2,000 kcal.",
    },
}


def test_an_estimate_from_data_names_its_days_weigh_ins_and_share() -> None:
    view = expenditure_view(Expenditure.from_json(ANSWER))
    assert view["headline"] == "2,550 ± 120 kcal a day"
    assert view["source"] == (
        "From 20 fully logged days and 28 weigh-ins (4 Nov to 1 Dec), combined with the "
        "formula's 2,693 kcal; your data carries 97% of the answer."
    )
    assert view["trend"] == "Weight line -0.50 kg a week on 2,000 kcal a day eaten."
    assert view["completeness"] == "71% of the last 28 days fully logged"
    assert view["can_accept"] == "yes" and view["suggested"] == "2000"
    assert view["suggested_text"] == "2,000"


def test_pounds_for_imperial_users() -> None:
    view = expenditure_view(Expenditure.from_json(ANSWER), "imperial")
    assert view["trend"].startswith("Weight line -1.10 lb a week")
    check_in = {**ANSWER["check_in"], "message": "Target for -0.5 kg/week: 1,870 kcal."}
    view = expenditure_view(Expenditure.from_json({**ANSWER, "check_in": check_in}), "imperial")
    assert view["check_in"] == "Target for -1.1 lb/week: 1,870 kcal."


def test_the_formula_alone_says_why_and_offers_nothing_to_accept() -> None:
    short = {**ANSWER, "source": "formula", "reason": "3 fully logged days of the 7 needed"}
    short |= {"weight_slope_kg_per_week": None}
    view = expenditure_view(Expenditure.from_json(short))
    assert view["source"] == (
        "The formula's estimate for now: 3 fully logged days of the 7 needed (4 Nov to 1 Dec)."
    )
    assert view["trend"] == "" and view["can_accept"] == ""


def test_left_out_days_newest_first() -> None:
    rows = excluded_rows(Expenditure.from_json(ANSWER))
    assert rows[0] == {
        "day": "Thu 5 Nov",
        "reason": "450 kcal logged, under half: looks incomplete",
    }
    assert Expenditure.from_json(ANSWER).window_start == dt.date(2026, 11, 4)
