"""Importing the nutrition part of a FitLedger export (``GET /export``) into the caller's
account: private foods, recipes and the diary, in the caller's one transaction.

The document's ids are the old account's: every record gets an id of its own here, derived
from the caller and the old id (uuid5), so importing the same file again finds its records
and adds nothing. Diary items and recipe ingredients that name a private food or a recipe of
the file point at its new id; a public food is found by its id, else by its source's identity
(``public_foods``); an item whose public food this instance lacks keeps its name and stored
nutrients without a food. docs/export-format.md describes every field.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator
from sqlalchemy.orm import Session

from backend_services.kernel.dates import Instant, IsoDate
from backend_services.kernel.errors import InvalidInput
from backend_services.kernel.export_format import ExportFormat

from . import repository as repo
from . import water_fasting_domain as fasting
from . import water_fasting_repository as water_repo
from .domain import ALIAS_SEPARATOR, CORE, Nutrients, impossible_fields
from .models import Grams, MealType, Name, Note, Strict
from .service import record_meal_change
from .views import recipe_nutrition
from .water_fasting_schemas import DrinkMl, GoalMl, TargetHours

NAMESPACE = uuid.UUID("6f1d7a52-2c1e-4d8e-9a57-3b0f7c9e1a11")

Text200 = Annotated[str, StringConstraints(max_length=200)]
Amount = Annotated[float, Field(ge=0, le=1_000_000, allow_inf_nan=False)]
OldId = Annotated[str, StringConstraints(min_length=1, max_length=64)]
FoodId = Annotated[int, Field(gt=0, lt=2**62)]


class NutrientsIn(Strict):
    energy_kcal: Amount | None = None
    protein_g: Amount | None = None
    fat_g: Amount | None = None
    saturated_fat_g: Amount | None = None
    carbohydrate_g: Amount | None = None
    sugars_g: Amount | None = None
    fibre_g: Amount | None = None
    sodium_mg: Amount | None = None
    energy_kj: Amount | None = None
    micronutrients: Annotated[dict[Text200, Amount | None], Field(max_length=200)] = {}


class PortionIn(Strict):
    id: FoodId
    amount: Amount
    description: Text200
    grams: Amount


class FoodIn(Strict):
    """A food as the export shows it; only private ones are in ``foods``."""

    id: FoodId
    name: Name
    other_names: Annotated[list[Text200], Field(max_length=50)] = []
    brand: Text200 | None = None
    category: Text200 | None = None
    source: Text200
    barcode: Annotated[str, StringConstraints(max_length=32)] | None = None
    private: bool
    energy_derived: bool = False
    quality_flags: Annotated[list[Text200], Field(max_length=20)] = []
    nutrients_per_100g: NutrientsIn
    portions: Annotated[list[PortionIn], Field(max_length=0)] = []


class PublicFoodIn(Strict):
    id: FoodId
    source: Text200
    source_id: Text200
    name: Name
    brand: Text200 | None = None
    barcode: Annotated[str, StringConstraints(max_length=32)] | None = None


class IngredientIn(Strict):
    food_id: FoodId
    name: Name
    grams: Grams


class RecipeIn(Strict):
    id: OldId
    name: Name
    servings: Annotated[Decimal, Field(gt=0, le=1000, decimal_places=2)] | None = None
    cooked_weight_g: Annotated[Decimal, Field(gt=0, le=100000, decimal_places=2)] | None = None
    ingredients: Annotated[list[IngredientIn], Field(min_length=1, max_length=100)]
    # computed from the ingredients: read, not imported
    total: NutrientsIn | None = None
    per_100g: NutrientsIn | None = None
    serving_g: Amount | None = None
    per_serving: NutrientsIn | None = None


class ItemIn(Strict):
    id: OldId
    food_id: FoodId | None = None
    recipe_id: OldId | None = None
    portion_id: FoodId | None = None
    quantity: Annotated[Decimal, Field(gt=0, le=100, decimal_places=3)] | None = None
    grams: Annotated[Decimal, Field(ge=0, le=5000, decimal_places=2)] | None = None
    name: Name
    nutrients: NutrientsIn


class MealIn(Strict):
    id: OldId
    date: IsoDate
    meal_type: MealType
    note: Note | None = None
    items: Annotated[list[ItemIn], Field(max_length=100)]
    totals: NutrientsIn | None = None  # the items' sum: read, not imported


class WaterIn(Strict):
    """The day's water as the diary shows it: read, not imported (docs/export-format.md)."""

    total_ml: Annotated[int, Field(ge=0, le=100_000)]
    goal_ml: Annotated[int, Field(ge=0, le=100_000)]
    goal_is_default: bool = True


