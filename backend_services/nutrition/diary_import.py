"""Food-diary imports from MyFitnessPal and Cronometer: an upload is parsed, matched to our
foods and kept for review; importing it writes every chosen row in one transaction.

Cronometer rows name foods: each distinct name is searched once (``search.py``) and its
candidates scored (``diary_matching.py``). MyFitnessPal's export has meal totals, not foods:
each row is one quick-add style item (no food, no grams, the stated nutrients), as the diary
stores its quick adds. Every row has a stable key; a key imported once is never imported again,
so the same file twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backend_services.kernel.db import unit_of_work
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound

from . import diary_import_repository as imports
from . import diary_matching as matching
from . import repository as repo
from .diary_import_schemas import MAX_LISTED, Decision, ImportRequest
from .domain import CORE, Nutrients, quantize
from .importers.diary_export import read_export
from .importers.diary_rows import DiaryExportError, DiaryRow, ParsedDiary
from .search import search_foods

# The diary's own publishing of a changed day (totals and the meal event); one per meal.
from .service import record_meal_change

CANDIDATES = 5
APP_NAMES = {"myfitnesspal": "MyFitnessPal", "cronometer": "Cronometer"}


class DiaryImports:
    """The use cases, each in its own transaction."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def upload(self, user_id: str, file_name: str, data: bytes) -> dict[str, Any]:
        """Parse, match and keep the file's rows for review; nothing goes into the diary yet."""
        try:
            parsed = read_export(data)
        except DiaryExportError as error:
            raise InvalidInput(str(error), fields={"file": error.code}, code=error.code) from error
        with unit_of_work(self.engine) as session:
            import_id = uuid.uuid4()
            record = {
                "id": import_id,
                "user_id": user_id,
                "source": parsed.source,
                "file_name": file_name[:200] or "export.csv",
                "status": "review",
                "rows": _matched_rows(session, user_id, parsed),
                "rejected": [{"line": r.line, "reason": r.reason} for r in parsed.rejected],
                "report": None,
            }
            imports.insert_import(session, record)
            return view(imports.get_import(session, import_id, user_id))

    def get(self, user_id: str, import_id: UUID) -> dict[str, Any]:
        with unit_of_work(self.engine) as session:
            return view(_owned(session, user_id, import_id))

    def run(self, user_id: str, import_id: UUID, request: ImportRequest) -> dict[str, Any]:
        """Import the rows as decided, all or nothing; answers the import with its report."""
        with unit_of_work(self.engine) as session:
            job = _owned(session, user_id, import_id, lock=True)
            if job.status == "imported":
                raise Conflict(
                    "This import is done. Upload the file again to import what is new in it."
                )
            report = _import(session, user_id, job, request)
            imports.finish_import(session, import_id, report, dt.datetime.now(dt.UTC))
            return view(imports.get_import(session, import_id, user_id))


def _owned(session: Session, user_id: str, import_id: UUID, *, lock: bool = False) -> Any:
    job = imports.get_import(session, import_id, user_id, lock=lock)
    if job is None:
        raise NotFound("No such import.")
    return job


# ---- upload: rows with their matches ----


def _matched_rows(session: Session, user_id: str, parsed: ParsedDiary) -> list[dict[str, Any]]:
    known = imports.imported_keys(session, user_id, [r.key for r in parsed.rows])
    candidates: dict[str, list[matching.Candidate]] = {}
    out = []
    for row in parsed.rows:
        scored: list[matching.Scored] = []
        if row.key in known:
            status, match = "already_imported", None
        elif parsed.source == "myfitnesspal":
            status, match = "stated", None  # meal totals: nothing to match
        else:
            if row.name not in candidates:
                found = search_foods(
                    session,
                    q=row.name,
                    user_id=user_id,
                    category=None,
                    source=None,
                    limit=CANDIDATES,
                    offset=0,
                )
                candidates[row.name] = [matching.Candidate.from_search(f) for f in found]
            scored = matching.ranked(row, candidates[row.name])
            match = matching.best_match(scored)
            status = "matched" if match else "review"
        out.append(_row_json(row, status, match, scored[: matching.SUGGESTIONS]))
    return out


