"""The food diary's pure logic: numbers, dates, the day's rows, totals and remaining.

No Reflex and no I/O here, so every rule the diary shows is unit-tested
(tests/unit/ui/test_diary_logic.py); amounts and portions are in app/state/portions.py.
Rows are `dict[str, str]`: the page renders them as they are, with the numbers already
rounded the way people read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from app.api.diary import MEAL_TYPES, DiaryChange, DiaryDay, DiaryItem, Meal, MealGroup
from app.api.foods import Food, Nutrients
from app.api.micronutrients import readable_micronutrients
from app.i18n import formats, tr, trn

OTHER = "other"  # the card for meal types other than the four (logged by another client)
MACRO_KEYS = ("kcal", "protein_g", "fat_g", "carbohydrate_g")
# ---- numbers ----


def fmt_number(value: float | None, *, unknown: str = "—", language: str = "en") -> str:
    """1 decimal below 10, whole numbers above (people read "12.5 g", "153 kcal", "1,326 kcal";
    Russian "12,5 г", "1 326 ккал")."""
    if value is None:
        return unknown
    if abs(value) < 10:
        return formats.fmt_number(language, round(value, 1), 1)
    return formats.fmt_number(language, round(value))


def fmt_kcal(value: float | None, language: str = "en") -> str:
    return "—" if value is None else formats.fmt_number(language, round(value))


def input_number(value: float | None) -> str:
    """A number to put in an input (no thousands separator: `parse_amount` reads it back)."""
    if value is None:
        return ""
    return f"{round(value, 1):g}" if abs(value) < 1e6 else f"{round(value)}"


def parse_amount(text: str) -> float | None:
    """A typed amount ("150", "1,5", " 2 "); None when empty, not a number or not > 0."""
    cleaned = (text or "").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if value != value or value <= 0 or value == float("inf"):  # NaN, 0, negatives
        return None
    return value


# ---- dates ----


def parse_day(value: str | None, today: dt.date) -> dt.date | None:
    """The `/diary/[day]` argument; None for no argument (today) or a malformed date."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def shift_day(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def day_label(day: dt.date, today: dt.date, language: str = "en") -> str:
    """ "Today", "Yesterday", "Tomorrow", else "Mon 30 Nov" (with the year when not this one;
    Russian "пн, 30 нояб.")."""
    delta = (day - today).days
    if delta == 0:
        return tr(language, "Today")
    if delta == -1:
        return tr(language, "Yesterday")
    if delta == 1:
        return tr(language, "Tomorrow")
    return formats.fmt_date(language, day, "day" if day.year == today.year else "day_year")


def meal_label(meal_type: str, language: str = "en") -> str:
    labels = {
        "breakfast": tr(language, "Breakfast"),
        "lunch": tr(language, "Lunch"),
        "dinner": tr(language, "Dinner"),
        "snack": tr(language, "Snacks"),
        "other": tr(language, "Other meals"),
    }
    return labels.get(meal_type, meal_type.replace("_", " ").capitalize())


def macro_line(amounts: Mapping[str, float], language: str = "en") -> str:
    """ "P 12.5 g · F 3 g · C 40 g" (Russian "Б 12,5 г · Ж 3 г · У 40 г")."""
    return tr(
        language,
        "P {protein} g · F {fat} g · C {carbs} g",
        protein=fmt_number(amounts.get("protein_g"), language=language),
        fat=fmt_number(amounts.get("fat_g"), language=language),
        carbs=fmt_number(amounts.get("carbohydrate_g"), language=language),
    )


# ---- display rows ----


@dataclass(frozen=True)
class FoodFacts:
    """What the diary knows about a logged food beyond the item: its brand, its measures and
    its Russian name (when the food data has one)."""

    brand: str | None
    portions: dict[int, tuple[str, float]]  # portion id → (description, grams per unit)
    russian_name: str | None = None

    @classmethod
    def of(cls, food: Food) -> FoodFacts:
        russian = food.name_in("ru")
        return cls(
            food.brand,
            {p.id: (p.description, p.grams_per_unit) for p in food.portions},
            russian if russian != food.name else None,
        )


