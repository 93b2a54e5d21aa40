"""Request and response models of the food-diary imports (``/api/nutrition/imports/diary``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints, model_validator

from .models import Grams, Strict

MAX_LISTED = 300  # rows listed per kind in an answer; the rest follow the import's `others`
RowKey = Annotated[
    str, StringConstraints(min_length=1, max_length=80, pattern=r"^[a-z]+:[0-9a-f]+$")
]


class Stated(BaseModel):
    energy_kcal: float | None
    protein_g: float | None
    fat_g: float | None
    carbohydrate_g: float | None


class Suggestion(BaseModel):
    """One of our foods for a row, and why it scores what it does (diary_matching.py)."""

    food_id: int
    name: str
    brand: str | None
    grams: float | None = Field(description="The amount it would be logged with.")
    grams_from: Literal["amount", "energy"] | None = Field(
        description='"amount": the row said the grams; "energy": the grams that give its energy.'
    )
    energy_kcal: float | None = Field(description="Our food's energy for those grams.")
    name_score: float = Field(description="0-1: how much of the row's name the food's name has.")
    nutrient_score: float = Field(description="0-1: how closely it gives the stated nutrients.")
    score: float = Field(description="0-1: half name, half nutrients; matched from 0.8.")


class ImportRow(BaseModel):
    key: str = Field(description="The row's stable key: the same row of a file always has it.")
    line: int
    date: dt.date
    meal_type: str
    name: str
    amount: str
    stated: Stated
    status: Literal["matched", "review", "stated", "already_imported"] = Field(
        description="matched: to one of our foods; review: needs a decision; stated: "
        "imported with its stated energy and macros (a meal's totals); already_imported."
    )
    match: Suggestion | None
    suggestions: list[Suggestion]


class Rejected(BaseModel):
    line: int
    reason: str


class Summary(BaseModel):
    rows: int
    days: int
    matched: int
    review: int
    stated: int
    already_imported: int
    rejected: int


class Report(BaseModel):
    days: int
    meals: int
    imported: int = Field(description="Items added to the diary.")
    matched: int = Field(description="Of them, logged as one of our foods.")
    stated: int = Field(description="Of them, logged with their stated energy and macros.")
    skipped: int = Field(description="Rows the person chose to leave out.")
    already_imported: int
    unmatched: int = Field(description="Rows left for review and not decided (left out).")
    rejected: int = Field(description="Rows of the file that could not be read.")


class DiaryImport(BaseModel):
    id: UUID
    source: Literal["myfitnesspal", "cronometer"]
    file_name: str
    status: Literal["review", "imported"]
    created_at: dt.datetime
    imported_at: dt.datetime | None
    summary: Summary
    review: list[ImportRow] = Field(description=f"Rows to decide (the first {MAX_LISTED}).")
    matched: list[ImportRow] = Field(description=f"Rows matched (the first {MAX_LISTED}).")
    rejected: list[Rejected] = Field(description=f"Unreadable rows (the first {MAX_LISTED}).")
    report: Report | None


class Decision(Strict):
    """For one row: log it as one of our foods (``food_id``, with ``grams`` or the suggestion's
    grams), keep it as stated, or leave it out."""

    key: RowKey
    action: Literal["food", "stated", "skip"]
    food_id: Annotated[int, Field(gt=0, lt=2**62)] | None = None
    grams: Grams | None = None

    @model_validator(mode="after")
    def _food_with_food(self) -> Decision:
        if (self.action == "food") != (self.food_id is not None):
            raise ValueError("food_id goes with action food, and only with it")
        if self.grams is not None and self.action != "food":
            raise ValueError("grams go with action food")
        return self


class ImportRequest(Strict):
    decisions: Annotated[list[Decision], Field(max_length=20_000)] = []
    others: Literal["skip", "stated"] = Field(
        default="skip",
        description="What happens to review rows without a decision: left out (counted as "
        "unmatched) or kept with their stated energy and macros.",
    )