def _row_json(
    row: DiaryRow, status: str, match: matching.Scored | None, suggestions: list[matching.Scored]
) -> dict[str, Any]:
    return {
        "key": row.key,
        "line": row.line,
        "date": row.day.isoformat(),
        "meal_type": row.meal_type,
        "name": row.name,
        "amount": row.amount,
        "note": row.note,
        "stated": row.stated.to_json(),
        "status": status,
        "match": None if match is None else match.to_json(),
        "suggestions": [s.to_json() for s in suggestions] if status == "review" else [],
    }


def view(job: Any) -> dict[str, Any]:
    rows: list[dict[str, Any]] = job.rows
    by_status: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_status[row["status"]].append(row)
    return {
        "id": job.id,
        "source": job.source,
        "file_name": job.file_name,
        "status": job.status,
        "created_at": job.created_at,
        "imported_at": job.imported_at,
        "summary": {
            "rows": len(rows),
            "days": len({r["date"] for r in rows}),
            **{k: len(by_status[k]) for k in ("matched", "review", "stated", "already_imported")},
            "rejected": len(job.rejected),
        },
        "review": [_public_row(r) for r in by_status["review"][:MAX_LISTED]],
        "matched": [_public_row(r) for r in by_status["matched"][:MAX_LISTED]],
        "rejected": job.rejected[:MAX_LISTED],
        "report": job.report,
    }


def _public_row(row: dict[str, Any]) -> dict[str, Any]:
    stated = {
        k: row["stated"].get(k) for k in ("energy_kcal", "protein_g", "fat_g", "carbohydrate_g")
    }
    return {**row, "stated": stated}


# ---- import: one transaction ----


def _import(session: Session, user_id: str, job: Any, request: ImportRequest) -> dict[str, Any]:
    rows = {row["key"]: row for row in job.rows}
    decisions = _checked_decisions(rows, request.decisions)
    counts = {"matched": 0, "stated": 0, "skipped": 0, "already_imported": 0, "unmatched": 0}
    planned: list[tuple[dict[str, Any], dict[str, Any]]] = []  # (row, item without ids)
    foods: dict[int, Any] = {}
    for index, row in enumerate(job.rows):
        if row["status"] == "already_imported":
            counts["already_imported"] += 1
            continue
        decision = decisions.get(row["key"])
        action = decision[1].action if decision else _default_action(row, request.others)
        if action == "skip":
            counts["skipped"] += 1
        elif action == "unmatched":
            counts["unmatched"] += 1
        elif action == "stated":
            planned.append((row, _stated_item(row)))
        else:
            field = f"decisions.{decision[0]}" if decision else f"rows.{index}"
            planned.append((row, _food_item(session, user_id, row, decision, foods, field)))
    new = imports.claim_keys(session, user_id, job.id, [row["key"] for row, _ in planned])
    meals: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row, item in planned:
        if row["key"] not in new:  # imported by another upload meanwhile
            counts["already_imported"] += 1
            continue
        counts["matched" if item["food_id"] else "stated"] += 1
        meals[(row["date"], row["meal_type"])].append({**item, "note": row["note"]})
    for (day, meal_type), items in meals.items():
        _log_imported_meal(
            session, user_id, job.source, dt.date.fromisoformat(day), meal_type, items
        )
    return {
        "days": len({day for day, _ in meals}),
        "meals": len(meals),
        "imported": counts["matched"] + counts["stated"],
        **counts,
        "rejected": len(job.rejected),
    }


