"""Aggregator HTTP routes: system health, the dashboards and the energy ledger."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from backend_services.kernel.dates import IsoDate
from backend_services.kernel.errors import InvalidInput, error_responses, refusals
from backend_services.kernel.identity import AdminUser, CurrentUser, bearer_or_cookie_token

from .dashboard import day_parts, gather_parts, stale_parts, week_bounds, week_parts
from .health import system_readiness
from .ledger import MAX_LEDGER_DAYS, ledger, ledger_parts
from .ledger_schemas import Ledger
from .schemas import SystemHealthDetail
from .system_health import system_health

router = APIRouter(tags=["aggregator"])
dashboard = APIRouter(prefix="/api/dashboard", tags=["dashboard"], responses=error_responses(401))
aggregator = APIRouter(prefix="/api/aggregator", tags=["ledger"], responses=error_responses(401))

DashboardDate = Annotated[IsoDate, Path(description="A local calendar date, YYYY-MM-DD.")]


class SystemHealth(BaseModel):
    status: Literal["ok", "degraded"]
    not_ready: list[str]
    services: dict[str, bool]


@router.get(
    "/api/health",
    response_model=SystemHealth,
    responses={503: {"model": SystemHealth, "description": "Some service has no ready instance."}},
)
async def health(request: Request) -> JSONResponse:
    """200 when every service has a ready instance; 503 naming the ones that have none."""
    report = await system_readiness(request.app.state.http, request.app.state.settings.service_urls)
    not_ready = sorted(name for name, entry in report.items() if not entry["ready"])
    body = {
        "status": "ok" if not not_ready else "degraded",
        "not_ready": not_ready,
        "services": {name: entry["ready"] for name, entry in report.items()},
    }
    return JSONResponse(body, status_code=503 if not_ready else 200)


def _check_range(day: date) -> None:
    if not date(2000, 1, 1) <= day <= date(2100, 1, 1):
        raise InvalidInput("The date is out of range.", fields={"date": "out of range"})


def _check_ledger_range(start: date, end: date) -> None:
    for field, day in (("from", start), ("to", end)):
        if not date(2000, 1, 1) <= day <= date(2100, 1, 1):
            raise InvalidInput("The date is out of range.", fields={field: "out of range"})
    if end < start or (end - start).days + 1 > MAX_LEDGER_DAYS:
        raise InvalidInput(
            "Bad range.", fields={"to": f"on or after `from`, at most {MAX_LEDGER_DAYS} days"}
        )


async def _gather(request: Request, parts: list[Any]) -> dict[str, Any]:
    token = bearer_or_cookie_token(request) or ""
    settings = request.app.state.settings
    return await gather_parts(
        request.app.state.services,
        parts,
        token,
        settings.upstream_timeout_seconds,
    )


@dashboard.get("/day/{day}")
async def day_dashboard(
    day: DashboardDate, request: Request, principal: CurrentUser
) -> dict[str, Any]:
    """Targets, the day's statistics, diary and workouts in one call."""
    _check_range(day)
    body = await _gather(request, day_parts(day))
    # "stale": parts behind their sources right after a change (the diary's totals and the
    # workout list are the truth; the statistics catch up within seconds)
    body["stale"] = stale_parts(body)
    return {"date": day.isoformat(), "user_id": principal.user_id, **body}


@dashboard.get("/week/{day}")
async def week_dashboard(
    day: DashboardDate, request: Request, principal: CurrentUser
) -> dict[str, Any]:
    """The ISO week (Monday to Sunday) holding ``day``: statistics, nutrition, workouts."""
    _check_range(day)
    start, end = week_bounds(day)
    body = await _gather(request, week_parts(day))
    return {"from": start.isoformat(), "to": end.isoformat(), "user_id": principal.user_id, **body}


@aggregator.get(
    "/ledger",
    response_model=Ledger,
    response_model_by_alias=True,
    responses=refusals(
        **{
            "from": "a day from 2000-01-01 to 2100-01-01",
            "to": f"on or after `from`, at most {MAX_LEDGER_DAYS} days",
        }
    ),
)
async def energy_ledger(
    request: Request,
    principal: CurrentUser,
    start: Annotated[IsoDate, Query(alias="from", description="First local day.")],
    end: Annotated[
        IsoDate | None, Query(alias="to", description="Last local day (default: `from`).")
    ] = None,
) -> dict[str, Any]:
    """Intake, net exercise, the expenditure estimate, the balance and the weight trend per
    day of the range, each with its source (formula, MET and Compendium activity, the days
    the adaptive estimate left out and why)."""
    end = end or start
    _check_ledger_range(start, end)
    parts = await _gather(request, ledger_parts(start, end))
    return {
        **ledger(start, end, parts),
        "user_id": principal.user_id,
        "partial": parts["partial"],
        "missing": parts["missing"],
    }


@dashboard.get("/admin/system", response_model=SystemHealthDetail)
async def admin_system_health(
    request: Request,
    _: AdminUser,
    minutes: Annotated[
        int, Query(ge=5, le=7 * 24 * 60, description="How far back the graphs go.")
    ] = 60,
) -> dict[str, Any]:
    """Each service's readiness per instance and the key series from Prometheus (request
    rate, 5xx share, p95 latency, outbox backlog, consumer lag, notifications per channel).
    Prometheus unreachable: `graphs` is empty and `graphs_error` says why; readiness still
    answers."""
    return await system_health(request.app.state.http, request.app.state.settings, minutes)
