"""Response model of ``GET /api/aggregator/ledger``: every number beside its source."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ReasonCode = Literal[
    # an activity, a workout
    "met_formula",
    "not_completed",
    "no_body_weight",
    "activities_sum",
    "session_figure",
    # a day's intake; why the adaptive estimate left a day out
    "diary",
    "nothing_logged",
    "incomplete",
    # the expenditure estimate; why the adaptive one is not used yet
    "formula",
    "adaptive",
    "few_logged_days",
    "few_weigh_ins",
    "short_weigh_in_span",
    # the weight trend
    "moving_average",
]


class Reason(BaseModel):
    """A source as a code with its numbers, for a client to word in its reader's language
    (``source`` beside it says the same in English)."""

    code: ReasonCode
    params: dict[str, float | int | str | None] = Field(
        description="The numbers and names the code's sentence holds: met_formula weight_kg, "
        "hours, gross_kcal, net_kcal; session_figure figure (device | met_estimate), "
        "gross_kcal, weight_kg, hours, resting_kcal; incomplete logged_kcal, expected_kcal; "
        "formula formula, bmr_kcal, bmr_source, activity_factor, activity_level, tdee_kcal; "
        "adaptive tdee_kcal, band_kcal, trusted_days, weigh_ins, window_start, window_end, "
        "exercise_removed_kcal_per_day; few_logged_days and few_weigh_ins have, need; "
        "short_weigh_in_span days; moving_average smoothing."
    )


class Activity(BaseModel):
    code: str = Field(description="Compendium of Physical Activities code.")
    met: float
    description: str
    edition: str
    minutes: float
    gross_kcal: float | None
    net_kcal: float | None
    reason: Reason
    source: str = Field(description="The reason in English.")


class WorkoutEnergy(BaseModel):
    workout_id: str
    name: str
    weight_kg: float | None
    weight_source: str | None
    minutes: float
    gross_kcal: float | None = Field(description="MET x kg x h, resting energy included.")
    net_kcal: float | None = Field(description="Gross less 1 MET x kg x h; null: not counted.")
    activities: list[Activity]
    reason: Reason
    source: str = Field(description="The reason in English.")


class LedgerDay(BaseModel):
    date: dt.date
    intake_kcal: float | None
    intake_source: str = Field(description="`intake_reason` in English.")
    intake_reason: Reason
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
    adaptive_excluded_reason: Reason | None = Field(
        description="`adaptive_excluded` as a code (nothing_logged, incomplete)."
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
    source: str = Field(description="`reason` and `adaptive_not_used` in English.")
    reason: Reason = Field(description="formula or adaptive.")
    adaptive_not_used: Reason | None = Field(
        description="The formula's estimate: why the adaptive one is not used yet, if it is not."
    )
    exercise_removed_kcal_per_day: float = Field(
        description="Adaptive only: the window's mean net exercise taken out of it."
    )


class LedgerTrend(BaseModel):
    start_kg: float | None
    end_kg: float | None
    change_kg: float | None
    weigh_ins: int
    source: str = Field(description="`reason` in English.")
    reason: Reason


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
