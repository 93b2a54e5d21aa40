"""The diary's water and fasting routes: parse, call one use case, return its answer."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Request, status
from fastapi.responses import Response

from backend_services.kernel.dates import IsoDate, PastDate
from backend_services.kernel.errors import error_responses, refusals
from backend_services.kernel.identity import CurrentUser

from . import water_fasting_domain as rules
from . import water_fasting_schemas as schemas
from .water_fasting import WaterAndFasting


def _water_fasting(request: Request) -> WaterAndFasting:
    service: WaterAndFasting = request.app.state.water_fasting
    return service


Service = Annotated[WaterAndFasting, Depends(_water_fasting)]
Day = Annotated[IsoDate, Path()]
DrinkDay = Annotated[PastDate, Path()]  # water is logged when drunk, never ahead
ENDED_AT_RULE = (
    f"after `started_at`, at most {rules.MAX_FAST_HOURS} hours after it, not in the future"
)
FAST_TIMES = refusals(
    target_hours="required for `custom`, the protocol's own hours otherwise",
    started_at=f"not in the future, within the last {rules.MAX_START_AGE_DAYS} days",
    ended_at=ENDED_AT_RULE,
)

router = APIRouter(
    prefix="/api/nutrition",
    tags=["nutrition: water and fasting"],
    responses=error_responses(401, 404),
)


@router.get("/water/{day}", response_model=schemas.WaterDay)
def water_day(user: CurrentUser, service: Service, day: Day) -> dict[str, Any]:
    """The day's drinks, their total and the daily goal."""
    return service.water_day(user.user_id, day)


@router.post(
    "/water/{day}",
    status_code=201,
    response_model=schemas.WaterDay,
    responses=refusals(amount_ml=f"the day's total at most {rules.MAX_DAY_ML} ml"),
)
def log_drink(
    user: CurrentUser, service: Service, day: DrinkDay, body: schemas.DrinkIn
) -> dict[str, Any]:
    return service.log_drink(user.user_id, day, body.amount_ml)


@router.delete("/water/drinks/{drink_id}", response_model=schemas.WaterDay)
def remove_drink(user: CurrentUser, service: Service, drink_id: UUID) -> dict[str, Any]:
    """Undo a drink; the answer is its day's water."""
    return service.remove_drink(user.user_id, drink_id)


@router.put("/water-goal", response_model=schemas.WaterGoal)
def set_water_goal(
    user: CurrentUser, service: Service, body: schemas.WaterGoalIn
) -> dict[str, Any]:
    return service.set_water_goal(user.user_id, body.goal_ml)


@router.get("/fasts", response_model=schemas.Fasts)
def fasts(user: CurrentUser, service: Service) -> dict[str, Any]:
    """The running fast and the recent ended ones (completed or short of their target)."""
    return service.fasts(user.user_id)


@router.post(
    "/fasts",
    status_code=201,
    response_model=schemas.Fast,
    responses={**error_responses(409), **FAST_TIMES},
)
def start_fast(user: CurrentUser, service: Service, body: schemas.FastStart) -> dict[str, Any]:
    """Start a fast (409 while another runs), or log a past one with ``ended_at``."""
    return service.start_fast(user.user_id, body)


@router.post(
    "/fasts/current/end",
    response_model=schemas.Fast,
    responses=refusals(ended_at=ENDED_AT_RULE),
)
def end_fast(user: CurrentUser, service: Service, body: schemas.FastEnd) -> dict[str, Any]:
    return service.end_fast(user.user_id, body.ended_at)


@router.delete("/fasts/{fast_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_fast(user: CurrentUser, service: Service, fast_id: UUID) -> Response:
    """Remove a fast logged by mistake."""
    service.delete_fast(user.user_id, fast_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
