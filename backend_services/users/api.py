"""Users routes: thin; every route acts on the caller's own data except the admin ones.

No route takes a user id from a client, so one user can never name another's records; the
admin routes are read-only and require the admin role.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from backend_services.kernel.dates import IsoDate
from backend_services.kernel.errors import NotFound, error_responses, refusals
from backend_services.kernel.identity import AdminUser, CurrentUser
from backend_services.kernel.service_credentials import internal_callers

from .account_import import UsersImport
from .daily_stats import MAX_STATS_DAYS
from .schemas import (
    ExpenditureOut,
    ImportedOut,
    ProfileOut,
    ProfilePatch,
    ProfileReplace,
    ReferenceIntakesOut,
    StatsOut,
    TargetsOut,
    WeightLogIn,
    WeightLogOut,
    WeightPointOut,
)
from .service import UsersService


def users_service(request: Request) -> UsersService:
    service: UsersService = request.app.state.users_service
    return service


Service = Annotated[UsersService, Depends(users_service)]
FromDate = Annotated[IsoDate | None, Query(alias="from", description="First local day.")]
ToDate = Annotated[IsoDate | None, Query(alias="to", description="Last local day.")]

# Every route needs a session, and answers 404 once the profile is gone (account deleted).
router = APIRouter(prefix="/api/users", tags=["users"], responses=error_responses(401, 404))


@router.get("/me", response_model=ProfileOut)
def read_my_profile(principal: CurrentUser, users: Service) -> dict[str, Any]:
    return users.get_profile(principal.user_id)


@router.put("/me", response_model=ProfileOut)
def replace_my_profile(
    body: ProfileReplace, principal: CurrentUser, users: Service
) -> dict[str, Any]:
    return users.replace_profile(principal.user_id, body)


@router.patch("/me", response_model=ProfileOut)
def update_my_profile(body: ProfilePatch, principal: CurrentUser, users: Service) -> dict[str, Any]:
    return users.patch_profile(principal.user_id, body)


@router.post(
    "/me/weights",
    response_model=WeightPointOut,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": WeightPointOut, "description": "The day's entry was replaced."},
        **refusals(date="not after your own today (in your profile's time zone)"),
    },
)
def log_my_weight(
    body: WeightLogIn, principal: CurrentUser, users: Service, response: Response
) -> dict[str, Any]:
    logged = users.log_weight(principal.user_id, body)
    if not logged.created:
        response.status_code = status.HTTP_200_OK  # the day's entry was replaced
    return logged.point


@router.get(
    "/me/weights",
    response_model=WeightLogOut,
    responses=refusals(**{"from": "on or before `to`, at most 3660 days before it"}),
)
def read_my_weights(
    principal: CurrentUser, users: Service, start: FromDate = None, end: ToDate = None
) -> dict[str, Any]:
    return users.weight_log(principal.user_id, start, end)


@router.post(
    "/import",
    response_model=ImportedOut,
    responses=refusals(**{"weights.entries": "on or before your own today"}),
)
def import_export(body: UsersImport, principal: CurrentUser, users: Service) -> dict[str, int]:
    """The users part of a FitLedger export (profile, targets, settings, weight log) into
    the caller's account: all or nothing; the same file again changes nothing."""
    return users.import_export(principal.user_id, body)


@router.get(
    "/me/targets",
    response_model=TargetsOut,
    responses={**error_responses(409), **refusals(date="on or after your birth date")},
)
def read_my_targets(
    principal: CurrentUser,
    users: Service,
    day: Annotated[
        IsoDate | None, Query(alias="date", description="Local day (default: today).")
    ] = None,
) -> dict[str, Any]:
    """The day's targets: the formulas (age on that day) and the training-day rule's extra
    when a workout was completed that day, with its reason."""
    return users.targets(principal.user_id, day)


@router.get(
    "/me/targets/micronutrients",
    response_model=ReferenceIntakesOut,
    responses={**error_responses(409), **refusals(on="a day you are at least 9 years old on")},
)
def read_my_micronutrient_targets(
    principal: CurrentUser,
    users: Service,
    on: Annotated[IsoDate | None, Query(description="Local day (default: today).")] = None,
) -> dict[str, Any]:
    """RDA/AI and upper limits for the profile's sex and age on the day (needs sex and birth
    date only)."""
    return users.micronutrient_targets(principal.user_id, on)


@router.get(
    "/me/stats",
    response_model=StatsOut,
    responses=refusals(**{"from": f"on or before `to`, at most {MAX_STATS_DAYS} days before it"}),
)
def read_my_stats(
    principal: CurrentUser, users: Service, start: FromDate = None, end: ToDate = None
) -> dict[str, Any]:
    return users.stats(principal.user_id, start, end)


@router.get("/me/expenditure", response_model=ExpenditureOut, responses=error_responses(409))
def read_my_expenditure(
    principal: CurrentUser,
    users: Service,
    end: ToDate = None,
) -> dict[str, Any]:
    """Adaptive expenditure over the 28 days to ``to`` (default today) and a suggested target."""
    return users.expenditure(principal.user_id, end)


@router.get("/admin/profiles/{user_id}", response_model=ProfileOut, responses=error_responses(403))
def read_profile_as_admin(
    user_id: Annotated[str, Path(min_length=1, max_length=200)],
    admin: AdminUser,
    users: Service,
) -> dict[str, Any]:
    return users.admin_profile(user_id)


# Service-to-service questions; the gateway never routes /internal/*.
internal = APIRouter(
    prefix="/internal/users",
    include_in_schema=False,
    dependencies=[Depends(internal_callers("workouts"))],
)


@internal.get("/{user_id}/weight")
def weight_on(
    user_id: Annotated[str, Path(min_length=1, max_length=64)],
    users: Service,
    on: Annotated[IsoDate, Query(description="Local day the weight is wanted for.")],
) -> dict[str, Any]:
    """The user's last weigh-in on or before ``on`` (workouts asks it for calories burned)."""
    found = users.weight_on(user_id, on)
    if found is None:
        raise NotFound("No weight logged on or before that day.")
    day, kg = found
    return {"user_id": user_id, "date": day.isoformat(), "weight_kg": float(kg)}
