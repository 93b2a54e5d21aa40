"""The workouts area's texts in Russian: units, number format, plural forms, dates, the
catalog's words and the messages of a wrong box (English is covered by the other tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.state import calendar_logic as cal
from app.state import program_logic
from app.state import workout_logic as logic
from app.state.units import IMPERIAL

NBSP = "\u00a0"


def test_sets_and_amounts_are_written_as_russian_does():
    assert logic.set_text({"reps": 5, "weight_kg": 62.5}, language="ru") == "62,5 кг \u00d7 5"
    assert logic.set_text({"reps": 5, "weight_kg": 100}, IMPERIAL, "ru") == "220,5 lb \u00d7 5"
    assert logic.set_text({"duration_s": 1530, "distance_m": 5200}, language="ru") == (
        "25:30 мин · 5,2 км"
    )
    assert logic.weight_text(1217.5, "metric", "ru") == f"1{NBSP}217,5 кг"
    assert logic.kcal_text(312.4, "ru") == "312 ккал"
    assert logic.e1rm_text(100, 5, language="ru") == "1ПМ 114,6 кг"


@pytest.mark.parametrize(
    ("count", "text"),
    [(1, "1 подход"), (3, "3 подхода"), (5, "5 подходов"), (21, "21 подход"), (12, "12 подходов")],
)
def test_counted_sets_take_the_three_russian_forms(count, text):
    assert logic.count_text(count, "set", "ru") == text


def test_bodyweight_sets_durations_and_records():
    assert logic.set_text({"reps": 2, "weight_kg": 0}, language="ru") == "2 повторения"
    assert logic.duration_text(75 * 60, "ru") == "1 ч 15 мин"
    assert logic.duration_text(42, "ru") == "42 с"
    assert logic.record_text("e1rm", 83.07, 75.24, None, language="ru") == (
        "Расчётный 1ПМ: 83,1 кг (было 75,2 кг)"
    )
    assert logic.record_text("weight_at_reps", 100, None, 5, language="ru") == (
        "Максимальный вес на 5 повторений: 100 кг (впервые)"
    )
    assert logic.rule_text("progress", 102.5, 5, 3, language="ru") == (
        "3 \u00d7 5 по 102,5 кг — в прошлый раз выполнены все повторения: вес выше"
    )


def test_a_wrong_box_says_what_to_fix_in_russian():
    with pytest.raises(logic.InvalidSet) as wrong:
        logic.parse_strength_set("abc", "5", "", "working", language="ru")
    assert (wrong.value.field, str(wrong.value)) == (
        "weight",
        "Вес: число в кг, например 62,5",
    )
    with pytest.raises(logic.InvalidSet) as wrong:
        logic.parse_body_weight("10", language="ru")
    assert str(wrong.value) == "Вес тела: от 20 до 400 кг"
    row = {**program_logic.new_row("builtin:barbell-row", "Row"), "start": "-5"}
    with pytest.raises(program_logic.InvalidProgram) as bad:
        program_logic.read_exercise(row, language="ru")
    assert str(bad.value) == "Начальный вес (кг): от 0 до 1000"


def test_the_calendar_names_months_and_days_in_russian():
    december = dt.date(2026, 12, 1)
    assert cal.month_title(december, "ru") == "Декабрь 2026"
    assert cal.day_title(december, "ru") == "Вторник, 1 декабря"
    weeks = cal.month_weeks(
        december, "monday", {december: 2}, selected=None, today=december, language="ru"
    )
    assert weeks[0][1]["label"] == "вторник, 1 декабря: 2 тренировки"
    assert weeks[0][2]["label"] == "среда, 2 декабря: нет тренировок"


def test_catalog_words_are_russian_in_the_details_line():
    assert logic.catalog_word("chest", "ru") == "грудь"
    assert logic.catalog_word("body only", "ru") == "собственный вес"
    assert logic.catalog_word("chest") == "chest"
    assert logic.catalog_word("something new", "ru") == "something new"
