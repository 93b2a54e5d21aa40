"""Nutrition use cases: foods, diary, recipes, reports. ``NutritionService`` owns each use
case's transaction (unit of work); the diary's changes write their event to the outbox in it.
The module's functions below it run inside that transaction (``session``)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable
from decimal import Decimal
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from uuid import UUID

from fastapi.encoders import jsonable_encoder
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backend_services.kernel.business_metrics import (
    CALORIES_LOGGED,
    FOOD_ITEMS_LOGGED,
    MEALS_LOGGED,
    on_commit,
)
from backend_services.kernel.contracts import DayTotals
from backend_services.kernel.db import unit_of_work
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound
from backend_services.kernel.messaging import add_to_outbox

from . import day_totals, phrase_resolver, reports
from . import repository as repo
from .domain import (
    CORE,
    Nutrients,
    barcode_forms,
    impossible_fields,
    quantize,
    stated_energy_flags,
)
from .events import MEAL_EVENTS, MealChange
from .models import (
    MESSAGING,
    FoodCreate,
    ItemIn,
    ItemUpdate,
    MealCreate,
    MealUpdate,
    RecipeCreate,
)
from .search import search_foods
from .views import day_view, food_public, meal_view, recipe_nutrition

if TYPE_CHECKING:
    from .account_import import NutritionImport

# ---- foods ----


def _get_food(session: Session, user_id: str, food_id: int) -> dict[str, Any]:
    row = repo.get_food(session, food_id, user_id)
    if row is None:
        raise NotFound("No such food.")
    return food_public(row, repo.portions_of(session, [row.id]).get(row.id))


def _create_food(session: Session, user_id: str, data: FoodCreate) -> dict[str, Any]:
    """A private food, checked as the importers check theirs: impossible values are refused,
    an energy far from the Atwater estimate is stored with a quality flag."""
    values = data.model_dump()
    per_100g = Nutrients.from_json({name: values.get(name) for name in CORE})
    impossible = impossible_fields(per_100g)
    if impossible:
        raise InvalidInput("These values cannot be real for 100 g of a food.", fields=impossible)
    values["energy_kj"] = per_100g.energy_kj
    food_id = repo.insert_food(
        session,
        {
            **values,
            "source": "user",
            "source_id": uuid.uuid4().hex,
            "owner_id": user_id,
            "licence": "private (user-entered)",
            "micronutrients": {},
            "energy_derived": False,
            "quality_flags": stated_energy_flags(per_100g),
        },
    )
    return _get_food(session, user_id, food_id)


# ---- diary ----


def _item_row(session: Session, user_id: str, item: ItemIn, index: int) -> dict[str, Any]:
    field = f"items.{index}"
    grams = item.grams
    if item.quick_add is not None:
        q = item.quick_add
        nutrients = Nutrients(
            energy_kcal=q.energy_kcal,
            protein_g=q.protein_g,
            fat_g=q.fat_g,
            carbohydrate_g=q.carbohydrate_g,
        )
        return {"name": q.name, "grams": None, "nutrients": nutrients}
    if item.recipe_id is not None:
        recipe = recipe_nutrition(session, user_id, item.recipe_id, field=f"{field}.recipe_id")
        if grams is None:
            if recipe["serving_g"] is None:
                raise InvalidInput("This recipe has no servings.", fields={field: "give grams"})
            grams = quantize(recipe["serving_g"] * (item.quantity or Decimal(1)))
        per100 = Nutrients.from_json(recipe["per_100g"])
        return {"name": recipe["name"], "grams": grams, "nutrients": per100.scaled(grams)}
    if item.food_id is None:  # ItemIn requires one of quick_add, recipe_id, food_id
        raise InvalidInput("Give a food, a recipe or a quick add.", fields={field: "required"})
    food = repo.get_food(session, item.food_id, user_id)
    if food is None:
        raise InvalidInput("Unknown food.", fields={f"{field}.food_id": "no such food"})
    if item.portion_id is not None:
        portion = repo.get_portion(session, item.portion_id)
        if portion is None or portion.food_id != food.id:
            raise InvalidInput(
                "Unknown portion.", fields={f"{field}.portion_id": "not a portion of this food"}
            )
        grams = quantize(portion.grams / portion.amount * (item.quantity or Decimal(1)))
    if grams is None:  # ItemIn requires grams or a portion for a food
        raise InvalidInput("Give grams or a portion.", fields={f"{field}.grams": "required"})
    return {"name": food.name, "grams": grams, "nutrients": repo.food_nutrients(food).scaled(grams)}


def record_meal_change(
    session: Session,
    user_id: str,
    kind: MealChange,
    meal_id: UUID,
    day: dt.date,
    *,
    added: Iterable[Nutrients] = (),
    removed: Iterable[Nutrients] = (),
) -> dict[str, Any]:
    """The day's running totals changed by the items ``added`` and ``removed``, and the
    change's event with them; answers the totals."""
    totals = day_totals.change(session, user_id, day, added=added, removed=removed).to_json()
    change = MEAL_EVENTS[kind](
        meal_id=meal_id, date=day, day_totals=DayTotals.model_validate(totals)
    )
    add_to_outbox(session, MESSAGING, change.event(user_id))
    return totals


