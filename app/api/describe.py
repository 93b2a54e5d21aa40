"""Typed client of `POST /api/nutrition/describe`: a phrase to diary items to confirm."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.diary import ItemInput
from app.api.gateway import Authorized
from app.api.nutrition import API


@dataclass(frozen=True)
class DescribedItem:
    text: str  # the words it came from
    food_name: str
    amount: str  # "2 medium (88 g)"
    grams: float
    energy_kcal: float
    assumption: str  # "" when nothing was assumed
    goes_with: str
    alternatives: tuple[str, ...]
    item: ItemInput  # what logging it sends

    @classmethod
    def from_json(cls, data: Any) -> DescribedItem:
        b = p.obj(data)
        food = p.obj(b.get("food"))
        return cls(
            text=p.text(b.get("text")),
            food_name=p.text(food.get("name")),
            amount=p.text(b.get("amount")),
            grams=p.num(b.get("grams")),
            energy_kcal=p.num(b.get("energy_kcal")),
            assumption=p.text(b.get("assumption")),
            goes_with=p.text(b.get("goes_with")),
            alternatives=tuple(
                p.text(p.obj(other).get("name")) for other in p.items(b.get("alternatives"))
            ),
            item=ItemInput(dict(p.obj(b.get("log_item")))),
        )


@dataclass(frozen=True)
class Described:
    items: tuple[DescribedItem, ...]
    unmatched: tuple[str, ...]  # the words no food was found for
    energy_kcal: float

    @classmethod
    def from_json(cls, data: Any) -> Described:
        b = p.obj(data)
        return cls(
            items=tuple(DescribedItem.from_json(i) for i in p.items(b.get("items"))),
            unmatched=tuple(p.text(p.obj(u).get("text")) for u in p.items(b.get("unmatched"))),
            energy_kcal=p.num(b.get("energy_kcal")),
        )


async def describe(api: Authorized, text: str) -> Described:
    """Nothing is saved; 422 ValidationFailed (field `text`) for an unreadable phrase."""
    return Described.from_json(await api.post(f"{API}/describe", json={"text": text}))
