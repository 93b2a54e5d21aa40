"""Food-database admin routes (administrators only) and the user's "report this food"."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from backend_services.kernel.errors import error_responses, refusals
from backend_services.kernel.identity import AdminUser, CurrentUser

from . import admin_schemas as schemas
from .api import FOOD_VALUE_RULES
from .food_admin import FoodAdmin


def _food_admin(request: Request) -> FoodAdmin:
    admin: FoodAdmin = request.app.state.food_admin
    return admin


Admin = Annotated[FoodAdmin, Depends(_food_admin)]
FoodId = Annotated[int, Path(gt=0, lt=2**62)]
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
IMPOSSIBLE = refusals(body="at least one field to change", **FOOD_VALUE_RULES)

router = APIRouter(
    prefix="/api/nutrition/admin", tags=["nutrition admin"], responses=error_responses(401, 404)
)
reports = APIRouter(
    prefix="/api/nutrition", tags=["nutrition"], responses=error_responses(401, 404)
)


@reports.post("/foods/{food_id}/reports", status_code=201, response_model=schemas.FoodReport)
def report_food(
    food_id: FoodId, body: schemas.FoodReportIn, user: CurrentUser, admin: Admin
) -> dict[str, Any]:
    """Tell the administrators a food you can see has wrong values (one open report per
    food; sending another replaces its reason)."""
    return admin.report(user.user_id, food_id, body.reason)


@router.get("/imports", response_model=schemas.Imports)
def list_imports(_: AdminUser, admin: Admin) -> dict[str, Any]:
    """Each source's licences, food counts and last import with its report; recent runs."""
    return admin.imports()


@router.get("/foods/flagged", response_model=schemas.AdminFoodPage)
def list_flagged_foods(
    _: AdminUser,
    admin: Admin,
    flag: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Foods with quality flags (impossible values, stated energy far from the macronutrients,
    energy derived), each with the reason; ``flag`` keeps one kind."""
    return admin.flagged(flag, limit, offset)


@router.get("/foods/reported", response_model=schemas.ReportedFoodPage)
def list_reported_foods(
    _: AdminUser, admin: Admin, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Foods with open reports from users, the most reported first, with the reports."""
    return admin.reported(limit, offset)


@router.post("/foods/{food_id}/hide", response_model=schemas.AdminFood)
def hide_food(
    food_id: FoodId, body: schemas.HideIn, principal: AdminUser, admin: Admin
) -> dict[str, Any]:
    """Take a food out of search and barcode lookup (meals that use it keep it)."""
    return admin.hide(principal.user_id, food_id, body.reason)


@router.post("/foods/{food_id}/show", response_model=schemas.AdminFood)
def show_food(food_id: FoodId, principal: AdminUser, admin: Admin) -> dict[str, Any]:
    """Put a hidden food back into search."""
    return admin.hide(principal.user_id, food_id, None)


@router.patch("/foods/{food_id}", response_model=schemas.AdminFood, responses=IMPOSSIBLE)
def fix_food(
    food_id: FoodId, body: schemas.FoodFix, principal: AdminUser, admin: Admin
) -> dict[str, Any]:
    """Correct a food's values; its quality flags are computed again and re-imports keep
    the correction."""
    return admin.fix(principal.user_id, food_id, body)


@router.post("/foods/{food_id}/reports/resolve", response_model=schemas.ResolvedReports)
def resolve_food_reports(
    food_id: FoodId, body: schemas.ResolveIn, principal: AdminUser, admin: Admin
) -> dict[str, Any]:
    """Close the food's open reports with what was done."""
    return admin.resolve_reports(principal.user_id, food_id, body.resolution)