def _add_items(
    session: Session, user_id: str, meal_id: UUID, items: list[ItemIn], start: int = 0
) -> list[Nutrients]:
    """Stores the items; answers their nutrients as stored (for the day's totals)."""
    rows = []
    for index, item in enumerate(items):
        resolved = _item_row(session, user_id, item, index)
        rows.append(
            {
                "id": uuid.uuid4(),
                "meal_id": meal_id,
                "user_id": user_id,
                "position": start + index,
                "food_id": item.food_id,
                "recipe_id": item.recipe_id,
                "portion_id": item.portion_id,
                "quantity": item.quantity,
                "grams": resolved["grams"],
                "name": resolved["name"],
                "nutrients": resolved["nutrients"].to_json(),
            }
        )
    repo.insert_items(session, rows)
    return [Nutrients.from_json(row["nutrients"]) for row in rows]


def _log_meal(session: Session, user_id: str, data: MealCreate) -> dict[str, Any]:
    meal_id = uuid.uuid4()
    repo.insert_meal(
        session,
        {
            "id": meal_id,
            "user_id": user_id,
            "day": data.date,
            "meal_type": data.meal_type,
            "note": data.note,
        },
    )
    added = _add_items(session, user_id, meal_id, data.items)
    totals = record_meal_change(session, user_id, "logged", meal_id, data.date, added=added)
    return {"meal": meal_view(session, user_id, meal_id), "day_totals": totals}


def _owned_meal(session: Session, user_id: str, meal_id: UUID) -> Any:
    meal = repo.get_meal(session, meal_id, user_id, lock=True)
    if meal is None:
        raise NotFound("No such meal.")
    return meal


def _update_meal(session: Session, user_id: str, meal_id: UUID, data: MealUpdate) -> dict[str, Any]:
    meal = _owned_meal(session, user_id, meal_id)
    changes = data.model_dump(exclude_unset=True)
    if "date" in changes:
        if changes["date"] is None:
            raise InvalidInput("The date is required.", fields={"date": "required"})
        changes["day"] = changes.pop("date")
    if changes.get("meal_type", "") is None:
        raise InvalidInput("The meal type is required.", fields={"meal_type": "required"})
    repo.update_meal(session, meal_id, changes)
    moved: list[Nutrients] = []
    if "day" in changes and changes["day"] != meal.day:
        moved = day_totals.of_items(repo.items_of(session, [meal_id]))
        record_meal_change(session, user_id, "updated", meal_id, meal.day, removed=moved)
    totals = record_meal_change(
        session, user_id, "updated", meal_id, changes.get("day", meal.day), added=moved
    )
    return {"meal": meal_view(session, user_id, meal_id), "day_totals": totals}


