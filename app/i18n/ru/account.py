"""Russian for the account area (see app/i18n/ru/__init__.py)."""

from __future__ import annotations

from app.i18n.catalog import Entry, Plural

MESSAGES: dict[str, Entry] = {  # Body data and goal (components/body_form.py, app/state/body.py)
    "Sex (the formulas differ)": "Пол (формулы различаются)",
    "Female": "Женский",
    "Male": "Мужской",
    "male": "мужской",
    "female": "женский",
    "Birth date": "Дата рождения",
    "Height (ft in)": "Рост (ft in)",
    "Height (cm)": "Рост (см)",
    "Weight (lb)": "Вес (lb)",
    "Weight (kg)": "Вес (кг)",
    "How active are you on a usual day?": "Насколько вы активны в обычный день?",
    "Sedentary": "Сидячий образ жизни",
    "Lightly active": "Низкая активность",
    "Moderately active": "Средняя активность",
    "Very active": "Высокая активность",
    "Extra active": "Очень высокая активность",
    "Desk job, little walking, no planned exercise.": (
        "Сидячая работа, мало ходьбы, без тренировок."
    ),
    "Light exercise or long walks 1\u20133 days a week.": (
        "Лёгкие тренировки или долгие прогулки 1\u20133 дня в неделю."
    ),
    "Moderate exercise or sport 3\u20135 days a week.": (
        "Умеренные тренировки или спорт 3\u20135 дней в неделю."
    ),
    "Hard exercise 6\u20137 days a week.": "Интенсивные тренировки 6\u20137 дней в неделю.",
    "Physical job plus daily hard training.": (
        "Физическая работа и ежедневные интенсивные тренировки."
    ),
    "Your goal": "Ваша цель",
    "Lose weight": "Похудеть",
    "Keep my weight": "Сохранить вес",
    "Gain weight": "Набрать вес",
    "Eat a little below what you burn.": "Есть немного меньше, чем вы тратите.",
    "Eat about what you burn.": "Есть примерно столько, сколько вы тратите.",
    "Eat a little above what you burn.": "Есть немного больше, чем вы тратите.",
    "How fast?": "Как быстро?",
    "{amount} a week (about {kcal} kcal a day)": "{amount} в неделю (около {kcal} ккал в день)",
    "Choose the sex the formulas should use.": "Выберите пол, который будут учитывать формулы.",
    "Enter your birth date.": "Введите дату рождения.",
    "Your age must be between {low} and {high}.": "Возраст должен быть от {low} до {high} лет.",
    "Enter your height like 5 ft 7 in.": "Введите рост в виде 5 ft 7 in.",
    "Enter a number in cm.": "Введите число в сантиметрах.",
    "Enter between {low} and {high}.": "Введите значение от {low} до {high}.",
    "Enter a number in {unit}.": "Введите число в {unit}.",
    "Enter between {low} and {high} {unit}.": "Введите значение от {low} до {high} {unit}.",
    "Choose how active you are.": "Выберите уровень активности.",
    "Choose a goal.": "Выберите цель.",
    "Choose how fast, up to {top} a week.": "Выберите темп, не больше {top} в неделю.",
    "Back to the formulas' targets.": "Снова действуют цели по формулам.",
    "Your targets are saved.": "Ваши цели сохранены.",
    "Your account is still being set up. Try again in a few seconds.": (
        "Аккаунт ещё создаётся. Попробуйте через несколько секунд."
    ),
    "Fill in your body data and goal to get your targets.": (
        "Укажите свои данные и цель, чтобы получить нормы."
    ),
    # Custom targets (app/state/custom_targets.py, components/targets.py)
    "Enter whole kcal between {low} and {high}, or leave it empty.": (
        "Введите целое число ккал от {low} до {high} или оставьте поле пустым."
    ),
    "Enter between {low} and {high} g per {unit}, or leave it empty.": (
        "Введите от {low} до {high} г на {unit} или оставьте поле пустым."
    ),
    "Enter between {low} and {high} %, or leave it empty.": (
        "Введите от {low} до {high} % или оставьте поле пустым."
    ),
    "Set your own calorie target or macro split": "Задать свою цель по калориям или БЖУ",
    "Leave a box empty to let the formula decide. Your own target replaces the calculated one "
    "everywhere, including the over-target warnings.": (
        "Оставьте поле пустым, чтобы значение рассчитала формула. Ваша цель заменит "
        "расчётную везде, в том числе в предупреждениях о превышении."
    ),
    "Calories per day (kcal)": "Калории в день (ккал)",
    "Protein (g per {unit} of body weight)": "Белки (г на {unit} массы тела)",
    "Fat (% of energy)": "Жиры (% энергии)",
    "Save my targets": "Сохранить мои цели",
    "Use the formula": "Считать по формуле",
    # Units settings (app/state/preferences.py)
    "Saved. Weights and heights in kilograms, centimetres; weeks start on Monday.": (
        "Сохранено. Вес и рост в килограммах и сантиметрах; неделя начинается с понедельника."
    ),
    "Saved. Weights and heights in kilograms, centimetres; weeks start on Sunday.": (
        "Сохранено. Вес и рост в килограммах и сантиметрах; неделя начинается с воскресенья."
    ),
    "Saved. Weights and heights in pounds, feet and inches; weeks start on Monday.": (
        "Сохранено. Вес и рост в фунтах, футах и дюймах; неделя начинается с понедельника."
    ),
    "Saved. Weights and heights in pounds, feet and inches; weeks start on Sunday.": (
        "Сохранено. Вес и рост в фунтах, футах и дюймах; неделя начинается с воскресенья."
    ),
    # Targets explained (app/state/targets.py, components/targets.py)
    "Basal metabolic rate (BMR)": "Базовый обмен веществ (BMR)",
    "Formula:": "Формула:",
    "Your inputs:": "Ваши данные:",
    "Source:": "Источник:",
    "For comparison:": "Для сравнения:",
    "Daily energy use (TDEE)": "Суточный расход энергии (TDEE)",
    "BMR \u00d7 {factor} for “{activity}”": "BMR \u00d7 {factor} для уровня «{activity}»",
    "Goal adjustment": "Поправка на цель",
    "Your daily calorie target": "Ваша дневная норма калорий",
    "the rest of the energy": "остальная энергия",
    "Working out your targets…": "Рассчитываем ваши нормы…",
    "No targets yet.": "Норм пока нет.",
    "Body fat": "Процент жира",
    "Lean body mass": "Безжировая масса",
    "{n} years": "{n} лет",
    "{n} {unit}/week": "{n} {unit}/нед.",
    "{n} g per {unit} of body weight": "{n} г на {unit} массы тела",
    "{n} % of energy": "{n} % энергии",
    "Protein {protein} % · fat {fat} % · carbohydrate {carbs} % of energy": (
        "Белки {protein} % · жиры {fat} % · углеводы {carbs} % энергии"
    ),
    "{name} would give {kcal} kcal": "{name} дала бы {kcal} ккал",
    "Your goal would need {need} kcal a day, below the safe minimum of {floor} kcal. The target "
    "is held at the minimum: choose a slower rate or ask a clinician.": (
        "Для вашей цели нужно {need} ккал в день, это ниже безопасного минимума {floor} ккал. "
        "Цель остаётся на минимуме: выберите темп медленнее или посоветуйтесь с врачом."
    ),
    # Expenditure (components/expenditure_card.py)
    "What you really burn": "Сколько вы тратите на самом деле",
    "{n} days left out, and why": "Не учтено дней: {n}, и почему",
    "Use {kcal} kcal as my target": "Сделать {kcal} ккал моей целью",
    "Loading your expenditure": "Загружаем ваш расход энергии",
    # Landing (app/pages/landing.py)
    "Calorie counting and workout tracking you can host yourself": (
        "Подсчёт калорий и дневник тренировок на вашем собственном сервере"
    ),
    "A food diary that finds real food": "Дневник питания, который находит настоящую еду",
    "8,700 USDA foods and barcoded products; typos forgiven; portions in grams or cups.": (
        "8 700 продуктов USDA и товары со штрихкодом; опечатки не помеха; порции в граммах "
        "или чашках."
    ),
    "Targets you can check": "Нормы, которые можно проверить",
    "Your BMR and daily calories with the formula and numbers behind them.": (
        "Ваш базовый обмен и дневная норма калорий с формулой и числами."
    ),
    "Workouts that count": "Тренировки, которые считаются",
    "Calories burned from the Compendium of Physical Activities and your own weight.": (
        "Сожжённые калории по Компендиуму физических нагрузок и вашему весу."
    ),
    "Your data, your server": "Ваши данные — на вашем сервере",
    "Self-hosted, exportable, no ads, no tracking.": (
        "Свой сервер, выгрузка данных, без рекламы и слежки."
    ),
    "Your account and all of its data were deleted, and you are signed out.": (
        "Ваш аккаунт и все его данные удалены, вы вышли из системы."
    ),
    # Sign in and register (app/pages/login.py, register.py)
    "Sign in": "Войти",
    "Create an account": "Создать аккаунт",
    "E-mail": "Эл. почта",
    "Password": "Пароль",
    "Forgot your password?": "Забыли пароль?",
    "You are signed out.": "Вы вышли из системы.",
    "Your password was changed. Sign in with the new one.": (
        "Пароль изменён. Войдите с новым паролем."
    ),
    "Please sign in to continue.": "Войдите, чтобы продолжить.",
    "Create your account": "Создайте аккаунт",
    "Free, private, and yours: your data stays on this server.": (
        "Бесплатно, приватно и только ваше: данные остаются на этом сервере."
    ),
    "Your name": "Ваше имя",
    "At least 8 characters; a few unusual words work well.": (
        "Не меньше 8 символов; хорошо подойдут несколько необычных слов."
    ),
    "Create account": "Создать аккаунт",
    "Already have an account?": "Уже есть аккаунт?",
    "We couldn't sign you in with this address. If it already has an account, sign in or "
    "reset your password; we have sent a note to its owner.": (
        "Не получилось войти с этим адресом. Если у него уже есть аккаунт, войдите или "
        "сбросьте пароль; мы отправили владельцу письмо."
    ),
    # Password reset (app/pages/password_reset.py)
    "Enter your e-mail and we'll send you a link to choose a new one.": (
        "Введите адрес электронной почты, и мы пришлём ссылку для выбора нового пароля."
    ),
    "If an account uses this address, we have sent it a link to choose a new password. The "
    "link works for 30 minutes.": (
        "Если с этим адресом есть аккаунт, мы отправили на него ссылку для выбора нового "
        "пароля. Ссылка действует 30 минут."
    ),
    "Send the link": "Отправить ссылку",
    "Back to sign in": "Вернуться ко входу",
    "Choose a new password": "Выберите новый пароль",
    "New password": "Новый пароль",
    "The same password again": "Повторите пароль",
    "Save the new password": "Сохранить новый пароль",
    "Saving it signs you out on every other device.": (
        "После сохранения вы выйдете на всех остальных устройствах."
    ),
    "This link is incomplete. Open the link from the e-mail again, or ask for a new one.": (
        "Ссылка неполная. Откройте ссылку из письма ещё раз или запросите новую."
    ),
    "Ask for a new link": "Запросить новую ссылку",
    "The two passwords are not the same.": "Пароли не совпадают.",
    # Onboarding (app/pages/onboarding.py)
    "Set up your targets": "Настройка целей",
    "Your body": "О вас",
    "Your targets": "Ваши нормы",
    "Steps": "Шаги",
    "The formulas need these to estimate how much energy you use. Metric units.": (
        "Эти данные нужны формулам, чтобы оценить ваш расход энергии. Метрические единицы."
    ),
    "See my targets": "Показать мои нормы",
    "Here is how FitLedger worked out your daily targets. You can change them at any time.": (
        "Вот как FitLedger рассчитал ваши дневные нормы. Их можно изменить в любой момент."
    ),
    "Change activity or goal": "Изменить активность или цель",
    "Recalculate": "Пересчитать",
    "Loading your profile": "Загружаем ваш профиль",
    # Profile (app/pages/profile.py)
    "Account": "Аккаунт",
    "“Sign out everywhere” ends your sessions on every device.": (
        "«Выйти на всех устройствах» завершает ваши сеансы на каждом устройстве."
    ),
    "Settings: notifications, time zone, password, devices, your data": (
        "Настройки: уведомления, часовой пояс, пароль, устройства, ваши данные"
    ),
    "Today's weight": "Вес сегодня",
    "Log weight": "Записать вес",
    "One weigh-in a day; a second one the same day replaces the first.": (
        "Одно взвешивание в день; повторное в тот же день заменяет первое."
    ),
    "Enter your weight in {unit}.": "Введите вес в {unit}.",
    "Logged {weight} for {day} (trend {trend}).": "Записано {weight} за {day} (тренд {trend}).",
    "Body and goal": "Тело и цель",
    "Saved. Your targets are updated.": "Сохранено. Ваши нормы обновлены.",
    # Settings (app/pages/settings*.py, app/state/settings*.py, app/state/push_device.py)
    "Your profile is still being set up. Reload in a moment.": (
        "Профиль ещё создаётся. Обновите страницу через минуту."
    ),
    "Loading your settings": "Загружаем настройки",
    "Your account was not deleted: {reason}": "Аккаунт не удалён: {reason}",
    "Choose where each kind of notification reaches you. Changes save at once.": (
        "Выберите, куда приходит каждый вид уведомлений. Изменения сохраняются сразу."
    ),
    "Notification": "Уведомление",
    "In app": "В приложении",
    "Push": "Пуш",
    "Over the day's calories": "Превышение калорий за день",
    "Workout finished": "Тренировка завершена",
    "New personal record": "Новый личный рекорд",
    "Goal progress": "Прогресс к цели",
    "Reminders to log": "Напоминания о записи",
    "Announcements": "Объявления",
    "You unsubscribed from all FitLedger e-mails with the link in an e-mail.": (
        "Вы отписались от всех писем FitLedger по ссылке из письма."
    ),
    "You unsubscribed from these e-mails with the link in an e-mail: {names}.": (
        "Вы отписались от этих писем по ссылке из письма: {names}."
    ),
    "While that lasts, the e-mail switches above have no effect. FitLedger cannot undo an "
    "unsubscribe from here yet; ask your server's admin.": (
        "Пока отписка действует, переключатели писем выше ни на что не влияют. Отменить "
        "отписку отсюда пока нельзя; обратитесь к администратору сервера."
    ),
    "You have not unsubscribed from any e-mails.": "Вы не отписывались от писем.",
    "Quiet hours": "Тихие часы",
    "No e-mail or push during these hours (in-app stays)": (
        "В эти часы без писем и push (в приложении уведомления остаются)"
    ),
    "From": "С",
    "Until": "До",
    "Save quiet hours": "Сохранить тихие часы",
    "Enter a start and an end time, like 22:00 and 07:00.": (
        "Введите начало и конец, например 22:00 и 07:00."
    ),
    "The start and end must differ.": "Начало и конец должны различаться.",
    "Saved. No e-mail or push from {start} to {end}.": (
        "Сохранено. С {start} до {end} без писем и push."
    ),
    "Saved. Quiet hours are off.": "Сохранено. Тихие часы выключены.",
    "Reminders": "Напоминания",
    "Meal reminder times": "Время напоминаний о еде",
    "Your local times, separated by commas, e.g. 08:00, 13:00, 19:00. Empty = no meal reminders.": (
        "Местное время через запятую, например 08:00, 13:00, 19:00. Пусто — без напоминаний о еде."
    ),
    "“{part}” is not a time. Write times like 08:00, 13:30.": (
        "«{part}» — не время. Пишите время так: 08:00, 13:30."
    ),
    "At most {n} reminder times.": "Не больше {n} напоминаний.",
    "Workout reminder days": "Дни напоминаний о тренировке",
    "Remind me on {day}": "Напоминать: {day}",
    "Workout reminder time": "Время напоминания о тренировке",
    "Write the time like 18:00.": "Пишите время так: 18:00.",
    "Choose the time of the workout reminder.": "Выберите время напоминания о тренировке.",
    "Save reminders": "Сохранить напоминания",
    "Time zone and language": "Часовой пояс и язык",
    "Time zone": "Часовой пояс",
    "Type to search, e.g. Berlin or New_York. Your diary days follow it.": (
        "Начните вводить, например Moscow или Berlin. По нему считаются дни дневника."
    ),
    "Save time zone": "Сохранить часовой пояс",
    "Choose a time zone from the list, like Europe/Berlin.": (
        "Выберите часовой пояс из списка, например Europe/Moscow."
    ),
    "Saved. Your days now start at midnight in {zone}.": (
        "Сохранено. Теперь ваши дни начинаются в полночь по поясу {zone}."
    ),
    "Security": "Безопасность",
    "Change password": "Сменить пароль",
    "Current password": "Текущий пароль",
    "At least 8 characters. Changing it signs out your other devices.": (
        "Не меньше 8 символов. После смены вы выйдете на других устройствах."
    ),
    "Enter your password.": "Введите пароль.",
    "Use at least {n} characters.": "Используйте не меньше {n} символов.",
    "Password changed. Your other devices were signed out; this one stays signed in.": (
        "Пароль изменён. На других устройствах выполнен выход; на этом вы остаётесь в системе."
    ),
    "Where you are signed in": "Где выполнен вход",
    "Loading your sessions…": "Загружаем сеансы…",
    "No sessions found.": "Сеансов не найдено.",
    "This device": "Это устройство",
    "Last seen {when} · signed in {since}": "Активность: {when} · вход: {since}",
    "Sign out {device}": "Выйти: {device}",
    "Signed out {device}.": "Выполнен выход: {device}.",
    "Signed out that device.": "На том устройстве выполнен выход.",
    "Ends every session, this one too.": "Завершает все сеансы, включая этот.",
    "Unknown device": "Неизвестное устройство",
    "A program ({name})": "Программа ({name})",
    "{browser} on {system}": "{browser} на {system}",
    "A browser on {system}": "Браузер на {system}",
    "Push on this device": "Push на этом устройстве",
    "Checking this browser…": "Проверяем браузер…",
    "Push is on for this device.": "Push-уведомления на этом устройстве включены.",
    "Push is off for this device.": "Push-уведомления на этом устройстве выключены.",
    "This browser cannot receive push notifications. On an iPhone, add FitLedger to the home "
    "screen first; otherwise try a current Chrome, Edge or Firefox.": (
        "Этот браузер не получает push-уведомления. На iPhone сначала добавьте FitLedger на "
        "экран «Домой»; в остальных случаях попробуйте свежий Chrome, Edge или Firefox."
    ),
    "Notifications are blocked for this site in your browser. Allow them in the browser's site "
    "settings (the icon left of the address), then turn push on again.": (
        "Уведомления для этого сайта заблокированы в браузере. Разрешите их в настройках "
        "сайта (значок слева от адреса) и снова включите push."
    ),
    "You did not allow notifications. Click “Turn on” again when you want them.": (
        "Вы не разрешили уведомления. Когда они понадобятся, снова нажмите «Включить»."
    ),
    "The browser could not turn push on: {message}": "Браузер не смог включить push: {message}",
    "The browser gave no subscription.": "Браузер не выдал подписку.",
    "Push is on. Choose which notifications use it in the table above.": (
        "Push включены. Выберите в таблице выше, какие уведомления их используют."
    ),
    "Turn push on for this device first.": "Сначала включите push на этом устройстве.",
    "Sent. The test notification should appear in a few seconds.": (
        "Отправлено. Тестовое уведомление появится через несколько секунд."
    ),
    "Turn on": "Включить",
    "Turn off": "Выключить",
    "Send a test notification": "Отправить тестовое уведомление",
    "Your browser asks for permission when you turn push on. Each device (phone, laptop) is "
    "turned on separately.": (
        "При включении push браузер попросит разрешение. Каждое устройство (телефон, "
        "ноутбук) включается отдельно."
    ),
    "Units and week": "Единицы и неделя",
    "Units": "Единицы",
    "Metric (kg, cm)": "кг, см",
    "Imperial (lb, ft in)": "lb, ft, in",
    "Weeks start on": "Неделя начинается с",
    "Everything is stored in kilograms and centimetres; this only changes what you see and "
    "type. Calories stay in kcal.": (
        "Всё хранится в килограммах и сантиметрах; меняется только то, что вы видите и "
        "вводите. Калории остаются в ккал."
    ),
    "Your data": "Ваши данные",
    "Everything FitLedger holds about you: account, profile, weight log, diary, foods and "
    "recipes, workouts, notification settings and feed. The zip adds a CSV file per kind "
    "(diary, weights, workouts, sets, notifications) for spreadsheets.": (
        "Всё, что FitLedger хранит о вас: аккаунт, профиль, журнал веса, дневник, продукты и "
        "рецепты, тренировки, настройки и ленту уведомлений. В zip-архив добавлен CSV-файл "
        "на каждый вид данных (дневник, вес, тренировки, подходы, уведомления) для таблиц."
    ),
    "Download everything (JSON + CSV, zip)": "Скачать всё (JSON + CSV, zip)",
    "Download as one JSON file": "Скачать одним файлом JSON",
    "Import workouts from Apple Health, Google Fit, Strong or Hevy": (
        "Импорт тренировок из Apple Health, Google Fit, Strong или Hevy"
    ),
    "Import a food diary from MyFitnessPal or Cronometer": (
        "Импорт дневника питания из MyFitnessPal или Cronometer"
    ),
    "Delete account": "Удаление аккаунта",
    "Deleting your account removes all of your data from this server for good.": (
        "Удаление аккаунта навсегда стирает все ваши данные с этого сервера."
    ),
    "Delete my account…": "Удалить мой аккаунт…",
    "Delete your account?": "Удалить аккаунт?",
    "This deletes your account, diary, recipes, workouts, weight log, notifications and "
    "settings on this server, and signs you out everywhere. It cannot be undone. Download your "
    "data first if you want to keep it.": (
        "Будут удалены ваш аккаунт, дневник, рецепты, тренировки, журнал веса, уведомления и "
        "настройки на этом сервере, и вы выйдете на всех устройствах. Отменить это нельзя. "
        "Если хотите сохранить данные, сначала скачайте их."
    ),
    "Your password": "Ваш пароль",
    "Keep my account": "Оставить аккаунт",
    "Delete forever": "Удалить навсегда",
    # page titles (the browser's tab and history)
    "FitLedger · calorie counting and workouts you can host yourself": (
        "FitLedger · подсчёт калорий и тренировки на вашем собственном сервере"
    ),
    "Sign in · FitLedger": "Вход · FitLedger",
    "Get started · FitLedger": "Начало работы · FitLedger",
    "Forgot your password · FitLedger": "Забыли пароль? · FitLedger",
    "Choose a new password · FitLedger": "Новый пароль · FitLedger",
    "Profile · FitLedger": "Профиль · FitLedger",
    "Create your account · FitLedger": "Создание аккаунта · FitLedger",
    "Settings · FitLedger": "Настройки · FitLedger",
    # importing a FitLedger export (settings, your data)
    "Import a FitLedger export": "Импорт выгрузки FitLedger",
    "Bring back an export of this or another FitLedger (the JSON file or the zip): "
    "profile, targets, settings, weight log, diary, foods, recipes, workouts and "
    "programs. Importing the same file twice adds nothing.": (
        "Верните выгрузку этого или другого FitLedger (файл JSON или zip): профиль, цели, "
        "настройки, журнал веса, дневник, продукты, рецепты, тренировки и программы. "
        "Повторный импорт того же файла ничего не добавляет."
    ),
    "Export file": "Файл выгрузки",
    "Import": "Импортировать",
    "Nothing was imported: {reason}": "Ничего не импортировано: {reason}",
    "Profile, targets and weight log": "Профиль, цели и журнал веса",
    "Diary, foods and recipes": "Дневник, продукты и рецепты",
    "Workouts and programs": "Тренировки и программы",
    "settings": "настройки",
    "{kind}: not imported ({reason})": "{kind}: не импортировано ({reason})",
    "{kind}: nothing new": "{kind}: ничего нового",
    "{kind}: {added}": "{kind}: {added}",
    "{n} weigh-ins": Plural("{n} взвешивание", "{n} взвешивания", "{n} взвешиваний"),
    "{n} private foods": Plural("{n} свой продукт", "{n} своих продукта", "{n} своих продуктов"),
    "{n} recipes": Plural("{n} рецепт", "{n} рецепта", "{n} рецептов"),
    "{n} meals": Plural("{n} приём пищи", "{n} приёма пищи", "{n} приёмов пищи"),
    "{n} diary items": Plural("{n} запись дневника", "{n} записи дневника", "{n} записей дневника"),
    "{n} drinks of water": Plural("{n} порция воды", "{n} порции воды", "{n} порций воды"),
    "{n} fasts": Plural("{n} голодание", "{n} голодания", "{n} голоданий"),
    "{n} custom exercises": Plural(
        "{n} своё упражнение", "{n} своих упражнения", "{n} своих упражнений"
    ),
    "{n} programs": Plural("{n} программа", "{n} программы", "{n} программ"),
    "{n} workouts": Plural("{n} тренировка", "{n} тренировки", "{n} тренировок"),
}
