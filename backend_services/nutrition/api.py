"""HTTP routes of the nutrition service: parse, call one use case, return its answer."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import Response

from backend_services.kernel.dates import IsoDate
from backend_services.kernel.errors import error_responses, refusals
from backend_services.kernel.identity import CurrentUser

from . import reports, schemas
from .account_import import NutritionImport
from .models import (
    CopyRequest,
    DescribeIn,
    DescribeOut,
    FoodCreate,
    ItemUpdate,
    MealCreate,
    MealUpdate,
    RecipeCreate,
)
from .service import NutritionService

router = APIRouter(prefix="/api/nutrition", tags=["nutrition"], responses=error_responses(401, 404))


def _service(request: Request) -> NutritionService:
    return request.app.state.nutrition_service


# Each use case commits its own transaction before the route answers (a client never acts
# on a 201 whose row is not visible yet, and a failed commit never follows a 2xx).
Nutrition = Annotated[NutritionService, Depends(_service)]
FoodId = Annotated[int, Path(gt=0, lt=2**62)]
# PostgreSQL text cannot hold NUL; refuse control characters in search parameters up front.
NO_CONTROL_CHARS = r"^[^\x00-\x1f\x7f]*$"
Day = Annotated[IsoDate, Path()]
# What a food's values are checked against beyond their bounds (domain.impossible_fields).
FOOD_VALUE_RULES = {
    "protein_g": "with fat_g and carbohydrate_g at most 100 g per 100 g",
    "fat_g": "with protein_g and carbohydrate_g at most 100 g per 100 g",
    "carbohydrate_g": "with protein_g and fat_g at most 100 g per 100 g",
    "sugars_g": "at most carbohydrate_g",
    "saturated_fat_g": "at most fat_g",
}


@router.get("/foods", response_model=schemas.FoodPage)
def list_foods(
    user: CurrentUser,
    nutrition: Nutrition,
    q: Annotated[str, Query(max_length=200, pattern=NO_CONTROL_CHARS)] = "",
    category: Annotated[str | None, Query(max_length=200, pattern=NO_CONTROL_CHARS)] = None,
    source: Literal["usda-sr28", "fdc", "off", "user"] | None = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
    cursor: Annotated[str | None, Query(max_length=200, pattern=NO_CONTROL_CHARS)] = None,
    lab_only: Annotated[
        bool,
        Query(description="Only foods with laboratory values (USDA SR28, FoodData Central)."),
    ] = False,
) -> dict[str, Any]:
    return nutrition.search_foods(
        user.user_id,
        q=q,
        category=category,
        source=source,
        limit=limit,
        cursor=cursor,
        lab_only=lab_only,
    )


@router.get("/nutrients", response_model=schemas.NutrientDefinitions)
def list_nutrients(user: CurrentUser, nutrition: Nutrition) -> dict[str, Any]:
    """What the keys of ``micronutrients`` mean: name, unit and the daily reference value
    (US Daily Value for adults, null where there is none), by key."""
    return nutrition.nutrient_definitions()


@router.get(
    "/foods/barcode/{code}",
    response_model=schemas.Food,
    responses=refusals(code="an EAN-13, UPC-A, EAN-8 or UPC-E barcode with a valid check digit"),
)
def food_by_barcode(
    user: CurrentUser, nutrition: Nutrition, code: Annotated[str, Path(max_length=14)]
) -> dict[str, Any]:
    return nutrition.food_by_barcode(user.user_id, code)


@router.get("/foods/{food_id}", response_model=schemas.Food)
def get_food(user: CurrentUser, nutrition: Nutrition, food_id: FoodId) -> dict[str, Any]:
    return nutrition.get_food(user.user_id, food_id)


@router.post(
    "/foods",
    status_code=201,
    response_model=schemas.Food,
    responses=refusals(**FOOD_VALUE_RULES),
)
def create_food(user: CurrentUser, nutrition: Nutrition, body: FoodCreate) -> dict[str, Any]:
    return nutrition.create_food(user.user_id, body)


@router.post("/describe", response_model=DescribeOut)
def describe_meal(user: CurrentUser, nutrition: Nutrition, body: DescribeIn) -> dict[str, Any]:
    """Logging in words: "2 eggs, a slice of toast with butter" → items to confirm (nothing
    is saved; log the confirmed ``log_item`` bodies with ``POST /meals``)."""
    return nutrition.describe(user.user_id, body.text)


@router.post(
    "/meals", status_code=201, response_model=schemas.MealChange, responses=error_responses(409)
)
def log_meal(
    user: CurrentUser,
    nutrition: Nutrition,
    body: MealCreate,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> dict[str, Any]:
    return nutrition.log_meal(user.user_id, body, idempotency_key)


@router.patch("/meals/{meal_id}", response_model=schemas.MealChange)
def update_meal(
    user: CurrentUser, nutrition: Nutrition, meal_id: UUID, body: MealUpdate
) -> dict[str, Any]:
    return nutrition.update_meal(user.user_id, meal_id, body)


@router.delete("/meals/{meal_id}", response_model=schemas.DayTotals)
def delete_meal(user: CurrentUser, nutrition: Nutrition, meal_id: UUID) -> dict[str, Any]:
    return nutrition.delete_meal(user.user_id, meal_id)


@router.post("/meals/{meal_id}/copy", status_code=201, response_model=schemas.MealChange)
def copy_meal(
    user: CurrentUser, nutrition: Nutrition, meal_id: UUID, body: CopyRequest
) -> dict[str, Any]:
    return nutrition.copy_meal(user.user_id, meal_id, body.to_date, body.meal_type)


@router.patch("/items/{item_id}", response_model=schemas.MealChange)
def update_item(
    user: CurrentUser, nutrition: Nutrition, item_id: UUID, body: ItemUpdate
) -> dict[str, Any]:
    return nutrition.update_item(user.user_id, item_id, body)


@router.delete("/items/{item_id}", response_model=schemas.DayTotals)
def delete_item(user: CurrentUser, nutrition: Nutrition, item_id: UUID) -> dict[str, Any]:
    return nutrition.delete_item(user.user_id, item_id)


@router.get("/diary/{day}", response_model=schemas.Day)
def diary(user: CurrentUser, nutrition: Nutrition, day: Day) -> dict[str, Any]:
    return nutrition.day(user.user_id, day)


@router.post("/diary/{day}/copy", status_code=201, response_model=schemas.Day)
def copy_day(
    user: CurrentUser, nutrition: Nutrition, day: Day, body: CopyRequest
) -> dict[str, Any]:
    return nutrition.copy_day(user.user_id, day, body.to_date)


@router.get("/foods-used/{order}", response_model=schemas.UsedFoods)
def used_foods(
    user: CurrentUser,
    nutrition: Nutrition,
    order: Literal["recent", "frequent"],
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> dict[str, Any]:
    return nutrition.used_foods(user.user_id, order, limit)


@router.post("/recipes", status_code=201, response_model=schemas.Recipe)
def create_recipe(user: CurrentUser, nutrition: Nutrition, body: RecipeCreate) -> dict[str, Any]:
    return nutrition.create_recipe(user.user_id, body)


@router.get("/recipes", response_model=schemas.Recipes)
def list_recipes(user: CurrentUser, nutrition: Nutrition) -> dict[str, Any]:
    return nutrition.list_recipes(user.user_id)


@router.get("/recipes/{recipe_id}", response_model=schemas.Recipe)
def get_recipe(user: CurrentUser, nutrition: Nutrition, recipe_id: UUID) -> dict[str, Any]:
    return nutrition.get_recipe(user.user_id, recipe_id)


@router.get(
    "/reports",
    response_model=None,
    responses={
        200: {"model": schemas.Report, "content": {"application/json": {}, "text/csv": {}}},
        **refusals(to="on or after `from`, at most 366 days after it"),
    },
)
def report(
    user: CurrentUser,
    nutrition: Nutrition,
    from_: Annotated[IsoDate, Query(alias="from")],
    to: IsoDate,
    format: Literal["json", "csv"] = "json",
) -> schemas.Report | Response:
    data = nutrition.report(user.user_id, from_, to)
    if format == "csv":
        # a download with a name that says what it holds
        name = f"fitledger-nutrition-{from_.isoformat()}-{to.isoformat()}.csv"
        return Response(
            reports.report_csv(data),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return schemas.Report.model_validate(data)  # checked like every other answer


@router.get("/export", response_model=schemas.Export)
def export(user: CurrentUser, nutrition: Nutrition) -> dict[str, Any]:
    return nutrition.export(user.user_id)


@router.post(
    "/import",
    response_model=schemas.Imported,
    responses={
        **error_responses(413),
        **refusals(
            **{
                "foods.{id}": "private foods only",
                "foods.{id}.{nutrient}": "a value possible for 100 g of a food",
                "recipes.{n}.ingredients.{n}.food_id": "a private food of the file or a public "
                "food of this FitLedger",
                "items.{id}.recipe_id": "a recipe of the file",
            }
        ),
    },
)
def import_export(body: NutritionImport, user: CurrentUser, nutrition: Nutrition) -> dict[str, int]:
    """The nutrition part of a FitLedger export (``GET /export`` of any account) into the
    caller's: all or nothing; importing the same file again adds nothing."""
    return nutrition.import_export(user.user_id, body)
