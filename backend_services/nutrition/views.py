"""How foods, meals, days and recipes are answered: read in the caller's transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy.orm import Session

from backend_services.kernel.errors import InvalidInput, NotFound

from . import repository as repo
from .domain import ALIAS_SEPARATOR, HUNDRED, Nutrients, quantize
from .water_fasting import day_water


def food_public(row: Any, portions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        # common and Russian names (searchable): "oatmeal", "овсянка", ...
        "other_names": [n for n in (row.aliases or "").split(ALIAS_SEPARATOR) if n],
        "brand": row.brand,
        "category": row.category,
        "source": row.source,
        "barcode": row.barcode,
        "private": row.owner_id is not None,
        "energy_derived": row.energy_derived,
        "quality_flags": list(row.quality_flags or []),
        "nutrients_per_100g": repo.food_nutrients(row).to_json(),
        "portions": portions or [],
    }


def item_public(row: Any) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "food_id": row.food_id,
        "recipe_id": str(row.recipe_id) if row.recipe_id else None,
        "portion_id": row.portion_id,
        "quantity": None if row.quantity is None else float(row.quantity),
        "grams": None if row.grams is None else float(row.grams),
        "name": row.name,
        "nutrients": row.nutrients,
    }


def meal_public(meal: Any, items: list[Any]) -> dict[str, Any]:
    totals = Nutrients.total(Nutrients.from_json(i.nutrients) for i in items)
    return {
        "id": str(meal.id),
        "date": meal.day.isoformat(),
        "meal_type": meal.meal_type,
        "note": meal.note,
        "items": [item_public(i) for i in items],
        "totals": totals.to_json(),
    }


def day_view(session: Session, user_id: str, day: dt.date) -> dict[str, Any]:
    meals = repo.meals_on(session, user_id, day)
    items = repo.items_of(session, [m.id for m in meals])
    by_meal: dict[UUID, list[Any]] = {}
    for item in items:
        by_meal.setdefault(item.meal_id, []).append(item)
    public = [meal_public(m, by_meal.get(m.id, [])) for m in meals]
    totals = Nutrients.total(Nutrients.from_json(i.nutrients) for i in items)
    return {
        "date": day.isoformat(),
        "meals": public,
        "totals": totals.to_json(),
        "water": day_water(session, user_id, day),
    }


def meal_view(session: Session, user_id: str, meal_id: UUID) -> dict[str, Any]:
    meal = repo.get_meal(session, meal_id, user_id)
    if meal is None:
        raise NotFound("No such meal.")
    return meal_public(meal, repo.items_of(session, [meal_id]))


def recipe_nutrition(
    session: Session, user_id: str, recipe_id: UUID, *, field: str = "recipe_id"
) -> dict[str, Any]:
    """Per-100 g and per-serving nutrients: the ingredients' sum over the cooked weight (or
    the raw weight when no cooked weight is given), and over the number of servings."""
    recipe = repo.get_recipe(session, recipe_id, user_id)
    if recipe is None:
        raise (
            InvalidInput("Unknown recipe.", fields={field: "no such recipe"})
            if field != "id"
            else NotFound("No such recipe.")
        )
    rows = repo.recipe_ingredient_rows(session, recipe_id)
    total = Nutrients.total(repo.food_nutrients(r).scaled(r.grams) for r in rows)
    raw_weight = sum((r.grams for r in rows), Decimal(0))
    weight = recipe.cooked_weight_g or raw_weight
    serving_g = quantize(weight / recipe.servings) if recipe.servings else None
    return {
        "id": str(recipe.id),
        "name": recipe.name,
        "servings": None if recipe.servings is None else float(recipe.servings),
        "cooked_weight_g": None
        if recipe.cooked_weight_g is None
        else float(recipe.cooked_weight_g),
        "ingredients": [
            {"food_id": r.food_id, "name": r.name, "grams": float(r.grams)} for r in rows
        ],
        "total": total.to_json(),
        "per_100g": total.scaled(HUNDRED * HUNDRED / weight).to_json() if weight else None,
        "serving_g": serving_g,
        "per_serving": total.scaled(HUNDRED / recipe.servings).to_json()
        if recipe.servings
        else None,
    }
