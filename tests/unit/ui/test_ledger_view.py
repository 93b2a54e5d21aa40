"""The ledger page's periods and lines (app/state/ledger_logic.py) from a parsed ledger answer,
and the training-day rule's form (app/state/training_rule.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.api.dashboard import DayDashboard
from app.api.ledger import Ledger
from app.api.training_rule import TrainingRule
from app.state.ledger_logic import ledger_rows, ledger_summary, period_bounds, shifted
from app.state.training_rule import parse_rule, rule_in_words

DAY = dt.date(2026, 11, 30)  # a Monday


def _reason(code: str, **params: object) -> dict[str, object]:
    return {"code": code, "params": params}


ANSWER = {
    "from": "2026-11-29",
    "to": "2026-11-30",
    "days": [
        {"date": "2026-11-29", "intake_kcal": None, "exercise_net_kcal": 0.0, "exercise": [],
         "expenditure_kcal": 2759.0, "balance_kcal": None, "weight_kg": None, "trend_kg": None,
         "adaptive_excluded": "nothing logged",
         "adaptive_excluded_reason": _reason("nothing_logged")},
        {"date": "2026-11-30", "intake_kcal": 2500.0, "exercise_net_kcal": 400.0,
         "exercise": [{"name": "Run", "gross_kcal": 480.0, "net_kcal": 400.0,
                       "reason": _reason("activities_sum"),
                       "activities": [{"code": "12050", "met": 6.0, "description": "running",
                                       "edition": "2011", "minutes": 60,
                                       "reason": _reason("met_formula", weight_kg=80, hours=1.0,
                                                         gross_kcal=480.0, net_kcal=400.0)}]}],
         "expenditure_kcal": 2759.0, "balance_kcal": -659.0, "weight_kg": 79.6, "trend_kg": 80.1,
         "adaptive_excluded": "1,000 kcal logged, under half the 2,759 kcal the formula expects",
         "adaptive_excluded_reason": _reason("incomplete", logged_kcal=1000.0,
                                             expected_kcal=2759.0)},
    ],
    "totals": {"logged_days": 1, "intake_kcal": 2500.0, "exercise_net_kcal": 400.0,
               "balance_kcal": -659.0, "mean_balance_kcal": -659.0, "implied_change_kg": -0.09},
    "estimate": {"kcal_per_day": 2759.0, "method": "mifflin_st_jeor",
                 "reason": _reason("formula", formula="Mifflin-St Jeor", bmr_kcal=1780.0,
                                   bmr_source="Mifflin et al. 1990", activity_factor=1.55,
                                   activity_level="moderate", tdee_kcal=2759.0),
                 "adaptive_not_used": _reason("few_logged_days", have=3, need=7)},
    "trend": {"change_kg": -0.1, "reason": _reason("moving_average", smoothing=0.1)},
    "missing": [],
}  # fmt: skip
ADAPTIVE = _reason("adaptive", tdee_kcal=2900.0, band_kcal=120.0, trusted_days=20, weigh_ins=28,
                   window_start="2026-11-03", window_end="2026-11-30",
                   exercise_removed_kcal_per_day=14.3)  # fmt: skip


def test_periods_are_a_day_an_iso_week_or_a_month() -> None:
    assert period_bounds("day", DAY) == (DAY, DAY)
    assert period_bounds("week", DAY + dt.timedelta(days=3)) == (DAY, DAY + dt.timedelta(days=6))
    assert period_bounds("month", DAY) == (dt.date(2026, 11, 1), DAY)
    assert shifted("month", DAY, 1) == dt.date(2026, 12, 1)
    assert shifted("month", dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 1)
    assert shifted("month", dt.date(2026, 1, 15), -1) == dt.date(2025, 12, 1)
    assert shifted("week", DAY, -1) == DAY - dt.timedelta(days=7)


def test_each_row_carries_its_numbers_and_their_sources_newest_first() -> None:
    rows = ledger_rows(Ledger.from_json(ANSWER))
    assert [r["date"] for r in rows] == ["2026-11-30", "2026-11-29"]
    today, before = rows
    assert (today["intake"], today["exercise"], today["expenditure"]) == ("2,500", "400", "2,759")
    assert today["balance"] == "\u2212659" and today["surplus"] == ""
    assert (today["weight"], today["trend"]) == ("79.6", "80.1")
    assert today["sources"].splitlines() == [
        "Run: 400 kcal net (sum over its activities of (MET - 1) x kg x h)",
        "· Compendium 2011 12050 running: MET 6 x 80 kg x 1 h = 480 kcal gross; "
        "(MET 6 - 1) x 80 kg x 1 h = 400 kcal net",
        "Left out of the adaptive estimate: 1,000 kcal logged, under half the 2,759 kcal the "
        "formula expects: looks incomplete",
    ]
    assert before["intake"] == "—" and before["balance"] == "—"
    assert before["sources"] == "Left out of the adaptive estimate: nothing logged"


def test_the_rows_sources_in_russian() -> None:
    today, before = ledger_rows(Ledger.from_json(ANSWER), language="ru")
    assert today["sources"].splitlines() == [
        "Run: 400 ккал нетто (сумма по её упражнениям: (MET - 1) x кг x ч)",
        "· Компендиум 2011 12050 running: MET 6 x 80 кг x 1 ч = 480 ккал брутто; "
        "(MET 6 - 1) x 80 кг x 1 ч = 400 ккал нетто",
        "Не вошёл в адаптивную оценку: записано 1\xa0000 ккал, меньше половины из 2\xa0759 ккал "
        "по формуле: похоже, записано не всё",
    ]
    assert before["sources"] == "Не вошёл в адаптивную оценку: ничего не записано"
    assert today["weight"] == "79,6"


def test_the_summary_names_the_estimate_and_the_rules() -> None:
    summary = ledger_summary(Ledger.from_json(ANSWER))
    assert summary["estimate"] == "Mifflin-St Jeor: 2,759 kcal a day"
    assert summary["estimate_source"] == (
        "Mifflin-St Jeor BMR 1,780 kcal (Mifflin et al. 1990) x activity factor 1.55 "
        "(Moderately active) = 2,759 kcal a day. The adaptive estimate is not used yet: "
        "3 fully logged days of the 7 needed."
    )
    assert "-0.09 kg" in summary["change"]
    assert summary["trend"] == (
        "Weight trend -0.10 kg (exponential moving average of the weigh-ins, smoothing 0.1 a day)."
    )
    assert summary["exercise_rule"].startswith("Net exercise = gross - 1 MET")
    assert summary["balance_rule"].startswith("Balance = eaten")


def test_the_summary_in_russian() -> None:
    summary = ledger_summary(Ledger.from_json(ANSWER), language="ru")
    assert summary["estimate"].endswith("ккал в день")
    assert summary["estimate_source"] == (
        "Основной обмен по Mifflin-St Jeor 1\xa0780 ккал (Mifflin et al. 1990) x коэффициент "
        "активности 1,55 (Средняя активность) = 2\xa0759 ккал в день. Адаптивная оценка пока "
        "не используется: полностью записанных дней: 3 из 7 нужных."
    )
    assert summary["trend"].endswith("(экспоненциальное скользящее среднее веса, сглаживание "
                                     "0,1 в день).")  # fmt: skip
    assert summary["exercise_rule"].startswith("Тренировки нетто = брутто - 1 MET")
    assert summary["intake_rule"].startswith("Съедено:")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_adaptive_estimate_in_both_languages(language: str) -> None:
    answer = {**ANSWER, "estimate": {**ANSWER["estimate"], "method": "adaptive",  # type: ignore[dict-item]
                                     "reason": ADAPTIVE, "adaptive_not_used": None}}  # fmt: skip
    source = ledger_summary(Ledger.from_json(answer), language=language)["estimate_source"]
    expected = {
        "en": "Adaptive: 2,900 ± 120 kcal a day from 20 fully logged days and 28 weigh-ins, "
        "3 Nov to 30 Nov, less the 14 kcal a day of net exercise",
        "ru": "Адаптивная оценка: 2\xa0900 ± 120 ккал в день по полностью записанным дням (20) "
        "и взвешиваниям (28) с 3 нояб. по 30 нояб., минус 14 ккал в день",
    }
    assert source.startswith(expected[language])


def test_without_an_estimate_the_summary_says_nothing_of_it() -> None:
    summary = ledger_summary(Ledger.from_json({**ANSWER, "estimate": None}))
    assert summary["estimate"] == "" and summary["balance"] == "\u2212659"


@pytest.mark.parametrize(
    ("kind", "amount", "expected"),
    [
        ("kcal", "250", TrainingRule("kcal", 250)),
        ("carbohydrate", " 60 ", TrainingRule("carbohydrate", 60)),
        ("add_back", "50", TrainingRule("add_back", 50)),
        ("none", "", None),
    ],
)
def test_a_rule_as_typed(kind: str, amount: str, expected: TrainingRule | None) -> None:
    assert parse_rule(kind, amount) == (expected, "")


@pytest.mark.parametrize(
    ("kind", "amount"), [("kcal", "0"), ("kcal", "1501"), ("add_back", "101"), ("kcal", "2.5"),
                         ("carbohydrate", "lots"), ("kcal", "")],
)  # fmt: skip
def test_a_bad_amount_is_refused_before_sending(kind: str, amount: str) -> None:
    rule, error = parse_rule(kind, amount)
    assert rule is None and error.startswith("Enter a whole number from 1 to")


def test_the_rule_in_words() -> None:
    assert rule_in_words(TrainingRule("kcal", 250)) == "Training day: +250 kcal (as carbohydrate)."
    assert rule_in_words(None, "ru").startswith("Без надбавки")


def test_under_a_training_day_rule_workouts_are_not_added_to_what_is_left_again() -> None:
    """The rule put its extra into the day's target: the diary's "left" adds no burned kcal."""
    targets = {"calorie_target_kcal": 2450, "macros": {}, "bmr": {}}
    workout = {
        "id": "w",
        "status": "completed",
        "local_date": "2026-11-30",
        "result": {"calories_kcal": 480.0, "net_calories_kcal": 400.0},
    }
    rule = {"applied": True, "extra_kcal": 250, "reason": "training day (1 workout): +250 kcal"}
    board = {"date": "2026-11-30", "diary": None, "stats": None, "workouts": {"items": [workout]}}
    plain = DayDashboard.from_json({**board, "targets": targets})
    ruled = DayDashboard.from_json({**board, "targets": {**targets, "training_day": rule}})
    assert plain.exercise_added_kcal == 480.0 and plain.remaining_kcal == 2450 + 480
    assert ruled.exercise_added_kcal == 0.0 and ruled.remaining_kcal == 2450
    assert ruled.targets is not None and ruled.targets.training_extra_kcal == 250
    assert ruled.targets.training_reason.startswith("training day")
    rest = DayDashboard.from_json(
        {**board, "targets": {**targets, "training_day": {**rule, "applied": False}}}
    )
    assert rest.exercise_added_kcal == 0.0 and rest.targets.training_extra_kcal == 0  # type: ignore[union-attr]
