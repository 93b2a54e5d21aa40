"""Import the free-exercise-db catalog (github.com/yuhonas/free-exercise-db, Unlicense).

Each exercise gets the Compendium 2011 code for its category (cardio ones by name), so calorie
estimates work for imported exercises too. Idempotent: ids are ``fedb:<their id>`` and a
re-import replaces documents in place; the report counts inserted/updated/unchanged/rejected.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import (
    FREE_EXERCISE_DB_CARDIO_MET,
    FREE_EXERCISE_DB_CATEGORY_MET,
    HEALTH_CLUB,
    Met,
)
from ..exercise_names_ru import free_exercise_db_names_ru
from ..repository import WorkoutsRepository

_ID = re.compile(r"^[A-Za-z0-9_\-]{1,100}$")
KIND_BY_CATEGORY = {"cardio": "cardio", "stretching": "flexibility"}


@dataclass
class ImportReport:
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
            "rejected_examples": self.rejected[:10],
        }


def met_for(raw: dict[str, Any]) -> Met:
    category = raw.get("category") or ""
    if category == "cardio":
        name = str(raw.get("name", "")).lower()
        for keyword, met in FREE_EXERCISE_DB_CARDIO_MET:
            if keyword in name:
                return met
    return FREE_EXERCISE_DB_CATEGORY_MET.get(category, HEALTH_CLUB)


def to_document(raw: Any) -> dict[str, Any]:
    """One free-exercise-db record as a catalog document; ValueError says why not."""
    if not isinstance(raw, dict):
        raise ValueError("not an object")
    ext_id, name = raw.get("id"), raw.get("name")
    if not isinstance(ext_id, str) or not _ID.match(ext_id):
        raise ValueError(f"bad id {ext_id!r}")
    if not isinstance(name, str) or not 0 < len(name.strip()) <= 120:
        raise ValueError(f"{ext_id}: bad name")
    muscles = {}
    for key in ("primaryMuscles", "secondaryMuscles"):
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(m, str) for m in value):
            raise ValueError(f"{ext_id}: bad {key}")
        muscles[key] = [m.lower() for m in value]
    category = str(raw.get("category") or "strength").lower()
    instructions = raw.get("instructions") or []
    return {
        "_id": f"fedb:{ext_id}",
        "name": name.strip(),
        # searchable like the English name (data/free_exercise_db_names_ru.csv)
        "names": {"ru": ru} if (ru := free_exercise_db_names_ru().get(ext_id)) else {},
        "kind": KIND_BY_CATEGORY.get(category, "strength"),
        "category": category,
        "primary_muscles": muscles["primaryMuscles"],
        "secondary_muscles": muscles["secondaryMuscles"],
        "equipment": (raw.get("equipment") or None) and str(raw["equipment"]).lower(),
        "mechanic": raw.get("mechanic"),
        "force": raw.get("force"),
        "level": raw.get("level"),
        "instructions": [str(i) for i in instructions][:20]
        if isinstance(instructions, list)
        else [],
        "met": met_for(raw).as_doc(),
        "met_by_intensity": {},
        "source": "free-exercise-db",
        "license": "Unlicense (public domain)",
        "owner_id": None,
    }


def import_free_exercise_db(repo: WorkoutsRepository, path: Path) -> ImportReport:
    """Validate the whole file first, then upsert (a malformed file imports nothing)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError("expected a JSON array of exercises")
    report = ImportReport(read=len(data))
    docs = []
    for n, raw in enumerate(data):
        try:
            docs.append(to_document(raw))
        except ValueError as exc:
            report.rejected.append(f"#{n}: {exc}")
    report.inserted, report.updated, report.unchanged = repo.upsert_exercises(docs)
    return report
