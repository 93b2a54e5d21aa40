"""HTTP routes of the nutrition service: parse, call one use case, shape the answer."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from backend_services.kernel.business_metrics import (
    CALORIES_LOGGED,
    FOOD_ITEMS_LOGGED,
    MEALS_LOGGED,
    on_commit,
)
from backend_services.kernel.dates import IsoDate
from backend_services.kernel.db import unit_of_work
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound, error_responses
from backend_services.kernel.identity import CurrentUser

from . import phrase_resolver, reports, service
from . import repository as repo
from .domain import barcode_forms
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
from .search import search_foods

router = APIRouter(prefix="/api/nutrition", tags=["nutrition"], responses=error_responses(401, 404))


def _session(request: Request) -> Iterator[Session]:
    engine: Engine = request.app.state.engine
    with unit_of_work(engine) as session:
        yield session


# scope="function": the transaction commits before the response is sent. With the default
# scope the commit ran after the answer, so a client could act on a 201 before its row was
# visible (and a failed commit would follow a 2xx).
Db = Annotated[Session, Depends(_session, scope="function")]
FoodId = Annotated[int, Path(gt=0, lt=2**62)]
# PostgreSQL text cannot hold NUL; refuse control characters in search parameters up front.
NO_CONTROL_CHARS = r"^[^\x00-\x1f\x7f]*$"
Day = Annotated[IsoDate, Path()]


def _cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        offset = int(json.loads(base64.urlsafe_b64decode(cursor.encode()))["o"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidInput("Bad cursor.", fields={"cursor": "not a cursor from this API"}) from exc
    if not 0 <= offset <= 10_000:
        raise InvalidInput("Bad cursor.", fields={"cursor": "out of range"})
    return offset


@router.get("/foods")
def list_foods(
    user: CurrentUser,
    db: Db,
    q: Annotated[str, Query(max_length=200, pattern=NO_CONTROL_CHARS)] = "",
    category: Annotated[str | None, Query(max_length=200, pattern=NO_CONTROL_CHARS)] = None,
    source: Literal["usda-sr28", "fdc", "off", "user"] | None = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
    cursor: Annotated[str | None, Query(max_length=200, pattern=NO_CONTROL_CHARS)] = None,
) -> dict[str, Any]:
    offset = _cursor(cursor)
    rows = search_foods(
        db, q=q, user_id=user.user_id, category=category, source=source, limit=limit, offset=offset
    )
    more = len(rows) > limit
    rows = rows[:limit]
    portions = repo.portions_of(db, [r["id"] for r in rows])
    items = [
        service.food_public(_Row(r), portions.get(r["id"])) | {"score": round(float(r["score"]), 3)}
        for r in rows
    ]
    next_cursor = (
        base64.urlsafe_b64encode(json.dumps({"o": offset + limit}).encode()).decode()
        if more
        else None
    )
    return {"items": items, "next_cursor": next_cursor}


class _Row:
    def __init__(self, values: dict[str, Any]):
        self.__dict__.update(values)


@router.get("/nutrients")
def list_nutrients(user: CurrentUser, db: Db) -> dict[str, Any]:
    """What the keys of ``micronutrients`` mean: name, unit and the daily reference value
    (US Daily Value for adults, null where there is none), by key."""
    return {"nutrients": {n.key: n.to_json() for n in repo.nutrient_definitions(db)}}


@router.get("/foods/barcode/{code}")
def food_by_barcode(
    user: CurrentUser, db: Db, code: Annotated[str, Path(max_length=14)]
) -> dict[str, Any]:
    forms = barcode_forms(code)
    if not forms:
        raise InvalidInput(
            "Not an EAN-13, UPC-A, EAN-8 or UPC-E barcode.",
            fields={"code": "bad check digit or length"},
        )
    row = repo.food_by_barcode(db, forms, user.user_id)
    if row is None:
        raise NotFound("No food with this barcode.")
    return service.food_public(row, repo.portions_of(db, [row.id]).get(row.id))


@router.get("/foods/{food_id}")
def get_food(user: CurrentUser, db: Db, food_id: FoodId) -> dict[str, Any]:
    return service.get_food(db, user.user_id, food_id)


@router.post("/foods", status_code=201)
def create_food(user: CurrentUser, db: Db, body: FoodCreate) -> dict[str, Any]:
    return service.create_food(db, user.user_id, body)


@router.post("/describe", response_model=DescribeOut)
def describe_meal(user: CurrentUser, db: Db, body: DescribeIn) -> dict[str, Any]:
    """Logging in words: "2 eggs, a slice of toast with butter" → items to confirm (nothing
    is saved; log the confirmed ``log_item`` bodies with ``POST /meals``)."""
    return phrase_resolver.describe(db, user.user_id, body.text)


@router.post("/meals", status_code=201, responses=error_responses(409))
def log_meal(
    user: CurrentUser,
    db: Db,
    body: MealCreate,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Any:
    if idempotency_key is None:
        return _counted(db, service.log_meal(db, user.user_id, body))
    digest = hashlib.sha256(body.model_dump_json().encode()).hexdigest()
    stored = repo.claim_idempotency_key(db, user.user_id, idempotency_key, digest)
    if stored is not None:
        if stored.request_hash != digest:
            raise Conflict("This Idempotency-Key was used for another request.")
        return JSONResponse(stored.response, status_code=stored.status_code or 201)
    result = _counted(db, service.log_meal(db, user.user_id, body))
    payload = json.loads(bytes(JSONResponse(result).body))
    repo.store_idempotent_response(db, user.user_id, idempotency_key, 201, payload)
    return JSONResponse(payload, status_code=201)


def _counted(db: Session, logged: dict[str, Any]) -> dict[str, Any]:
    """Count the logged meal (business metrics) once its transaction commits."""
    meal = logged["meal"]

    def count() -> None:
        MEALS_LOGGED.labels(meal["meal_type"]).inc()
        FOOD_ITEMS_LOGGED.inc(len(meal["items"]))
        CALORIES_LOGGED.inc(meal["totals"]["energy_kcal"] or 0)

    on_commit(db, count)
    return logged


@router.patch("/meals/{meal_id}")
def update_meal(user: CurrentUser, db: Db, meal_id: UUID, body: MealUpdate) -> dict[str, Any]:
    return service.update_meal(db, user.user_id, meal_id, body)


@router.delete("/meals/{meal_id}")
def delete_meal(user: CurrentUser, db: Db, meal_id: UUID) -> dict[str, Any]:
    return service.delete_meal(db, user.user_id, meal_id)


@router.post("/meals/{meal_id}/copy", status_code=201)
def copy_meal(user: CurrentUser, db: Db, meal_id: UUID, body: CopyRequest) -> dict[str, Any]:
    return service.copy_meal(db, user.user_id, meal_id, body.to_date, body.meal_type)


@router.patch("/items/{item_id}")
def update_item(user: CurrentUser, db: Db, item_id: UUID, body: ItemUpdate) -> dict[str, Any]:
    return service.update_item(db, user.user_id, item_id, body)


@router.delete("/items/{item_id}")
def delete_item(user: CurrentUser, db: Db, item_id: UUID) -> dict[str, Any]:
    return service.delete_item(db, user.user_id, item_id)


@router.get("/diary/{day}")
def diary(user: CurrentUser, db: Db, day: Day) -> dict[str, Any]:
    service.check_date(day)
    return service.day_view(db, user.user_id, day)


@router.post("/diary/{day}/copy", status_code=201)
def copy_day(user: CurrentUser, db: Db, day: Day, body: CopyRequest) -> dict[str, Any]:
    return service.copy_day(db, user.user_id, day, body.to_date)


@router.get("/foods-used/{order}")
def used_foods(
    user: CurrentUser,
    db: Db,
    order: Literal["recent", "frequent"],
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> dict[str, Any]:
    return {"items": service.used_foods(db, user.user_id, order, limit)}


@router.post("/recipes", status_code=201)
def create_recipe(user: CurrentUser, db: Db, body: RecipeCreate) -> dict[str, Any]:
    return service.create_recipe(db, user.user_id, body)


@router.get("/recipes")
def list_recipes(user: CurrentUser, db: Db) -> dict[str, Any]:
    return {"items": service.list_recipes(db, user.user_id)}


@router.get("/recipes/{recipe_id}")
def get_recipe(user: CurrentUser, db: Db, recipe_id: UUID) -> dict[str, Any]:
    return service.recipe_nutrition(db, user.user_id, recipe_id, field="id")


@router.get(
    "/reports",
    response_model=None,
    responses={200: {"content": {"application/json": {}, "text/csv": {}}}},
)
def report(
    user: CurrentUser,
    db: Db,
    from_: Annotated[IsoDate, Query(alias="from")],
    to: IsoDate,
    format: Literal["json", "csv"] = "json",
) -> dict[str, Any] | Response:
    data = reports.report(db, user.user_id, from_, to)
    if format == "csv":
        # a download with a name that says what it holds
        name = f"fitledger-nutrition-{from_.isoformat()}-{to.isoformat()}.csv"
        return Response(
            reports.report_csv(data),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return data


@router.get("/export")
def export(user: CurrentUser, db: Db) -> dict[str, Any]:
    return reports.export(db, user.user_id)