def _delete_meal(session: Session, user_id: str, meal_id: UUID) -> dict[str, Any]:
    meal = _owned_meal(session, user_id, meal_id)
    removed = day_totals.of_items(repo.items_of(session, [meal_id]))
    repo.delete_meal(session, meal_id)
    totals = record_meal_change(session, user_id, "deleted", meal_id, meal.day, removed=removed)
    return {"day_totals": totals}


def _update_item(session: Session, user_id: str, item_id: UUID, data: ItemUpdate) -> dict[str, Any]:
    item = repo.get_item(session, item_id, user_id)
    if item is None:
        raise NotFound("No such item.")
    meal = _owned_meal(session, user_id, item.meal_id)
    if item.grams is None:
        raise InvalidInput("A quick add has no amount to change.", fields={"grams": "not editable"})
    portion_id = item.portion_id
    if data.portion_id is not None:
        if data.grams is not None:
            raise InvalidInput("Give grams or a portion.", fields={"grams": "not with portion_id"})
        portion = repo.get_portion(session, data.portion_id)
        if item.food_id is None or portion is None or portion.food_id != item.food_id:
            raise InvalidInput(
                "Unknown portion.", fields={"portion_id": "not a portion of this food"}
            )
        portion_id, quantity = portion.id, data.quantity or Decimal(1)
        grams = quantize(portion.grams / portion.amount * quantity)
    elif (data.grams is None) == (data.quantity is None):
        raise InvalidInput("Give grams or quantity.", fields={"grams": "give grams or quantity"})
    elif data.grams is not None:
        grams = data.grams
        quantity = None
        portion_id = None  # an amount in grams is no longer a number of portions
    elif data.quantity is not None:
        per_unit = item.grams / (item.quantity or Decimal(1))
        grams, quantity = quantize(per_unit * data.quantity), data.quantity
    old = Nutrients.from_json(item.nutrients)
    nutrients = old.per_100g(item.grams).scaled(grams) if item.grams > 0 else old
    repo.update_item(
        session,
        item_id,
        {
            "grams": grams,
            "quantity": quantity,
            "portion_id": portion_id,
            "nutrients": nutrients.to_json(),
        },
    )
    totals = record_meal_change(
        session,
        user_id,
        "updated",
        meal.id,
        meal.day,
        added=[Nutrients.from_json(nutrients.to_json())],
        removed=[old],
    )
    return {"meal": meal_view(session, user_id, meal.id), "day_totals": totals}


def _delete_item(session: Session, user_id: str, item_id: UUID) -> dict[str, Any]:
    item = repo.get_item(session, item_id, user_id)
    if item is None:
        raise NotFound("No such item.")
    meal = _owned_meal(session, user_id, item.meal_id)
    repo.delete_item(session, item_id)
    totals = record_meal_change(
        session, user_id, "updated", meal.id, meal.day, removed=day_totals.of_items([item])
    )
    return {"day_totals": totals}


def _copy(
    session: Session, user_id: str, meal: Any, to_date: dt.date, meal_type: str | None
) -> tuple[UUID, list[Nutrients]]:
    """The copy's id and its items' nutrients."""
    new_id = uuid.uuid4()
    repo.insert_meal(
        session,
        {
            "id": new_id,
            "user_id": user_id,
            "day": to_date,
            "meal_type": meal_type or meal.meal_type,
            "note": meal.note,
        },
    )
    rows = [
        {
            **{c: getattr(i, c) for c in i._fields if c not in ("id", "meal_id", "created_at")},
            "id": uuid.uuid4(),
            "meal_id": new_id,
        }
        for i in repo.items_of(session, [meal.id])
    ]
    repo.insert_items(session, rows)
    return new_id, [Nutrients.from_json(row["nutrients"]) for row in rows]


def _copy_meal(
    session: Session, user_id: str, meal_id: UUID, to_date: dt.date, meal_type: str | None
) -> dict[str, Any]:
    meal = _owned_meal(session, user_id, meal_id)
    new_id, added = _copy(session, user_id, meal, to_date, meal_type)
    totals = record_meal_change(session, user_id, "logged", new_id, to_date, added=added)
    return {"meal": meal_view(session, user_id, new_id), "day_totals": totals}


