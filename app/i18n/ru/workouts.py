"""Russian for the workouts area (see app/i18n/ru/__init__.py): the tracker, history,
progress, programs and health imports."""

from __future__ import annotations

from app.i18n.catalog import Entry, Plural

MESSAGES: dict[str, Entry] = {
    "min": "мин",  # kg, km, kcal: app/i18n/ru/common.py
    # The tracker (app/pages/workout.py, components/set_row.py, app/state/tracker.py)
    "Workout": "Тренировка",
    "Rest": "Отдых",
    "Next set!": "Следующий подход!",
    "{seconds} seconds of rest left": "До конца отдыха, секунд: {seconds}",
    "Skip": "Пропустить",
    "Delete workout": "Удалить тренировку",
    "Discard workout": "Удалить тренировку",
    "Delete this workout?": "Удалить эту тренировку?",
    "Discard this workout?": "Удалить эту тренировку?",
    "Its sets and calories are deleted; this cannot be undone.": (
        "Её подходы и калории будут удалены; это нельзя отменить."
    ),
    "Discard": "Удалить",
    "Move {name} up": "Переместить «{name}» выше",
    "Move {name} down": "Переместить «{name}» ниже",
    "Target {target}": "Цель: {target}",
    "Reps": "Повторы",
    "Done": "\u2713",  # the column of ticks: "Готово" does not fit above a 48 px tick
    "Minutes": "Минуты",
    "Add set": "Добавить подход",
    "Add a set to {name}": "Добавить подход: {name}",
    "Started": "Начата",
    "Add exercise": "Добавить упражнение",
    "Body weight today ({unit}, optional)": "Вес тела сегодня ({unit}, необязательно)",
    "Your logged weight is used": "Берётся ваш записанный вес",
    "Finish workout": "Завершить тренировку",
    "Duration": "Длительность",
    "Calories burned": "Сожжено калорий",
    "Body weight used": "Учтённый вес тела",
    "How": "Как посчитано",
    "New personal records": "Новые личные рекорды",
    "Calories by activity (Compendium 2011)": "Калории по видам нагрузки (Compendium 2011)",
    "Sets": "Подходы",
    "All workouts": "Все тренировки",
    "There is no such workout.": "Такой тренировки нет.",
    "Tick at least one set before finishing.": ("Перед завершением отметьте хотя бы один подход."),
    "{kcal} above resting": "{kcal} сверх покоя",
    "No body weight known: log your weight to see calories": (
        "Вес тела неизвестен: запишите свой вес, чтобы увидеть калории"
    ),
    "Warm-up": "Разминочный",
    "Working": "Рабочий",
    "Drop": "Дроп-сет",
    "Failure": "До отказа",
    "Set {n} weight in {unit}": "Подход {n}: вес, {unit}",
    "Set {n} reps": "Подход {n}: повторения",
    "reps": "повт.",
    "Set {n} RPE (1 to 10, optional)": "Подход {n}: RPE (от 1 до 10, необязательно)",
    "Set {n} time in minutes": "Подход {n}: время в минутах",
    "Set {n} distance in {unit} (optional)": "Подход {n}: расстояние, {unit} (необязательно)",
    "Set {n} done, tap to undo": "Подход {n} выполнен, нажмите, чтобы отменить",
    "Mark set {n} done": "Отметить подход {n} выполненным",
    "Set {n} type": "Подход {n}: тип",
    "Last time {set}": "В прошлый раз {set}",
    "Remove set {n}": "Удалить подход {n}",
    # Set rows typed wrong (app/state/workout_logic.py)
    "Weight: a number of {unit}, e.g. {example}": "Вес: число в {unit}, например {example}",
    "Weight: 0 to {top} {unit}": "Вес: от 0 до {top} {unit}",
    "Enter the reps": "Введите число повторений",
    "Reps: a whole number": "Повторения: целое число",
    "RPE: 1 to 10": "RPE: от 1 до 10",
    "Body weight: {low} to {high} {unit}": "Вес тела: от {low} до {high} {unit}",
    "Time: minutes, e.g. 25 or 25:30": "Время: минуты, например 25 или 25:30",
    "Enter the time in minutes": "Введите время в минутах",
    "Distance: a number of {unit}": "Расстояние: число в {unit}",
    "Distance: 0 to {top}": "Расстояние: от 0 до {top}",
    # Words of the tracker and the summary (app/state/workout_logic.py)
    "first time: the program's starting weight": "первый раз: начальный вес программы",
    "every target rep made last time: weight up": (
        "в прошлый раз выполнены все повторения: вес выше"
    ),
    "a target was missed last time: same weight again": (
        "в прошлый раз цель не выполнена: тот же вес"
    ),
    "three misses in a row at this weight: 10 % lighter": (
        "три неудачи подряд с этим весом: на 10 % легче"
    ),
    "a share of your estimated 1RM": "доля вашего расчётного 1ПМ",
    "entered for this workout": "введён для этой тренировки",
    "your logged weight that day": "ваш записанный вес в этот день",
    "your last logged weight": "ваш последний записанный вес",
    "your next logged weight": "ваш следующий записанный вес",
    "your latest logged weight": "ваш самый свежий записанный вес",
    "no body weight known": "вес тела неизвестен",
    "e1RM {weight}": "1ПМ {weight}",
    "{n} reps": Plural("{n} повторение", "{n} повторения", "{n} повторений"),
    "{target} at {weight}": "{target} по {weight}",
    "{n} sets": Plural("{n} подход", "{n} подхода", "{n} подходов"),
    "{n} exercises": Plural("{n} упражнение", "{n} упражнения", "{n} упражнений"),
    "{n} sessions": Plural("{n} занятие", "{n} занятия", "{n} занятий"),
    "{n} workouts": Plural("{n} тренировка", "{n} тренировки", "{n} тренировок"),
    "{n} s": "{n} с",
    "{hours} h {minutes} min": "{hours} ч {minutes} мин",
    "{minutes} min": "{minutes} мин",
    "Heaviest for {n} reps": Plural(
        "Максимальный вес на {n} повторение",
        "Максимальный вес на {n} повторения",
        "Максимальный вес на {n} повторений",
    ),
    "Estimated 1RM": "Расчётный 1ПМ",
    "Heaviest set": "Самый тяжёлый подход",
    "Most volume": "Наибольший объём",
    "{what}: {value} (was {previous})": "{what}: {value} (было {previous})",
    "{what}: {value} (first time)": "{what}: {value} (впервые)",
    # History (app/pages/workouts.py, app/state/workouts.py, app/state/calendar_logic.py)
    "In progress": "Идёт сейчас",
    "Resume": "Продолжить",
    "Resume {name}": "Продолжить: {name}",
    "Start a workout": "Начать тренировку",
    "Or follow a program": "Или занимайтесь по программе",
    "{n} PR": "Рекордов: {n}",
    "No workout on this day.": "В этот день тренировок не было.",
    "Finished workouts will be listed here.": "Здесь появятся завершённые тренировки.",
    "History": "История",
    "List": "Список",
    "Calendar": "Календарь",
    "Show the history as": "Показать историю как",
    "Programs": "Программы",
    "Previous month": "Предыдущий месяц",
    "Next month": "Следующий месяц",
    "no workout": "нет тренировок",
    "Logged in FitLedger": "Записано в FitLedger",
    # The exercise picker (components/exercise_picker.py) and the catalog's words
    "Add an exercise": "Добавить упражнение",
    "Search the catalog; exercises you did recently are listed first.": (
        "Поиск по каталогу; недавние упражнения показаны первыми."
    ),
    "Search exercises": "Поиск упражнений",
    "Search, e.g. squat or running": "Поиск, например присед или бег",
    "Muscle": "Мышцы",
    "Equipment": "Инвентарь",
    "Category": "Категория",
    "Any": "Любые",
    "Exercises": "Упражнения",
    "No exercise matches. Try fewer words or clear a filter.": (
        "Ничего не найдено. Попробуйте меньше слов или сбросьте фильтр."
    ),
    "Abdominals": "Пресс",
    "Biceps": "Бицепс",
    "Calves": "Икры",
    "Chest": "Грудь",
    "Forearms": "Предплечья",
    "Glutes": "Ягодицы",
    "Hamstrings": "Бицепс бедра",
    "Lats": "Широчайшие",
    "Lower back": "Поясница",
    "Middle back": "Середина спины",
    "Quadriceps": "Квадрицепс",
    "Shoulders": "Плечи",
    "Traps": "Трапеции",
    "Triceps": "Трицепс",
    "Neck": "Шея",
    "Adductors": "Приводящие мышцы",
    "Abductors": "Отводящие мышцы",
    "Barbell": "Штанга",
    "Dumbbell": "Гантели",
    "Cable": "Блок",
    "Machine": "Тренажёр",
    "Kettlebells": "Гири",
    "Body only": "Собственный вес",
    "Bands": "Эспандер",
    "Medicine ball": "Медбол",
    "Exercise ball": "Фитбол",
    "Foam roll": "Массажный ролик",
    "E-Z curl bar": "EZ-гриф",
    "Other": "Другое",
    "Strength": "Силовые",
    "Cardio": "Кардио",
    "Stretching": "Растяжка",
    "Sport": "Спорт",
    # Programs (app/pages/programs.py, program_editor.py, app/state/program_logic.py)
    "Yours": "Ваша",
    "Start the next day": "Начать следующий день",
    "Edit {name}": "Изменить «{name}»",
    "Copy to my programs": "Скопировать в мои программы",
    "Copy to my programs: {name}": "Скопировать в мои программы: «{name}»",
    "New program": "Новая программа",
    "Start a day and the workout opens with its targets; the next time the weights follow "
    "the program's rule.": (
        "Начните день — тренировка откроется с целями; в следующий раз веса подберутся "
        "по правилу программы."
    ),
    "Progression": "Прогрессия",
    "Add weight (linear)": "Прибавлять вес (линейно)",
    "% of your e1RM": "% от вашего 1ПМ",
    "Start ({unit})": "Начало ({unit})",
    "Add ({unit})": "Прибавка ({unit})",
    "Remove day": "Удалить день",
    "Remove day {day}": "Удалить день {day}",
    "Add exercise to day {day}": "Добавить упражнение в день {day}",
    "Description (optional)": "Описание (необязательно)",
    "Days a week": "Дней в неделю",
    "Add weight: start at a weight and add the increase after a session where every target "
    "rep was made (same weight after a miss, 10 % lighter after three misses). % of e1RM: "
    "the target is that share of your estimated 1RM.": (
        "Прибавлять вес: начните с заданного веса и добавляйте прибавку после занятия, "
        "где выполнены все повторения (после неудачи — тот же вес, после трёх неудач — "
        "на 10 % легче). % от 1ПМ: цель — эта доля вашего расчётного 1ПМ."
    ),
    "Add a day": "Добавить день",
    "Save program": "Сохранить программу",
    "Delete this program?": "Удалить эту программу?",
    "The program and its days are deleted; workouts you did from it stay in your history. "
    "This cannot be undone.": (
        "Программа и её дни будут удалены; тренировки по ней останутся в истории. "
        "Это нельзя отменить."
    ),
    "Delete program": "Удалить программу",
    "Edit program": "Изменить программу",
    "There is no such program.": "Такой программы нет.",
    "A built-in program cannot be changed: copy it to your programs to edit it.": (
        "Встроенную программу нельзя изменить: скопируйте её в свои программы."
    ),
    "A program has at most {n} days.": "В программе не больше {n} дней.",
    "Pick the day first.": "Сначала выберите день.",
    "A day holds at most {n} exercises.": "В дне не больше {n} упражнений.",
    "{n} sessions done": Plural(
        "{n} занятие пройдено", "{n} занятия пройдено", "{n} занятий пройдено"
    ),
    "Week {week} · next: day {day} · {done}": "Неделя {week} · далее: день {day} · {done}",
    "{name} (my copy)": "{name} (моя копия)",
    "Day {day}: {exercises}": "День {day}: {exercises}",
    "{n} days a week": Plural("{n} день в неделю", "{n} дня в неделю", "{n} дней в неделю"),
    # A program's training weekdays (app/state/program_logic.py, app/pages/program_editor.py)
    "Mon": "Пн",
    "Tue": "Вт",
    "Wed": "Ср",
    "Thu": "Чт",
    "Fri": "Пт",
    "Sat": "Сб",
    "Sun": "Вс",
    "Tuesday": "Вторник",
    "Wednesday": "Среда",
    "Thursday": "Четверг",
    "Friday": "Пятница",
    "Saturday": "Суббота",
    "Training weekdays": "Дни тренировок",
    "Training weekdays: {plan}": "Дни тренировок: {plan}",
    "None chosen: the sessions are spread over the week (Mon · Wed · Fri for 3 days).": (
        "Ничего не выбрано: занятия распределяются по неделе (Пн · Ср · Пт при 3 днях)."
    ),
    "Training weekdays: choose {n} days, one per session of the week (or none)": Plural(
        "Дни тренировок: выберите {n} день, по одному на занятие недели (или ни одного)",
        "Дни тренировок: выберите {n} дня, по одному на занятие недели (или ни одного)",
        "Дни тренировок: выберите {n} дней, по одному на занятие недели (или ни одного)",
    ),
    "Starting weight": "Начальный вес",
    "Increase": "Прибавка",
    "Share of e1RM (%)": "Доля 1ПМ (%)",
    "{what}: a whole number from {low} to {high}": "{what}: целое число от {low} до {high}",
    "{what}: {low} to {high}": "{what}: от {low} до {high}",
    "Give the program a name": "Дайте программе название",
    "Name: at most 120 characters": "Название: не больше 120 символов",
    "Description: at most 2000 characters": "Описание: не больше 2000 символов",
    "Add at least one day": "Добавьте хотя бы один день",
    "Give every day a name": "Дайте название каждому дню",
    "Day {day}: add an exercise": "День {day}: добавьте упражнение",
    # Progress (app/pages/progress.py, app/state/progress_logic.py)
    "4 weeks": "4 недели",
    "3 months": "3 месяца",
    "1 year": "1 год",
    "All": "Всё время",
    "Period shown": "Период",
    "Exercise": "Упражнение",
    "Estimated 1RM, latest": "Расчётный 1ПМ, последний",
    "How it is estimated: {formula} (w = weight, r = reps of the session's best working set).": (
        "Как считается: {formula} (w — вес, r — повторения лучшего рабочего подхода занятия)."
    ),
    "Best sets": "Лучшие подходы",
    "The sessions with the highest estimated 1RM.": "Занятия с наибольшим расчётным 1ПМ.",
    "By exercise": "По упражнению",
    "Best set": "Лучший подход",
    "e1RM": "1ПМ",
    "Sessions of the exercise, newest first": "Занятия с этим упражнением, сначала новые",
    "No session of this exercise with an estimate in this period.": (
        "За этот период нет занятий с этим упражнением, по которым можно оценить 1ПМ."
    ),
    "Volume per session": "Объём за занятие",
    "Reps \u00d7 {unit} of the working sets (warm-ups do not count).": (
        "Повторения \u00d7 {unit} рабочих подходов (разминочные не считаются)."
    ),
    "No sessions in this period.": "За этот период занятий нет.",
    "Muscle group": "Группа мышц",
    "Sets a week": "Подходов в неделю",
    "Working sets and volume per muscle group in the period": (
        "Рабочие подходы и объём по группам мышц за период"
    ),
    "By muscle group": "По группам мышц",
    "Weekly sets": "Подходы по неделям",
    "Working sets per week, by primary muscle group.": (
        "Рабочие подходы за неделю по основной группе мышц."
    ),
    "No strength sets in this period.": "За этот период силовых подходов нет.",
    "Weekly volume": "Объём по неделям",
    "Reps \u00d7 {unit} per week, by primary muscle group.": (
        "Повторения \u00d7 {unit} за неделю по основной группе мышц."
    ),
    "Body weight": "Вес тела",
    "Weigh-ins and the smoothed trend.": "Взвешивания и сглаженный тренд.",
    "Weigh-ins in the period": "Взвешивания за период",
    "No weigh-ins in this period; log your weight on the Today page.": (
        "За этот период взвешиваний нет; запишите вес на странице «Сегодня»."
    ),
    "Only the latest 500 workouts of this period are counted per muscle group.": (
        "По группам мышц учтены только последние 500 тренировок за период."
    ),
    "Finish a workout with strength sets to see your progress here.": (
        "Завершите тренировку с силовыми подходами, и здесь появится ваш прогресс."
    ),
    "{change} since {day}": "{change} с {day}",
    "W{week} · {day}": "Н{week} · {day}",
    # Health imports (app/pages/health_import.py, app/state/import_logic.py)
    "Import workouts": "Импорт тренировок",
    "Bring your history from a phone. Workouts that two sources recorded (the same run in "
    "Apple Health and Google Fit) become one workout, and you can split them again.": (
        "Перенесите историю с телефона. Тренировки, записанные двумя источниками (одна и та же "
        "пробежка в Apple Health и Google Fit), станут одной тренировкой, и их можно снова "
        "разделить."
    ),
    "Health app → your picture → Export All Health Data, then upload export.zip (or the "
    "export.xml inside it).": (
        "Приложение «Здоровье» → ваше фото → «Экспортировать все медданные», затем загрузите "
        "export.zip (или export.xml из него)."
    ),
    "takeout.google.com → Fit only → upload the Takeout zip.": (
        "takeout.google.com → только Fit → загрузите zip-архив Takeout."
    ),
    "Choose or drop export.zip, export.xml or a Takeout zip": (
        "Выберите или перетащите export.zip, export.xml или zip-архив Takeout"
    ),
    "One file; large exports take a minute.": "Один файл; большой экспорт займёт около минуты.",
    "Import": "Импортировать",
    "Import progress": "Ход импорта",
    "Also from {source}": "Также из {source}",
    "Undo merge": "Разделить",
    "Undo merge: {source}": "Разделить: {source}",
    "Imported workouts": "Импортированные тренировки",
    "Nothing imported yet.": "Пока ничего не импортировано.",
    "Separated: {name} is its own workout again and counts in your totals.": (
        "Разделено: «{name}» снова отдельная тренировка и учитывается в ваших итогах."
    ),
    "Choose one export file.": "Выберите один файл экспорта.",
    "This file is not a health export FitLedger can read. Upload Apple Health's export.zip "
    "(or the export.xml inside it) or a Google Fit Takeout zip.": (
        "FitLedger не может прочитать этот файл как экспорт медданных. Загрузите export.zip "
        "из Apple Health (или export.xml из него) или zip-архив Google Fit Takeout."
    ),
    "This file is larger than {limit} MB, the most FitLedger imports at once.": (
        "Файл больше {limit} МБ — это наибольший объём, который FitLedger импортирует за раз."
    ),
    "Waiting to start…": "Ожидание запуска…",
    "The import stopped.": "Импорт остановлен.",
    "Done.": "Готово.",
    "Saving workouts…": "Сохранение тренировок…",
    "Reading the export…": "Чтение экспорта…",
    "Health records read (steps, energy, weight)": "Прочитано записей (шаги, энергия, вес)",
    "Workouts in the file": "Тренировок в файле",
    "Imported as new workouts": "Импортировано как новые тренировки",
    "Merged into a workout you already had (same session)": (
        "Объединено с уже записанной тренировкой (то же занятие)"
    ),
    "Skipped: already imported before": "Пропущено: уже импортировано раньше",
    "Days of steps and active energy": "Дней с шагами и активной энергией",
    "Weigh-ins": "Взвешивания",
    "unknown reason": "причина неизвестна",
    "Something went wrong on the server while importing. Nothing was saved; try again.": (
        "При импорте на сервере произошла ошибка. Ничего не сохранено; попробуйте ещё раз."
    ),
    "Nobody chose the exercises in time, so the uploaded file was deleted. Nothing was "
    "imported: upload the file again (the choices already made are remembered).": (
        "Упражнения не были выбраны вовремя, поэтому загруженный файл удалён. Ничего не "
        "импортировано: загрузите файл ещё раз (уже сделанный выбор запомнен)."
    ),
    "FitLedger could not read this export ({reason}). Nothing was imported.": (
        "FitLedger не смог прочитать этот экспорт ({reason}). Ничего не импортировано."
    ),
    "no calories": "без калорий",
    "{kcal} from the device": "{kcal} по данным устройства",
    "{kcal} estimated from MET": "{kcal} по оценке через MET",
    # Strong and Hevy imports (app/pages/strength_import.py, app/state/strength_import_logic.py)
    "From Strong or Hevy": "Из Strong или Hevy",
    "Which app wrote the file": "Какое приложение создало файл",
    "Weights in the file are in": "Вес в файле указан в",
    "Hevy's export is in kilograms and kilometres.": "Экспорт Hevy — в килограммах и километрах.",
    "Strong: Settings → Export data. Hevy: Settings → Export & Import → Export workouts. "
    "Importing the same file again adds nothing.": (
        "Strong: Настройки → Экспорт данных. Hevy: Настройки → Экспорт и импорт → Экспорт "
        "тренировок. Повторный импорт того же файла ничего не добавит."
    ),
    "Choose or drop the CSV export": "Выберите или перетащите CSV-файл экспорта",
    "Exercises we did not recognise": "Упражнения, которые мы не узнали",
    "Finish the import": "Завершить импорт",
    "Choose one CSV file that Strong or Hevy exported.": (
        "Выберите один CSV-файл, экспортированный из Strong или Hevy."
    ),
    "Choose one of our exercises for each name we did not recognise.": (
        "Выберите наше упражнение для каждого названия, которое мы не узнали."
    ),
    "Matching exercise names…": "Сопоставление названий упражнений…",
    "{name} (suggested, {score} %)": "{name} (предложено, {score} %)",
    "New exercise “{name}”": "Новое упражнение «{name}»",
    "Sets imported": "Импортировано подходов",
    "Exercise names matched to ours": "Названий упражнений сопоставлено с нашими",
    "Exercise names matched by your choice": "Названий упражнений сопоставлено по вашему выбору",
    # page titles (the browser's tab and history)
    "Import workouts · FitLedger": "Импорт тренировок · FitLedger",
    "Program · FitLedger": "Программа · FitLedger",
    "Programs · FitLedger": "Программы · FitLedger",
    "Progress · FitLedger": "Прогресс · FitLedger",
    "Workout · FitLedger": "Тренировка · FitLedger",
    "Workouts · FitLedger": "Тренировки · FitLedger",
}
