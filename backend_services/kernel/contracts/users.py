"""Events the users service publishes."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from ..dates import IsoDate
from .base import Amount, ClockTime, EventContract, Payload
from .preferences import Channel, NotificationType

Kilograms = Annotated[float, Field(strict=True, gt=0, allow_inf_nan=False)]
# What a profile may choose; the users API and every consumer read these same values.
Language = Literal["en", "ru"]
Units = Literal["metric", "imperial"]  # imperial: weights in lb, distances in mi


class _Users(EventContract):
    PRODUCER: ClassVar[str] = "users"


class Targets(Payload):
    calorie_target_kcal: Amount
    target_source: Annotated[str, Field(min_length=1, max_length=40)]
    protein_g: Amount
    fat_g: Amount
    carbohydrate_g: Amount
    floor_applied: bool


class QuietHours(Payload):
    """Local clock times; the quiet period may run over midnight (start after end)."""

    start: ClockTime
    end: ClockTime


class ProfileUpdated(_Users):
    """What other services keep of a profile, published whenever any of it changed."""

    TYPE: ClassVar[str] = "users.profile.updated"

    targets: Targets | None
    timezone: Annotated[str, Field(min_length=1, max_length=64)]
    language: Language
    units: Units
    notifications: dict[NotificationType, dict[Channel, bool]]
    quiet_hours: QuietHours | None


class WeightLogged(_Users):
    TYPE: ClassVar[str] = "users.weight.logged"

    date: IsoDate
    weight_kg: Kilograms
    trend_kg: Kilograms  # the smoothed trend on that day
