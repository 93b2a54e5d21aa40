"""The energy ledger's arithmetic and sources (aggregator/ledger.py) and the net-exercise rule
(kernel/exercise_energy.py), on answers shaped as the services give them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from backend_services.aggregator.ledger import history_start, ledger, ledger_parts
from backend_services.aggregator.ledger_exercise import workout_energy
from backend_services.aggregator.ledger_reasons import reason
from backend_services.kernel.exercise_energy import net_exercise_kcal, resting_kcal

DAY = date(2026, 11, 30)


def test_a_60_minute_workout_at_met_6_for_80_kg_is_400_kcal_net() -> None:
    gross = 6 * 80 * 1.0  # MET x kg x h
    assert resting_kcal(80, 1.0) == 80
    assert net_exercise_kcal(gross, 80, 1.0) == 400
    assert net_exercise_kcal(30, 80, 1.0) == 0  # never below zero
    with pytest.raises(ValueError):
        resting_kcal(-1, 1)


def make_workout(**overrides: Any) -> dict[str, Any]:
    """A completed app-logged hour of vigorous resistance training (02050, MET 6) at 80 kg."""
    workout: dict[str, Any] = {
        "id": "w1",
        "name": "Upper body",
        "status": "completed",
        "local_date": DAY.isoformat(),
        "exercises": [
            {
                "id": "e1",
                "met": {
                    "code": "02054",
                    "value": 3.5,
                    "description": "resistance training, 8-15 reps",
                    "edition": "2011",
                },
                "met_by_intensity": {
                    "vigorous": {
                        "code": "02050",
                        "value": 6.0,
                        "description": "resistance training, vigorous",
                        "edition": "2011",
                    }
                },
            }
        ],
        "result": {
            "duration_s": 3600,
            "calories_kcal": 480.0,
            "net_calories_kcal": 400.0,
            "weight_kg": 80.0,
            "weight_source": "weight_log",
            "per_exercise": [
                {"entry_id": "e1", "met": [{"code": "02050", "value": 6.0, "seconds": 3600}]}
            ],
        },
    }
    workout.update(overrides)
    return workout


def test_an_app_workout_names_its_compendium_activity_and_met() -> None:
    energy = workout_energy(make_workout())
    assert (energy["gross_kcal"], energy["net_kcal"]) == (480.0, 400.0)
    [activity] = energy["activities"]
    assert activity["code"] == "02050" and activity["met"] == 6.0
    assert activity["description"] == "resistance training, vigorous"
    assert (activity["gross_kcal"], activity["net_kcal"]) == (480.0, 400.0)
    assert "MET 6 x 80 kg x 1.00 h = 480 kcal gross" in activity["source"]
    assert "(MET 6 - 1) x 80 kg x 1.00 h = 400 kcal net" in activity["source"]


def test_an_imported_session_loses_the_resting_met_of_its_hours() -> None:
    device = make_workout(
        exercises=[
            {
                "id": "x",
                "met": {"code": "12050", "value": 9.8, "description": "running", "edition": "2011"},
            }
        ],
        result={
            "duration_s": 1800,
            "calories_kcal": 350.0,
            "calorie_source": "device",
            "net_calories_kcal": None,
            "weight_kg": 70.0,
            "weight_source": "apple_export",
            "per_exercise": [],
        },
    )
    energy = workout_energy(device)
    assert energy["net_kcal"] == 315.0  # 350 - 1 x 70 kg x 0.5 h
    assert energy["source"].startswith("the device's figure, 350 kcal gross")
    assert energy["activities"][0]["code"] == "12050"


def test_a_workout_not_counted_says_why() -> None:
    running = workout_energy(make_workout(status="in_progress"))
    assert running["net_kcal"] is None and "not completed" in running["source"]
    result = {**make_workout()["result"], "weight_kg": None, "calories_kcal": None}
    weightless = workout_energy(make_workout(result=result))
    assert weightless["net_kcal"] is None and "no body weight" in weightless["source"]


TARGETS = {
    "bmr": {"name": "Mifflin-St Jeor", "value": 1780.0, "source": "Am J Clin Nutr 1990"},
    "activity_factor": 1.55,
    "activity_level": "moderate",
    "tdee_kcal": 2759.0,
}


def formula_only() -> dict[str, Any]:
    """The users service's answer while it has too little data (users/expenditure.py)."""
    return {
        "source": "formula",
        "reason": "3 fully logged days of the 7 needed",
        "reason_code": "few_logged_days",
        "reason_params": {"have": 3, "need": 7},
        "excluded": [
            {
                "day": (DAY - timedelta(days=1)).isoformat(),
                "reason": "nothing logged",
                "code": "nothing_logged",
                "params": {},
            }
        ],
    }


def parts(**overrides: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "targets": TARGETS,
        "expenditure": formula_only(),
        "weights": {
            "entries": [
                {
                    "date": (DAY - timedelta(days=2)).isoformat(),
                    "weight_kg": 80.4,
                    "trend_kg": 80.2,
                },
                {"date": DAY.isoformat(), "weight_kg": 79.6, "trend_kg": 80.1},
            ],
            "trend_method": "exponential moving average (The Hacker's Diet), gap-aware",
            "trend_smoothing": 0.1,
        },
        "nutrition": {"daily": [{"date": DAY.isoformat(), "energy_kcal": 2500.0}]},
        "workouts": {"items": [make_workout()]},
    }
    found.update(overrides)
    return found