class DayIn(Strict):
    date: IsoDate
    meals: Annotated[list[MealIn], Field(max_length=50)]
    totals: NutrientsIn | None = None
    water: WaterIn | None = None


class DrinkIn(Strict):
    id: OldId
    date: IsoDate
    amount_ml: DrinkMl
    logged_at: Instant


class WaterExportIn(Strict):
    goal_ml: GoalMl | None = None
    drinks: Annotated[list[DrinkIn], Field(max_length=50_000)] = []


class FastIn(Strict):
    id: OldId
    protocol: fasting.Protocol
    target_hours: TargetHours
    started_at: Instant
    ended_at: Instant | None = None

    @model_validator(mode="after")
    def _possible(self) -> FastIn:
        if self.protocol != "custom" and self.target_hours != fasting.PROTOCOL_HOURS[self.protocol]:
            raise ValueError(f"{self.protocol} fasts for {fasting.PROTOCOL_HOURS[self.protocol]} h")
        end = self.ended_at
        if end is not None and not (
            self.started_at < end <= self.started_at + dt.timedelta(hours=fasting.MAX_FAST_HOURS)
        ):
            raise ValueError(f"ended_at: after started_at, within {fasting.MAX_FAST_HOURS} h")
        return self


class NutritionImport(Strict):
    """The nutrition part of ``fitledger-export/1`` (``services.nutrition.export``)."""

    format: ExportFormat
    user_id: Text200 | None = None  # the old account's: not imported
    exported_at: Text200 | None = None
    diary: Annotated[list[DayIn], Field(max_length=3660)] = []
    foods: Annotated[list[FoodIn], Field(max_length=2000)] = []
    recipes: Annotated[list[RecipeIn], Field(max_length=500)] = []
    public_foods: Annotated[list[PublicFoodIn], Field(max_length=5000)] = []
    water: WaterExportIn = WaterExportIn()
    fasts: Annotated[list[FastIn], Field(max_length=5000)] = []


def new_id(user_id: str, kind: str, old: str | int) -> uuid.UUID:
    """The record's id in the caller's account: the same for the same file every time."""
    return uuid.uuid5(NAMESPACE, f"{user_id}:{kind}:{old}")


class _NewIds:
    """Ids in the caller's account. In a file of the caller's own account, a meal or recipe
    still there keeps its id (it is found, not copied); a deleted one comes back."""

    def __init__(self, session: Session, user_id: str, body: NutritionImport):
        self.session = session
        self.user_id = user_id
        self.own = body.user_id == user_id

    def __call__(self, kind: str, old: str) -> uuid.UUID:
        if self.own:
            try:
                mine = uuid.UUID(old)
            except ValueError:
                mine = None
            if mine is not None and self._mine(kind, mine):
                return mine
        return new_id(self.user_id, kind, old)

    def _mine(self, kind: str, record: uuid.UUID) -> bool:
        if kind == "meal":
            return repo.get_meal(self.session, record, self.user_id) is not None
        return kind == "recipe" and repo.get_recipe(self.session, record, self.user_id) is not None


def _nutrients(data: NutrientsIn) -> Nutrients:
    return Nutrients.from_json(data.model_dump())


