"""Pure state logic of onboarding, the targets explanation, the today charts and the
notifications feed (no browser, no network)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.api.users import Formula, Stats, Targets, WeightLog
from app.pages.notifications import mark_row_read
from app.pages.onboarding import step_after_errors
from app.pages.profile import weight_error
from app.state import dashboard as logic
from app.state.body import (
    body_data,
    closest_rate,
    parse_decimal,
    rate_in_words,
    validate_body,
    validate_goal,
)
from app.state.notifications import NoticeRow, ago
from app.state.targets import equation, explain_targets, input_lines, macro_energy_shares, number
from app.state.today import local_today
from components.charts import calories_figure, macros_figure, weight_figure

TODAY = dt.date(2026, 12, 1)


def make_targets(**overrides: Any) -> Targets:
    """The users service's answer for a woman, 68 kg, 165 cm, 36 y, light, losing 0.5 kg/week."""
    body: dict[str, Any] = {
        "calorie_target_kcal": 1334.0,
        "bmr": {
            "name": "Mifflin-St Jeor",
            "value": 1370.25,
            "source": "Mifflin MD, St Jeor ST et al. Am J Clin Nutr 1990;51:241-247",
            "inputs": {
                "sex": "female",
                "weight_kg": "68.00",
                "height_cm": "165.0",
                "age_years": "36",
            },
        },
        "alternatives": [
            {
                "name": "Harris-Benedict (revised)",
                "value": 1431.68,
                "source": "Roza AM, Shizgal HM. Am J Clin Nutr 1984;40:168-182",
                "inputs": {},
            }
        ],
        "activity_level": "light",
        "activity_factor": 1.375,
        "tdee_kcal": 1884.09,
        "goal": "lose",
        "goal_rate_kg_per_week": 0.5,
        "goal_adjustment_kcal": -550.0,
        "goal_method": "rate (kg/week) x 7700 kcal/kg / 7 days",
        "unadjusted_target_kcal": 1334.0,
        "safe_floor_kcal": 1200.0,
        "floor_applied": False,
        "macros": {
            "protein_g": 109.0,
            "fat_g": 37.0,
            "carbohydrate_g": 141.0,
            "protein_g_per_kg": 1.6,
            "fat_energy_share": 0.25,
            "method": "...",
        },
        "age_years": 36,
        "notes": ["The activity factor already includes usual exercise."],
    }
    body.update(overrides)
    return Targets.from_json(body)


def make_stats(days: list[dict[str, Any]]) -> Stats:
    base = {
        "logged": True,
        "calories_in": 1500.0,
        "calories_out": 0.0,
        "net_kcal": None,
        "target_kcal": 1334.0,
        "workouts": 0,
        "weight_kg": None,
        "protein_g": 100.0,
        "fat_g": 50.0,
        "carbohydrate_g": 150.0,
    }
    return Stats.from_json(
        {
            "from_date": days[0]["date"],
            "to_date": days[-1]["date"],
            "days": [{**base, **d} for d in days],
            "averages": {},
        }
    )


# --- onboarding: parsing and validation ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [("72,5", 72.5), (" 72.5 ", 72.5), ("", None), ("abc", None), ("nan", None)],
)
def test_parse_decimal_accepts_comma_and_rejects_non_numbers(text, expected):
    assert parse_decimal(text) == expected


def test_validate_body_accepts_a_complete_form():
    assert validate_body("female", "1990-05-01", "165", "68", "light", TODAY) == {}


def test_validate_body_names_every_missing_field():
    errors = validate_body("", "", "", "", "", TODAY)
    assert set(errors) == {"sex", "birth_date", "height_cm", "weight_kg", "activity_level"}


def test_validate_body_uses_the_services_limits():
    errors = validate_body("male", "2020-01-01", "300", "19", "moderate", TODAY)
    assert errors["birth_date"] == "Your age must be between 13 and 120."
    assert errors["height_cm"] == "Enter between 50 and 272 cm."
    assert errors["weight_kg"] == "Enter between 20 and 500 kg."


