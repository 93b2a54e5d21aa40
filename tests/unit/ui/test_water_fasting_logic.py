"""Water and fasting as the pages show them: ml or US fl oz, typed amounts, the goal from
body weight, a fast's elapsed time against its target in the user's zone, recent fasts."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import httpx
import pytest

from app.api.gateway import Authorized, Gateway, TokenSource
from app.api.nutrition import NutritionApi
from app.api.water_fasting import Fast, Fasts, WaterDay, WaterFastingApi
from app.state import water_fasting_logic as logic

NOW = dt.datetime(2026, 12, 1, 18, 30, tzinfo=dt.UTC)


def make_fast(**overrides: object) -> Fast:
    values: dict = {
        "id": "f1",
        "protocol": "16:8",
        "target_hours": 16,
        "started_at": NOW - dt.timedelta(hours=5, minutes=7),
        "ended_at": None,
        "status": "running",
        "elapsed_seconds": 0,
    } | overrides
    return Fast(**values)


@pytest.mark.parametrize(
    ("ml", "units", "language", "text"),
    [
        (750, "metric", "en", "750 ml"),
        (1250, "metric", "ru", "1\xa0250 мл"),
        (2000, "imperial", "en", "67.6 fl oz"),
        (237, "imperial", "en", "8 fl oz"),
    ],
)
def test_water_reads_in_the_users_unit(ml: int, units: str, language: str, text: str) -> None:
    assert logic.water_text(ml, units, language) == text


def test_typed_amounts_are_stored_in_ml_within_the_bounds() -> None:
    assert logic.typed_ml("330", "metric") == 330
    assert logic.typed_ml("12,5", "imperial") == 370  # 12.5 fl oz
    assert logic.typed_ml("lots", "metric") is None
    assert logic.quick_amounts("metric") == (250, 500)
    assert logic.quick_amounts("imperial") == (237, 473)
    assert logic.drink_error(330, "metric") == ""
    assert logic.drink_error(None, "metric") == "Enter an amount."
    assert logic.drink_error(6000, "metric") == "Enter 10 ml to 5,000 ml."
    assert logic.drink_error(5, "imperial") == "Enter 0.3 fl oz to 169.1 fl oz."
    assert logic.goal_error(2500, "metric") == ""
    assert logic.goal_error(200, "metric") != ""


def test_a_goal_from_body_weight() -> None:
    assert logic.goal_from_weight(72.5) == 2400  # 33 ml/kg = 2,392.5, to 50 ml
    assert logic.goal_from_weight(10) == 500  # never under the goal's bound
    assert logic.goal_from_weight(None) is None
    assert logic.goal_field(2400, "metric") == "2400"
    assert logic.goal_field(2400, "imperial") == "81"


def test_a_running_fast_in_the_users_zone() -> None:
    view = logic.running_view(make_fast(), NOW, "Europe/Moscow")
    assert view["elapsed"] == "5 h 07 min"
    assert view["target"] == "of 16 h"
    assert view["since"] == "Since Tue 1 Dec, 16:23"  # 13:23 UTC in Moscow (UTC+3)
    assert (view["percent"], view["left"], view["reached"]) == ("32", "10 h 53 min to go", "")
    long = logic.running_view(make_fast(started_at=NOW - dt.timedelta(hours=17)), NOW, "UTC")
    assert (long["percent"], long["left"], long["reached"]) == ("100", "Target reached", "1")
    ru = logic.running_view(make_fast(protocol="custom", target_hours=36), NOW, "UTC", "ru")
    assert (ru["protocol"], ru["elapsed"]) == ("Голодание 36 ч", "5 ч 07 мин")


def test_recent_fasts_completed_or_short() -> None:
    fasts = Fasts.from_json(
        {
            "current": None,
            "recent": [
                {
                    "id": "a",
                    "protocol": "18:6",
                    "target_hours": 18,
                    "started_at": "2026-11-30T18:00:00+00:00",
                    "ended_at": "2026-12-01T12:30:00+00:00",
                    "status": "completed",
                    "elapsed_seconds": 66600,
                },
                {
                    "id": "b",
                    "protocol": "16:8",
                    "target_hours": 16,
                    "started_at": "2026-11-29T20:00:00+00:00",
                    "ended_at": "2026-11-30T06:00:00+00:00",
                    "status": "short",
                    "elapsed_seconds": 2520,
                },
            ],
        }
    )
    rows = logic.history_rows(fasts.recent, "UTC")
    assert [(r["protocol"], r["length"], r["status"], r["completed"]) for r in rows] == [
        ("18:6", "18 h 30 min", "Completed", "1"),
        ("16:8", "42 min", "Short", ""),
    ]
    assert rows[0]["when"] == "Mon 30 Nov, 18:00"


def test_a_past_fasts_times_are_the_users() -> None:
    moment = logic.local_instant("2026-11-30T21:15", "Europe/Moscow")
    assert moment == dt.datetime(2026, 11, 30, 18, 15, tzinfo=dt.UTC)
    assert logic.local_instant("", "UTC") is None
    assert logic.typed_hours("36") == 36
    assert [logic.typed_hours(v) for v in ("0", "73", "1.5", "x")] == [None] * 4


def test_a_water_day_reads_leniently() -> None:
    day = WaterDay.from_json(
        {
            "date": "2026-11-30",
            "total_ml": 750,
            "goal_ml": 2500,
            "goal_is_default": False,
            "drinks": [{"id": "d1", "amount_ml": 750, "logged_at": "2026-11-30T08:00:00Z"}],
        }
    )
    assert (day.water.total_ml, day.water.goal_ml, day.drinks[-1].id) == (750, 2500, "d1")
    assert WaterDay.from_json({"date": "2026-11-30"}).water.goal_ml == 2000


class StaticToken(TokenSource):
    async def access_token(self) -> str:
        return "token"

    async def renewed_access_token(self, rejected: str) -> str:
        return "token"


def test_the_clients_send_lab_only_and_a_fast_as_the_service_reads_them() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.url.path.endswith("/foods"):
            return httpx.Response(200, json={"items": [], "next_cursor": None})
        return httpx.Response(201, json={"id": "f1", "protocol": "custom", "target_hours": 20})

    gateway = Gateway("http://gateway.test", transport=httpx.MockTransport(handler))
    api = Authorized(gateway, StaticToken())
    asyncio.run(NutritionApi(api).search_foods("cheese", lab_only=True))
    asyncio.run(NutritionApi(api).search_foods("cheese"))
    start = dt.datetime(2026, 11, 30, 21, 15, tzinfo=dt.UTC)
    fast = asyncio.run(WaterFastingApi(api).start_fast("custom", target_hours=20, started_at=start))
    assert sent[0].url.params["lab_only"] == "true"
    assert "lab_only" not in sent[1].url.params
    assert json.loads(sent[2].content) == {
        "protocol": "custom",
        "target_hours": 20,
        "started_at": "2026-11-30T21:15:00+00:00",
    }
    assert (fast.id, fast.target_hours) == ("f1", 20)