def _private_foods(session: Session, user_id: str, body: NutritionImport) -> tuple[dict, int]:
    """Old id -> new id of the file's private foods; creates the missing ones."""
    mapping: dict[int, int] = {}
    created = 0
    for food in body.foods:
        if not food.private:
            raise InvalidInput(
                "Only private foods are imported.", fields={f"foods.{food.id}": "not private"}
            )
        source_id = new_id(user_id, "food", food.id).hex
        known = repo.private_food_by_source_id(session, user_id, source_id)
        if known is None and body.user_id == user_id:
            row = repo.get_food(session, food.id, user_id)
            known = food.id if row is not None and row.owner_id == user_id else None
        if known is not None:
            mapping[food.id] = known
            continue
        per_100g = _nutrients(food.nutrients_per_100g)
        impossible = impossible_fields(per_100g)
        if impossible:  # as a private food made by hand (service._create_food)
            raise InvalidInput(
                "These values cannot be real for 100 g of a food.",
                fields={f"foods.{food.id}.{name}": why for name, why in impossible.items()},
            )
        mapping[food.id] = repo.insert_food(
            session,
            {
                "name": food.name,
                "brand": food.brand,
                "category": food.category,
                "barcode": food.barcode,
                "aliases": ALIAS_SEPARATOR.join(food.other_names),
                **{name: getattr(per_100g, name) for name in CORE},
                "energy_kj": per_100g.energy_kj,
                "micronutrients": per_100g.to_json()["micronutrients"],
                "source": "user",
                "source_id": source_id,
                "owner_id": user_id,
                "licence": "private (user-entered)",
                "energy_derived": food.energy_derived,
                "quality_flags": list(food.quality_flags),
                "commonly_eaten": False,
            },
        )
        created += 1
    return mapping, created


def _public_food(session: Session, food_id: int, identities: dict[int, PublicFoodIn]) -> int | None:
    """This instance's id of a public food the file names (None: not here)."""
    identity = identities.get(food_id)
    if identity is not None:
        found = repo.public_food_by_source(session, identity.source, identity.source_id)
        if found is not None:
            return found
    row = repo.get_food(session, food_id, "")
    if row is not None and row.owner_id is None and (identity is None or row.name == identity.name):
        return int(row.id)
    return None


class _Foods:
    """Resolves the file's food ids to this account's."""

    def __init__(self, session: Session, private: dict[int, int], body: NutritionImport):
        self.session = session
        self.private = private
        self.identities = {f.id: f for f in body.public_foods}
        self.public: dict[int, int | None] = {}

    def __call__(self, food_id: int) -> int | None:
        if food_id in self.private:
            return self.private[food_id]
        if food_id not in self.public:
            self.public[food_id] = _public_food(self.session, food_id, self.identities)
        return self.public[food_id]


def _recipes(
    session: Session, user_id: str, body: NutritionImport, foods: _Foods, now: dt.datetime
) -> tuple[dict[str, uuid.UUID], int]:
    mapping: dict[str, uuid.UUID] = {}
    created = 0
    ids = _NewIds(session, user_id, body)
    for index, recipe in enumerate(body.recipes):
        recipe_id = mapping[recipe.id] = ids("recipe", recipe.id)
        if repo.get_recipe(session, recipe_id, user_id) is not None:
            continue
        ingredients = []
        for n, ingredient in enumerate(recipe.ingredients):
            food_id = foods(ingredient.food_id)
            if food_id is None:
                raise InvalidInput(
                    "A recipe's ingredient is not a food of this FitLedger.",
                    fields={f"recipes.{index}.ingredients.{n}.food_id": "unknown food"},
                )
            ingredients.append(
                {
                    "id": new_id(user_id, f"ingredient:{recipe.id}", n),
                    "recipe_id": recipe_id,
                    "food_id": food_id,
                    "grams": ingredient.grams,
                    "position": n,
                }
            )
        repo.insert_recipe(
            session,
            {
                "id": recipe_id,
                "owner_id": user_id,
                "name": recipe.name,
                "servings": recipe.servings,
                "cooked_weight_g": recipe.cooked_weight_g,
                # the file's order is the list's order (oldest first)
                "created_at": now + dt.timedelta(microseconds=index),
                "updated_at": now,
            },
            ingredients,
        )
        created += 1
    return mapping, created


