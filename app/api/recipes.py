"""The user's recipes as the UI reads them: ingredients, totals, per 100 g and per serving."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.foods import Nutrients


@dataclass(frozen=True)
class RecipeIngredient:
    food_id: int
    name: str
    grams: float


@dataclass(frozen=True)
class Recipe:
    id: str
    name: str
    servings: float | None
    cooked_weight_g: float | None
    ingredients: tuple[RecipeIngredient, ...]
    total: Nutrients
    per_100g: Nutrients | None  # of the cooked dish (raw weight when not given)
    serving_g: float | None
    per_serving: Nutrients | None

    @classmethod
    def from_json(cls, data: Any) -> Recipe:
        b = p.obj(data)
        per_100g, per_serving = b.get("per_100g"), b.get("per_serving")
        return cls(
            id=p.text(b.get("id")),
            name=p.text(b.get("name")),
            servings=p.opt_num(b.get("servings")),
            cooked_weight_g=p.opt_num(b.get("cooked_weight_g")),
            ingredients=tuple(
                RecipeIngredient(
                    p.whole(p.obj(i).get("food_id")),
                    p.text(p.obj(i).get("name")),
                    p.num(p.obj(i).get("grams")),
                )
                for i in p.items(b.get("ingredients"))
            ),
            total=Nutrients.from_json(b.get("total")),
            per_100g=Nutrients.from_json(per_100g) if per_100g else None,
            serving_g=p.opt_num(b.get("serving_g")),
            per_serving=Nutrients.from_json(per_serving) if per_serving else None,
        )
