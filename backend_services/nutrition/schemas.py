"""The nutrition API's response models: what every route answers, so the OpenAPI document is
exact. The services build plain dicts in these shapes; FastAPI checks them on the way out."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backend_services.kernel.export_format import ExportFormat


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NutrientAmounts(Answer):
    """Amounts of an amount of food (``null``: not known for this food). Energy in kcal and
    kJ, masses in g, sodium in mg; ``micronutrients`` by key (``GET /nutrients`` says
    what each is and its unit)."""

    energy_kcal: float | None
    protein_g: float | None
    fat_g: float | None
    saturated_fat_g: float | None
    carbohydrate_g: float | None
    sugars_g: float | None
    fibre_g: float | None
    sodium_mg: float | None
    energy_kj: float | None
    micronutrients: dict[str, float | None]


class Portion(Answer):
    id: int
    amount: float
    description: str
    grams: float


class Food(Answer):
    id: int
    name: str
    other_names: list[str] = Field(description="Common and Russian names, searchable too.")
    brand: str | None
    category: str | None
    source: str
    barcode: str | None
    private: bool
    energy_derived: bool
    quality_flags: list[str]
    nutrients_per_100g: NutrientAmounts
    portions: list[Portion]


class RankedFood(Food):
    score: float = Field(description="How well the food matches the query (higher first).")


class FoodPage(Answer):
    items: list[RankedFood]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")


class NutrientInfo(Answer):
    name: str
    unit: str
    daily_value: float | None = Field(description="US Daily Value for adults, if any.")


class NutrientDefinitions(Answer):
    nutrients: dict[str, NutrientInfo]


class Item(Answer):
    id: str
    food_id: int | None
    recipe_id: str | None
    portion_id: int | None
    quantity: float | None
    grams: float | None = Field(description="null for a quick add")
    name: str
    nutrients: NutrientAmounts


class Meal(Answer):
    id: str
    date: str
    meal_type: str
    note: str | None
    items: list[Item]
    totals: NutrientAmounts


class DayWater(Answer):
    total_ml: int
    goal_ml: int
    goal_is_default: bool = Field(description="No goal set yet: the default of 2,000 ml.")


class Day(Answer):
    date: str
    meals: list[Meal]
    totals: NutrientAmounts
    water: DayWater = Field(description="The day's water against the goal (`/water/{day}`).")


class DayTotals(Answer):
    """The day's new totals after a change."""

    day_totals: NutrientAmounts


class MealChange(DayTotals):
    meal: Meal


class UsedFood(Answer):
    id: int
    name: str
    brand: str | None
    source: str
    uses: int
    last_used: str


class UsedFoods(Answer):
    items: list[UsedFood]


class Ingredient(Answer):
    food_id: int
    name: str
    grams: float


class Recipe(Answer):
    id: str
    name: str
    servings: float | None
    cooked_weight_g: float | None
    ingredients: list[Ingredient]
    total: NutrientAmounts
    per_100g: NutrientAmounts | None
    serving_g: float | None
    per_serving: NutrientAmounts | None


class Recipes(Answer):
    items: list[Recipe]


class DailyNutrients(NutrientAmounts):
    date: str


class FoodEnergy(Answer):
    name: str
    energy_kcal: float


class Report(Answer):
    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    days_logged: int
    daily: list[DailyNutrients]
    averages_per_logged_day: dict[str, float]
    macro_split_percent_energy: dict[Literal["protein", "fat", "carbohydrate"], float]
    top_foods_by_energy: list[FoodEnergy]
    micronutrient_totals: dict[str, float | None]
    targets: None = Field(description="Targets live in the users service (the dashboard).")


class PublicFood(Answer):
    """Where a public food comes from: another FitLedger finds it by ``source``/``source_id``."""

    id: int
    source: str
    source_id: str
    name: str
    brand: str | None
    barcode: str | None


class ExportedDrink(Answer):
    id: str
    date: str
    amount_ml: int
    logged_at: dt.datetime


class ExportedWater(Answer):
    goal_ml: int | None = Field(description="The daily goal the user set; null: the default.")
    drinks: list[ExportedDrink] = Field(description="Every drink, by day.")


class ExportedFast(Answer):
    id: str
    protocol: str
    target_hours: int
    started_at: dt.datetime
    ended_at: dt.datetime | None = Field(description="Null while it runs.")


class Export(Answer):
    format: ExportFormat
    user_id: str
    exported_at: str
    diary: list[Day]
    foods: list[Food] = Field(description="The user's private foods.")
    recipes: list[Recipe]
    public_foods: list[PublicFood] = Field(description="The public foods the diary names.")
    water: ExportedWater
    fasts: list[ExportedFast] = Field(description="Every fast, the earliest first.")


class Imported(Answer):
    """What an import added (records already there are not counted)."""

    foods: int
    recipes: int
    meals: int
    items: int
    drinks: int
    fasts: int
