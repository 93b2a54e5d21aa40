"""Typed client of the nutrition service (`/api/nutrition/*`): foods, the diary, recipes.

Longer than most modules: it carries the micronutrient names table the diary needs (the
service answers USDA tag keys such as `vitc_mg`, not words).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.api import parsing as p
from app.api.errors import ValidationFailed
from app.api.gateway import Authorized

API = "/api/nutrition"
# The diary's four meals, in display order. The service takes any name (up to 40 chars);
# these are the ones the UI writes.
MEAL_TYPES = ("breakfast", "lunch", "dinner", "snack")
SEARCH_PAGE_MAX = 50
USED_FOODS_MAX = 50

# USDA SR28 tag keys (`<tagname>_<unit>`, as the importer stores them) → readable name and
# unit, in the order a nutrition label lists them. Keys not here are shown only on request.
MICRONUTRIENTS: dict[str, tuple[str, str]] = {
    "chole_mg": ("Cholesterol", "mg"),
    "fatrn_g": ("Trans fat", "g"),
    "fams_g": ("Monounsaturated fat", "g"),
    "fapu_g": ("Polyunsaturated fat", "g"),
    "k_mg": ("Potassium", "mg"),
    "ca_mg": ("Calcium", "mg"),
    "fe_mg": ("Iron", "mg"),
    "mg_mg": ("Magnesium", "mg"),
    "p_mg": ("Phosphorus", "mg"),
    "zn_mg": ("Zinc", "mg"),
    "cu_mg": ("Copper", "mg"),
    "mn_mg": ("Manganese", "mg"),
    "se_ug": ("Selenium", "µg"),
    "vita_rae_ug": ("Vitamin A", "µg"),
    "vitc_mg": ("Vitamin C", "mg"),
    "vitd_ug": ("Vitamin D", "µg"),
    "tocpha_mg": ("Vitamin E", "mg"),
    "vitk1_ug": ("Vitamin K", "µg"),
    "thia_mg": ("Thiamin (B1)", "mg"),
    "ribf_mg": ("Riboflavin (B2)", "mg"),
    "nia_mg": ("Niacin (B3)", "mg"),
    "pantac_mg": ("Pantothenic acid (B5)", "mg"),
    "vitb6a_mg": ("Vitamin B6", "mg"),
    "foldfe_ug": ("Folate (DFE)", "µg"),
    "vitb12_ug": ("Vitamin B12", "µg"),
    "choln_mg": ("Choline", "mg"),
    "caffn_mg": ("Caffeine", "mg"),
    "alc_g": ("Alcohol", "g"),
    "water_g": ("Water", "g"),
}
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_UNITS = {"ug": "µg", "mg": "mg", "g": "g", "kcal": "kcal", "kj": "kJ", "iu": "IU"}


@dataclass(frozen=True)
class Micronutrient:
    key: str  # the service's key, e.g. "vitc_mg"
    name: str  # "Vitamin C"
    amount: float
    unit: str  # "mg", "µg", ...


def micronutrient_label(key: str) -> tuple[str, str]:
    """(readable name, unit) for a service key; unknown keys get a tidied version of it."""
    if key in MICRONUTRIENTS:
        return MICRONUTRIENTS[key]
    stem, _, unit = key.rpartition("_")
    if not stem:
        return key, ""
    return stem.replace("_", " ").capitalize(), _UNITS.get(unit.lower(), unit)


def readable_micronutrients(
    amounts: Mapping[str, float], *, known_only: bool = True
) -> tuple[Micronutrient, ...]:
    """The amounts as labelled rows: the known ones in label order, then (optionally) the rest."""
    rows = [
        Micronutrient(key, *_name_unit_amount(key, amounts[key]))
        for key in MICRONUTRIENTS
        if key in amounts
    ]
    if not known_only:
        rows += [
            Micronutrient(key, *_name_unit_amount(key, value))
            for key, value in sorted(amounts.items())
            if key not in MICRONUTRIENTS
        ]
    return tuple(rows)


def _name_unit_amount(key: str, amount: float) -> tuple[str, float, str]:
    name, unit = micronutrient_label(key)
    return name, amount, unit


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


def new_idempotency_key() -> str:
    """One per user action (make it when the add dialog opens, reuse it on retry)."""
    return uuid.uuid4().hex


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
