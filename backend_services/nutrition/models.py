"""Nutrition tables in the ``nutrition`` schema, and the API's request/response schemas.

Tables are SQLAlchemy Core (the migration 0002 is their DDL, including the generated tsvector
and the trigram index, which the ORM cannot express); schemas are pydantic allow-lists.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.dialects.postgresql import UUID as PgUUID
from sqlmodel import SQLModel

from backend_services.kernel.bodies import PatchBody, StrictBody
from backend_services.kernel.dates import IsoDate
from backend_services.kernel.messaging import MessagingTables

from .domain import CORE

METADATA = SQLModel.metadata
MESSAGING = MessagingTables("nutrition", METADATA)
SCHEMA = "nutrition"

foods = Table(
    "foods",
    METADATA,
    Column("id", BigInteger, primary_key=True),
    Column("source", Text, nullable=False),
    Column("source_id", Text, nullable=False),
    Column("owner_id", Text),
    Column("licence", Text, nullable=False),
    Column("imported_at", DateTime(timezone=True)),
    Column("name", Text, nullable=False),
    Column("brand", Text),
    Column("category", Text),
    Column("barcode", Text),
    # the core amounts per 100 g (domain.CORE), with energy in kJ beside kcal
    *(Column(name, Numeric) for name in ("energy_kcal", "energy_kj", *CORE[1:])),
    Column("micronutrients", JSONB, nullable=False),
    Column("energy_derived", Boolean, nullable=False),
    Column("quality_flags", ARRAY(Text), nullable=False),
    Column("aliases", Text, nullable=False),
    Column("commonly_eaten", Boolean, nullable=False),
    Column("hidden", Boolean, nullable=False, server_default="false"),
    Column("hidden_reason", Text),
    Column("corrected_at", DateTime(timezone=True)),
    schema=SCHEMA,
)

import_runs = Table(
    "import_runs",
    METADATA,
    Column("id", BigInteger, primary_key=True),
    Column("source", Text, nullable=False),
    Column("licences", ARRAY(Text), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=False),
    Column("imported", Integer, nullable=False),
    Column("updated", Integer, nullable=False),
    Column("rejected", Integer, nullable=False),
    Column("report", JSONB, nullable=False),
    Column("error", Text),
    schema=SCHEMA,
)

food_reports = Table(
    "food_reports",
    METADATA,
    Column("id", BigInteger, primary_key=True),
    Column("food_id", BigInteger, ForeignKey("nutrition.foods.id"), nullable=False),
    Column("user_id", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True)),
    Column("resolved_at", DateTime(timezone=True)),
    Column("resolution", Text),
    schema=SCHEMA,
)

nutrients = Table(
    "nutrients",
    METADATA,
    Column("key", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("unit", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True)),
    schema=SCHEMA,
)

food_portions = Table(
    "food_portions",
    METADATA,
    Column("id", BigInteger, primary_key=True),
    Column("food_id", BigInteger, ForeignKey("nutrition.foods.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("amount", Numeric, nullable=False),
    Column("description", Text, nullable=False),
    Column("grams", Numeric, nullable=False),
    schema=SCHEMA,
)

recipes = Table(
    "recipes",
    METADATA,
    Column("id", PgUUID(as_uuid=True), primary_key=True),
    Column("owner_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("servings", Numeric),
    Column("cooked_weight_g", Numeric),
    Column("created_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True)),
    schema=SCHEMA,
)

recipe_ingredients = Table(
    "recipe_ingredients",
    METADATA,
    Column("id", PgUUID(as_uuid=True), primary_key=True),
    Column("recipe_id", PgUUID(as_uuid=True), ForeignKey("nutrition.recipes.id"), nullable=False),
    Column("food_id", BigInteger, ForeignKey("nutrition.foods.id"), nullable=False),
    Column("grams", Numeric, nullable=False),
    Column("position", Integer, nullable=False),
    schema=SCHEMA,
)

meals = Table(
    "meals",
    METADATA,
    Column("id", PgUUID(as_uuid=True), primary_key=True),
    Column("user_id", Text, nullable=False),
    Column("day", Date, nullable=False),
    Column("meal_type", Text, nullable=False),
    Column("note", Text),
    Column("created_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True)),
    schema=SCHEMA,
)

meal_items = Table(
    "meal_items",
    METADATA,
    Column("id", PgUUID(as_uuid=True), primary_key=True),
    Column("meal_id", PgUUID(as_uuid=True), ForeignKey("nutrition.meals.id"), nullable=False),
    Column("user_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("food_id", BigInteger),
    Column("recipe_id", PgUUID(as_uuid=True)),
    Column("portion_id", BigInteger),
    Column("quantity", Numeric),
    Column("grams", Numeric),
    Column("name", Text, nullable=False),
    Column("nutrients", JSONB, nullable=False),
    Column("created_at", DateTime(timezone=True)),
    schema=SCHEMA,
)

day_totals = Table(
    "day_totals",
    METADATA,
    Column("user_id", Text, primary_key=True),
    Column("day", Date, primary_key=True),
    Column("sums", JSONB, nullable=False),
    Column("micro_counts", JSONB, nullable=False),
    schema=SCHEMA,
)

idempotency_keys = Table(
    "idempotency_keys",
    METADATA,
    Column("user_id", Text, primary_key=True),
    Column("key", Text, primary_key=True),
    Column("request_hash", Text, nullable=False),
    Column("status_code", Integer),
    Column("response", JSONB),
    Column("created_at", DateTime(timezone=True)),
    schema=SCHEMA,
)

# water and fasting (water_fasting.py; migration 0008)
water_logs = Table(
    "water_logs",
    METADATA,
    Column("id", PgUUID(as_uuid=True), primary_key=True),
    Column("user_id", Text, nullable=False),
    Column("day", Date, nullable=False),
    Column("amount_ml", Integer, nullable=False),
    Column("logged_at", DateTime(timezone=True), nullable=False),
    schema=SCHEMA,
)

water_goals = Table(
    "water_goals",
    METADATA,
    Column("user_id", Text, primary_key=True),
    Column("goal_ml", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    schema=SCHEMA,
)

fasts = Table(
    "fasts",
    METADATA,
    Column("id", PgUUID(as_uuid=True), primary_key=True),
    Column("user_id", Text, nullable=False),
    Column("protocol", Text, nullable=False),
    Column("target_hours", Integer, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
    schema=SCHEMA,
)

# Food-diary imports from other apps (diary_import.py): an upload waiting for its review,
# then imported; the keys of imported rows make a second import of the same rows add nothing.
diary_imports = Table(
    "diary_imports",
    METADATA,
    Column("id", PgUUID(as_uuid=True), primary_key=True),
    Column("user_id", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("file_name", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("rows", JSONB, nullable=False),
    Column("rejected", JSONB, nullable=False),
    Column("report", JSONB),
    Column("created_at", DateTime(timezone=True)),
    Column("imported_at", DateTime(timezone=True)),
    schema=SCHEMA,
)

diary_import_keys = Table(
    "diary_import_keys",
    METADATA,
    Column("user_id", Text, primary_key=True),
    Column("source_key", Text, primary_key=True),
    Column("import_id", PgUUID(as_uuid=True), nullable=False),
    Column("created_at", DateTime(timezone=True)),
    schema=SCHEMA,
)

# ---- request schemas: allow-lists with bounds (RELIABILITY.md "Bad input") ----

# The pattern states in the document what trimming means: a name of spaces alone is empty.
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"\S")
]
# breakfast, lunch, dinner, snack, or a named custom meal ("Pre-workout", "Après-ski"):
# letters, digits, spaces and . ' - only, starting with a letter or digit (no markup).
MealType = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[^\W_][\w .'\-]*$"
    ),
]
Grams = Annotated[
    Decimal, Field(gt=0, le=5000, max_digits=9, decimal_places=2, allow_inf_nan=False)
]
Per100 = Annotated[
    Decimal, Field(ge=0, le=100, max_digits=7, decimal_places=3, allow_inf_nan=False)
]
# per 100 g: energy at most pure fat's 900 kcal, sodium at most table salt's 39.4 g
EnergyPer100 = Annotated[Decimal, Field(ge=0, le=900, decimal_places=3, allow_inf_nan=False)]
SodiumMgPer100 = Annotated[Decimal, Field(ge=0, le=39400, decimal_places=3, allow_inf_nan=False)]


class Strict(StrictBody):
    model_config = ConfigDict(extra="forbid")


class QuickAdd(Strict):
    name: Name = "Quick add"
    energy_kcal: Annotated[Decimal, Field(ge=0, le=10000, decimal_places=2, allow_inf_nan=False)]
    protein_g: Annotated[Decimal, Field(ge=0, le=1000, decimal_places=2, allow_inf_nan=False)] = (
        Decimal(0)
    )
    fat_g: Annotated[Decimal, Field(ge=0, le=1000, decimal_places=2, allow_inf_nan=False)] = (
        Decimal(0)
    )
    carbohydrate_g: Annotated[
        Decimal, Field(ge=0, le=1000, decimal_places=2, allow_inf_nan=False)
    ] = Decimal(0)


class ItemIn(Strict):
    """Exactly one of food_id / recipe_id / quick_add; an amount as grams or portion x qty."""

    food_id: Annotated[int, Field(gt=0, lt=2**62)] | None = None
    recipe_id: UUID | None = None
    quick_add: QuickAdd | None = None
    grams: Grams | None = None
    portion_id: Annotated[int, Field(gt=0, lt=2**62)] | None = None
    quantity: (
        Annotated[Decimal, Field(gt=0, le=100, decimal_places=3, allow_inf_nan=False)] | None
    ) = None

    @model_validator(mode="after")
    def _one_source_one_amount(self) -> ItemIn:
        sources = [s for s in (self.food_id, self.recipe_id, self.quick_add) if s is not None]
        if len(sources) != 1:
            raise ValueError("give exactly one of food_id, recipe_id, quick_add")
        if self.quick_add is not None:
            if self.grams is not None or self.portion_id is not None:
                raise ValueError("a quick add has no amount")
            return self
        if self.portion_id is not None:
            if self.grams is not None or self.recipe_id is not None:
                raise ValueError("give grams, or portion_id with quantity, not both")
        elif self.grams is None and not (self.recipe_id is not None and self.quantity):
            raise ValueError("give grams, or portion_id with quantity")
        return self


Note = Annotated[str, StringConstraints(max_length=1000)]


class MealCreate(Strict):
    date: IsoDate
    meal_type: MealType
    items: Annotated[list[ItemIn], Field(min_length=1, max_length=100)]
    note: Note | None = None


class MealUpdate(PatchBody):
    nullable_in_patch = frozenset({"note"})  # null clears the note

    meal_type: MealType | None = None
    note: Note | None = None
    date: IsoDate | None = None


class ItemUpdate(PatchBody):
    """New grams, a new quantity of the item's portion, or another portion of its food."""

    grams: Grams | None = None
    quantity: (
        Annotated[Decimal, Field(gt=0, le=100, decimal_places=3, allow_inf_nan=False)] | None
    ) = None
    portion_id: Annotated[int, Field(gt=0, lt=2**62)] | None = None