def _copy_day(
    session: Session, user_id: str, from_date: dt.date, to_date: dt.date
) -> dict[str, Any]:
    copied = [
        _copy(session, user_id, m, to_date, None)
        for m in repo.meals_on(session, user_id, from_date)
    ]
    for new_id, added in copied:
        record_meal_change(session, user_id, "logged", new_id, to_date, added=added)
    return day_view(session, user_id, to_date)


def _used_foods(session: Session, user_id: str, order: str, limit: int) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "name": r.name,
            "brand": r.brand,
            "source": r.source,
            "uses": r.uses,
            "last_used": r.last_used.isoformat(),
        }
        for r in repo.used_foods(session, user_id, order, limit)
    ]


# ---- recipes ----


def _list_recipes(session: Session, user_id: str) -> list[dict[str, Any]]:
    """The user's recipes with their nutrients, oldest first (a user keeps a handful)."""
    return [
        recipe_nutrition(session, user_id, r.id, field="id")
        for r in repo.recipes_of(session, user_id)
    ]


def _create_recipe(session: Session, user_id: str, data: RecipeCreate) -> dict[str, Any]:
    recipe_id = uuid.uuid4()
    for index, ingredient in enumerate(data.ingredients):
        if repo.get_food(session, ingredient.food_id, user_id) is None:
            raise InvalidInput(
                "Unknown food.", fields={f"ingredients.{index}.food_id": "no such food"}
            )
    repo.insert_recipe(
        session,
        {
            "id": recipe_id,
            "owner_id": user_id,
            "name": data.name,
            "servings": data.servings,
            "cooked_weight_g": data.cooked_weight_g,
        },
        [
            {
                "id": uuid.uuid4(),
                "recipe_id": recipe_id,
                "food_id": i.food_id,
                "grams": i.grams,
                "position": n,
            }
            for n, i in enumerate(data.ingredients)
        ],
    )
    return recipe_nutrition(session, user_id, recipe_id, field="id")


# ---- the use cases ----


