"""A day's running totals (nutrition.day_totals) against the day's items: after any sequence
of diary writes (log, change an amount, remove an item, move, copy, delete a meal, copy a day)
each write's answer and the stored totals are exactly what Nutrients.total makes of the items
the day holds; and the migration that made the table added up the days already logged."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from databases import drop_database, engine_on, fresh_database
from nutrition_fixtures import SR28_SAMPLE, private_nutrition_database
from sqlmodel import Session

from backend_services.kernel import migrations
from backend_services.kernel.db import make_engine
from backend_services.nutrition import day_totals
from backend_services.nutrition.domain import Nutrients
from backend_services.nutrition.models import ItemIn, ItemUpdate, MealCreate, MealUpdate, QuickAdd
from backend_services.nutrition.service import NutritionService

DB_NAME = "fitledger_test_nutrition_day_totals"
DAYS = [dt.date(2026, 11, 28) + dt.timedelta(days=n) for n in range(3)]


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    with private_nutrition_database(DB_NAME, ("sr28", SR28_SAMPLE)) as url:
        yield url


@pytest.fixture(scope="module")
def service(database: str) -> Iterator[NutritionService]:
    with engine_on(database) as engine:
        yield NutritionService(engine)


@pytest.fixture(scope="module")
def food_ids(database: str) -> list[int]:
    with psycopg.connect(database) as conn:
        rows = conn.execute(
            "SELECT id FROM nutrition.foods WHERE micronutrients <> '{}'::jsonb"
            " ORDER BY id LIMIT 40"
        ).fetchall()
    assert len(rows) >= 20, "the SR28 sample has foods with micronutrients"
    return [row[0] for row in rows]


def _item(rng: random.Random, foods: list[int]) -> ItemIn:
    if rng.random() < 0.2:
        return ItemIn(quick_add=QuickAdd(energy_kcal=Decimal(rng.randint(1, 900))))
    return ItemIn(food_id=rng.choice(foods), grams=Decimal(rng.randint(1, 4000)) / 10)


def _items_total(service: NutritionService, user: str, day: dt.date) -> dict[str, Any]:
    """The day added up from its items (the diary's own view)."""
    items = [i for m in service.day(user, day)["meals"] for i in m["items"]]
    return Nutrients.total(Nutrients.from_json(i["nutrients"]) for i in items).to_json()


def _stored(service: NutritionService, user: str, day: dt.date) -> dict[str, Any]:
    with Session(service.engine) as session:
        return day_totals.change(session, user, day).to_json()  # nothing added: a read


def _step(rng: random.Random, service: NutritionService, user: str, foods: list[int]) -> tuple:
    day = rng.choice(DAYS)
    meals = [m for d in DAYS for m in service.day(user, d)["meals"]]
    items = [i for m in meals for i in m["items"] if i["grams"] is not None]
    action = rng.choice(["log", "log", "log", "amount", "remove", "move", "copy", "delete", "day"])
    if action == "log" or not meals:
        body = MealCreate(date=day, meal_type="lunch", items=[_item(rng, foods) for _ in range(3)])
        return day, service.log_meal(user, body)["day_totals"]
    meal = rng.choice(meals)
    meal_day = dt.date.fromisoformat(meal["date"])
    if action == "amount" and items:
        item = rng.choice(items)
        answer = service.update_item(
            user, item["id"], ItemUpdate(grams=Decimal(rng.randint(1, 500)))
        )
        owner = next(m for m in meals if any(i["id"] == item["id"] for i in m["items"]))
        return dt.date.fromisoformat(owner["date"]), answer["day_totals"]
    if action == "remove" and meal["items"]:
        return meal_day, service.delete_item(user, meal["items"][0]["id"])["day_totals"]
    if action == "move":
        return day, service.update_meal(user, meal["id"], MealUpdate(date=day))["day_totals"]
    if action == "copy":
        return day, service.copy_meal(user, meal["id"], day, None)["day_totals"]
    if action == "day" and (source := rng.choice(DAYS)) != day:
        return day, service.copy_day(user, source, day)["totals"]
    return meal_day, service.delete_meal(user, meal["id"])["day_totals"]


@pytest.mark.parametrize("seed", range(4))
def test_any_sequence_of_writes_keeps_the_totals_of_the_items(
    service: NutritionService, food_ids: list[int], seed: int
) -> None:
    rng = random.Random(seed)
    user = f"user-{seed}"
    for _ in range(40):
        day, answered = _step(rng, service, user, food_ids)
        assert answered == _items_total(service, user, day)
    for day in DAYS:
        assert _stored(service, user, day) == _items_total(service, user, day)


def test_the_migration_adds_up_the_days_already_logged(database: str) -> None:
    """Days logged before the table existed: migrate a database to the revision before,
    log there with SQL, upgrade, and compare."""
    name = f"{DB_NAME}_upgrade"
    url = fresh_database(name)
    try:
        migrations.upgrade("nutrition", url, "nutrition_0005")
        logged = {
            ("ann", DAYS[0]): [
                {"energy_kcal": 120.5, "protein_g": 3.25, "micronutrients": {"iron_mg": 1.5}},
                {"energy_kcal": None, "fat_g": 2.0, "micronutrients": {}},
            ],
            ("ann", DAYS[1]): [{"energy_kcal": 99.999, "micronutrients": {"zinc_mg": 0.001}}],
            ("bob", DAYS[0]): [{"energy_kcal": 10, "micronutrients": {"iron_mg": 2}}],
        }
        with psycopg.connect(url) as conn:
            for (user, day), items in logged.items():
                meal = conn.execute(
                    "INSERT INTO nutrition.meals (id, user_id, day, meal_type)"
                    " VALUES (gen_random_uuid(), %s, %s, 'lunch') RETURNING id",
                    (user, day),
                ).fetchone()[0]
                for position, nutrients in enumerate(items):
                    conn.execute(
                        "INSERT INTO nutrition.meal_items"
                        " (id, meal_id, user_id, position, grams, name, nutrients)"
                        " VALUES (gen_random_uuid(), %s, %s, %s, 100, 'food', %s)",
                        (meal, user, position, psycopg.types.json.Jsonb(nutrients)),
                    )
        migrations.upgrade("nutrition", url)
        engine = make_engine(url)
        try:
            with Session(engine) as session:
                for (user, day), items in logged.items():
                    expected = Nutrients.total(Nutrients.from_json(n) for n in items).to_json()
                    assert day_totals.change(session, user, day).to_json() == expected
        finally:
            engine.dispose()
    finally:
        drop_database(name)
