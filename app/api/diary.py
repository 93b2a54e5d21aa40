"""The food diary as the UI reads it (a day's meals and their items, the answer to a write,
the report of a range of days) and the meal items it sends."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.foods import Nutrients

# The diary's four meals, in display order. The service takes any name (up to 40 chars);
# these are the ones the UI writes.
MEAL_TYPES = ("breakfast", "lunch", "dinner", "snack")


@dataclass(frozen=True)
class DiaryItem:
    id: str
    food_id: int | None
    recipe_id: str | None
    portion_id: int | None
    quantity: float | None  # portions (or servings of a recipe)
    grams: float | None  # None for a quick add
    name: str
    nutrients: Nutrients  # for the logged amount
    brand: str | None = None  # when the service sends it (the diary looks it up otherwise)

    @classmethod
    def from_json(cls, data: Any) -> DiaryItem:
        b = p.obj(data)
        return cls(
            id=p.text(b.get("id")),
            food_id=p.opt_whole(b.get("food_id")),
            recipe_id=p.opt_text(b.get("recipe_id")),
            portion_id=p.opt_whole(b.get("portion_id")),
            quantity=p.opt_num(b.get("quantity")),
            grams=p.opt_num(b.get("grams")),
            name=p.text(b.get("name")),
            nutrients=Nutrients.from_json(b.get("nutrients")),
            brand=p.opt_text(b.get("brand")),
        )

    @property
    def is_quick_add(self) -> bool:
        return self.grams is None

    @property
    def editable_amount(self) -> bool:
        """Grams or quantity can be changed (a quick add has no amount)."""
        return self.grams is not None


@dataclass(frozen=True)
class Meal:
    """One logged meal (every log call makes one; a day may hold several of one type)."""

    id: str
    date: dt.date
    meal_type: str
    note: str | None
    items: tuple[DiaryItem, ...]
    totals: Nutrients

    @classmethod
    def from_json(cls, data: Any) -> Meal:
        b = p.obj(data)
        return cls(
            id=p.text(b.get("id")),
            date=p.day(b.get("date")),
            meal_type=p.text(b.get("meal_type")),
            note=p.opt_text(b.get("note")),
            items=tuple(DiaryItem.from_json(x) for x in p.items(b.get("items"))),
            totals=Nutrients.from_json(b.get("totals")),
        )


@dataclass(frozen=True)
class MealGroup:
    """The diary's view of one meal type: every meal of that type that day, merged."""

    meal_type: str
    meals: tuple[Meal, ...]
    items: tuple[DiaryItem, ...]
    kcal: float
    protein_g: float
    fat_g: float
    carbohydrate_g: float

    @property
    def meal_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.meals)


@dataclass(frozen=True)
class DiaryDay:
    date: dt.date
    meals: tuple[Meal, ...]  # in logging order
    totals: Nutrients

    @classmethod
    def from_json(cls, data: Any) -> DiaryDay:
        b = p.obj(data)
        return cls(
            date=p.day(b.get("date")),
            meals=tuple(Meal.from_json(x) for x in p.items(b.get("meals"))),
            totals=Nutrients.from_json(b.get("totals")),
        )

    def groups(self, meal_types: Sequence[str] = MEAL_TYPES) -> tuple[MealGroup, ...]:
        """One group per meal type (empty ones too), then any other types the day holds."""
        extra = [m.meal_type for m in self.meals if m.meal_type not in meal_types]
        order = [*meal_types, *dict.fromkeys(extra)]
        return tuple(_group(kind, [m for m in self.meals if m.meal_type == kind]) for kind in order)


def _group(meal_type: str, meals: list[Meal]) -> MealGroup:
    items = tuple(i for m in meals for i in m.items)

    def total(name: str) -> float:
        return sum((getattr(m.totals, name) or 0.0) for m in meals)

    return MealGroup(
        meal_type,
        tuple(meals),
        items,
        total("energy_kcal"),
        total("protein_g"),
        total("fat_g"),
        total("carbohydrate_g"),
    )


@dataclass(frozen=True)
class DiaryChange:
    """The answer to a diary write: the meal as it is now (None after a delete) and the
    day's new totals, so the page can update without reloading the day."""

    meal: Meal | None
    day_totals: Nutrients

    @classmethod
    def from_json(cls, data: Any) -> DiaryChange:
        b = p.obj(data)
        meal = b.get("meal")
        return cls(Meal.from_json(meal) if meal else None, Nutrients.from_json(b.get("day_totals")))


@dataclass(frozen=True)
class DayTotals:
    date: dt.date
    nutrients: Nutrients


@dataclass(frozen=True)
class NutritionReport:
    """Logged days of a range (at most 366 days) with averages and the macro split."""

    from_date: dt.date
    to_date: dt.date
    days_logged: int
    daily: tuple[DayTotals, ...]  # logged days only
    averages_per_logged_day: dict[str, float]
    macro_split_percent_energy: dict[str, float]  # protein / fat / carbohydrate
    top_foods_by_energy: tuple[tuple[str, float], ...]
    micronutrient_totals: dict[str, float]

    @classmethod
    def from_json(cls, data: Any) -> NutritionReport:
        b = p.obj(data)
        return cls(
            from_date=p.day(b.get("from")),
            to_date=p.day(b.get("to")),
            days_logged=p.whole(b.get("days_logged")),
            daily=tuple(
                DayTotals(p.day(p.obj(d).get("date")), Nutrients.from_json(d))
                for d in p.items(b.get("daily"))
            ),
            averages_per_logged_day=p.numbers(b.get("averages_per_logged_day")),
            macro_split_percent_energy=p.numbers(b.get("macro_split_percent_energy")),
            top_foods_by_energy=tuple(
                (p.text(p.obj(f).get("name")), p.num(p.obj(f).get("energy_kcal")))
                for f in p.items(b.get("top_foods_by_energy"))
            ),
            micronutrient_totals=p.numbers(b.get("micronutrient_totals")),
        )


# ---- what the UI sends ----


@dataclass(frozen=True)
class ItemInput:
    """One item of a meal: a food (grams, or a portion x quantity), a recipe (grams, or
    servings), or a quick add (kcal and macros without a food). Build with the classmethods."""

    body: dict[str, Any]

    @classmethod
    def food(
        cls,
        food_id: int,
        *,
        grams: float | None = None,
        portion_id: int | None = None,
        quantity: float = 1.0,
    ) -> ItemInput:
        if (grams is None) == (portion_id is None):
            raise ValueError("give grams or portion_id")
        if portion_id is not None:
            return cls({"food_id": food_id, "portion_id": portion_id, "quantity": quantity})
        return cls({"food_id": food_id, "grams": grams})

    @classmethod
    def recipe(
        cls, recipe_id: str, *, grams: float | None = None, servings: float = 1.0
    ) -> ItemInput:
        if grams is not None:
            return cls({"recipe_id": recipe_id, "grams": grams})
        return cls({"recipe_id": recipe_id, "quantity": servings})

    @classmethod
    def quick_add(
        cls,
        energy_kcal: float,
        *,
        protein_g: float = 0.0,
        fat_g: float = 0.0,
        carbohydrate_g: float = 0.0,
        name: str | None = None,
    ) -> ItemInput:
        quick: dict[str, Any] = {
            "energy_kcal": energy_kcal,
            "protein_g": protein_g,
            "fat_g": fat_g,
            "carbohydrate_g": carbohydrate_g,
        }
        if name:
            quick["name"] = name
        return cls({"quick_add": quick})


def new_idempotency_key() -> str:
    """One per user action (make it when the add dialog opens, reuse it on retry)."""
    return uuid.uuid4().hex