def test_age_limit_counts_the_birthday():
    assert "birth_date" in validate_body("male", "2013-12-02", "150", "40", "light", TODAY)
    assert validate_body("male", "2013-12-01", "150", "40", "light", TODAY) == {}


def test_validate_goal_needs_a_rate_unless_maintaining():
    assert validate_goal("maintain", "") == {}
    assert validate_goal("lose", "0.5") == {}
    assert "goal_rate_kg_per_week" in validate_goal("gain", "1.5")
    assert "goal_rate_kg_per_week" in validate_goal("lose", "0")
    assert validate_goal("", "0.5") == {"goal": "Choose a goal."}


def test_body_data_rounds_like_the_service_and_zeroes_the_rate_for_maintain():
    data = body_data("male", "1990-01-31", "180,04", "80.456", "moderate", "maintain", "0.5")
    assert data.birth_date == dt.date(1990, 1, 31)
    assert (data.height_cm, data.weight_kg, data.goal_rate_kg_per_week) == (180.0, 80.46, 0.0)
    assert (
        body_data("male", "1990-01-31", "180", "80", "light", "lose", "0.75").goal_rate_kg_per_week
        == 0.75
    )


def test_rate_in_words_shows_the_daily_energy():
    assert rate_in_words("0.5") == "0.5 kg a week (about 550 kcal a day)"
    assert rate_in_words("1.0") == "1 kg a week (about 1,100 kcal a day)"


def test_closest_rate_maps_a_stored_rate_to_a_choice():
    assert closest_rate(0.3) == "0.25"
    assert closest_rate(0.8) == "0.75"


def test_api_errors_on_body_fields_send_the_wizard_back_to_step_one():
    assert step_after_errors({"height_cm": "too tall"}, 2) == 1
    assert step_after_errors({"goal_rate_kg_per_week": "too fast"}, 2) == 2


def test_weight_error():
    assert weight_error("68,4") == ""
    assert weight_error("") == "Enter your weight in kg."
    assert weight_error("700") == "Enter between 20 and 500 kg."


# --- the targets explained ---


def test_number_formats_thousands_and_a_real_minus():
    assert number(1884.09) == "1,884"
    assert number(-550) == "\u2212550"
    assert number(1.375, 3) == "1.375"
    assert number(0.5, 2) == "0.5"


def test_mifflin_equation_reproduces_the_published_reference():
    """DOMAIN.md: female, 60 kg, 165 cm, 30 y -> 1320.25 kcal."""
    formula = Formula(
        "Mifflin-St Jeor",
        1320.25,
        "",
        {"sex": "female", "weight_kg": "60.00", "height_cm": "165.0", "age_years": "30"},
    )
    text = equation(formula)
    assert text == "10 \u00d7 60 kg + 6.25 \u00d7 165 cm \u2212 5 \u00d7 30 y \u2212 161"
    assert 10 * 60 + 6.25 * 165 - 5 * 30 - 161 == 1320.25


def test_harris_benedict_and_katch_mcardle_equations():
    male = {"sex": "male", "weight_kg": "80", "height_cm": "180", "age_years": "30"}
    assert equation(Formula("Harris-Benedict (revised)", 0, "", male)).startswith("88.362 + 13.397")
    lean = {"weight_kg": "80", "body_fat_pct": "20", "lean_body_mass_kg": "64.00"}
    assert (
        equation(Formula("Katch-McArdle", 1752.4, "", lean)) == "370 + 21.6 \u00d7 64 kg lean mass"
    )
    assert equation(Formula("Unknown", 1, "", {})) == ""


def test_input_lines_name_units():
    formula = make_targets().bmr
    assert input_lines(formula) == [
        "Sex: female",
        "Weight: 68 kg",
        "Height: 165 cm",
        "Age: 36 years",
    ]


