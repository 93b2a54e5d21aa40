"""The admin pages' texts in Russian: outcomes, counted things, the profile summary (what the
services say, such as codes and queue names, stays as they say it)."""

from __future__ import annotations

import datetime as dt

from app.api.admin import Announcement, DeadLetter, ProfileSummary
from app.pages.admin.announcements import describe_outcomes
from app.pages.admin.audit import action_words
from app.pages.admin.messaging import letter_rows
from app.pages.admin.user import profile_lines

AT = dt.datetime(2026, 12, 1, 13, 5, tzinfo=dt.UTC)


def test_outcomes_and_actions_are_russian_words():
    sent = Announcement(
        "a1", "Hello", "News", "done", ("in_app", "email"), 2, 2, 2, AT, AT,
        {"email": {"sent": 3, "failed": 1}, "push": {"pending": 2}},
    )  # fmt: skip
    assert describe_outcomes(sent, "ru") == "эл. почта: 1 ошибка, 3 отправлено; пуш: 2 ожидает"
    assert action_words("user.disabled", "ru") == "отключил(а) аккаунт"
    assert action_words("billing.refunded", "ru") == "billing.refunded"  # a new service's


def test_a_dead_letter_counts_its_deliveries_in_three_forms():
    def letter(attempts: int) -> DeadLetter:
        return DeadLetter(
            "q.dlq", "m1", "users.profile.updated", "users", "u1", "2026-12-01", "boom", "",
            attempts, False, "{}",
        )  # fmt: skip

    facts = [letter_rows((letter(n),), "ru")[0].facts.split(" · ")[-1] for n in (1, 3, 5)]
    assert facts == ["1 неудачная доставка", "3 неудачные доставки", "5 неудачных доставок"]
    assert letter_rows((letter(1),), "ru")[0].type == "users.profile.updated"


def test_the_profile_summary_in_russian_keeps_the_services_codes():
    profile = ProfileSummary(
        "female", dt.date(1990, 4, 2), 168.5, 61.5, "lose", "lightly_active",
        "Europe/Moscow", "ru", False,
    )  # fmt: skip
    assert profile_lines(profile, "ru") == [
        "Пол: female",
        "Дата рождения: 1990-04-02",
        "Рост: 168,5 см",
        "Вес: 61,5 кг",
        "Цель: lose",
        "Активность: lightly active",
        "Часовой пояс Europe/Moscow, язык ru",
        "Начальная настройка не завершена",
    ]