def item_amount(item: DiaryItem, facts: FoodFacts | None = None, language: str = "en") -> str:
    """The amount in the unit it was logged in: "1 large (223 g)", "150 g", "Quick add"."""
    if item.grams is None:
        return tr(language, "Quick add")
    grams = tr(language, "{n} g", n=fmt_number(item.grams, language=language))
    quantity = fmt_number(item.quantity, language=language) if item.quantity is not None else ""
    if item.recipe_id and item.quantity is not None:
        servings = trn(language, item.quantity, "{n} serving", "{n} servings", n=quantity)
        return f"{servings} ({grams})"
    if item.portion_id is not None and item.quantity is not None:
        described = (facts.portions.get(item.portion_id) if facts else None) or None
        if described:
            return f"{quantity} {described[0]} ({grams})"
        portions = trn(language, item.quantity, "{n} portion", "{n} portions", n=quantity)
        return f"{portions} ({grams})"
    return grams


def item_row(
    item: DiaryItem, meal_type: str, facts: FoodFacts | None = None, language: str = "en"
) -> dict[str, str]:
    n = item.nutrients
    if item.recipe_id:
        edit_unit = "servings" if item.quantity is not None else "g"
    else:
        edit_unit = "portions" if item.portion_id is not None else "g"
    edit_value = item.quantity if edit_unit != "g" else item.grams
    return {
        "id": item.id,
        "meal_type": meal_type,
        "name": (facts.russian_name if facts and language == "ru" else None)
        or item.name
        or tr(language, "Quick add"),
        "brand": (facts.brand if facts else None) or item.brand or "",
        "amount": item_amount(item, facts, language),
        "kcal": fmt_kcal(n.energy_kcal, language),
        "macros": macro_line(
            {
                "protein_g": n.protein_g or 0,
                "fat_g": n.fat_g or 0,
                "carbohydrate_g": n.carbohydrate_g or 0,
            },
            language,
        ),
        "editable": "yes" if item.editable_amount else "",
        "edit_unit": edit_unit,
        "edit_value": input_number(edit_value),
        "grams": input_number(item.grams),
        "food_id": "" if item.food_id is None or item.recipe_id else str(item.food_id),
        "portion_id": "" if item.portion_id is None else str(item.portion_id),
    }


def display_groups(day: DiaryDay) -> tuple[MealGroup, ...]:
    """The four meals, then one OTHER group for any other meal type (another client may log
    "brunch"; its food still counts in the day, so it must be shown somewhere)."""
    groups = day.groups()
    known = [g for g in groups if g.meal_type in MEAL_TYPES]
    extra = [g for g in groups if g.meal_type not in MEAL_TYPES]
    if not extra:
        return tuple(known)
    other = MealGroup(
        OTHER,
        tuple(m for g in extra for m in g.meals),
        tuple(i for g in extra for i in g.items),
        sum(g.kcal for g in extra),
        sum(g.protein_g for g in extra),
        sum(g.fat_g for g in extra),
        sum(g.carbohydrate_g for g in extra),
    )
    return (*known, other)


def meal_rows(
    day: DiaryDay, facts: Mapping[int, FoodFacts] | None = None, language: str = "en"
) -> dict[str, list[dict[str, str]]]:
    """Items of each of the four meals (and OTHER when the day holds other meal types)."""
    facts = facts or {}
    return {
        group.meal_type: [
            item_row(
                item,
                group.meal_type,
                facts.get(item.food_id) if item.food_id else None,
                language,
            )
            for item in group.items
        ]
        for group in display_groups(day)
    }


def meal_totals(day: DiaryDay, language: str = "en") -> dict[str, dict[str, str]]:
    return {
        group.meal_type: {
            "kcal": fmt_kcal(group.kcal, language),
            "macros": macro_line(
                {
                    "protein_g": group.protein_g,
                    "fat_g": group.fat_g,
                    "carbohydrate_g": group.carbohydrate_g,
                },
                language,
            ),
            "count": str(len(group.items)),
        }
        for group in display_groups(day)
    }


def meal_ids(day: DiaryDay) -> dict[str, list[str]]:
    return {group.meal_type: list(group.meal_ids) for group in display_groups(day)}


