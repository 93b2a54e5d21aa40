"""The notifications catalog: every key in every language with the same placeholders and all
plural forms; Russian plurals, numbers and imperial weights in the messages themselves."""

from __future__ import annotations

from decimal import Decimal
from string import Formatter

import pytest
from babel import Locale

from backend_services.notifications import domain
from backend_services.notifications.catalog import CATALOG, ENGLISH, Plural, Text
from backend_services.notifications.wording import ENGLISH_METRIC, Reader, reader_of

RU = Reader("ru", "metric")
RU_IMPERIAL = Reader("ru", "imperial")
EN_IMPERIAL = Reader("en", "imperial")
NBSP = "\xa0"  # babel's group separator in Russian: 2 450


def _placeholders(entry: Text) -> set[str]:
    texts = entry.forms.values() if isinstance(entry, Plural) else [entry]
    return {name for text in texts for _, name, _, _ in Formatter().parse(text) if name}


@pytest.mark.parametrize("language", sorted(CATALOG))
def test_every_language_has_every_key_with_the_same_placeholders(language: str) -> None:
    texts = CATALOG[language]
    assert sorted(set(ENGLISH) - set(texts)) == [], f"missing in {language}"
    assert sorted(set(texts) - set(ENGLISH)) == [], f"only in {language}"
    for key, english in ENGLISH.items():
        assert isinstance(texts[key], Plural) == isinstance(english, Plural), key
        assert _placeholders(texts[key]) == _placeholders(english), key
        assert texts[key], key


@pytest.mark.parametrize("language", sorted(CATALOG))
def test_counted_texts_have_every_plural_form_of_their_language(language: str) -> None:
    needed = Locale.parse(language).plural_form.tags | {"other"}
    for key, entry in CATALOG[language].items():
        if isinstance(entry, Plural):
            assert set(entry.forms) == needed, key
            assert all("{count}" in form for form in entry.forms.values()), key


def test_a_missing_key_is_an_error_not_an_empty_text() -> None:
    with pytest.raises(KeyError):
        RU.text("no.such.key")
    with pytest.raises(TypeError):
        RU.text("over_streak.title")  # counted: needs its number


@pytest.mark.parametrize(
    ("days", "title"),
    [
        (1, "1 день подряд сверх цели"),
        (2, "2 дня подряд сверх цели"),
        (3, "3 дня подряд сверх цели"),
        (5, "5 дней подряд сверх цели"),
        (11, "11 дней подряд сверх цели"),
        (21, "21 день подряд сверх цели"),
        (22, "22 дня подряд сверх цели"),
        (25, "25 дней подряд сверх цели"),
    ],
)
def test_russian_days_take_their_plural_form(days: int, title: str) -> None:
    message = domain.over_streak_message(RU, days)
    assert message.title == title
    assert message.body.startswith(f"Вы превышаете цель по калориям {title.split(' подряд')[0]}")


def test_english_streak_is_as_before() -> None:
    message = domain.over_streak_message(ENGLISH_METRIC)
    assert message.title == "3 days in a row over target"
    assert message.body == (
        "You have gone over your calorie target 3 days in a row. "
        "A lighter day tomorrow keeps your plan on track."
    )
    assert domain.over_streak_message(ENGLISH_METRIC, 1).title == "1 day in a row over target"


def test_russian_reps_take_their_plural_form() -> None:
    def record(reps: int) -> str:
        return domain.personal_record_message(
            "Жим лёжа", "weight_at_reps", 100.0, None, reps, RU
        ).body

    assert (
        record(1)
        == "Новый рекорд в упражнении «Жим лёжа»: максимальный вес на 1 повторение — 100 кг."
    )
    assert "на 3 повторения — 100 кг" in record(3)
    assert "на 8 повторений — 100 кг" in record(8)


