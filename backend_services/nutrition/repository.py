"""Queries on the nutrition schema. Never commits: the service's unit of work does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import and_, delete, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from . import diary_import_repository, water_fasting_repository
from .domain import CORE, Nutrients, to_decimal
from .models import (
    day_totals,
    food_portions,
    food_reports,
    foods,
    idempotency_keys,
    meal_items,
    meals,
    nutrients,
    recipe_ingredients,
    recipes,
)
from .nutrient_reference import NutrientInfo


def food_nutrients(row: Any) -> Nutrients:
    micro = {k: to_decimal(v) for k, v in (row.micronutrients or {}).items()}
    return Nutrients(
        **{name: getattr(row, name) for name in CORE},
        micronutrients={k: v for k, v in micro.items() if v is not None},
    )


def visible(user_id: str) -> Any:
    return or_(foods.c.owner_id.is_(None), foods.c.owner_id == user_id)


def nutrient_definitions(session: Session) -> list[NutrientInfo]:
    rows = session.execute(select(nutrients).order_by(nutrients.c.key)).all()
    return [NutrientInfo(r.key, r.name, r.unit) for r in rows]


def get_food(session: Session, food_id: int, user_id: str) -> Any | None:
    return session.execute(select(foods).where(foods.c.id == food_id, visible(user_id))).first()


def food_by_barcode(session: Session, barcodes: list[str], user_id: str) -> Any | None:
    return session.execute(
        select(foods)
        .where(foods.c.barcode.in_(barcodes), visible(user_id), foods.c.hidden.is_(False))
        .order_by(foods.c.owner_id.is_(None), foods.c.id)
        .limit(1)
    ).first()


def portions_of(session: Session, food_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    if not food_ids:
        return out
    rows = session.execute(
        select(food_portions)
        .where(food_portions.c.food_id.in_(food_ids))
        .order_by(food_portions.c.food_id, food_portions.c.seq)
    ).all()
    for r in rows:
        out.setdefault(r.food_id, []).append(
            {
                "id": r.id,
                "amount": float(r.amount),
                "description": r.description,
                "grams": float(r.grams),
            }
        )
    return out


def get_portion(session: Session, portion_id: int) -> Any | None:
    return session.execute(select(food_portions).where(food_portions.c.id == portion_id)).first()


def insert_food(session: Session, values: dict[str, Any]) -> int:
    return int(session.execute(insert(foods).values(**values).returning(foods.c.id)).scalar_one())


def private_food_by_source_id(session: Session, user_id: str, source_id: str) -> int | None:
    return session.execute(
        select(foods.c.id).where(foods.c.owner_id == user_id, foods.c.source_id == source_id)
    ).scalar_one_or_none()


def public_food_by_source(session: Session, source: str, source_id: str) -> int | None:
    return session.execute(
        select(foods.c.id)
        .where(foods.c.owner_id.is_(None), foods.c.source == source)
        .where(foods.c.source_id == source_id)
        .limit(1)
    ).scalar_one_or_none()


def public_food_identities(session: Session, food_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Where the public foods among ``food_ids`` come from (for an export)."""
    rows = session.execute(
        select(foods.c.id, foods.c.source, foods.c.source_id, foods.c.name)
        .add_columns(foods.c.brand, foods.c.barcode)
        .where(foods.c.id.in_(food_ids), foods.c.owner_id.is_(None))
        .order_by(foods.c.id)
    ).all()
    return [dict(r._mapping) for r in rows]


# ---- meals ----


def insert_meal(session: Session, values: dict[str, Any]) -> None:
    session.execute(insert(meals).values(**values))


def insert_items(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(meal_items), rows)


def get_meal(session: Session, meal_id: UUID, user_id: str, *, lock: bool = False) -> Any | None:
    query = select(meals).where(meals.c.id == meal_id, meals.c.user_id == user_id)
    if lock:
        query = query.with_for_update()
    return session.execute(query).first()


def locked_day_totals(session: Session, user_id: str, day: dt.date) -> Any:
    """The day's running totals row, locked for this transaction (made, empty, if new)."""
    session.execute(
        pg_insert(day_totals)
        .values(user_id=user_id, day=day, sums={}, micro_counts={})
        .on_conflict_do_nothing()
    )
    return session.execute(
        select(day_totals)
        .where(day_totals.c.user_id == user_id, day_totals.c.day == day)
        .with_for_update()
    ).one()


def save_day_totals(
    session: Session, user_id: str, day: dt.date, sums: dict[str, Any], counts: dict[str, int]
) -> None:
    session.execute(
        update(day_totals)
        .where(day_totals.c.user_id == user_id, day_totals.c.day == day)
        .values(sums=sums, micro_counts=counts)
    )


def items_of(session: Session, meal_ids: Sequence[UUID]) -> list[Any]:
    if not meal_ids:
        return []
    return list(
        session.execute(
            select(meal_items)
            .where(meal_items.c.meal_id.in_(meal_ids))
            .order_by(meal_items.c.meal_id, meal_items.c.position)
        ).all()
    )


