"""Russian for the notifications area (see app/i18n/ru/__init__.py): the feed page and the
bell's latest notifications. The notifications' own titles and bodies are the service's."""

from __future__ import annotations

from app.i18n.catalog import Entry

MESSAGES: dict[str, Entry] = {
    "Mark read": "Прочитано",
    "Mark read: {title}": "Отметить прочитанным: {title}",
    " · unread": " · не прочитано",
    "{n} unread": "Непрочитанных: {n}",
    "All read": "Всё прочитано",
    "Mark all read": "Прочитать все",
    "Loading notifications": "Загрузка уведомлений",
    "No notifications yet. Warnings about your daily norm, workout congratulations and "
    "records will show up here.": (
        "Уведомлений пока нет. Здесь появятся предупреждения о дневной норме, поздравления "
        "с тренировками и рекорды."
    ),
    "Show older": "Показать более ранние",
    "Notifications cannot be loaded right now.": "Сейчас не удаётся загрузить уведомления.",
    "{n} min ago": "{n} мин назад",
    "{n} h ago": "{n} ч назад",
    # page titles (the browser's tab and history)
    "Notifications · FitLedger": "Уведомления · FitLedger",
}