def test_explain_targets():
    view = explain_targets(make_targets())
    assert view.formula_name == "Mifflin-St Jeor"
    assert view.bmr_kcal == "1,370"
    assert view.tdee_kcal == "1,884"
    assert view.activity_name == "Lightly active" and view.activity_factor == "1.375"
    assert view.goal_adjustment_kcal == "\u2212550"
    assert view.goal_rate == "0.5 kg/week"
    assert view.calorie_target_kcal == "1,334"
    assert (view.protein_g, view.fat_g, view.carbohydrate_g) == ("109", "37", "141")
    assert view.alternatives == ["Harris-Benedict (revised) would give 1,432 kcal"]
    assert view.floor_note == ""


def test_explain_targets_says_when_the_safe_floor_holds_the_target():
    view = explain_targets(
        make_targets(
            floor_applied=True,
            unadjusted_target_kcal=1050.0,
            calorie_target_kcal=1200.0,
            notes=["... below the safe minimum of 1200 kcal ...", "Activity note."],
        )
    )
    assert "1,050 kcal" in view.floor_note and "1,200 kcal" in view.floor_note
    assert view.notes == ["Activity note."]  # the floor is said once, not twice


def test_macro_energy_shares_sum_to_100():
    assert macro_energy_shares(109, 37, 141) == (33, 25, 42)
    assert sum(macro_energy_shares(10, 10, 10)) == 100
    assert macro_energy_shares(0, 0, 0) == (0, 0, 0)


# --- today: chart rows, tables and figures ---


def test_day_rows_keep_unlogged_days_empty_not_zero():
    stats = make_stats(
        [
            {"date": "2026-11-29"},
            {"date": "2026-11-30", "logged": False, "calories_in": None, "protein_g": None},
            {"date": "2026-12-01", "calories_out": 320.4},
        ]
    )
    rows = logic.day_rows(stats)
    assert [r.calories_in for r in rows] == [1500, None, 1500]
    assert (
        rows[0].protein_kcal == 400 and rows[0].fat_kcal == 450 and rows[0].carbohydrate_kcal == 600
    )
    assert rows[1].protein_kcal is None
    assert rows[2].calories_out == 320
    assert rows[0].label == "Sun 29 Nov"


def test_fill_targets_extends_the_target_line_back():
    stats = make_stats(
        [
            {"date": "2026-11-29", "target_kcal": None},
            {"date": "2026-11-30", "target_kcal": 1500.0},
            {"date": "2026-12-01", "target_kcal": None},
        ]
    )
    rows = logic.fill_targets(logic.day_rows(stats), 1334.0)
    assert [r.target for r in rows] == [1500, 1500, 1334]


def make_weights(points: list[tuple[str, float, float]]) -> WeightLog:
    return WeightLog.from_json(
        {"entries": [{"date": d, "weight_kg": w, "trend_kg": t} for d, w, t in points]}
    )


def test_weight_rows_carry_the_trend_between_weigh_ins():
    log = make_weights([("2026-11-28", 70.0, 70.2), ("2026-11-30", 69.6, 70.1)])
    rows = logic.weight_rows(log, dt.date(2026, 11, 27), TODAY)
    assert [r.weight_kg for r in rows] == [None, 70.0, None, 69.6, None]
    assert [r.trend_kg for r in rows] == [None, 70.2, 70.2, 70.1, 70.1]


def test_goal_pace_starts_at_the_first_trend_shown():
    log = make_weights([("2026-11-24", 70.0, 70.0), ("2026-11-28", 69.5, 69.7)])
    rows = logic.weight_rows(log, dt.date(2026, 11, 24), TODAY)
    losing = logic.with_goal_pace(rows, "lose", 0.7)
    assert losing[0].goal_kg == 70.0 and losing[7].goal_kg == 69.3  # 0.7 kg a week lower
    last_four = logic.with_goal_pace(logic.last(rows, 4), "gain", 0.7)
    assert last_four[0].goal_kg == 69.7 and last_four[1].goal_kg == 69.8
    assert all(r.goal_kg == 70.0 for r in logic.with_goal_pace(rows, "maintain", 0))
    assert logic.with_goal_pace([], "lose", 0.5) == []