def meals_on(session: Session, user_id: str, day: dt.date) -> list[Any]:
    return list(
        session.execute(
            select(meals)
            .where(meals.c.user_id == user_id, meals.c.day == day)
            .order_by(meals.c.created_at, meals.c.id)
        ).all()
    )


def meals_between(session: Session, user_id: str, start: dt.date, end: dt.date) -> list[Any]:
    return list(
        session.execute(
            select(meals)
            .where(meals.c.user_id == user_id, meals.c.day >= start, meals.c.day <= end)
            .order_by(meals.c.day, meals.c.created_at)
        ).all()
    )


def update_meal(session: Session, meal_id: UUID, values: dict[str, Any]) -> None:
    session.execute(
        update(meals).where(meals.c.id == meal_id).values(**values, updated_at=func.now())
    )


def delete_meal(session: Session, meal_id: UUID) -> None:
    session.execute(delete(meals).where(meals.c.id == meal_id))


def get_item(session: Session, item_id: UUID, user_id: str) -> Any | None:
    return session.execute(
        select(meal_items).where(meal_items.c.id == item_id, meal_items.c.user_id == user_id)
    ).first()


def update_item(session: Session, item_id: UUID, values: dict[str, Any]) -> None:
    session.execute(update(meal_items).where(meal_items.c.id == item_id).values(**values))


def delete_item(session: Session, item_id: UUID) -> None:
    session.execute(delete(meal_items).where(meal_items.c.id == item_id))


def used_foods(session: Session, user_id: str, order: str, limit: int) -> list[Any]:
    """The user's foods by last use ("recent") or use count in 90 days ("frequent")."""
    key = "max(i.created_at)" if order == "recent" else "count(*)"
    sql = f"""
        SELECT f.id, f.name, f.brand, f.source, count(*) AS uses, max(i.created_at) AS last_used
        FROM nutrition.meal_items i JOIN nutrition.foods f ON f.id = i.food_id
        WHERE i.user_id = :u AND i.created_at > now() - interval '90 days'
          AND (f.owner_id IS NULL OR f.owner_id = :u)
        GROUP BY f.id ORDER BY {key} DESC, f.id LIMIT :limit
    """
    return list(session.execute(text(sql), {"u": user_id, "limit": limit}).all())


# ---- recipes ----


def insert_recipe(
    session: Session, values: dict[str, Any], ingredients: list[dict[str, Any]]
) -> None:
    session.execute(insert(recipes).values(**values))
    session.execute(insert(recipe_ingredients), ingredients)


def get_recipe(session: Session, recipe_id: UUID, user_id: str) -> Any | None:
    return session.execute(
        select(recipes).where(recipes.c.id == recipe_id, recipes.c.owner_id == user_id)
    ).first()


def recipe_ingredient_rows(session: Session, recipe_id: UUID) -> list[Any]:
    return list(
        session.execute(
            select(recipe_ingredients, foods)
            .join(foods, foods.c.id == recipe_ingredients.c.food_id)
            .where(recipe_ingredients.c.recipe_id == recipe_id)
            .order_by(recipe_ingredients.c.position)
        ).all()
    )


def recipes_of(session: Session, user_id: str) -> list[Any]:
    return list(
        session.execute(
            select(recipes).where(recipes.c.owner_id == user_id).order_by(recipes.c.created_at)
        ).all()
    )


# ---- idempotency ----


def claim_idempotency_key(
    session: Session, user_id: str, key: str, request_hash: str
) -> Any | None:
    """Insert the key; if it exists (possibly committed by a concurrent twin, which this
    insert waits for), return the stored row instead."""
    inserted = session.execute(
        pg_insert(idempotency_keys)
        .values(user_id=user_id, key=key, request_hash=request_hash)
        .on_conflict_do_nothing()
        .returning(idempotency_keys.c.key)
    ).first()
    if inserted:
        return None
    return session.execute(
        select(idempotency_keys).where(
            and_(idempotency_keys.c.user_id == user_id, idempotency_keys.c.key == key)
        )
    ).first()


def store_idempotent_response(
    session: Session, user_id: str, key: str, status: int, response: dict[str, Any]
) -> None:
    session.execute(
        update(idempotency_keys)
        .where(idempotency_keys.c.user_id == user_id, idempotency_keys.c.key == key)
        .values(status_code=status, response=response)
    )


# ---- user data ----


def delete_user_data(session: Session, user_id: str) -> None:
    session.execute(delete(meals).where(meals.c.user_id == user_id))
    session.execute(delete(day_totals).where(day_totals.c.user_id == user_id))
    session.execute(delete(idempotency_keys).where(idempotency_keys.c.user_id == user_id))
    session.execute(delete(food_reports).where(food_reports.c.user_id == user_id))
    session.execute(delete(recipes).where(recipes.c.owner_id == user_id))
    # Private foods used in other users' recipes cannot exist (private = only the owner sees).
    session.execute(delete(foods).where(foods.c.owner_id == user_id))
    water_fasting_repository.delete_user_data(session, user_id)
    diary_import_repository.delete_user_imports(session, user_id)
