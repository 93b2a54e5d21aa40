"""Response model of ``GET /api/aggregator/ledger``: every number beside its source."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class Activity(BaseModel):
    code: str = Field(description="Compendium of Physical Activities code.")
    met: float
    description: str
    edition: str
    minutes: float
    gross_kcal: float | None
    net_kcal: float | None
    source: str


class WorkoutEnergy(BaseModel):
    workout_id: str
    name: str
    weight_kg: float | None
    weight_source: str | None
    minutes: float
    gross_kcal: float | None = Field(description="MET x kg x h, resting energy included.")
    net_kcal: float | None = Field(description="Gross less 1 MET x kg x h; null: not counted.")
    activities: list[Activity]
    source: str


class LedgerDay(BaseModel):
    date: dt.date
    intake_kcal: float | None
    intake_source: str
    exercise_net_kcal: float | None = Field(description="null: the workouts did not answer.")
    exercise: list[WorkoutEnergy]
    expenditure_kcal: float | None = Field(description="The estimate (see `estimate`).")
    balance_kcal: float | None = Field(description="intake - expenditure - net exercise.")
    weight_kg: float | None = Field(description="The day's weigh-in, if any.")
    trend_kg: float | None = Field(description="The smoothed weight in force that day.")
    trend_from: dt.date | None = Field(description="The weigh-in day the trend is carried from.")
    adaptive_excluded: str | None = Field(
        description="Why the adaptive estimate left this day out (null: used, or outside it)."
    )


class LedgerTotals(BaseModel):
    days: int
    logged_days: int
    intake_kcal: float | None
    exercise_net_kcal: float | None
    balance_kcal: float | None
    balance_days: int = Field(description="Days with a balance (intake logged).")
    mean_balance_kcal: float | None
    implied_change_kg: float | None = Field(description="balance / 7700 kcal per kg.")


class LedgerEstimate(BaseModel):
    kcal_per_day: float
    method: str = Field(description="adaptive, mifflin_st_jeor, katch_mcardle, ...")
    source: str
    exercise_removed_kcal_per_day: float = Field(
        description="Adaptive only: the window's mean net exercise taken out of it."
    )


class LedgerTrend(BaseModel):
    start_kg: float | None
    end_kg: float | None
    change_kg: float | None
    weigh_ins: int
    source: str


class LedgerRules(BaseModel):
    balance: str
    exercise: str
    intake: str
    energy_per_kg: str


class Ledger(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: dt.date = Field(alias="from")
    to: dt.date
    user_id: str
    days: list[LedgerDay]
    totals: LedgerTotals
    estimate: LedgerEstimate | None = Field(description="null: the profile is incomplete.")
    trend: LedgerTrend
    rules: LedgerRules
    partial: bool
    missing: list[str] = Field(description="Parts that did not answer.")