def _item_row(
    ids: _NewIds,
    meal_id: uuid.UUID,
    position: int,
    item: ItemIn,
    foods: _Foods,
    recipes: dict[str, uuid.UUID],
) -> dict[str, Any]:
    user_id = ids.user_id
    food_id = None if item.food_id is None else foods(item.food_id)
    recipe_id = None
    if item.recipe_id is not None:
        if item.recipe_id not in recipes:
            raise InvalidInput(
                "A diary item names a recipe the file does not hold.",
                fields={f"items.{item.id}.recipe_id": "not in recipes"},
            )
        recipe_id = recipes[item.recipe_id]
    portion_id = item.portion_id if food_id is not None and food_id == item.food_id else None
    return {
        "id": new_id(user_id, "item", f"{meal_id}/{position}"),  # unique in its new meal
        "meal_id": meal_id,
        "user_id": user_id,
        "position": position,
        "food_id": food_id,
        "recipe_id": recipe_id,
        "portion_id": portion_id,
        "quantity": item.quantity,
        "grams": item.grams,
        "name": item.name,
        "nutrients": _nutrients(item.nutrients).to_json(),
    }


def import_nutrition(
    session: Session, user_id: str, body: NutritionImport, now: dt.datetime
) -> dict[str, int]:
    """Everything of ``body`` the account does not hold yet; answers the counts added."""
    private, foods_added = _private_foods(session, user_id, body)
    foods = _Foods(session, private, body)
    recipes, recipes_added = _recipes(session, user_id, body, foods, now)
    meals_added = items_added = 0
    order = 0
    ids = _NewIds(session, user_id, body)
    for day in body.diary:
        for meal in day.meals:
            order += 1
            meal_id = ids("meal", meal.id)
            if repo.get_meal(session, meal_id, user_id) is not None:
                continue
            repo.insert_meal(
                session,
                {
                    "id": meal_id,
                    "user_id": user_id,
                    "day": meal.date,
                    "meal_type": meal.meal_type,
                    "note": meal.note,
                    "created_at": now + dt.timedelta(microseconds=order),
                    "updated_at": now,
                },
            )
            rows = [
                _item_row(ids, meal_id, n, item, foods, recipes)
                for n, item in enumerate(meal.items)
            ]
            repo.insert_items(session, [{**r, "created_at": now} for r in rows])
            added = [Nutrients.from_json(r["nutrients"]) for r in rows]
            record_meal_change(session, user_id, "logged", meal_id, meal.date, added=added)
            meals_added += 1
            items_added += len(rows)
    for recipe_id in recipes.values():
        recipe_nutrition(session, user_id, recipe_id, field="id")  # every recipe reads back
    drinks_added, fasts_added = _water_and_fasts(session, user_id, body)
    return {
        "foods": foods_added,
        "recipes": recipes_added,
        "meals": meals_added,
        "items": items_added,
        "drinks": drinks_added,
        "fasts": fasts_added,
    }


def _record_id(user_id: str, body: NutritionImport, kind: str, old: str) -> uuid.UUID:
    """A drink's or fast's id here: its own in a file of this account (so one deleted comes
    back and one still there is found), else derived from the caller and the old id."""
    if body.user_id == user_id:
        try:
            return uuid.UUID(old)
        except ValueError:
            pass
    return new_id(user_id, kind, old)


def _water_and_fasts(session: Session, user_id: str, body: NutritionImport) -> tuple[int, int]:
    """The water goal, drinks and fasts the account does not hold yet; answers the counts.
    A fast that overlaps one already here, or a second running one, is left out."""
    if body.water.goal_ml is not None:
        water_repo.set_water_goal(session, user_id, body.water.goal_ml)
    drinks = sum(
        water_repo.add_drink_once(
            session,
            {
                "id": _record_id(user_id, body, "drink", d.id),
                "user_id": user_id,
                "day": d.date,
                "amount_ml": d.amount_ml,
                "logged_at": d.logged_at,
            },
        )
        for d in body.water.drinks
    )
    fasts = 0
    for f in body.fasts:
        fast_id = _record_id(user_id, body, "fast", f.id)
        if water_repo.get_fast(session, user_id, fast_id) is not None:
            continue
        if water_repo.overlapping_fast(session, user_id, f.started_at, f.ended_at) is not None:
            continue
        row = {
            "id": fast_id,
            "user_id": user_id,
            "protocol": f.protocol,
            "target_hours": f.target_hours,
            "started_at": f.started_at,
            "ended_at": f.ended_at,
        }
        fasts += water_repo.add_fast_once(session, row)
    return drinks, fasts
