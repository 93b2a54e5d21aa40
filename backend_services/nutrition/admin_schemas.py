"""Request and response schemas of the food-database admin and of users' food reports."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints

from backend_services.kernel.bodies import PatchBody

from .models import EnergyPer100, Name, Per100, SodiumMgPer100, Strict
from .schemas import Answer, NutrientAmounts

# The pattern states in the document what trimming means: a text of spaces alone is empty.
Reason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000, pattern=r"\S")
]


class ImportRun(Answer):
    id: int
    source: str
    licences: list[str]
    file_name: str
    status: Literal["succeeded", "failed"]
    started_at: dt.datetime
    finished_at: dt.datetime
    imported: int
    updated: int
    rejected: int
    report: dict[str, Any] = Field(
        description="`rejected` and `flagged` counts by reason, `kept_corrected` (foods an"
        " admin corrected, left as they were)."
    )
    error: str | None


class ImportedSource(Answer):
    source: str
    licences: list[str]
    foods: int
    hidden: int
    flagged: int
    last_import: ImportRun | None = Field(description="None for foods users created.")


class Imports(Answer):
    sources: list[ImportedSource]
    recent_runs: list[ImportRun]


class QualityFlag(Answer):
    flag: str
    reason: str = Field(description="Why, with the food's numbers.")


class AdminFood(Answer):
    id: int
    name: str
    brand: str | None
    source: str
    source_id: str
    licence: str
    private: bool
    hidden: bool
    hidden_reason: str | None
    corrected_at: dt.datetime | None
    quality_flags: list[QualityFlag]
    nutrients_per_100g: NutrientAmounts
    open_reports: int


class AdminFoodPage(Answer):
    items: list[AdminFood]
    total: int
    limit: int
    offset: int


class FoodReportIn(Strict):
    reason: Reason


class FoodReport(Answer):
    id: int
    food_id: int
    reason: str
    created_at: dt.datetime
    resolved_at: dt.datetime | None
    resolution: str | None


class ReportAgainst(Answer):
    id: int
    user_id: str
    reason: str
    created_at: dt.datetime


class ReportedFood(AdminFood):
    reports: list[ReportAgainst]


class ReportedFoodPage(Answer):
    items: list[ReportedFood]
    total: int
    limit: int
    offset: int


class HideIn(Strict):
    reason: Reason


class ResolveIn(Strict):
    resolution: Reason


class ResolvedReports(Answer):
    food_id: int
    resolved: int


class FoodFix(PatchBody):
    """New per-100 g values (and name) of a food; the fields left out keep theirs."""

    # An empty fix is refused (food_admin.py); the document says it needs one value.
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    name: Name | None = None
    energy_kcal: EnergyPer100 | None = None
    protein_g: Per100 | None = None
    fat_g: Per100 | None = None
    carbohydrate_g: Per100 | None = None
    saturated_fat_g: Per100 | None = None
    sugars_g: Per100 | None = None
    fibre_g: Per100 | None = None
    sodium_mg: SodiumMgPer100 | None = None
