"""Reports over a date range (JSON and CSV) and the full export of a user's data."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from backend_services.kernel.errors import InvalidInput
from backend_services.kernel.export_format import EXPORT_FORMAT

from . import repository as repo
from . import water_fasting_repository as water_repo
from .domain import ATWATER, CORE, Nutrients
from .views import day_view, food_public, recipe_nutrition

MAX_DAYS = 366


def report(session: Session, user_id: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    if end < start or (end - start).days >= MAX_DAYS:
        raise InvalidInput(
            "Bad range.", fields={"to": f"on or after from, at most {MAX_DAYS} days"}
        )
    meals = repo.meals_between(session, user_id, start, end)
    items = repo.items_of(session, [m.id for m in meals])
    day_of = {m.id: m.day for m in meals}
    per_day: dict[dt.date, list[Nutrients]] = {}
    per_food: dict[str, Decimal] = {}
    for item in items:
        n = Nutrients.from_json(item.nutrients)
        per_day.setdefault(day_of[item.meal_id], []).append(n)
        per_food[item.name] = per_food.get(item.name, Decimal(0)) + (n.energy_kcal or 0)
    daily = [
        {"date": day.isoformat(), **Nutrients.total(values).to_json()}
        for day, values in sorted(per_day.items())
    ]
    total = Nutrients.total(n for values in per_day.values() for n in values)
    logged_days = len(per_day)
    averages = (
        {
            name: float(getattr(total, name) / logged_days)
            for name in CORE
            if getattr(total, name) is not None
        }
        if logged_days
        else {}
    )
    macro_kcal = {
        "protein": ATWATER["protein"] * (total.protein_g or 0),
        "fat": ATWATER["fat"] * (total.fat_g or 0),
        "carbohydrate": ATWATER["carbohydrate"] * (total.carbohydrate_g or 0),
    }
    macro_sum = sum(macro_kcal.values(), Decimal(0))
    split = {
        k: float(round(v * 100 / macro_sum, 1)) if macro_sum else 0.0 for k, v in macro_kcal.items()
    }
    top = sorted(per_food.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "days_logged": logged_days,
        "daily": daily,
        "averages_per_logged_day": averages,
        "macro_split_percent_energy": split,
        "top_foods_by_energy": [{"name": n, "energy_kcal": float(k)} for n, k in top],
        "micronutrient_totals": total.to_json()["micronutrients"],
        # Targets live in the users service; the UI/aggregator joins them (not fetched here).
        "targets": None,
    }


def report_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    columns = ["date", *CORE, "energy_kj"]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in data["daily"]:
        writer.writerow(row)
    return out.getvalue()


def export(session: Session, user_id: str) -> dict[str, Any]:
    """Everything the user logged and made, and where the public foods it names come from
    (so an import elsewhere can find them: account_import.py)."""
    meals = repo.meals_between(session, user_id, dt.date.min, dt.date.max)
    days = sorted({m.day for m in meals})
    foods = [
        food_public(r)
        for r in session.execute(
            repo.select(repo.foods)
            .where(repo.foods.c.owner_id == user_id)
            .order_by(repo.foods.c.id)
        ).all()
    ]
    recipes = [
        recipe_nutrition(session, user_id, r.id, field="id")
        for r in repo.recipes_of(session, user_id)
    ]
    diary = [day_view(session, user_id, day) for day in days]
    named = {
        item["food_id"]
        for day in diary
        for meal in day["meals"]
        for item in meal["items"]
        if item["food_id"] is not None
    } | {i["food_id"] for r in recipes for i in r["ingredients"]}
    return {
        "format": EXPORT_FORMAT,
        "user_id": user_id,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "diary": diary,
        "foods": foods,
        "recipes": recipes,
        "public_foods": repo.public_food_identities(session, sorted(named)),
        "water": {
            "goal_ml": water_repo.water_goal(session, user_id),
            "drinks": [
                {
                    "id": str(r.id),
                    "date": r.day.isoformat(),
                    "amount_ml": r.amount_ml,
                    "logged_at": r.logged_at,
                }
                for r in water_repo.all_drinks(session, user_id)
            ],
        },
        "fasts": [
            {
                "id": str(r.id),
                "protocol": r.protocol,
                "target_hours": r.target_hours,
                "started_at": r.started_at,
                "ended_at": r.ended_at,
            }
            for r in water_repo.all_fasts(session, user_id)
        ],
    }