def macro_amounts(totals: Nutrients) -> dict[str, float]:
    """Rounded for display as the rings show them: whole kcal, grams like `fmt_number`."""

    def grams(value: float | None) -> float:
        value = value or 0.0
        return round(value, 1) if abs(value) < 10 else float(round(value))

    return {
        "kcal": round(totals.kcal),
        "protein_g": grams(totals.protein_g),
        "fat_g": grams(totals.fat_g),
        "carbohydrate_g": grams(totals.carbohydrate_g),
    }


def remaining_kcal(target: float | None, eaten: float, burned: float) -> float | None:
    """Target - food + exercise (the calories completed workouts burned that day)."""
    if target is None:
        return None
    return target - eaten + burned


def remaining_line(target: float | None, eaten: float, burned: float, language: str = "en") -> str:
    left = remaining_kcal(target, eaten, burned)
    if left is None:
        return ""
    if left >= 0:
        return tr(language, "{kcal} kcal left", kcal=fmt_kcal(left, language))
    return tr(language, "{kcal} kcal over", kcal=fmt_kcal(-left, language))


@dataclass(frozen=True)
class MicroAmount:
    """One of the day's micronutrient amounts with its service key and readable name."""

    key: str  # "fibre_g", "vitc_mg"
    name: str
    amount: float
    unit: str


def micronutrient_amounts(totals: Nutrients, language: str = "en") -> list[MicroAmount]:
    """Fibre, sugars, saturated fat and sodium first, then the known micronutrients in label
    order; the micronutrients' names and units are the nutrition service's."""
    grams, milligrams = tr(language, "g"), tr(language, "mg")
    core = (
        ("fibre_g", tr(language, "Fibre"), totals.fibre_g, grams),
        ("sugars_g", tr(language, "Sugars"), totals.sugars_g, grams),
        ("saturated_fat_g", tr(language, "Saturated fat"), totals.saturated_fat_g, grams),
        ("sodium_mg", tr(language, "Sodium"), totals.sodium_mg, milligrams),
    )
    amounts = [
        MicroAmount(key, name, amount, unit)
        for key, name, amount, unit in core
        if amount is not None
    ]
    amounts += [
        MicroAmount(m.key, m.name, m.amount, m.unit)
        for m in readable_micronutrients(totals.micronutrients)
    ]
    return amounts


# ---- applying the service's answers ----


def apply_change(
    day: DiaryDay, change: DiaryChange, *, removed_meal: str | None = None
) -> DiaryDay:
    """The day after a write: the changed meal replaced (or added, or dropped when it moved
    to another day or was emptied) and the service's new totals."""
    meals = [m for m in day.meals if m.id != removed_meal]
    if change.meal is not None:
        meal = change.meal
        if meal.date == day.date and meal.items:
            if any(m.id == meal.id for m in meals):
                meals = [meal if m.id == meal.id else m for m in meals]
            else:
                meals.append(meal)
        else:
            meals = [m for m in meals if m.id != meal.id]
    return replace(day, meals=tuple(meals), totals=change.day_totals)


def without_item(day: DiaryDay, item_id: str, totals: Nutrients) -> DiaryDay:
    """The day after an item was deleted (a meal left empty disappears)."""
    meals: list[Meal] = []
    for meal in day.meals:
        items = tuple(i for i in meal.items if i.id != item_id)
        if len(items) == len(meal.items):
            meals.append(meal)
        elif items:
            totals_now = sum_nutrients(i.nutrients for i in items)
            meals.append(replace(meal, items=items, totals=totals_now))
    return replace(day, meals=tuple(meals), totals=totals)


def sum_nutrients(parts: Iterable[Nutrients]) -> Nutrients:
    """kcal and macros added up (what a meal card shows; micronutrients come from the API)."""
    parts = list(parts)

    def total(name: str) -> float:
        return sum((getattr(n, name) or 0.0) for n in parts)

    return Nutrients(
        energy_kcal=total("energy_kcal"),
        protein_g=total("protein_g"),
        fat_g=total("fat_g"),
        carbohydrate_g=total("carbohydrate_g"),
    )


def empty_day(day: dt.date) -> DiaryDay:
    return DiaryDay(date=day, meals=(), totals=Nutrients())