class NutritionService:
    """Every use case in its own transaction, committed before the caller answers."""

    def __init__(self, engine: Engine):
        self.engine = engine

    # foods
    def search_foods(
        self,
        user_id: str,
        *,
        q: str,
        category: str | None,
        source: str | None,
        limit: int,
        cursor: str | None,
        lab_only: bool = False,
    ) -> dict[str, Any]:
        """One page of foods ranked for ``q``; ``next_cursor`` continues it."""
        offset = _offset(cursor)
        with unit_of_work(self.engine) as session:
            rows = search_foods(
                session,
                q=q,
                user_id=user_id,
                category=category,
                source=source,
                limit=limit,
                offset=offset,
                lab_only=lab_only,
            )
            more = len(rows) > limit
            rows = rows[:limit]
            portions = repo.portions_of(session, [r["id"] for r in rows])
        items = [
            food_public(SimpleNamespace(**r), portions.get(r["id"]))
            | {"score": round(float(r["score"]), 3)}
            for r in rows
        ]
        return {"items": items, "next_cursor": _cursor(offset + limit) if more else None}

    def nutrient_definitions(self) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return {"nutrients": {n.key: n.to_json() for n in repo.nutrient_definitions(session)}}

    def food_by_barcode(self, user_id: str, code: str) -> dict[str, Any]:
        forms = barcode_forms(code)
        if not forms:
            raise InvalidInput(
                "Not an EAN-13, UPC-A, EAN-8 or UPC-E barcode.",
                fields={"code": "bad check digit or length"},
            )
        with unit_of_work(self.engine) as session:
            row = repo.food_by_barcode(session, forms, user_id)
            if row is None:
                raise NotFound("No food with this barcode.")
            return food_public(row, repo.portions_of(session, [row.id]).get(row.id))

    def get_food(self, user_id: str, food_id: int) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return _get_food(session, user_id, food_id)

    def create_food(self, user_id: str, data: FoodCreate) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return _create_food(session, user_id, data)

    # the diary
    def describe(self, user_id: str, text: str) -> dict[str, Any]:
        """A phrase in words as diary items to confirm; nothing is saved."""
        with unit_of_work(self.engine) as session:
            return phrase_resolver.describe(session, user_id, text)

    def log_meal(
        self, user_id: str, data: MealCreate, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """The logged meal and the day's totals. A repeated ``idempotency_key`` answers what
        the first request answered (and logs nothing); with another body it is a conflict."""
        with unit_of_work(self.engine) as session:
            if idempotency_key is None:
                return _counted(session, _log_meal(session, user_id, data))
            digest = hashlib.sha256(data.model_dump_json().encode()).hexdigest()
            stored = repo.claim_idempotency_key(session, user_id, idempotency_key, digest)
            if stored is not None:
                if stored.request_hash != digest:
                    raise Conflict("This Idempotency-Key was used for another request.")
                return dict(stored.response)
            answer = jsonable_encoder(_counted(session, _log_meal(session, user_id, data)))
            repo.store_idempotent_response(session, user_id, idempotency_key, 201, answer)
            return answer

    def update_meal(self, user_id: str, meal_id: UUID, data: MealUpdate) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return _update_meal(session, user_id, meal_id, data)

    def delete_meal(self, user_id: str, meal_id: UUID) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return _delete_meal(session, user_id, meal_id)

    def copy_meal(
        self, user_id: str, meal_id: UUID, to_date: dt.date, meal_type: str | None
    ) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return _copy_meal(session, user_id, meal_id, to_date, meal_type)

    def update_item(self, user_id: str, item_id: UUID, data: ItemUpdate) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return _update_item(session, user_id, item_id, data)

    def delete_item(self, user_id: str, item_id: UUID) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return _delete_item(session, user_id, item_id)

    def day(self, user_id: str, day: dt.date) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return day_view(session, user_id, day)

    def copy_day(self, user_id: str, from_date: dt.date, to_date: dt.date) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return _copy_day(session, user_id, from_date, to_date)

    def used_foods(self, user_id: str, order: str, limit: int) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return {"items": _used_foods(session, user_id, order, limit)}

    # recipes
    def create_recipe(self, user_id: str, data: RecipeCreate) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return _create_recipe(session, user_id, data)

    def list_recipes(self, user_id: str) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return {"items": _list_recipes(session, user_id)}

    def get_recipe(self, user_id: str, recipe_id: UUID) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return recipe_nutrition(session, user_id, recipe_id, field="id")

    # reports
    def report(self, user_id: str, start: dt.date, end: dt.date) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return reports.report(session, user_id, start, end)

    def export(self, user_id: str) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return reports.export(session, user_id)

    def import_export(self, user_id: str, body: NutritionImport) -> dict[str, int]:
        """The nutrition part of an export into the caller's account, all or nothing."""
        from .account_import import import_nutrition  # it builds on this module's helpers

        with unit_of_work(self.engine) as session:
            return import_nutrition(session, user_id, body, dt.datetime.now(dt.UTC))


def _counted(session: Session, logged: dict[str, Any]) -> dict[str, Any]:
    """Count the logged meal (business metrics) once its transaction commits."""
    meal = logged["meal"]

    def count() -> None:
        MEALS_LOGGED.labels(meal["meal_type"]).inc()
        FOOD_ITEMS_LOGGED.inc(len(meal["items"]))
        CALORIES_LOGGED.inc(meal["totals"]["energy_kcal"] or 0)

    on_commit(session, count)
    return logged


def _offset(cursor: str | None) -> int:
    """Where a page starts: the offset a ``next_cursor`` carries (0 without one)."""
    if not cursor:
        return 0
    try:
        offset = int(json.loads(base64.urlsafe_b64decode(cursor.encode()))["o"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidInput("Bad cursor.", fields={"cursor": "not a cursor from this API"}) from exc
    if not 0 <= offset <= 10_000:
        raise InvalidInput("Bad cursor.", fields={"cursor": "out of range"})
    return offset


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode()