def test_a_day_balance_is_intake_less_the_formula_and_net_exercise() -> None:
    body = ledger(DAY, DAY, parts())
    [row] = body["days"]
    assert row["intake_kcal"] == 2500.0
    assert row["exercise_net_kcal"] == 400.0
    assert row["expenditure_kcal"] == 2759.0
    assert row["balance_kcal"] == pytest.approx(2500 - 2759 - 400)
    assert (row["weight_kg"], row["trend_kg"]) == (79.6, 80.1)
    estimate = body["estimate"]
    assert estimate["method"] == "mifflin_st_jeor"
    assert "Mifflin-St Jeor BMR 1,780 kcal" in estimate["source"]
    assert "activity factor 1.55 (moderate) = 2,759 kcal/day" in estimate["source"]
    assert "not used yet: 3 fully logged days of the 7 needed" in estimate["source"]
    assert body["totals"]["implied_change_kg"] == round((2500 - 2759 - 400) / 7700, 2)
    assert "1 MET" in body["rules"]["exercise"]


def test_a_range_carries_the_trend_and_names_days_the_adaptive_estimate_left_out() -> None:
    start = DAY - timedelta(days=2)
    body = ledger(start, DAY, parts())
    first, middle, _ = body["days"]
    assert middle["weight_kg"] is None and middle["trend_kg"] == 80.2
    assert middle["trend_from"] == start
    assert middle["adaptive_excluded"] == "nothing logged"
    assert middle["intake_kcal"] is None and middle["balance_kcal"] is None
    assert middle["intake_source"] == "nothing logged"
    assert first["exercise_net_kcal"] == 0.0
    assert body["totals"]["logged_days"] == 1 and body["totals"]["balance_days"] == 1
    assert body["trend"]["change_kg"] == pytest.approx(-0.1)
    assert body["trend"]["source"].endswith("smoothing 0.1 per day")


def test_the_adaptive_estimate_gives_back_the_exercise_it_already_measured() -> None:
    adaptive = {
        "source": "data",
        "tdee_kcal": 2900.0,
        "band_kcal": 120.0,
        "trusted_days": 20,
        "weigh_ins": 28,
        "window_start": (DAY - timedelta(days=27)).isoformat(),
        "window_end": DAY.isoformat(),
        "method": "expenditure ≈ mean trusted intake - weight slope x 7700 kcal/kg",
        "excluded": [],
        "reason": "",
        "reason_code": "",
        "reason_params": {},
    }
    body = ledger(DAY, DAY, parts(expenditure=adaptive))
    estimate = body["estimate"]
    assert estimate["method"] == "adaptive"
    # 400 kcal net in 28 days: 14.3 kcal/day of it is already inside the 2,900
    assert estimate["exercise_removed_kcal_per_day"] == pytest.approx(400 / 28, abs=0.05)
    assert body["days"][0]["expenditure_kcal"] == pytest.approx(2900 - 400 / 28, abs=0.05)
    assert "20 fully logged days and 28 weigh-ins" in estimate["source"]


def test_without_a_part_the_numbers_it_feeds_are_unknown_not_zero() -> None:
    no_workouts = ledger(DAY, DAY, parts(workouts=None))
    assert no_workouts["days"][0]["exercise_net_kcal"] is None
    assert no_workouts["days"][0]["balance_kcal"] is None
    incomplete = ledger(DAY, DAY, parts(targets=None, expenditure=None))
    assert incomplete["estimate"] is None and incomplete["days"][0]["balance_kcal"] is None


def test_the_parts_reach_back_over_the_adaptive_window() -> None:
    assert history_start(DAY, DAY) == DAY - timedelta(days=27)
    assert history_start(DAY - timedelta(days=60), DAY) == DAY - timedelta(days=60)
    asked = {p.name: p.params for p in ledger_parts(DAY, DAY)}
    assert asked["targets"] == {"date": DAY.isoformat()}
    assert asked["workouts"]["from"] == (DAY - timedelta(days=27)).isoformat()
    assert asked["nutrition"] == {"from": DAY.isoformat(), "to": DAY.isoformat()}


def test_every_number_of_the_ledger_carries_its_reason() -> None:
    body = ledger(DAY - timedelta(days=1), DAY, parts())
    before, day = body["days"]
    assert day["intake_reason"] == reason("diary")
    assert before["intake_reason"] == reason("nothing_logged")
    assert before["adaptive_excluded_reason"] == reason("nothing_logged")
    assert day["adaptive_excluded_reason"] is None
    [workout] = day["exercise"]
    assert workout["reason"] == reason("activities_sum")
    assert workout["activities"][0]["reason"] == reason(
        "met_formula", weight_kg=80, hours=1.0, gross_kcal=480.0, net_kcal=400.0
    )
    estimate_ = body["estimate"]
    assert estimate_["reason"]["code"] == "formula"
    assert estimate_["reason"]["params"]["activity_level"] == "moderate"
    assert estimate_["adaptive_not_used"] == reason("few_logged_days", have=3, need=7)
    assert body["trend"]["reason"] == reason("moving_average", smoothing=0.1)


def test_an_imported_session_and_a_workout_not_counted_have_their_reasons() -> None:
    imported = make_workout(
        exercises=[{"id": "e1", "met": {"code": "12050", "value": 8.0}}],
        result={
            "duration_s": 1800,
            "calories_kcal": 300.0,
            "calorie_source": "device",
            "weight_kg": 80,
            "per_exercise": [],
        },
    )
    assert workout_energy(imported)["reason"] == reason(
        "session_figure",
        figure="device",
        gross_kcal=300.0,
        weight_kg=80,
        hours=0.5,
        resting_kcal=40.0,
    )
    planned = workout_energy(make_workout(status="planned"))
    assert planned["reason"] == reason("not_completed")