def test_tables_are_the_charts_in_text():
    days = logic.day_rows(
        make_stats(
            [{"date": "2026-11-30", "logged": False, "calories_in": None}, {"date": "2026-12-01"}]
        )
    )
    assert logic.calorie_table(days) == [
        ["Mon 30 Nov", "\u2013", "0", "1,334"],
        ["Tue 1 Dec", "1,500", "0", "1,334"],
    ]
    assert logic.macro_table(days) == [["Tue 1 Dec", "400", "450", "600"]]
    assert (
        logic.averages_line(days)
        == "Average over 1 logged day: 1,500 kcal eaten, target 1,334 kcal"
    )
    assert logic.averages_line(days[:1]) == "Nothing logged in this period yet."
    weights = logic.weight_rows(make_weights([("2026-12-01", 68.04, 68.2)]), TODAY, TODAY)
    assert logic.weight_table(weights) == [["Tue 1 Dec", "68.0", "68.2", "\u2013"]]


def test_last_shows_the_range():
    assert logic.last(list(range(30)), 7) == list(range(23, 30))
    assert logic.has_intake([]) is False


def test_figures_have_one_trace_per_series_and_keep_gaps():
    days = logic.day_rows(
        make_stats(
            [{"date": "2026-11-30", "logged": False, "calories_in": None}, {"date": "2026-12-01"}]
        )
    )
    calories = calories_figure(days)
    assert [t.name for t in calories.data] == ["Eaten", "Burned (workouts)", "Target"]
    assert list(calories.data[0].y) == [None, 1500]
    assert [t.name for t in macros_figure(days).data] == ["Protein", "Fat", "Carbohydrate"]
    weights = logic.weight_rows(make_weights([("2026-12-01", 68.0, 68.2)]), TODAY, TODAY)
    assert [t.name for t in weight_figure(weights).data] == ["Weigh-in", "Trend", "Goal pace"]


def test_local_today_uses_the_profile_time_zone():
    late = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)
    assert local_today("Europe/Berlin", late) == dt.date(2026, 12, 2)
    assert local_today("America/New_York", late) == dt.date(2026, 12, 1)
    assert local_today("Not/AZone", late) == dt.date(2026, 12, 1)


# --- notifications ---


def test_ago_in_words():
    now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    assert ago(now - dt.timedelta(seconds=20), now) == "just now"
    assert ago(now - dt.timedelta(minutes=5), now) == "5 min ago"
    assert ago(now - dt.timedelta(hours=3), now) == "3 h ago"
    assert ago(now - dt.timedelta(days=1), now) == "1 day ago"
    assert ago(now - dt.timedelta(days=10), now) == "2026-11-21"
    assert ago(None, now) == ""


def test_mark_row_read_changes_only_that_row():
    rows = [NoticeRow("a", "x", "A", "", "", True), NoticeRow("b", "x", "B", "", "", True)]
    assert [r.unread for r in mark_row_read(rows, "b")] == [True, False]


# --- the lazily drawn charts section ---


def test_when_visible_observes_its_box_and_fires_the_event_once():
    import app.app  # noqa: F401  (registers the states the event names refer to)
    from app.state.today import TodayState
    from components.lazy import when_visible

    box = when_visible(on_visible=TodayState.show_charts, id="charts-sentinel")
    hooks = "\n".join(str(h) for h in box._get_all_hooks())
    assert "IntersectionObserver" in hooks and "seen.disconnect(); fire();" in hooks
    assert 'getElementById("charts-sentinel")' in hooks and "show_charts" in hooks
    assert not any("onVisible" in prop for prop in box.render()["props"])


def test_imperial_body_data_is_checked_and_stored_in_si():
    assert (
        validate_body("male", "1990-01-01", "5 ft 11 in", "180", "light", TODAY, "imperial") == {}
    )
    errors = validate_body("male", "1990-01-01", "180", "30", "light", TODAY, "imperial")
    assert errors["height_cm"] == "Enter your height like 5 ft 7 in."
    assert errors["weight_kg"] == "Enter between 44.1 and 1,102.3 lb."
    data = body_data("male", "1990-01-01", "5 ft 11 in", "180", "light", "maintain", "", "imperial")
    assert (data.height_cm, data.weight_kg) == (180.3, 81.65)
