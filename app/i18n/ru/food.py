"""Russian for the food area (see app/i18n/ru/__init__.py)."""

from __future__ import annotations

from app.i18n.catalog import Entry, Plural

MESSAGES: dict[str, Entry] = {
    # Meals
    "Meal": "Приём пищи",
    "Breakfast": "Завтрак",
    "Lunch": "Обед",
    "Dinner": "Ужин",
    "Snacks": "Перекусы",
    "Food": "Еда",
    "Name": "Название",
    "Calories (kcal)": "Калории (ккал)",
    "Protein (g)": "Белки (г)",
    "Fat (g)": "Жиры (г)",
    "Carbs (g)": "Углеводы (г)",
    "Amount (g)": "Количество (г)",
    "Quick add": "Быстрое добавление",
    "Log to {meal}": "Записать: {meal}",
    # Offline diary (components/offline_diary.py)
    "Food added offline": "Еда, добавленная без сети",
    "Saved diary": "Сохранённый дневник",
    "Add food offline": "Добавить еду без сети",
    "A recent food": "Недавний продукт",
    "Add to queue": "В очередь",
    # Food picker (components/food_picker.py)
    "Lab data only": "Только лабораторные данные",
    "(USDA analyses, not labels)": "(анализы USDA, не этикетки)",
    "In words": "Словами",
    "Barcode": "Штрихкод",
    "New food": "Новый продукт",
    "Recipes": "Рецепты",
    "Search foods": "Поиск продуктов",
    "Search foods, e.g. chicken breast": "Поиск продуктов, напр. куриная грудка",
    "Recent": "Недавнее",
    "Frequent": "Частые",
    "logged {uses}": "записано: {uses}",
    "Type at least two letters. Foods you log will be listed here next time.": (
        "Введите хотя бы две буквы. Продукты, которые вы записываете, появятся здесь."
    ),
    "Search results": "Результаты поиска",
    "No foods match “{query}”. Try fewer words, or add it as a new food.": (
        "Ничего не нашлось по запросу «{query}». Попробуйте меньше слов или добавьте новый продукт."
    ),
    "Portion": "Порция",
    "Calories and macros without a food, e.g. a restaurant meal.": (
        "Калории и БЖУ без продукта, например блюдо в ресторане."
    ),
    "Name (optional)": "Название (необязательно)",
    "Barcode (EAN or UPC digits)": "Штрихкод (цифры EAN или UPC)",
    "Find food": "Найти продукт",
    "Your own food, per 100 g. Only you can see it.": (
        "Ваш продукт, на 100 г. Его видите только вы."
    ),
    "Brand (optional)": "Марка (необязательно)",
    "Calories per 100 g (kcal)": "Калории на 100 г (ккал)",
    "Save food": "Сохранить продукт",
    "You have no recipes yet.": "У вас пока нет рецептов.",
    "Build a recipe": "Составить рецепт",
    "Add to {meal}": "Добавить: {meal}",
    "Search a food, say it in words, or use quick add, a barcode, a new food or a recipe.": (
        "Найдите продукт, опишите словами или воспользуйтесь быстрым добавлением, "
        "штрихкодом, новым продуктом или рецептом."
    ),
    # Describe a meal (components/describe_panel.py)
    "What did you eat?": "Что вы съели?",
    "2 eggs, a slice of toast with butter and a coffee with milk": (
        "2 яйца, тост с маслом и кофе с молоком"
    ),
    "Read it": "Распознать",
    "Assumed:": "Предположение:",
    # Rings and meal cards (components/macro_rings.py, components/meal_card.py)
    "of {target}": "из {target}",
    "no target": "нет цели",
    "{label}: {value} of {target} {unit}": "{label}: {value} из {target} {unit}",
    "{label}: {value} {unit}, no target yet": "{label}: {value} {unit}, цели пока нет",
    "Copy {meal} to another day": "Копировать «{meal}» на другой день",
    "Copy {meal} to": "Копировать «{meal}» на",
    "Loading {meal}": "Загрузка: {meal}",
    "Nothing logged for {meal} yet.": "В «{meal}» пока ничего не записано.",
    "Add food": "Добавить еду",
    "Add food to {meal}": "Добавить еду: {meal}",
    "Other meals": "Другие приёмы пищи",
    "Remove {name}": "Убрать «{name}»",
    # Today (app/pages/today.py, today_charts.py, app/state/today.py, dashboard.py)
    "Hello, {name}": "Здравствуйте, {name}",
    "So far today": "За сегодня",
    "Log food": "Записать еду",
    "Loading today": "Загружаем сегодняшний день",
    "Today's numbers cannot be shown right now.": "Сегодняшние цифры сейчас недоступны.",
    "No target yet": "Цели пока нет",
    "{kcal} kcal left": "Осталось {kcal} ккал",
    "{kcal} kcal over": "Перебор {kcal} ккал",
    "Eaten {kcal} kcal": "Съедено {kcal} ккал",
    "burned {kcal} kcal in workouts": "сожжено {kcal} ккал на тренировках",
    "target {kcal} kcal": "цель {kcal} ккал",
    "targets": "цели",
    "diary": "дневник",
    "workouts": "тренировки",
    "Some of today's data ({parts}) could not be loaded; the numbers may be incomplete.": (
        "Часть сегодняшних данных ({parts}) не загрузилась; цифры могут быть неполными."
    ),
    "Latest notifications": "Последние уведомления",
    "Nothing new. Warnings and congratulations will show up here.": (
        "Ничего нового. Здесь появятся предупреждения и поздравления."
    ),
    "Loading notifications…": "Загружаем уведомления…",
    "Last days": "Последние дни",
    "Period shown in the charts": "Период на графиках",
    "Calories in, out and target": "Калории: съедено, сожжено и цель",
    "Eaten (kcal)": "Съедено (ккал)",
    "Burned (kcal)": "Сожжено (ккал)",
    "Target (kcal)": "Цель (ккал)",
    "Calories per day": "Калории по дням",
    "Nothing logged in this period yet. Log a meal to see your days here.": (
        "За этот период пока ничего не записано. Запишите приём пищи, и дни появятся здесь."
    ),
    "Macro split": "Соотношение БЖУ",
    "Energy from protein, fat and carbohydrate on logged days.": (
        "Энергия из белков, жиров и углеводов в дни с записями."
    ),
    "Protein (kcal)": "Белки (ккал)",
    "Fat (kcal)": "Жиры (ккал)",
    "Carbs (kcal)": "Углеводы (ккал)",
    "Energy from each macronutrient per day": "Энергия из каждого макронутриента по дням",
    "No meals logged in this period yet.": "За этот период приёмов пищи пока нет.",
    "Weigh-ins, the smoothed trend and the pace of your goal.": (
        "Взвешивания, сглаженный тренд и темп к вашей цели."
    ),
    "Weight per day": "Вес по дням",
    "No weigh-ins in this period. Log your weight on your profile.": (
        "За этот период взвешиваний нет. Записать вес можно в профиле."
    ),
    "Nothing logged in this period yet.": "За этот период пока ничего не записано.",
    "Average over {n} logged days: {kcal} kcal eaten": Plural(
        "В среднем за {n} день с записями: съедено {kcal} ккал",
        "В среднем за {n} дня с записями: съедено {kcal} ккал",
        "В среднем за {n} дней с записями: съедено {kcal} ккал",
    ),
    "Average over {n} logged days: {kcal} kcal eaten, target {target} kcal": Plural(
        "В среднем за {n} день с записями: съедено {kcal} ккал, цель {target} ккал",
        "В среднем за {n} дня с записями: съедено {kcal} ккал, цель {target} ккал",
        "В среднем за {n} дней с записями: съедено {kcal} ккал, цель {target} ккал",
    ),
    # Diary (app/pages/diary.py, app/state/diary.py, diary_logic.py, portions.py)
    "Over": "Перебор",
    "Left": "Осталось",
    "to see how much is left each day.": "— и вы увидите, сколько осталось на каждый день.",
    "Vitamins, minerals and more": "Витамины, минералы и не только",
    "Log food to see the day's vitamins and minerals.": (
        "Запишите еду, чтобы увидеть витамины и минералы за день."
    ),
    # the day's micronutrients against their reference intakes (app/state/micronutrient_targets.py)
    "women {band}": "женщин {band} лет",
    "girls {band}": "девушек {band} лет",
    "men {band}": "мужчин {band} лет",
    "boys {band}": "юношей {band} лет",
    "Targets: US Dietary Reference Intakes (RDA or AI) for {group}.": (
        "Нормы: рекомендуемое потребление США (Dietary Reference Intakes, RDA или AI) для {group}."
    ),
    "of {target} ({reference})": "из {target} ({reference})",
    "Gap: below 70 % of the target": "Недобор: меньше 70 % нормы",
    "Below 70 % of the target so far": "Пока меньше 70 % нормы",
    "Over the upper limit ({limit}, UL)": "Выше верхнего предела ({limit}, UL)",
    "Retinol over the upper limit ({limit}, UL)": "Ретинол выше верхнего предела ({limit}, UL)",
    "Folic acid over the upper limit ({limit}, UL)": (
        "Фолиевая кислота выше верхнего предела ({limit}, UL)"
    ),
    "Over the risk-reduction level ({limit}, CDRR)": ("Выше уровня снижения риска ({limit}, CDRR)"),
    "{n} below target": Plural("{n} ниже нормы", "{n} ниже нормы", "{n} ниже нормы"),
    "{n} over limits": Plural("{n} выше предела", "{n} выше предела", "{n} выше предела"),
    "Copy this day": "Копировать этот день",
    "Copy every meal to": "Копировать все приёмы пищи на",
    "Copy day": "Копировать день",
    "Edit item": "Изменить запись",
    "grams": "граммы",
    "servings": "порции",
    "portions": "порции",
    "A quick add has no amount to change; you can delete it.": (
        "У быстрой записи нет количества, которое можно изменить; её можно удалить."
    ),
    "Your recipes": "Ваши рецепты",
    "Your diary could not be loaded just now. Please try again.": (
        "Дневник сейчас не загрузился. Попробуйте ещё раз."
    ),
    "Enter an amount greater than 0.": "Введите количество больше 0.",
    "Removed {name}.": "Удалено: {name}.",
    "Pick the date to copy to.": "Выберите дату, на которую копировать.",
    "Pick a day up to {day}.": "Выберите день не позже, чем {day}.",
    "{meal} copied to {day}.": "{meal}: скопировано на {day}.",
    "Pick another day to copy to.": "Выберите другой день для копирования.",
    "The whole day was copied to {day}.": "Весь день скопирован на {day}.",
    "P {protein} g · F {fat} g · C {carbs} g": "Б {protein} г · Ж {fat} г · У {carbs} г",
    "{n} servings": Plural("{n} порция", "{n} порции", "{n} порций"),
    "{n} portions": Plural("{n} порция", "{n} порции", "{n} порций"),
    "Fibre": "Клетчатка",
    "Sugars": "Сахара",
    "Saturated fat": "Насыщенные жиры",
    "Sodium": "Натрий",
    "{n} kcal / 100 g": "{n} ккал / 100 г",
    "1 serving ({grams})": "1 порция ({grams})",
    "{kcal} per serving ({grams})": "{kcal} на порцию ({grams})",
    "{n} ingredients": Plural("{n} ингредиент", "{n} ингредиента", "{n} ингредиентов"),
    "{kcal} per {portion} ({grams})": "{kcal} на {portion} ({grams})",
    "Your food": "Ваш продукт",
    "Enter the calories.": "Введите калории.",
    "Enter a number.": "Введите число.",
    "Enter a number between 0 and 10000.": "Введите число от 0 до 10000.",
    # Food picker state (app/state/food_picker.py, describe_meal.py)
    "{n} times": Plural("{n} раз", "{n} раза", "{n} раз"),
    "Added {name} to {meal}.": "{name}: добавлено в «{meal}».",
    "That is more than {n} g. Check the amount.": "Это больше {n} г. Проверьте количество.",
    "Give the food a name.": "Дайте продукту название.",
    "No food has the barcode {code} yet. You can add it under “New food”.": (
        "Продукта со штрихкодом {code} пока нет. Его можно добавить во вкладке «Новый продукт»."
    ),
    "with {food} · ": "с {food} · ",
    "Say what you ate, e.g. '2 eggs and a slice of toast'.": (
        "Напишите, что вы съели, например «2 яйца и тост»."
    ),
    "No food found for {words}: add it with Search.": (
        "Не найдено продуктов для {words}: добавьте их через поиск."
    ),
    "{n} items": Plural("{n} запись", "{n} записи", "{n} записей"),
    # Expenditure (app/state/expenditure.py)
    "From {days} fully logged days and {weigh_ins} weigh-ins ({period}), combined with the "
    "formula's {kcal} kcal; your data carries {share}% of the answer.": (
        "По {days} полностью записанным дням и {weigh_ins} взвешиваниям ({period}) вместе с "
        "формулой ({kcal} ккал); ваши данные дают {share} % результата."
    ),
    "The formula's estimate for now: {reason} ({period}).": (
        "Пока это оценка по формуле: {reason} ({period})."
    ),
    "Weight line {slope} {unit} a week on {kcal} kcal a day eaten.": (
        "Линия веса {slope} {unit} в неделю при {kcal} ккал в день."
    ),
    "Weight line {slope} {unit} a week.": "Линия веса {slope} {unit} в неделю.",
    "{kcal} ± {band} kcal a day": "{kcal} ± {band} ккал в день",
    "{share}% of the last {days} days fully logged": (
        "Полностью записано {share} % из последних {days} дней"
    ),
    "Fill in your body data and goal first.": "Сначала укажите свои данные и цель.",
    "Your target is now {kcal} kcal a day.": "Теперь ваша цель — {kcal} ккал в день.",
    # Recipes (app/pages/recipes.py)
    "← Back to the diary": "← Назад к дневнику",
    "New recipe": "Новый рецепт",
    "Ingredients": "Ингредиенты",
    "Search a food to add": "Найти продукт",
    "Grams of {food}": "Граммы: {food}",
    "Servings": "Порции",
    "Cooked weight (g)": "Вес готового блюда (г)",
    "Optional: weigh the pot after cooking.": "Необязательно: взвесьте кастрюлю после готовки.",
    "{kcal} kcal in all · {weight}": "Всего {kcal} ккал · {weight}",
    "Save recipe": "Сохранить рецепт",
    "Loading recipes": "Загружаем рецепты",
    "No recipes yet. Build your first one here.": "Рецептов пока нет. Составьте первый здесь.",
    "Give the recipe a name.": "Дайте рецепту название.",
    "Add at least one ingredient.": "Добавьте хотя бы один ингредиент.",
    "Every ingredient needs grams greater than 0.": "У каждого ингредиента должно быть больше 0 г.",
    "Enter a number of servings greater than 0.": "Введите число порций больше 0.",
    "Enter the cooked weight in grams, or leave it empty.": (
        "Введите вес готового блюда в граммах или оставьте поле пустым."
    ),
    "Saved {name}. Log it from the diary's Add food → Recipes.": (
        "«{name}» сохранён. Записать его можно в дневнике: Добавить еду → Рецепты."
    ),
    # page titles (the browser's tab and history)
    "Diary · FitLedger": "Дневник · FitLedger",
    "Recipes · FitLedger": "Рецепты · FitLedger",
    "Today · FitLedger": "Сегодня · FitLedger",
    # Water and fasting (components/water_card.py, fasting_card.py, app/state/water_fasting*.py)
    "Water": "Вода",
    "ml": "мл",
    "Water against goal": "Вода относительно цели",
    "Logging completeness": "Полнота записей",
    "(default goal)": "(цель по умолчанию)",
    "Daily goal ({unit})": "Цель на день ({unit})",
    "Save goal": "Сохранить цель",
    "{amount} from your weight": "{amount} по вашему весу",
    "Undo": "Отменить",
    "Add": "Добавить",
    "Amount ({unit})": "Количество ({unit})",
    "Other amount ({unit})": "Другое количество ({unit})",
    "Enter an amount.": "Введите количество.",
    "Enter {low} to {high}.": "Введите от {low} до {high}.",
    "Fasting": "Голодание",
    "Fast": "Голодание",
    "Protocol": "Схема",
    "Custom": "Своя",
    "Target hours": "Цель в часах",
    "h": "ч",
    "Start fast": "Начать голодание",
    "End fast": "Закончить голодание",
    "Log a past fast": "Записать прошедшее голодание",
    "Ended": "Закончилось",
    "Log fast": "Записать голодание",
    "Recent fasts": "Недавние голодания",
    "Remove fast": "Удалить голодание",
    "Enter {low} to {high} hours.": "Введите от {low} до {high} часов.",
    "Enter a date and time.": "Введите дату и время.",
    "{hours} h fast": "Голодание {hours} ч",
    "Since {time}": "С {time}",
    "of {hours} h": "из {hours} ч",
    "{time} to go": "Осталось {time}",
    "Target reached": "Цель достигнута",
    "Target met": "Норма набрана",  # a micronutrient (app/state/micronutrient_targets.py)
    "Completed": "Выполнено",
    "Short": "Короче цели",
    # Food-diary import (app/pages/diary_import.py, app/state/diary_import_logic.py)
    "Import a food diary · FitLedger": "Импорт дневника питания · FitLedger",
    "Import a food diary": "Импорт дневника питания",
    "Food diary from MyFitnessPal or Cronometer →": (
        "Дневник питания из MyFitnessPal или Cronometer →"
    ),
    "Food diary from MyFitnessPal or Cronometer": "Дневник питания из MyFitnessPal или Cronometer",
    (
        "Cronometer's foods are matched to ours; the rows that do not match are listed for "
        "you to decide. MyFitnessPal exports meal totals, so each meal comes in with its "
        "calories and macros. Importing the same file again adds nothing."
    ): (
        "Продукты из Cronometer сопоставляются с нашими; строки без совпадения показываются, "
        "чтобы вы решили, что с ними делать. MyFitnessPal выгружает итоги приёмов пищи, поэтому "
        "каждый приём переносится со своими калориями и БЖУ. Повторный импорт того же файла "
        "ничего не добавит."
    ),
    "Reports → Export data → Nutrition, then upload the CSV file.": (
        "Отчёты → Экспорт данных → Питание, затем загрузите CSV-файл."
    ),
    "More → Account → Export Data → Food & Recipe Entries (servings.csv).": (
        "Ещё → Аккаунт → Экспорт данных → Записи продуктов и рецептов (servings.csv)."
    ),
    "Choose or drop the exported CSV file": "Выберите или перетащите выгруженный CSV-файл",
    "Read the file": "Прочитать файл",
    "Rows to review": "Строки на проверку",
    (
        "These rows did not match one of our foods well enough. Pick a food, keep the row's "
        "calories and macros as the file states them, or leave it out."
    ): (
        "Эти строки недостаточно точно совпали с нашими продуктами. Выберите продукт, оставьте "
        "калории и БЖУ из файла или не переносите строку."
    ),
    "What to import for this row": "Что импортировать для этой строки",
    "Rows to review that are not listed:": "Непоказанные строки на проверку:",
    "Leave them out": "Не переносить",
    "Keep the file's calories and macros": "Оставить калории и БЖУ из файла",
    "Import into my diary": "Импортировать в дневник",
    "Rows matched to our foods": "Строки, совпавшие с нашими продуктами",
    "Imported": "Импортировано",
    "{percent}% alike": "сходство {percent}%",
    "amount unknown": "количество неизвестно",
    "Keep as in the file: {kcal}": "Как в файле: {kcal}",
    "Leave it out": "Не переносить строку",
    "Line {line}: {reason}": "Строка {line}: {reason}",
    "Rows read": "Прочитано строк",
    "Days": "Дней",
    "Matched to our foods": "Совпало с нашими продуктами",
    "Meals with their stated calories and macros": "Приёмы пищи с калориями и БЖУ из файла",
    "To review": "На проверку",
    "Already imported before": "Уже импортировано раньше",
    "Rows that could not be read": "Нечитаемые строки",
    "Meals": "Приёмов пищи",
    "Items added to your diary": "Добавлено записей в дневник",
    "of them, our foods": "из них наши продукты",
    "of them, with the calories and macros from the file": "из них с калориями и БЖУ из файла",
    "Left out as you chose": "Не перенесено по вашему выбору",
    "Not decided, left out": "Без решения, не перенесено",
    "Upload the CSV file as MyFitnessPal or Cronometer exported it.": (
        "Загрузите CSV-файл в том виде, в каком его выгрузили MyFitnessPal или Cronometer."
    ),
    "This file is larger than {limit} MB. Export a shorter period and upload it.": (
        "Файл больше {limit} МБ. Выгрузите более короткий период и загрузите его."
    ),
    (
        "This is not a MyFitnessPal nutrition export or a Cronometer servings export: its "
        "first line must name the columns."
    ): (
        "Это не экспорт питания MyFitnessPal и не экспорт servings из Cronometer: первая "
        "строка должна называть столбцы."
    ),
    "The file is empty.": "Файл пуст.",
    "This file is not UTF-8 text. Upload the CSV file as it was exported.": (
        "Файл не в кодировке UTF-8. Загрузите CSV-файл в том виде, в каком его выгрузили."
    ),
    "No row of this file could be read.": "Ни одну строку файла не удалось прочитать.",
    "This file has too many rows. Export a shorter period.": (
        "В файле слишком много строк. Выгрузите более короткий период."
    ),
    "A row of this file has more values than columns.": (
        "В одной из строк файла значений больше, чем столбцов."
    ),
    # The energy ledger (app/pages/ledger.py, app/state/ledger_logic.py)
    "Energy ledger · FitLedger": "Энергетический баланс · FitLedger",
    "Energy ledger": "Энергетический баланс",
    "Ledger": "Баланс",
    "Burned": "Расход",
    "Balance": "Баланс",
    "Previous period": "Предыдущий период",
    "Next period": "Следующий период",
    "Week": "Неделя",
    "Month": "Месяц",
    "Exercise (net)": "Тренировки (нетто)",
    "A day on average": "В среднем за день",
    "Fill in your body data and goal to see what you burn.": (
        "Заполните данные о теле и цель, чтобы увидеть расход."
    ),
    "How the ledger adds up": "Как считается баланс",
    "Some numbers are missing: a service did not answer.": (
        "Некоторых чисел нет: один из сервисов не ответил."
    ),
    "Where these numbers come from": "Откуда эти числа",
    "Burned at rest and in daily life": "Расход в покое и в обычной жизни",
    "Loading the ledger": "Загрузка баланса",
    "Adaptive (your intake and weight)": "Адаптивная оценка (ваше питание и вес)",
    "Balance {kcal} kcal over {days} logged days: about {change} {unit} by 7,700 kcal/kg.": (
        "Баланс {kcal} ккал за {days} дн. с записями: около {change} {unit} по 7 700 ккал/кг."
    ),
    "Weight trend {change} {unit} ({source}).": "Тренд веса {change} {unit} ({source}).",
    "{name}: {net} kcal net ({source})": "{name}: {net} ккал нетто ({source})",
    "Left out of the adaptive estimate: {reason}": "Не вошёл в адаптивную оценку: {reason}",
    "{name}: {kcal} kcal a day": "{name}: {kcal} ккал в день",
    # The ledger's sources (app/state/ledger_reasons.py)
    "Compendium {activity}: MET {met} x {kg} kg x {hours} h = {gross} kcal gross; "
    "(MET {met} - 1) x {kg} kg x {hours} h = {net} kcal net": (
        "Компендиум {activity}: MET {met} x {kg} кг x {hours} ч = {gross} ккал брутто; "
        "(MET {met} - 1) x {kg} кг x {hours} ч = {net} ккал нетто"
    ),
    "not completed: not counted": "не завершена: не учитывается",
    "no body weight known for that day: its energy was not estimated": (
        "вес тела в этот день неизвестен: расход не оценён"
    ),
    "sum over its activities of (MET - 1) x kg x h": (
        "сумма по её упражнениям: (MET - 1) x кг x ч"
    ),
    "the device's figure, {gross} kcal gross, less 1 MET x {kg} kg x {hours} h "
    "= {rest} kcal resting": (
        "данные устройства, {gross} ккал брутто, минус 1 MET x {kg} кг x {hours} ч "
        "= {rest} ккал в покое"
    ),
    "MET estimate, {gross} kcal gross, less 1 MET x {kg} kg x {hours} h = {rest} kcal resting": (
        "оценка по MET, {gross} ккал брутто, минус 1 MET x {kg} кг x {hours} ч "
        "= {rest} ккал в покое"
    ),
    "nothing logged": "ничего не записано",
    "{logged} kcal logged, under half the {expected} kcal the formula expects: looks incomplete": (
        "записано {logged} ккал, меньше половины из {expected} ккал по формуле: "
        "похоже, записано не всё"
    ),
    "{have} fully logged days of the {need} needed": (
        "полностью записанных дней: {have} из {need} нужных"
    ),
    "{have} weigh-ins of the {need} needed": "взвешиваний: {have} из {need} нужных",
    "weigh-ins span less than {days} days": "взвешивания охватывают меньше {days} дн.",
    "Adaptive: {kcal} ± {band} kcal a day from {days} fully logged days and {weigh_ins} "
    "weigh-ins, {start} to {end}, less the {removed} kcal a day of net exercise logged "
    "then, which the measured expenditure already holds.": (
        "Адаптивная оценка: {kcal} ± {band} ккал в день по полностью записанным дням ({days}) "
        "и взвешиваниям ({weigh_ins}) с {start} по {end}, минус {removed} ккал в день "
        "тренировок нетто за это время: измеренный расход их уже содержит."
    ),
    "{formula} BMR {bmr} kcal ({citation}) x activity factor {factor} ({level}) "
    "= {kcal} kcal a day.": (
        "Основной обмен по {formula} {bmr} ккал ({citation}) x коэффициент активности "
        "{factor} ({level}) = {kcal} ккал в день."
    ),
    "The adaptive estimate is not used yet: {why}.": (
        "Адаптивная оценка пока не используется: {why}."
    ),
    "exponential moving average of the weigh-ins": "экспоненциальное скользящее среднее веса",
    "exponential moving average of the weigh-ins, smoothing {s} a day": (
        "экспоненциальное скользящее среднее веса, сглаживание {s} в день"
    ),
    "Balance = eaten - (expenditure estimate + net exercise).": (
        "Баланс = съедено - (оценка расхода + тренировки нетто)."
    ),
    "Net exercise = gross - 1 MET x body mass (kg) x duration (h): the resting energy "
    "of the workout's hours is already in the day's expenditure estimate, so it is not "
    "counted twice.": (
        "Тренировки нетто = брутто - 1 MET x масса тела (кг) x длительность (ч): расход "
        "в покое за часы тренировки уже есть в оценке расхода за день, поэтому он не "
        "считается дважды."
    ),
    "Eaten: the energy of every food logged in the diary that day.": (
        "Съедено: энергия всех продуктов, записанных в дневник за этот день."
    ),
    # The training-day rule (components/training_rule_form.py, app/state/training_rule.py)
    "Training day: {n} % of the workout's net energy added back.": (
        "День тренировки: добавляется {n} % чистого расхода тренировки."
    ),
    "No training-day extra: the same target every day.": (
        "Без надбавки в дни тренировок: одна цель на каждый день."
    ),
    "Training day: +{n} kcal (as carbohydrate).": "День тренировки: +{n} ккал (углеводами).",
    "Training day: +{n} g carbohydrate.": "День тренировки: +{n} г углеводов.",
    "training day (workout completed): +{kcal} kcal": (
        "день тренировки (тренировка завершена): +{kcal} ккал"
    ),
    "training day (planned: {plan}): +{kcal} kcal": (
        "день тренировки (по плану: {plan}): +{kcal} ккал"
    ),
    "training day (workout completed; planned: {plan}): +{kcal} kcal": (
        "день тренировки (тренировка завершена; по плану: {plan}): +{kcal} ккал"
    ),
    "Enter a whole number from {low} to {high}.": "Введите целое число от {low} до {high}.",
    "More on training days": "Больше в дни тренировок",
    "On a training day (a day with a completed workout, or a weekday the program you follow "
    "plans) the day's target grows by this much. Exercise counts net of the resting energy "
    "your target already holds.": (
        "В день тренировки (день с завершённой тренировкой или день недели, который планирует "
        "ваша программа) цель дня растёт на эту величину. Тренировка считается за вычетом "
        "расхода в покое, который цель уже учитывает."
    ),
    "Extra on a training day": "Надбавка в день тренировки",
    "Save the training-day rule": "Сохранить правило дня тренировки",
    "None": "Нет",
    "A share of the workout's net energy (%)": "Доля чистого расхода тренировки (%)",
}