class CopyRequest(Strict):
    to_date: IsoDate
    meal_type: MealType | None = None


class FoodCreate(Strict):
    """A user's private food, per 100 g."""

    name: Name
    brand: Annotated[str, StringConstraints(max_length=200)] | None = None
    category: Annotated[str, StringConstraints(max_length=200)] | None = None
    energy_kcal: EnergyPer100
    protein_g: Per100 = Decimal(0)
    fat_g: Per100 = Decimal(0)
    carbohydrate_g: Per100 = Decimal(0)
    saturated_fat_g: Per100 | None = None
    sugars_g: Per100 | None = None
    fibre_g: Per100 | None = None
    sodium_mg: SodiumMgPer100 | None = None


class IngredientIn(Strict):
    food_id: Annotated[int, Field(gt=0, lt=2**62)]
    grams: Grams


class RecipeCreate(Strict):
    name: Name
    ingredients: Annotated[list[IngredientIn], Field(min_length=1, max_length=100)]
    servings: Annotated[Decimal, Field(gt=0, le=1000, decimal_places=2)] | None = None
    cooked_weight_g: (
        Annotated[Decimal, Field(gt=0, le=100000, decimal_places=2, allow_inf_nan=False)] | None
    ) = None


JsonDict = dict[str, Any]


# ---- logging in words (phrase_resolver.py) ----


class DescribeIn(Strict):
    # As typed: no control characters anywhere (the pattern sees the raw text, so a leading
    # tab is refused as the schema says), at least one visible character.
    text: Annotated[
        str,
        StringConstraints(
            min_length=1,
            max_length=500,
            pattern=r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$",
        ),
    ]


class FoodRef(BaseModel):
    id: int
    name: str
    brand: str | None


class DescribedItem(BaseModel):
    text: str = Field(description="The words this item came from.")
    query: str = Field(description="What was searched for.")
    goes_with: str | None = Field(description='"milk" in "coffee with milk" goes with "coffee".')
    food: FoodRef
    alternatives: list[FoodRef]
    amount: str = Field(description='The amount in words: "2 medium (88 g)".')
    grams: float
    energy_kcal: float
    assumption: str | None = Field(description="What was assumed, for the person to check.")
    log_item: JsonDict = Field(description="The item as POST /meals takes it.")


class Unmatched(BaseModel):
    text: str
    query: str


class DescribeOut(BaseModel):
    items: list[DescribedItem]
    unmatched: list[Unmatched]
    energy_kcal: float
