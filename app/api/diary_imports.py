"""Typed client of the nutrition service's food-diary imports (`/api/nutrition/imports/diary`):
upload a MyFitnessPal or Cronometer export, read its rows to review, import them as decided."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.api import parsing as p
from app.api.gateway import Authorized

API = "/api/nutrition/imports/diary"
# The nutrition service's diary_import_max_bytes (below the gateway's 2 MB body limit).
MAX_UPLOAD_BYTES = 1_900_000


@dataclass(frozen=True)
class Suggestion:
    food_id: int
    name: str
    brand: str | None
    grams: float | None
    energy_kcal: float | None
    score: float

    @classmethod
    def from_json(cls, data: Any) -> Suggestion:
        b = p.obj(data)
        return cls(
            food_id=p.whole(b.get("food_id")),
            name=p.text(b.get("name")),
            brand=p.opt_text(b.get("brand")),
            grams=p.opt_num(b.get("grams")),
            energy_kcal=p.opt_num(b.get("energy_kcal")),
            score=p.num(b.get("score")),
        )


@dataclass(frozen=True)
class ImportRow:
    key: str
    line: int
    date: dt.date
    meal_type: str
    name: str
    amount: str
    stated_kcal: float | None
    status: str  # matched | review | stated | already_imported
    match: Suggestion | None
    suggestions: tuple[Suggestion, ...]

    @classmethod
    def from_json(cls, data: Any) -> ImportRow:
        b = p.obj(data)
        match = b.get("match")
        return cls(
            key=p.text(b.get("key")),
            line=p.whole(b.get("line")),
            date=p.day(b.get("date")),
            meal_type=p.text(b.get("meal_type")),
            name=p.text(b.get("name")),
            amount=p.text(b.get("amount")),
            stated_kcal=p.opt_num(p.obj(b.get("stated")).get("energy_kcal")),
            status=p.text(b.get("status")),
            match=Suggestion.from_json(match) if match else None,
            suggestions=tuple(Suggestion.from_json(s) for s in p.items(b.get("suggestions"))),
        )


@dataclass(frozen=True)
class DiaryImport:
    id: str
    source: str  # "myfitnesspal" | "cronometer"
    file_name: str
    status: str  # "review" | "imported"
    summary: dict[str, int]
    review: tuple[ImportRow, ...]
    matched: tuple[ImportRow, ...]
    rejected: tuple[tuple[int, str], ...]  # (line, reason)
    report: dict[str, int] | None

    @classmethod
    def from_json(cls, data: Any) -> DiaryImport:
        b = p.obj(data)
        report = b.get("report")
        return cls(
            id=p.text(b.get("id")),
            source=p.text(b.get("source")),
            file_name=p.text(b.get("file_name")),
            status=p.text(b.get("status")),
            summary={str(k): p.whole(v) for k, v in p.obj(b.get("summary")).items()},
            review=tuple(ImportRow.from_json(r) for r in p.items(b.get("review"))),
            matched=tuple(ImportRow.from_json(r) for r in p.items(b.get("matched"))),
            rejected=tuple(
                (p.whole(p.obj(r).get("line")), p.text(p.obj(r).get("reason")))
                for r in p.items(b.get("rejected"))
            ),
            report={str(k): p.whole(v) for k, v in p.obj(report).items()} if report else None,
        )


class DiaryImportsApi:
    def __init__(self, api: Authorized):
        self.api = api

    async def upload(self, file_name: str, content: bytes) -> DiaryImport:
        """Reads and matches the export (nothing is in the diary yet)."""
        body = await self.api.post(API, files={"file": (file_name, content, "text/csv")})
        return DiaryImport.from_json(body)

    async def get(self, import_id: str) -> DiaryImport:
        return DiaryImport.from_json(await self.api.get(f"{API}/{import_id}"))

    async def run(
        self, import_id: str, decisions: list[dict[str, Any]], others: str
    ) -> DiaryImport:
        """Imports the rows as decided (one transaction); answered with its report."""
        body = await self.api.post(
            f"{API}/{import_id}/import", json={"decisions": decisions, "others": others}
        )
        return DiaryImport.from_json(body)
