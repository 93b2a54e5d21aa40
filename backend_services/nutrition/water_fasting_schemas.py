"""Request and response schemas of the diary's water and fasting routes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from backend_services.kernel.dates import Instant

from . import water_fasting_domain as rules
from .models import Strict
from .schemas import Answer, DayWater

DrinkMl = Annotated[int, Field(ge=rules.MIN_DRINK_ML, le=rules.MAX_DRINK_ML)]
GoalMl = Annotated[int, Field(ge=rules.MIN_GOAL_ML, le=rules.MAX_GOAL_ML)]
TargetHours = Annotated[int, Field(ge=rules.MIN_TARGET_HOURS, le=rules.MAX_TARGET_HOURS)]


class DrinkIn(Strict):
    amount_ml: DrinkMl = Field(description="What was drunk, in ml (the UI converts fl oz).")


class WaterGoalIn(Strict):
    goal_ml: GoalMl


class FastStart(Strict):
    """Start a fast now (or at ``started_at``); with ``ended_at`` too, log one that is over."""

    protocol: rules.Protocol
    target_hours: TargetHours | None = Field(
        default=None, description="Required for `custom`; the protocol's hours otherwise."
    )
    started_at: Instant | None = None
    ended_at: Instant | None = None


class FastEnd(Strict):
    ended_at: Instant | None = Field(default=None, description="Now when left out.")


class Drink(Answer):
    id: str
    amount_ml: int
    logged_at: dt.datetime


class WaterDay(DayWater):
    date: str
    drinks: list[Drink] = Field(description="The day's drinks, the latest last.")


class WaterGoal(Answer):
    goal_ml: int
    goal_is_default: bool


class Fast(Answer):
    id: str
    protocol: str
    target_hours: int
    started_at: dt.datetime
    ended_at: dt.datetime | None
    status: Literal["running", "completed", "short"]
    elapsed_seconds: int = Field(description="Its length, up to now while it runs.")


class Fasts(Answer):
    current: Fast | None = Field(description="The running fast, if any.")
    recent: list[Fast] = Field(description="Ended fasts, the latest first.")
