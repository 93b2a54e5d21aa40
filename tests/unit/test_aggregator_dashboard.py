"""Dashboard gathering: concurrent parts, per-part timeout, partial answers, instance fallback."""

from __future__ import annotations

import asyncio
import time
from datetime import date

import httpx
import pytest

from backend_services.aggregator.dashboard import Part, gather_parts, stale_parts, week_bounds
from backend_services.kernel.internal_http import AsyncInternalClient, ServiceInstances


def transport(routes: dict[str, object]) -> httpx.MockTransport:
    async def handler(request: httpx.Request) -> httpx.Response:
        behaviour = routes[f"{request.url.host}:{request.url.port}"]
        if behaviour == "refuse":
            raise httpx.ConnectError("refused", request=request)
        if behaviour == "slow":
            await asyncio.sleep(5)
        if behaviour == "error":
            return httpx.Response(500, json={"error": {}})
        assert request.headers["authorization"] == "Bearer tok"
        return httpx.Response(200, json={"from": request.url.host, "path": request.url.path})

    return httpx.MockTransport(handler)


PARTS = [Part("a", "users", "/x"), Part("b", "nutrition", "/y"), Part("c", "workouts", "/z")]


async def run(routes: dict[str, object], timeout: float = 0.5) -> tuple[dict, float]:
    instances = ServiceInstances(
        {
            "users": ["http://u1:1", "http://u2:2"],
            "nutrition": ["http://n1:1"],
            "workouts": ["http://w1:1"],
        }
    )
    async with httpx.AsyncClient(transport=transport(routes)) as client:
        started = time.perf_counter()
        body = await gather_parts(AsyncInternalClient(client, instances), PARTS, "tok", timeout)
        return body, time.perf_counter() - started


def test_all_parts_answer() -> None:
    body, _ = asyncio.run(run({"u1:1": "ok", "u2:2": "ok", "n1:1": "ok", "w1:1": "ok"}))
    assert body["partial"] is False and body["missing"] == []
    assert {body[k]["path"] for k in "abc"} == {"/x", "/y", "/z"}


@pytest.mark.parametrize("failure", ["refuse", "slow", "error"])
def test_a_failing_service_leaves_its_part_out(failure: str) -> None:
    body, elapsed = asyncio.run(run({"u1:1": "ok", "u2:2": "ok", "n1:1": failure, "w1:1": "ok"}))
    assert body["partial"] is True and body["missing"] == ["b"]
    assert body["b"] is None and body["a"] is not None and body["c"] is not None
    assert elapsed < 5  # the slow part was cut off, not waited for


def test_parts_are_fetched_concurrently() -> None:
    body, elapsed = asyncio.run(
        run({"u1:1": "slow", "u2:2": "slow", "n1:1": "slow", "w1:1": "slow"}, timeout=0.3)
    )
    assert body["missing"] == ["a", "b", "c"]
    assert elapsed < 2 * 0.3 + 0.5  # one timeout for all, not one per part


def test_a_refused_instance_falls_back_to_the_other() -> None:
    for _ in range(3):  # whichever instance the rotation starts with
        body, _ = asyncio.run(run({"u1:1": "refuse", "u2:2": "ok", "n1:1": "ok", "w1:1": "ok"}))
        assert body["a"]["from"] == "u2"


def test_week_bounds_are_monday_to_sunday() -> None:
    assert week_bounds(date(2026, 11, 25)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert week_bounds(date(2026, 11, 23))[0] == date(2026, 11, 23)
    assert week_bounds(date(2026, 11, 29))[1] == date(2026, 11, 29)


def _day(kcal_in: float | None, workouts: int) -> dict[str, object]:
    return {"days": [{"calories_in": kcal_in, "workouts": workouts}]}


def test_the_statistics_are_marked_stale_while_they_lag_the_diary_or_the_workouts() -> None:
    diary = {"totals": {"energy_kcal": 650.0}}
    done = {"items": [{"status": "completed"}, {"status": "in_progress"}]}
    assert stale_parts({"stats": _day(650.0, 1), "diary": diary, "workouts": done}) == []
    # just logged: the diary has the meal, the statistics have not heard of it yet
    assert stale_parts({"stats": _day(None, 1), "diary": diary, "workouts": done}) == ["stats"]
    assert stale_parts({"stats": _day(650.0, 0), "diary": diary, "workouts": done}) == ["stats"]
    # a part that could not be loaded is "missing", not stale
    assert stale_parts({"stats": None, "diary": diary, "workouts": done}) == []
    assert stale_parts({"stats": _day(None, 0), "diary": None, "workouts": None}) == []
