"""Every sentence the notifications service writes (feed, push, e-mail), in English and
Russian. ``wording.Reader`` looks texts up here and fills in numbers formatted per language.

A key names what the text is for; placeholders (``{total}``) are the same in every language
(``tests/unit/notifications/test_notifications_catalog.py`` checks keys, placeholders and
plural forms). Counted texts are a ``Plural`` with one form per CLDR plural category of the
language: English ``one``/``other``; Russian ``one`` (1, 21), ``few`` (2-4, 22), ``many``
(5-20, 25) and ``other`` (fractions).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Plural:
    """A counted text, one form per plural category; ``{count}`` is the number."""

    forms: Mapping[str, str]


Text = str | Plural

ENGLISH: dict[str, Text] = {
    # units (numbers are formatted per language before they are put in)
    "unit.kg": "{value} kg",
    "unit.lb": "{value} lb",
    "unit.kcal": "{value} kcal",
    "duration.minutes": "{minutes} min",
    "duration.hours_minutes": "{hours} h {minutes} min",
    "list.separator": ", ",
    # daily norm and the over-target streak
    "daily_norm.title": "Over your daily norm",
    "daily_norm.body": "You have logged {total} today, {over} over your target of {target}.",
    "over_streak.title": Plural(
        {"one": "{count} day in a row over target", "other": "{count} days in a row over target"}
    ),
    "over_streak.body": Plural(
        {
            "one": "You have gone over your calorie target {count} day in a row. "
            "A lighter day tomorrow keeps your plan on track.",
            "other": "You have gone over your calorie target {count} days in a row. "
            "A lighter day tomorrow keeps your plan on track.",
        }
    ),
    # workouts
    "workout.title": "Workout complete, well done!",
    "workout.body": "You finished your workout{detail}.",
    "workout.body_named": "You finished “{name}”{detail}.",
    "workout.detail": ": {parts}",
    "workout.burned": "{kcal} burned",
    "record.title": "New personal record: {exercise}",
    "record.body": "New {what} on {exercise}: {value}{previous}.",
    "record.previous": " (previous best {value})",
    "record.e1rm": "estimated one-rep max (mean of Epley and Brzycki)",
    "record.weight_at_reps": "heaviest weight",
    "record.weight_for_reps": Plural(
        {"one": "heaviest weight for {count} rep", "other": "heaviest weight for {count} reps"}
    ),
    "record.volume": "session volume",
    "record.best": "best",
    # body weight
    "weight_goal.title": "Weight goal reached!",
    "weight_goal.body": "Your weight is {current}: you reached your goal of {goal}.",
    # reminders
    "reminder.meal.title": "Time to log your meal",
    "reminder.meal.body": "Log what you ate to keep your diary and your daily totals up to date.",
    "reminder.workout.title": "Workout day",
    "reminder.workout.body": "Today is one of your training days. Time for your workout?",
    # the test push a user asks for in settings
    "push_test.title": "FitLedger test notification",
    "push_test.body": "Push notifications work on this device.",
    # e-mail: the frame of every mail
    "mail.open_app": "Open FitLedger",
    "mail.unsubscribe": "Unsubscribe from these e-mails",
    "mail.stop_emails": "To stop these e-mails",
    "mail.greeting": "Hello {name},",
    "mail.greeting_anonymous": "Hello there,",
    "welcome.subject": "Welcome to FitLedger",
    "welcome.body": "Welcome to FitLedger! Set up your profile to get your calorie and macro "
    "targets, then log your first meal or workout",
    "password_reset.subject": "Reset your FitLedger password",
    "password_reset.text": "Someone (hopefully you) asked to reset your FitLedger password. "
    "Open this link to choose a new one; it works once and expires in {expires}:",
    "password_reset.html": "Someone (hopefully you) asked to reset your FitLedger password. "
    "The link works once and expires in {expires}.",
    "password_reset.choose": "Choose a new password",
    "password_reset.ignore": "If you did not ask for this, ignore this message; your password "
    "stays as it is.",
    "password_reset.minutes": Plural({"one": "{count} minute", "other": "{count} minutes"}),
    # the page an unsubscribe link opens
    "unsubscribe.title": "Unsubscribe",
    "unsubscribe.done_title": "Unsubscribed",
    "unsubscribe.done_all": "You will no longer get any e-mails from FitLedger.",
    "unsubscribe.done_type": "You will no longer get “{kind}” e-mails from FitLedger.",
    "type.daily_norm_exceeded": "daily norm exceeded",
    "type.workout_completed": "workout completed",
    "type.personal_record": "personal record",
    "type.goal_progress": "goal progress",
    "type.logging_reminder": "logging reminder",
    "type.announcement": "announcement",
}

RUSSIAN: dict[str, Text] = {
    "unit.kg": "{value} кг",
    "unit.lb": "{value} lb",  # as the web app writes it in Russian too
    "unit.kcal": "{value} ккал",
    "duration.minutes": "{minutes} мин",
    "duration.hours_minutes": "{hours} ч {minutes} мин",
    "list.separator": ", ",
    "daily_norm.title": "Дневная норма превышена",
    "daily_norm.body": "Сегодня вы записали {total}: это на {over} больше вашей цели в {target}.",
    "over_streak.title": Plural(
        {
            "one": "{count} день подряд сверх цели",
            "few": "{count} дня подряд сверх цели",
            "many": "{count} дней подряд сверх цели",
            "other": "{count} дня подряд сверх цели",
        }
    ),
    "over_streak.body": Plural(
        {
            "one": "Вы превышаете цель по калориям {count} день подряд. "
            "Завтра день полегче — и план снова на верном пути.",
            "few": "Вы превышаете цель по калориям {count} дня подряд. "
            "Завтра день полегче — и план снова на верном пути.",
            "many": "Вы превышаете цель по калориям {count} дней подряд. "
            "Завтра день полегче — и план снова на верном пути.",
            "other": "Вы превышаете цель по калориям {count} дня подряд. "
            "Завтра день полегче — и план снова на верном пути.",
        }
    ),
    "workout.title": "Тренировка завершена, отличная работа!",
    "workout.body": "Вы завершили тренировку{detail}.",
    "workout.body_named": "Вы завершили тренировку «{name}»{detail}.",
    "workout.detail": ": {parts}",
    "workout.burned": "сожжено {kcal}",
    "record.title": "Новый личный рекорд: {exercise}",
    "record.body": "Новый рекорд в упражнении «{exercise}»: {what} — {value}{previous}.",
    "record.previous": " (прежний рекорд — {value})",
    "record.e1rm": "расчётный разовый максимум (среднее по формулам Эпли и Бжицки)",
    "record.weight_at_reps": "максимальный вес",
    "record.weight_for_reps": Plural(
        {
            "one": "максимальный вес на {count} повторение",
            "few": "максимальный вес на {count} повторения",
            "many": "максимальный вес на {count} повторений",
            "other": "максимальный вес на {count} повторения",
        }
    ),
    "record.volume": "объём за тренировку",
    "record.best": "лучший результат",
    "weight_goal.title": "Цель по весу достигнута!",
    "weight_goal.body": "Ваш вес — {current}: вы достигли своей цели в {goal}.",
    "reminder.meal.title": "Пора записать приём пищи",
    "reminder.meal.body": "Запишите, что вы съели, чтобы дневник и итоги дня были точными.",
    "reminder.workout.title": "День тренировки",
    "reminder.workout.body": "Сегодня у вас тренировочный день. Самое время потренироваться?",
    "push_test.title": "Тестовое уведомление FitLedger",
    "push_test.body": "Push-уведомления на этом устройстве работают.",
    "mail.open_app": "Открыть FitLedger",
    "mail.unsubscribe": "Отписаться от этих писем",
    "mail.stop_emails": "Чтобы больше не получать такие письма",
    "mail.greeting": "Здравствуйте, {name}!",
    "mail.greeting_anonymous": "Здравствуйте!",
    "welcome.subject": "Добро пожаловать в FitLedger",
    "welcome.body": "Добро пожаловать в FitLedger! Заполните профиль, чтобы получить цели "
    "по калориям и БЖУ, а затем запишите первый приём пищи или тренировку",
    "password_reset.subject": "Сброс пароля FitLedger",
    "password_reset.text": "Кто-то (надеемся, что вы) попросил сбросить пароль от FitLedger. "
    "Откройте ссылку, чтобы задать новый; она сработает один раз и действует {expires}:",
    "password_reset.html": "Кто-то (надеемся, что вы) попросил сбросить пароль от FitLedger. "
    "Ссылка сработает один раз и действует {expires}.",
    "password_reset.choose": "Задать новый пароль",
    "password_reset.ignore": "Если вы этого не просили, просто не обращайте внимания на это "
    "письмо: пароль останется прежним.",
    "password_reset.minutes": Plural(
        {
            "one": "{count} минуту",
            "few": "{count} минуты",
            "many": "{count} минут",
            "other": "{count} минуты",
        }
    ),
    "unsubscribe.title": "Отписка",
    "unsubscribe.done_title": "Вы отписались",
    "unsubscribe.done_all": "Вы больше не будете получать письма от FitLedger.",
    "unsubscribe.done_type": "Вы больше не будете получать письма FitLedger из рубрики «{kind}».",
    "type.daily_norm_exceeded": "превышение дневной нормы",
    "type.workout_completed": "завершённые тренировки",
    "type.personal_record": "личные рекорды",
    "type.goal_progress": "прогресс к цели",
    "type.logging_reminder": "напоминания о записях",
    "type.announcement": "объявления",
}

CATALOG: dict[str, dict[str, Text]] = {"en": ENGLISH, "ru": RUSSIAN}
DEFAULT_LANGUAGE = "en"