def _checked_decisions(
    rows: dict[str, dict[str, Any]], decisions: list[Decision]
) -> dict[str, tuple[int, Decision]]:
    out: dict[str, tuple[int, Decision]] = {}
    problems: dict[str, str] = {}
    for index, decision in enumerate(decisions):
        row = rows.get(decision.key)
        if row is None:
            problems[f"decisions.{index}.key"] = "not a row of this import"
        elif row["status"] == "already_imported":
            problems[f"decisions.{index}.key"] = "already imported"
        elif decision.key in out:
            problems[f"decisions.{index}.key"] = "decided twice"
        else:
            out[decision.key] = (index, decision)
    if problems:
        raise InvalidInput("Some decisions do not fit this import.", fields=problems)
    return out


def _default_action(row: dict[str, Any], others: str) -> str:
    if row["status"] == "matched":
        return "food"
    if row["status"] == "stated":
        return "stated"
    return "stated" if others == "stated" else "unmatched"


def _stated_item(row: dict[str, Any]) -> dict[str, Any]:
    """A quick-add style item: the row's name and its stated nutrients, no food, no grams."""
    stated = Nutrients.from_json(row["stated"])
    nutrients = Nutrients(**{n: _q(getattr(stated, n)) for n in CORE}, micronutrients={})
    return {"food_id": None, "grams": None, "name": row["name"][:200], "nutrients": nutrients}


def _food_item(
    session: Session,
    user_id: str,
    row: dict[str, Any],
    decision: tuple[int, Decision] | None,
    foods: dict[int, Any],
    field: str,
) -> dict[str, Any]:
    chosen = decision[1] if decision else None
    food_id = chosen.food_id if chosen and chosen.food_id else row["match"]["food_id"]
    if food_id not in foods:
        food = repo.get_food(session, food_id, user_id)
        if food is None:
            raise InvalidInput("Unknown food.", fields={f"{field}.food_id": "no such food"})
        foods[food_id] = food
    food = foods[food_id]
    grams = chosen.grams if chosen and chosen.grams else _suggested_grams(row, food)
    if grams is None:
        raise InvalidInput(
            "How much of this food? The row does not say its grams.",
            fields={f"{field}.grams": "required for this row"},
        )
    grams = quantize(Decimal(str(grams)))
    return {
        "food_id": food.id,
        "grams": grams,
        "name": food.name,
        "nutrients": repo.food_nutrients(food).scaled(grams),
    }


def _suggested_grams(row: dict[str, Any], food: Any) -> Decimal | None:
    """The grams the match or a suggestion had for this food, else the grams of its energy."""
    for scored in [row["match"], *row["suggestions"]]:
        if scored and scored["food_id"] == food.id and scored["grams"]:
            return Decimal(str(scored["grams"]))
    stated = row["stated"].get("energy_kcal")
    if stated and food.energy_kcal:
        grams = quantize(Decimal(str(stated)) / food.energy_kcal * 100)
        if 0 < grams <= matching.MAX_GRAMS:
            return grams
    return None


def _log_imported_meal(
    session: Session,
    user_id: str,
    source: str,
    day: dt.date,
    meal_type: str,
    items: list[dict[str, Any]],
) -> None:
    meal_id = uuid.uuid4()
    notes = [i["note"] for i in items if i["note"]]
    note = "; ".join([f"Imported from {APP_NAMES[source]}", *notes])[:1000]
    repo.insert_meal(
        session,
        {"id": meal_id, "user_id": user_id, "day": day, "meal_type": meal_type, "note": note},
    )
    rows = [
        {
            "id": uuid.uuid4(),
            "meal_id": meal_id,
            "user_id": user_id,
            "position": position,
            "food_id": item["food_id"],
            "recipe_id": None,
            "portion_id": None,
            "quantity": None,
            "grams": item["grams"],
            "name": item["name"],
            "nutrients": item["nutrients"].to_json(),
        }
        for position, item in enumerate(items)
    ]
    repo.insert_items(session, rows)
    added = [Nutrients.from_json(r["nutrients"]) for r in rows]
    record_meal_change(session, user_id, "logged", meal_id, day, added=added)


def _q(value: Decimal | None) -> Decimal | None:
    return None if value is None else quantize(value)
