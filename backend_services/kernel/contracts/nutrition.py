"""Events the nutrition service publishes."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from ..dates import IsoDate
from .base import Amount, EventContract, Payload


class DayTotals(Payload):
    """The whole local day after the change (not a delta); None where a food's value is
    unknown."""

    energy_kcal: Amount | None
    energy_kj: Amount | None
    protein_g: Amount | None
    fat_g: Amount | None
    saturated_fat_g: Amount | None
    carbohydrate_g: Amount | None
    sugars_g: Amount | None
    fibre_g: Amount | None
    sodium_mg: Amount | None
    micronutrients: dict[str, Amount | None]


class MealChanged(EventContract):
    """A meal was logged, changed or deleted; ``date`` is the user's local day."""

    PRODUCER: ClassVar[str] = "nutrition"

    meal_id: UUID
    date: IsoDate
    day_totals: DayTotals


class MealLogged(MealChanged):
    TYPE: ClassVar[str] = "nutrition.meal.logged"


class MealUpdated(MealChanged):
    TYPE: ClassVar[str] = "nutrition.meal.updated"


class MealDeleted(MealChanged):
    TYPE: ClassVar[str] = "nutrition.meal.deleted"
