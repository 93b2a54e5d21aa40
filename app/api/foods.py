"""The foods of the nutrition service as the UI reads them (nutrients, portions, search pages,
the user's recent and frequent foods) and the private food it sends."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from app.api import parsing as p
from app.api.micronutrients import Micronutrient, readable_micronutrients

_CYRILLIC = re.compile("[\u0400-\u04ff]")


@dataclass(frozen=True)
class Nutrients:
    """Amounts for 100 g of a food or for a logged amount; None = unknown (not zero)."""

    energy_kcal: float | None = None
    energy_kj: float | None = None
    protein_g: float | None = None
    fat_g: float | None = None
    saturated_fat_g: float | None = None
    carbohydrate_g: float | None = None
    sugars_g: float | None = None
    fibre_g: float | None = None
    sodium_mg: float | None = None
    micronutrients: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> Nutrients:
        b = p.obj(data)
        return cls(
            energy_kcal=p.opt_num(b.get("energy_kcal")),
            energy_kj=p.opt_num(b.get("energy_kj")),
            protein_g=p.opt_num(b.get("protein_g")),
            fat_g=p.opt_num(b.get("fat_g")),
            saturated_fat_g=p.opt_num(b.get("saturated_fat_g")),
            carbohydrate_g=p.opt_num(b.get("carbohydrate_g")),
            sugars_g=p.opt_num(b.get("sugars_g")),
            fibre_g=p.opt_num(b.get("fibre_g")),
            sodium_mg=p.opt_num(b.get("sodium_mg")),
            micronutrients=p.numbers(b.get("micronutrients")),
        )

    @property
    def kcal(self) -> float:
        """Energy for display and sums (unknown counts as 0)."""
        return self.energy_kcal or 0.0

    def readable_micronutrients(self, *, known_only: bool = True) -> tuple[Micronutrient, ...]:
        return readable_micronutrients(self.micronutrients, known_only=known_only)


@dataclass(frozen=True)
class Portion:
    id: int
    amount: float
    description: str  # household measure, e.g. "medium (3\" dia)"
    grams: float  # weight of `amount` of it

    @classmethod
    def from_json(cls, data: Any) -> Portion:
        b = p.obj(data)
        return cls(
            p.whole(b.get("id")),
            p.num(b.get("amount"), 1.0),
            p.text(b.get("description")),
            p.num(b.get("grams")),
        )

    @property
    def label(self) -> str:
        """ "1 medium (182 g)"."""
        return f"{self.amount:g} {self.description} ({self.grams:g} g)"

    @property
    def grams_per_unit(self) -> float:
        return self.grams / self.amount if self.amount else self.grams


@dataclass(frozen=True)
class Food:
    id: int
    name: str
    brand: str | None
    category: str | None
    source: str  # "usda-sr28", "fdc", "off", "user"
    barcode: str | None
    private: bool  # the user's own food
    energy_derived: bool  # energy computed from macros (not on the label)
    quality_flags: tuple[str, ...]
    per_100g: Nutrients
    portions: tuple[Portion, ...]
    score: float | None = None  # search rank (search results only)
    other_names: tuple[str, ...] = ()  # common and Russian names (searchable aliases)

    @classmethod
    def from_json(cls, data: Any) -> Food:
        b = p.obj(data)
        return cls(
            id=p.whole(b.get("id")),
            name=p.text(b.get("name")),
            brand=p.opt_text(b.get("brand")),
            category=p.opt_text(b.get("category")),
            source=p.text(b.get("source")),
            barcode=p.opt_text(b.get("barcode")),
            private=p.flag(b.get("private")),
            energy_derived=p.flag(b.get("energy_derived")),
            quality_flags=p.texts(b.get("quality_flags")),
            per_100g=Nutrients.from_json(b.get("nutrients_per_100g")),
            portions=tuple(Portion.from_json(x) for x in p.items(b.get("portions"))),
            score=p.opt_num(b.get("score")),
            other_names=p.texts(b.get("other_names")),
        )

    def name_in(self, language: str) -> str:
        """The food's name in `language`: for Russian its first Cyrillic alias, if it has one."""
        if language == "ru":
            return next((n for n in self.other_names if _CYRILLIC.search(n)), self.name)
        return self.name

    @property
    def kcal_per_100g(self) -> float | None:
        return self.per_100g.energy_kcal

    @property
    def default_portion(self) -> Portion | None:
        """The first household measure the source lists (SR28's own order)."""
        return self.portions[0] if self.portions else None

    @property
    def kcal_per_default_portion(self) -> float | None:
        portion, kcal = self.default_portion, self.per_100g.energy_kcal
        if portion is None or kcal is None:
            return None
        return kcal * portion.grams / 100


@dataclass(frozen=True)
class FoodPage:
    items: tuple[Food, ...]
    next_cursor: str | None  # pass to `search_foods(cursor=...)` for the next page

    @classmethod
    def from_json(cls, data: Any) -> FoodPage:
        b = p.obj(data)
        return cls(
            tuple(Food.from_json(x) for x in p.items(b.get("items"))),
            p.opt_text(b.get("next_cursor")),
        )


@dataclass(frozen=True)
class UsedFood:
    """A food from the user's last 90 days (recent / frequent lists)."""

    id: int
    name: str
    brand: str | None
    source: str
    uses: int
    last_used: dt.datetime | None

    @classmethod
    def from_json(cls, data: Any) -> UsedFood:
        b = p.obj(data)
        return cls(
            id=p.whole(b.get("id")),
            name=p.text(b.get("name")),
            brand=p.opt_text(b.get("brand")),
            source=p.text(b.get("source")),
            uses=p.whole(b.get("uses")),
            last_used=p.opt_instant(b.get("last_used")),
        )


@dataclass(frozen=True)
class FoodInput:
    """A private food, per 100 g."""

    name: str
    energy_kcal: float
    protein_g: float = 0.0
    fat_g: float = 0.0
    carbohydrate_g: float = 0.0
    brand: str | None = None
    category: str | None = None
    saturated_fat_g: float | None = None
    sugars_g: float | None = None
    fibre_g: float | None = None
    sodium_mg: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v is not None}
