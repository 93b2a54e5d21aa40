"""Russian for the common area (see app/i18n/ru/__init__.py)."""

from __future__ import annotations

from app.i18n.catalog import Entry, Plural

MESSAGES: dict[str, Entry] = {
    # Errors in plain words (app/state/messages.py)
    "That e-mail and password don't match an account.": (
        "Нет аккаунта с такой электронной почтой и паролем."
    ),
    "This reset link has expired or was already used. Ask for a new one.": (
        "Срок действия ссылки истёк, или она уже использована. Запросите новую."
    ),
    "Your session has ended. Please sign in again.": "Сеанс завершён. Войдите снова.",
    "FitLedger cannot reach its servers right now. Please try again shortly.": (
        "FitLedger сейчас не может связаться с сервером. Попробуйте чуть позже."
    ),
    "That request came from another site and was refused.": (
        "Запрос пришёл с другого сайта и отклонён."
    ),
    "Enter a valid e-mail address.": "Введите правильный адрес электронной почты.",
    "a moment": "мгновение",
    "{n} seconds": Plural("{n} секунду", "{n} секунды", "{n} секунд"),
    "{n} minutes": Plural("{n} минуту", "{n} минуты", "{n} минут"),
    "Too many attempts. Try again in {wait}.": "Слишком много попыток. Попробуйте через {wait}.",
    "Please check the highlighted fields.": "Проверьте выделенные поля.",
    # Units (app/state/units.py; imperial "lb", "ft", "in", "mi" stay as they are)
    "kg": "кг",
    "km": "км",
    "kcal": "ккал",
    "{n} cm": "{n} см",
    # Layout (components/layout.py)
    "Today": "Сегодня",
    "Diary": "Дневник",
    "Workouts": "Тренировки",
    "Progress": "Прогресс",
    "Profile": "Профиль",
    "Settings": "Настройки",
    "Notifications": "Уведомления",
    "Notifications, {n} unread": "Уведомления, непрочитанных: {n}",
    "Admin": "Администрирование",
    "Main": "Основное меню",
    "Sign out": "Выйти",
    "Sign out everywhere": "Выйти на всех устройствах",
    "FitLedger, today": "FitLedger, сегодня",
    "Skip to content": "Перейти к содержимому",
    "Loading": "Загрузка",
    "You are offline.": "Нет подключения к сети.",
    "Your diary shows the last day you opened, and food you add there is sent when you are "
    "back online.": (
        "В дневнике виден последний открытый день, а добавленная там еда отправится, "
        "когда связь вернётся."
    ),
    "Open the diary": "Открыть дневник",
    # Dialogs and the day navigator
    "Keep it": "Оставить",
    "Previous day": "Предыдущий день",
    "Next day": "Следующий день",
    "Next day: no later day can be planned yet": (
        "Следующий день: более поздние дни пока нельзя планировать"
    ),
    "Pick a date": "Выбрать дату",
    # Charts (components/charts.py)
    "Day": "День",
    "Show the numbers": "Показать числа",
    "{title} chart; the numbers are in the table below": (
        "График «{title}»; числа — в таблице ниже"
    ),
    "Eaten": "Съедено",
    "Burned (workouts)": "Сожжено (тренировки)",
    "Target": "Цель",
    "Protein": "Белки",
    "Fat": "Жиры",
    "Carbohydrate": "Углеводы",
    "Weigh-in": "Взвешивание",
    "Trend": "Тренд",
    "Goal pace": "Темп к цели",
    "Weight ({unit})": "Вес ({unit})",
    "Trend ({unit})": "Тренд ({unit})",
    "Goal pace ({unit})": "Темп к цели ({unit})",
    "Volume": "Объём",
    "sets": "подходы",
    " (best set {best})": " (лучший подход {best})",
    "g": "г",
    "kcal/day": "ккал/день",
    "Calories": "Калории",
    "Carbs": "Углеводы",
    "Weight": "Вес",
    "Height": "Рост",
    "Age": "Возраст",
    "Sex": "Пол",
    "Copy": "Копировать",
    "Edit": "Изменить",
    "Remove": "Убрать",
    "Close": "Закрыть",
    "Back": "Назад",
    "Search": "Поиск",
    "Total": "Итого",
    "Amount": "Количество",
    "e.g. {example}": "напр. {example}",
    "Language": "Язык",
    "Save": "Сохранить",
    "Next": "Далее",
    "Start": "Начать",
    "Saved.": "Сохранено.",
    "now": "сейчас",
    "just now": "только что",
    "yesterday": "вчера",
    "{n} minutes ago": Plural("{n} минуту назад", "{n} минуты назад", "{n} минут назад"),
    "{n} hours ago": Plural("{n} час назад", "{n} часа назад", "{n} часов назад"),
    "{n} days ago": Plural("{n} день назад", "{n} дня назад", "{n} дней назад"),
    "Monday": "Понедельник",
    "Sunday": "Воскресенье",
    "Cancel": "Отмена",
    "Delete": "Удалить",
    "Yesterday": "Вчера",
    "Tomorrow": "Завтра",
    "7 days": "7 дней",
    "30 days": "30 дней",
    "See all": "Все",
    "Loading charts": "Загружаем графики",
    "{start} to {end}": "с {start} по {end}",
    "{n} g": "{n} г",
    "{n} kcal": "{n} ккал",
    "mg": "мг",
}
