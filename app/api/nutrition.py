"""Typed client of the nutrition service (`/api/nutrition/*`): foods, the diary, recipes.
What it reads and sends: app/api/foods.py, diary.py, recipes.py (micronutrient names:
micronutrients.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from app.api import parsing as p
from app.api.diary import (
    DiaryChange,
    DiaryDay,
    ItemInput,
    MealGroup,
    NutritionReport,
    new_idempotency_key,
)
from app.api.errors import ValidationFailed
from app.api.foods import Food, FoodInput, FoodPage, Nutrients, UsedFood
from app.api.gateway import Authorized
from app.api.recipes import Recipe

API = "/api/nutrition"
SEARCH_PAGE_MAX = 50
USED_FOODS_MAX = 50


class NutritionApi:
    """One user's foods, diary and recipes."""

    def __init__(self, api: Authorized):
        self.api = api

    # ---- foods ----

    async def search_foods(
        self,
        q: str,
        *,
        limit: int = 20,
        cursor: str | None = None,
        source: str | None = None,
        category: str | None = None,
        lab_only: bool = False,
    ) -> FoodPage:
        """Ranked search (typos tolerated; generic foods first); `limit` ≤ 50; `lab_only`:
        only foods with laboratory values (USDA SR28, FoodData Central)."""
        params = {
            "q": q,
            "limit": min(limit, SEARCH_PAGE_MAX),
            "cursor": cursor,
            "source": source,
            "category": category,
            "lab_only": "true" if lab_only else None,
        }
        return FoodPage.from_json(await self.api.get(f"{API}/foods", params=params))

    async def food(self, food_id: int) -> Food:
        return Food.from_json(await self.api.get(f"{API}/foods/{food_id}"))

    async def food_by_barcode(self, code: str) -> Food:
        """EAN-13 / UPC-A digits; 422 ValidationFailed (field `code`) for a bad check digit,
        404 NotFound when no food has it."""
        digits = "".join(c for c in code if c.isdigit())
        if not 12 <= len(digits) <= 13 or len(digits) != len(code.strip().replace(" ", "")):
            raise ValidationFailed(
                status=422,
                code="invalid_barcode",
                message="Not an EAN-13/UPC-A barcode.",
                fields={"code": "12 or 13 digits"},
            )
        return Food.from_json(await self.api.get(f"{API}/foods/barcode/{digits}"))

    async def create_food(self, food: FoodInput) -> Food:
        return Food.from_json(await self.api.post(f"{API}/foods", json=food.to_json()))

    async def recent_foods(self, limit: int = 20) -> tuple[UsedFood, ...]:
        return await self._used("recent", limit)

    async def frequent_foods(self, limit: int = 20) -> tuple[UsedFood, ...]:
        return await self._used("frequent", limit)

    async def _used(self, order: str, limit: int) -> tuple[UsedFood, ...]:
        body = await self.api.get(
            f"{API}/foods-used/{order}", params={"limit": min(limit, USED_FOODS_MAX)}
        )
        return tuple(UsedFood.from_json(x) for x in p.items(p.obj(body).get("items")))

    # ---- diary ----

    async def diary(self, day: dt.date) -> DiaryDay:
        return DiaryDay.from_json(await self.api.get(f"{API}/diary/{day.isoformat()}"))

    async def log_meal(
        self,
        day: dt.date,
        meal_type: str,
        items: Iterable[ItemInput],
        *,
        note: str | None = None,
        idempotency_key: str | None = None,
    ) -> DiaryChange:
        """Log a meal of 1-100 items. Repeating a call with the same key logs it once."""
        payload: dict[str, Any] = {
            "date": day.isoformat(),
            "meal_type": meal_type,
            "items": [i.body for i in items],
        }
        if note is not None:
            payload["note"] = note
        body = await self.api.post(
            f"{API}/meals", json=payload, idempotency_key=idempotency_key or new_idempotency_key()
        )
        return DiaryChange.from_json(body)

    async def log_food(
        self,
        day: dt.date,
        meal_type: str,
        food_id: int,
        *,
        grams: float | None = None,
        portion_id: int | None = None,
        quantity: float = 1.0,
        idempotency_key: str | None = None,
    ) -> DiaryChange:
        item = ItemInput.food(food_id, grams=grams, portion_id=portion_id, quantity=quantity)
        return await self.log_meal(day, meal_type, [item], idempotency_key=idempotency_key)

    async def quick_add(
        self,
        day: dt.date,
        meal_type: str,
        energy_kcal: float,
        *,
        protein_g: float = 0.0,
        fat_g: float = 0.0,
        carbohydrate_g: float = 0.0,
        name: str | None = None,
        idempotency_key: str | None = None,
    ) -> DiaryChange:
        item = ItemInput.quick_add(
            energy_kcal, protein_g=protein_g, fat_g=fat_g, carbohydrate_g=carbohydrate_g, name=name
        )
        return await self.log_meal(day, meal_type, [item], idempotency_key=idempotency_key)

    async def log_recipe(
        self,
        day: dt.date,
        meal_type: str,
        recipe_id: str,
        *,
        servings: float = 1.0,
        grams: float | None = None,
        idempotency_key: str | None = None,
    ) -> DiaryChange:
        """A portion of a recipe: servings (needs the recipe's servings) or grams."""
        item = ItemInput.recipe(recipe_id, grams=grams, servings=servings)
        return await self.log_meal(day, meal_type, [item], idempotency_key=idempotency_key)

    async def update_item(
        self,
        item_id: str,
        *,
        grams: float | None = None,
        quantity: float | None = None,
        portion_id: int | None = None,
    ) -> DiaryChange:
        """New grams; or a new number of the item's portion; or another portion of its food
        (`portion_id`, with `quantity`, default 1). Quick adds have no amount (422)."""
        payload: dict[str, Any] = {"grams": grams, "quantity": quantity, "portion_id": portion_id}
        payload = {k: v for k, v in payload.items() if v is not None}
        return DiaryChange.from_json(await self.api.patch(f"{API}/items/{item_id}", json=payload))

    async def delete_item(self, item_id: str) -> Nutrients:
        """The day's new totals."""
        body = await self.api.delete(f"{API}/items/{item_id}")
        return Nutrients.from_json(p.obj(body).get("day_totals"))

    async def update_meal(
        self,
        meal_id: str,
        *,
        meal_type: str | None = None,
        note: str | None = None,
        day: dt.date | None = None,
    ) -> DiaryChange:
        """Rename, annotate or move a meal to another day."""
        payload: dict[str, Any] = {"meal_type": meal_type, "note": note, "date": p.iso(day)}
        payload = {k: v for k, v in payload.items() if v is not None}
        return DiaryChange.from_json(await self.api.patch(f"{API}/meals/{meal_id}", json=payload))

    async def delete_meal(self, meal_id: str) -> Nutrients:
        """The day's new totals."""
        body = await self.api.delete(f"{API}/meals/{meal_id}")
        return Nutrients.from_json(p.obj(body).get("day_totals"))

    async def copy_meal(
        self, meal_id: str, to_date: dt.date, *, meal_type: str | None = None
    ) -> DiaryChange:
        """A copy of the meal on `to_date` (as `meal_type`, default the same type)."""
        payload: dict[str, Any] = {"to_date": to_date.isoformat()}
        if meal_type:
            payload["meal_type"] = meal_type
        return DiaryChange.from_json(
            await self.api.post(f"{API}/meals/{meal_id}/copy", json=payload)
        )

    async def copy_meal_group(
        self, group: MealGroup, to_date: dt.date, *, meal_type: str | None = None
    ) -> Nutrients:
        """Copy every meal of a diary group ("breakfast") to `to_date`; that day's totals."""
        totals = Nutrients()
        for meal_id in group.meal_ids:
            totals = (await self.copy_meal(meal_id, to_date, meal_type=meal_type)).day_totals
        return totals

    async def copy_day(self, from_date: dt.date, to_date: dt.date) -> DiaryDay:
        """Every meal of `from_date` added to `to_date`; the target day as it is now."""
        body = await self.api.post(
            f"{API}/diary/{from_date.isoformat()}/copy", json={"to_date": to_date.isoformat()}
        )
        return DiaryDay.from_json(body)

    async def report(self, start: dt.date, end: dt.date) -> NutritionReport:
        params = {"from": start.isoformat(), "to": end.isoformat()}
        return NutritionReport.from_json(await self.api.get(f"{API}/reports", params=params))

    # ---- recipes ----

    async def create_recipe(
        self,
        name: str,
        ingredients: Iterable[tuple[int, float]],
        *,
        servings: float | None = None,
        cooked_weight_g: float | None = None,
    ) -> Recipe:
        """Ingredients as (food_id, grams); nutrients per 100 g use the cooked weight."""
        payload: dict[str, Any] = {
            "name": name,
            "ingredients": [{"food_id": f, "grams": g} for f, g in ingredients],
        }
        if servings is not None:
            payload["servings"] = servings
        if cooked_weight_g is not None:
            payload["cooked_weight_g"] = cooked_weight_g
        return Recipe.from_json(await self.api.post(f"{API}/recipes", json=payload))

    async def recipe(self, recipe_id: str) -> Recipe:
        return Recipe.from_json(await self.api.get(f"{API}/recipes/{recipe_id}"))

    async def recipes(self) -> tuple[Recipe, ...]:
        """The user's recipes, oldest first."""
        body = await self.api.get(f"{API}/recipes")
        return tuple(Recipe.from_json(x) for x in p.items(p.obj(body).get("items")))
