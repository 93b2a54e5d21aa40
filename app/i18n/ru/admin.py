"""Russian for the admin area (see app/i18n/ru/__init__.py). What the services say (error
reasons, event types, payloads, queue and service names, stored codes) stays as they say it."""

from __future__ import annotations

from app.i18n.catalog import Entry, Plural

MESSAGES: dict[str, Entry] = {
    # The frame and the overview (app/pages/admin/sections.py, shell.py, state.py)
    "Overview": "Обзор",
    "Admin sections": "Разделы администрирования",
    "This area is for administrators. Your account cannot open it.": (
        "Этот раздел — для администраторов. Вашей учётной записи он недоступен."
    ),
    "Error 403: forbidden.": "Ошибка 403: доступ запрещён.",
    "Back to today": "Вернуться к «Сегодня»",
    "403 · Administrators only": "403 · Только для администраторов",
    "Users": "Пользователи",
    "Find an account, see its sessions, disable it, change its role.": (
        "Найти аккаунт, посмотреть его сеансы, отключить его, сменить роль."
    ),
    "Write to every user, see how far it went out and what became of it.": (
        "Написать всем пользователям, увидеть, сколько получили и чем закончилась рассылка."
    ),
    "Audit log": "Журнал действий",
    "Every administrator's action: who did what, to whom, when.": (
        "Все действия администраторов: кто, что, с кем и когда сделал."
    ),
    "Food database": "База продуктов",
    "What was imported, foods with quality flags, foods users reported.": (
        "Что импортировано, продукты с пометками о качестве, жалобы пользователей на продукты."
    ),
    "System health": "Состояние системы",
    "Each service's instances and whether they are ready; traffic, errors, queues.": (
        "Экземпляры каждого сервиса и их готовность; трафик, ошибки, очереди."
    ),
    "Messaging": "Сообщения",
    "Dead-letter queues: why messages failed; replay or discard them.": (
        "Очереди недоставленных сообщений: почему они не обработаны; повторить или удалить."
    ),
    "Loading…": "Загрузка…",
    "{first} to {last} of {total}": "{first}\u2013{last} из {total}",
    "Previous": "Назад",
    "Newer": "Новее",
    "Older": "Старше",
    # Users (app/pages/admin/users.py, user.py)
    "No accounts match.": "Подходящих аккаунтов нет.",
    "No accounts yet.": "Аккаунтов пока нет.",
    "admin": "администратор",
    "disabled": "отключён",
    "active": "активен",
    "(no name)": "(без имени)",
    "Display name": "Имя",
    "since {date}": "с {date}",
    "Search by e-mail or name": "Поиск по e-mail или имени",
    "e.g. anna@ or Anna": "например, anna@ или Анна",
    "User": "Пользователь",
    "No profile yet.": "Профиля пока нет.",
    "Born": "Дата рождения",
    "Goal": "Цель",
    "Activity": "Активность",
    "cm": "см",
    "Time zone {zone}, language {code}": "Часовой пояс {zone}, язык {code}",
    "Onboarding complete": "Начальная настройка пройдена",
    "Onboarding not finished": "Начальная настройка не завершена",
    "unknown device": "неизвестное устройство",
    "Account disabled; its sessions have ended.": "Аккаунт отключён; его сеансы завершены.",
    "Account enabled.": "Аккаунт включён.",
    "Role changed to {role}; the user signs in again.": (
        "Роль изменена на {role}; пользователь войдёт заново."
    ),
    "Session ended.": "Сеанс завершён.",
    "Signed out on every device.": "Выход выполнен на всех устройствах.",
    "Since": "С",
    "Role": "Роль",
    "Status": "Статус",
    "This is your own account: another administrator changes its role or status.": (
        "Это ваш собственный аккаунт: его роль или статус меняет другой администратор."
    ),
    "Enable account": "Включить аккаунт",
    "Disable account": "Отключить аккаунт",
    "Disable this account?": "Отключить этот аккаунт?",
    "They are signed out on every device at once and cannot sign in until an administrator "
    "enables the account again.": (
        "Пользователь сразу выйдет на всех устройствах и не сможет войти, пока администратор "
        "снова не включит аккаунт."
    ),
    "Disable": "Отключить",
    "Change role": "Сменить роль",
    "Change this account's role?": "Сменить роль этого аккаунта?",
    "As an administrator they can disable accounts, read the audit log and send "
    "announcements. They sign in again.": (
        "Как администратор пользователь сможет отключать аккаунты, читать журнал действий "
        "и отправлять объявления. Ему нужно будет войти заново."
    ),
    "They lose the admin area at once and sign in again.": (
        "Пользователь сразу потеряет доступ к администрированию и войдёт заново."
    ),
    "signed in {when}": "вход {when}",
    "last used {when}": "последняя активность {when}",
    "End session": "Завершить сеанс",
    "End session: {device}": "Завершить сеанс: {device}",
    "Sessions": "Сеансы",
    "End all sessions": "Завершить все сеансы",
    "Not signed in anywhere.": "Нигде не выполнен вход.",
    # Audit log (app/pages/admin/audit.py)
    "disabled the account of": "отключил(а) аккаунт",
    "enabled the account of": "включил(а) аккаунт",
    "changed the role of": "сменил(а) роль",
    "ended a session": "завершил(а) сеанс",
    "ended every session of": "завершил(а) все сеансы",
    "sent the announcement": "отправил(а) объявление",
    "No administrator actions yet.": "Действий администраторов пока нет.",
    # Announcements (app/pages/admin/announcements.py)
    "feed": "лента",
    "email": "эл. почта",
    "push": "пуш",
    "sent": "отправлено",
    "failed": "ошибка",
    "pending": "ожидает",
    "skipped": "пропущено",
    "sending": "отправляется",
    "in the feed only": "только в ленте",
    "{recipients} of {n} users": "{recipients} из {n}",
    "Preview the audience before sending.": "Перед отправкой проверьте аудиторию.",
    "It would reach {n} users now.": Plural(
        "Сейчас его получит {n} пользователь.",
        "Сейчас его получат {n} пользователя.",
        "Сейчас его получат {n} пользователей.",
    ),
    "“{title}” is going out to {n} users in batches.": Plural(
        "«{title}» рассылается партиями: {n} пользователь.",
        "«{title}» рассылается партиями: {n} пользователя.",
        "«{title}» рассылается партиями: {n} пользователей.",
    ),
    "New announcement": "Новое объявление",
    "Title": "Заголовок",
    "Text": "Текст",
    "Channels": "Каналы",
    "In-app feed (always)": "Лента в приложении (всегда)",
    "Push on subscribed devices": "Пуш на подписанные устройства",
    "Users get it on the chosen channels they have on for announcements (Settings → "
    "Notifications).": (
        "Пользователи получат его по выбранным каналам, которые у них включены для объявлений "
        "(Настройки → Уведомления)."
    ),
    "Preview audience": "Проверить аудиторию",
    "Send announcement": "Отправить объявление",
    "Sent: {title}": "Отправлено: {title}",
    "reached {count}": "доставлено {count}",
    "Deliveries: {outcomes}": "Доставки: {outcomes}",
    "Sent": "Отправленные",
    "No announcements yet.": "Объявлений пока нет.",
    # Food database (app/pages/admin/foods.py)
    "Resolve: corrected": "Закрыть: исправлено",
    "Resolve: values are right": "Закрыть: значения верны",
    "rejected": "отклонено",
    "flagged": "с пометками",
    "kept corrected: {n}": "оставлено исправленных: {n}",
    "Created by users (not imported).": "Созданы пользователями (не импортированы).",
    "No import run recorded.": "Запусков импорта не записано.",
    "{status} {when} from {file}: {new} new, {updated} updated, {rejected} rejected": (
        "{status} {when} из {file}: новых {new}, обновлено {updated}, отклонено {rejected}"
    ),
    "{foods} foods · {flagged} flagged · {hidden} hidden": (
        "продуктов: {foods} · с пометками: {flagged} · скрыто: {hidden}"
    ),
    "{kcal} kcal/100 g": "{kcal} ккал/100 г",
    "energy unknown": "энергия неизвестна",
    "No foods with quality flags.": "Продуктов с пометками о качестве нет.",
    "No open reports from users.": "Открытых жалоб пользователей нет.",
    "{n} reported foods": Plural(
        "{n} продукт с жалобами", "{n} продукта с жалобами", "{n} продуктов с жалобами"
    ),
    " (the {n} most reported shown)": " (показаны {n} с наибольшим числом жалоб)",
    "“{name}” is hidden from search.": "«{name}» скрыт из поиска.",
    "“{name}” is back in search.": "«{name}» снова в поиске.",
    "{n} reports on “{name}” resolved.": Plural(
        "{n} жалоба на «{name}» закрыта.",
        "{n} жалобы на «{name}» закрыты.",
        "{n} жалоб на «{name}» закрыто.",
    ),
    "Report: {report}": "Отчёт: {report}",
    "hidden": "скрыт",
    "Hidden: {reason}": "Скрыт: {reason}",
    "Why it is flagged": "Почему есть пометка",
    "Show in search": "Показывать в поиске",
    "Show in search: {name}": "Показывать в поиске: «{name}»",
    "Hide from search": "Скрыть из поиска",
    "Hide from search: {name}": "Скрыть из поиска: «{name}»",
    "What users reported": "На что жалуются пользователи",
    "Imports": "Импорт",
    "Nothing has been imported yet.": "Пока ничего не импортировано.",
    "Flagged foods": "Продукты с пометками",
    "Reported by users": "Жалобы пользователей",
    # System health (app/pages/admin/health.py)
    "Request rate": "Частота запросов",
    "Requests per second, by service.": "Запросов в секунду, по сервисам.",
    "5xx share": "Доля 5xx",
    "Share of requests answered with a server error, by service.": (
        "Доля запросов, завершившихся ошибкой сервера, по сервисам."
    ),
    "p95 latency": "Задержка p95",
    "95th percentile response time in seconds, by service.": (
        "95-й процентиль времени ответа в секундах, по сервисам."
    ),
    "Outbox backlog": "Очередь outbox",
    "Events not yet published, by service schema.": (
        "Ещё не опубликованные события, по схемам сервисов."
    ),
    "Consumer lag": "Отставание потребителей",
    "Messages waiting in each consumer queue.": "Сообщения, ждущие в очереди каждого потребителя.",
    "Notifications sent per second, by channel.": "Уведомлений в секунду, по каналам.",
    "Series": "Ряд",
    "Latest": "Последнее",
    "Lowest": "Минимум",
    "Highest": "Максимум",
    "not ready": "не готов",
    "ready": "готов",
    "No services answered.": "Ни один сервис не ответил.",
    "{bad} of {total} instances not ready.": "Не готовы {bad} из {total} экземпляров.",
    "All {total} instances ready.": "Все экземпляры готовы: {total}.",
    "{graph}, last {n} minutes": "{graph}, последние {n} минут",
    "No data in the last hour.": "За последний час данных нет.",
    "Services": "Сервисы",
    "Refresh": "Обновить",
    "Last {n} minutes": "Последние {n} минут",
    "The graphs are unavailable: {reason}": "Графики недоступны: {reason}",
    "Loading the graphs…": "Загрузка графиков…",
    "Graphs": "Графики",
    # Messaging (app/pages/admin/messaging.py)
    " · not declared yet": " · ещё не объявлена",
    "id {id}": "идентификатор {id}",
    "from {producer}": "от {producer}",
    "user {user}": "пользователь {user}",
    "occurred {when}": "произошло {when}",
    "{n} failed deliveries": Plural(
        "{n} неудачная доставка", "{n} неудачные доставки", "{n} неудачных доставок"
    ),
    "replayed before": "уже повторялось",
    "unknown event": "неизвестное событие",
    "No dead-letter queues.": "Очередей недоставленных сообщений нет.",
    "{queues}, {letters} in all.": "{queues}, всего {letters}.",
    "{n} queues": Plural("{n} очередь", "{n} очереди", "{n} очередей"),
    "{n} dead letters": Plural(
        "{n} недоставленное сообщение",
        "{n} недоставленных сообщения",
        "{n} недоставленных сообщений",
    ),
    "Choose a queue to see its messages.": "Выберите очередь, чтобы увидеть её сообщения.",
    "This queue is empty.": "Эта очередь пуста.",
    "{n} messages": Plural("{n} сообщение", "{n} сообщения", "{n} сообщений"),
    " (the oldest shown)": " (показаны самые старые)",
    "The message was sent back to its queue.": "Сообщение возвращено в свою очередь.",
    "The message was discarded.": "Сообщение удалено.",
    "Every message was sent back to its queue.": "Все сообщения возвращены в свою очередь.",
    "Every message in the queue was discarded.": "Все сообщения очереди удалены.",
    "Last failure: {error}": "Последняя ошибка: {error}",
    "First failure: {error}": "Первая ошибка: {error}",
    "Payload": "Содержимое",
    "Replay": "Повторить",
    "Replay {type} {id}": "Повторить {type} {id}",
    "Discard {type} {id}": "Удалить {type} {id}",
    "Discard this message?": "Удалить это сообщение?",
    "It is dropped for good; its event is not applied.": (
        "Оно будет удалено навсегда; его событие не будет применено."
    ),
    "Dead-letter queues": "Очереди недоставленных",
    "Messages": "Сообщения",
    "Replay all": "Повторить все",
    "Discard all": "Удалить все",
    "Discard every message in {queue}?": "Удалить все сообщения в {queue}?",
    "They are dropped for good; their events are not applied.": (
        "Они будут удалены навсегда; их события не будут применены."
    ),
    # correcting a food's values
    "Energy (kcal)": "Энергия (ккал)",
    "Protein (g)": "Белки (г)",
    "Fat (g)": "Жиры (г)",
    "Carbohydrate (g)": "Углеводы (г)",
    "A food needs a name.": "У продукта должно быть название.",
    "Enter a number, 0 or more.": "Введите число не меньше 0.",
    "Correct values": "Исправить значения",
    "Correct values: {name}": "Исправить значения: «{name}»",
    "Correct “{name}”": "Исправить «{name}»",
    "Values per 100 g. A number box left empty keeps the food's value.": (
        "Значения на 100 г. Пустое числовое поле оставляет значение продукта."
    ),
    "Save values": "Сохранить значения",
    "“{name}” corrected.": "«{name}» исправлен.",
    # page titles (the browser's tab and history)
    "Announcements · Admin · FitLedger": "Объявления · Администрирование · FitLedger",
    "Audit log · Admin · FitLedger": "Журнал действий · Администрирование · FitLedger",
    "Food database · Admin · FitLedger": "База продуктов · Администрирование · FitLedger",
    "System health · Admin · FitLedger": "Состояние системы · Администрирование · FitLedger",
    "Messaging · Admin · FitLedger": "Сообщения · Администрирование · FitLedger",
    "Admin · FitLedger": "Администрирование · FitLedger",
    "User · Admin · FitLedger": "Пользователь · Администрирование · FitLedger",
    "Users · Admin · FitLedger": "Пользователи · Администрирование · FitLedger",
}
