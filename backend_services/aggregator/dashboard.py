"""Gathering one dashboard from several services at once, tolerating the ones that are down.

Each part is one GET to a service's internal address with the caller's own token (the
services check it themselves). Parts are asked concurrently, each under a timeout; a part that
fails or times out is left out and the answer says ``partial: true`` and which parts are
missing, instead of failing whole.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from backend_services.kernel.internal_http import AsyncInternalClient

log = logging.getLogger("fitledger.aggregator")


@dataclass(frozen=True)
class Part:
    """One piece of a dashboard: which service, which path, which query."""

    name: str
    service: str
    path: str
    params: dict[str, str] | None = None


async def fetch_part(client: AsyncInternalClient, part: Part, token: str, timeout: float) -> Any:
    """The part's JSON (the next instance is tried when one cannot be reached)."""
    response = await client.get(
        part.service,
        part.path,
        params=part.params,
        headers={"Authorization": f"Bearer {token}"},
        timeout=timeout,
    )
    response.raise_for_status()
    return response.json()


async def gather_parts(
    client: AsyncInternalClient,
    parts: list[Part],
    token: str,
    timeout: float,
) -> dict[str, Any]:
    async def guarded(part: Part) -> tuple[str, Any, bool]:
        try:
            value = await asyncio.wait_for(fetch_part(client, part, token, timeout), timeout)
            return part.name, value, True
        except Exception as exc:  # any failure of one part must not fail the whole answer
            log.warning(
                "dashboard part missing", extra={"part": part.name, "error": type(exc).__name__}
            )
            return part.name, None, False

    results = await asyncio.gather(*(guarded(part) for part in parts))
    body: dict[str, Any] = {name: value for name, value, _ in results}
    missing = sorted(name for name, _, ok in results if not ok)
    body["partial"] = bool(missing)
    body["missing"] = missing
    return body


def day_parts(day: date) -> list[Part]:
    iso = day.isoformat()
    return [
        # the day's own targets: a training day's extra is in them
        Part("targets", "users", "/api/users/me/targets", {"date": iso}),
        Part("stats", "users", "/api/users/me/stats", {"from": iso, "to": iso}),
        Part("diary", "nutrition", f"/api/nutrition/diary/{iso}"),
        Part("workouts", "workouts", "/api/workouts/workouts", {"from": iso, "to": iso}),
    ]


def stale_parts(body: dict[str, Any]) -> list[str]:
    """Parts of a day dashboard that lag their source: the statistics are a projection fed
    by events (a second or so behind), the diary and the workout list are the sources. The
    statistics are stale when their intake differs from the diary's totals or their workout
    count from the completed workouts listed; the client shows the sources' numbers then."""
    stats, diary, workouts = body.get("stats"), body.get("diary"), body.get("workouts")
    if not stats or not stats.get("days"):
        return []
    day = stats["days"][0]
    behind = False
    if diary is not None:
        eaten = (diary.get("totals") or {}).get("energy_kcal") or 0.0
        counted = day.get("calories_in") or 0.0
        behind |= abs(float(eaten) - float(counted)) >= STALE_KCAL
    if workouts is not None:
        done = [w for w in workouts.get("items", []) if w.get("status") == "completed"]
        behind |= len(done) != day.get("workouts", 0)
    return ["stats"] if behind else []


STALE_KCAL = 0.1  # the statistics round intake to 0.1 kcal


def week_bounds(day: date) -> tuple[date, date]:
    """Monday to Sunday of the ISO week that holds ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def week_parts(day: date) -> list[Part]:
    start, end = (d.isoformat() for d in week_bounds(day))
    span = {"from": start, "to": end}
    return [
        Part("targets", "users", "/api/users/me/targets"),
        Part("stats", "users", "/api/users/me/stats", span),
        Part("nutrition", "nutrition", "/api/nutrition/reports", span),
        Part("workouts", "workouts", "/api/workouts/summary", span),
    ]
