"""A phrase to diary items for confirmation: each item's food (the search's first answer, with
two alternatives), its amount and energy, and every assumption made. Nothing is saved: the
client shows the list, the person corrects it, and logs it as a meal (each item carries the
exact ``log_item`` body that ``POST /meals`` takes)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session

from backend_services.kernel.errors import InvalidInput

from . import repository as repo
from .phrase_amounts import amount_for
from .phrases import PhraseError, parse
from .search import search_foods

CANDIDATES = 3
GRAMS_STEP = Decimal("0.01")


def describe(session: Session, user_id: str, text: str) -> dict[str, Any]:
    try:
        parsed = parse(text)
    except PhraseError as error:
        raise InvalidInput(str(error), fields={"text": str(error)}) from error
    items: list[dict[str, Any]] = []
    unmatched: list[dict[str, str]] = []
    for item in parsed:
        found = search_foods(
            session,
            q=item.query,
            user_id=user_id,
            category=None,
            source=None,
            limit=CANDIDATES,
            offset=0,
        )
        if not found:
            unmatched.append({"text": item.text, "query": item.query})
            continue
        best = found[0]
        portions = repo.portions_of(session, [best["id"]]).get(best["id"], [])
        amount = amount_for(item, portions)
        grams = Decimal(str(amount.grams)).quantize(GRAMS_STEP)  # as POST /meals takes them
        nutrients = repo.food_nutrients(SimpleNamespace(**best)).scaled(grams)
        log_item: dict[str, Any] = {"food_id": best["id"]}
        if amount.portion_id is not None and amount.quantity is not None:
            log_item |= {"portion_id": amount.portion_id, "quantity": round(amount.quantity, 3)}
        else:
            log_item["grams"] = float(grams)
        items.append(
            {
                "text": item.text,
                "query": item.query,
                "goes_with": item.goes_with,
                "food": {"id": best["id"], "name": best["name"], "brand": best["brand"]},
                "alternatives": [
                    {"id": r["id"], "name": r["name"], "brand": r["brand"]} for r in found[1:]
                ],
                "amount": amount.said,
                "grams": float(grams),
                "energy_kcal": float(nutrients.energy_kcal or 0),
                "assumption": amount.assumption,
                "log_item": log_item,
            }
        )
    total = sum(i["energy_kcal"] for i in items)
    return {"items": items, "unmatched": unmatched, "energy_kcal": round(total, 1)}
