"""The pure view logic in Russian: numbers as Russians write them, dates with Russian names,
three plural forms, Russian units (imperial ones stay "lb"), and errors in Russian."""

from __future__ import annotations

import datetime as dt

from app.api.foods import Food, Nutrients
from app.state import dashboard, diary_logic, portions
from app.state import units as u
from app.state.body import rate_in_words, validate_body
from app.state.messages import plain_message
from app.state.settings_logic import device_words, last_seen_words

TODAY = dt.date(2026, 12, 1)  # a Tuesday
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def test_numbers_and_units_in_russian() -> None:
    assert u.weight_text(1217.53, u.METRIC, "ru") == "1\xa0217,5 кг"
    assert u.weight_text(72.5, u.IMPERIAL, "ru") == "159,8 lb"
    assert u.height_text(170, u.METRIC, "ru") == "170 см"
    assert diary_logic.fmt_kcal(1326.6, "ru") == "1\xa0327"
    assert diary_logic.macro_line({"protein_g": 9.5, "fat_g": 3, "carbohydrate_g": 40}, "ru") == (
        "Б 9,5 г · Ж 3 г · У 40 г"
    )


def test_days_in_russian() -> None:
    assert diary_logic.day_label(TODAY, TODAY, "ru") == "Сегодня"
    assert diary_logic.day_label(TODAY - dt.timedelta(days=1), TODAY, "ru") == "Вчера"
    assert diary_logic.day_label(dt.date(2026, 11, 23), TODAY, "ru") == "пн, 23 нояб."
    assert diary_logic.day_label(dt.date(2025, 11, 23), TODAY) == "Sun 23 Nov 2025"
    assert u.weekday_names(u.SUNDAY, "ru")[:2] == ("вс", "пн")


def test_counted_things_take_the_russian_form() -> None:
    assert [last_seen_words(NOW - dt.timedelta(minutes=m), NOW, "ru") for m in (2, 5, 21)] == [
        "2 минуты назад",
        "5 минут назад",
        "21 минуту назад",
    ]
    assert last_seen_words(NOW - dt.timedelta(hours=1), NOW) == "1 hour ago"
    assert dashboard.averages_line(
        [dashboard.DayRow("2026-12-01", "Tue 1 Dec", 1850, 0, None, None, None, None)], "ru"
    ) == ("В среднем за 1 день с записями: съедено 1\xa0850 ккал")


def test_left_and_over_in_russian() -> None:
    assert diary_logic.remaining_line(2000, 1500, 100, "ru") == "Осталось 600 ккал"
    assert diary_logic.remaining_line(2000, 2500, 0, "ru") == "Перебор 500 ккал"


def test_validation_and_errors_in_russian() -> None:
    errors = validate_body("", "", "abc", "70", "light", TODAY, u.METRIC, "ru")
    assert errors["sex"] == "Выберите пол, который будут учитывать формулы."
    assert errors["height_cm"] == "Введите число в сантиметрах."
    assert plain_message("rate_limited", "", 429, 30, "ru") == (
        "Слишком много попыток. Попробуйте через 30 секунд."
    )
    assert plain_message("x", "Service said so", 400, None, "ru") == "Service said so"
    assert rate_in_words("0.5", u.METRIC, "ru") == "0,5 кг в неделю (около 550 ккал в день)"
    assert device_words("Mozilla/5.0 (Linux; Android 14) Chrome/120 Mobile", "ru") == (
        "Chrome на Android"
    )


def _food(other_names: tuple[str, ...]) -> Food:
    return Food(
        id=7,
        name="Buckwheat, cooked",
        brand=None,
        category=None,
        source="usda-sr28",
        barcode=None,
        private=False,
        energy_derived=False,
        quality_flags=(),
        per_100g=Nutrients(energy_kcal=92.0),
        portions=(),
        other_names=other_names,
    )


def test_a_food_shows_its_russian_name_when_the_data_has_one() -> None:
    food = _food(("kasha", "гречка варёная"))
    assert portions.food_row(food, "ru")["name"] == "гречка варёная"
    assert portions.food_row(food, "ru")["per_100g"] == "92 ккал / 100 г"
    assert portions.food_row(food)["name"] == "Buckwheat, cooked"
    assert portions.food_row(_food(("kasha",)), "ru")["name"] == "Buckwheat, cooked"
    assert diary_logic.FoodFacts.of(food).russian_name == "гречка варёная"