def test_imperial_weights_are_pounds_to_one_decimal() -> None:
    # 1 lb = 0.45359237 kg: 80 kg = 176.37 lb, 79.5 kg = 175.27 lb, 120 kg = 264.55 lb
    goal = domain.weight_goal_message(Decimal("80"), Decimal("79.5"), EN_IMPERIAL)
    assert goal.body == "Your weight is 175.3 lb: you reached your goal of 176.4 lb."
    russian = domain.weight_goal_message(Decimal("80"), Decimal("79.5"), RU_IMPERIAL)
    assert russian.title == "Цель по весу достигнута!"
    assert russian.body == "Ваш вес — 175,3 lb: вы достигли своей цели в 176,4 lb."
    record = domain.personal_record_message(
        "Back Squat", "weight_at_reps", 120.0, 115.0, 5, EN_IMPERIAL
    )
    assert record.body == (
        "New heaviest weight for 5 reps on Back Squat: 264.6 lb (previous best 253.5 lb)."
    )
    volume = domain.personal_record_message("Back Squat", "volume", 5000.0, None, None, EN_IMPERIAL)
    assert volume.body == "New session volume on Back Squat: 11,023.1 lb."


def test_metric_weights_and_kcal_are_unchanged_in_english() -> None:
    goal = domain.weight_goal_message(Decimal("80"), Decimal("79.5"), ENGLISH_METRIC)
    assert goal.body == "Your weight is 79.5 kg: you reached your goal of 80 kg."
    record = domain.personal_record_message(
        "Back Squat", "weight_at_reps", 102.5, None, 3, ENGLISH_METRIC
    )
    assert record.body == "New heaviest weight for 3 reps on Back Squat: 102.5 kg."
    norm = domain.daily_norm_message(Decimal("2450.4"), Decimal("2000"), EN_IMPERIAL)
    assert norm.body == (
        "You have logged 2,450 kcal today, 450 kcal over your target of 2,000 kcal."
    )


def test_russian_numbers_kcal_and_durations() -> None:
    norm = domain.daily_norm_message(Decimal("2450.4"), Decimal("2000"), RU_IMPERIAL)
    assert norm.title == "Дневная норма превышена"
    assert norm.body == (
        f"Сегодня вы записали 2{NBSP}450 ккал: это на 450 ккал больше вашей цели в 2{NBSP}000 ккал."
    )
    workout = domain.workout_message("Ноги", 412.6, 3720, RU)
    assert workout.body == "Вы завершили тренировку «Ноги»: 1 ч 2 мин, сожжено 413 ккал."
    assert domain.workout_message(None, None, 600, RU).body == "Вы завершили тренировку: 10 мин."


def test_reminders_push_test_and_unsubscribe_page_in_russian() -> None:
    assert domain.reminder_message("workout", RU).title == "День тренировки"
    assert domain.reminder_message("meal", RU).title == "Пора записать приём пищи"
    push = domain.push_test_message(RU)
    assert push == {
        "type": "push_test",
        "title": "Тестовое уведомление FitLedger",
        "body": "Push-уведомления на этом устройстве работают.",
        "url": "/settings",
    }
    title, text = domain.unsubscribed_page("daily_norm_exceeded", RU)
    assert title == "Вы отписались" and "«превышение дневной нормы»" in text
    assert domain.unsubscribed_page("*", ENGLISH_METRIC) == (
        "Unsubscribed",
        "You will no longer get any e-mails from FitLedger.",
    )


def test_every_notification_type_has_a_name_for_the_unsubscribe_page() -> None:
    for kind in domain.NotificationType:
        for language in CATALOG:
            assert Reader(language).text(f"type.{kind.value}")


class _Row:
    def __init__(self, language: str, units: str) -> None:
        self.language, self.units = language, units


def test_a_recipient_reads_in_their_language_and_units_unknown_values_as_defaults() -> None:
    assert reader_of(_Row("ru", "imperial")) == RU_IMPERIAL
    assert reader_of(_Row("de", "furlongs")) == ENGLISH_METRIC
    assert reader_of(None) == ENGLISH_METRIC
