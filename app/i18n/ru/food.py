"""Russian for the food area (see app/i18n/ru/__init__.py)."""

from __future__ import annotations

from app.i18n.catalog import Entry

MESSAGES: dict[str, Entry] = {
    # Meals
    "Meal": "Приём пищи",
    "Breakfast": "Завтрак",
    "Lunch": "Обед",
    "Dinner": "Ужин",
    "Snacks": "Перекусы",
    "Food": "Продукт",
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
}
