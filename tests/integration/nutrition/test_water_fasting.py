"""Water and fasting on the real PostgreSQL: drinks add up to the day's total against the
default and then the user's goal (the diary's day carries it), a drink is undone by its owner
only, a day past its bound is refused changing nothing; one running fast per user (the use
case answers 409, the database refuses a second one however it is written), a fast ends
completed or short, a past fast is logged unless it overlaps; an account's erasure removes
it all. And the food search's "lab data only" keeps SR28/FDC foods only."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from databases import engine_on
from nutrition_fixtures import (
    FDC_DIR,
    OFF_SAMPLE,
    SR28_SAMPLE,
    private_nutrition_database,
    scalar,
)
from sqlalchemy import Engine

from backend_services.kernel.db import unit_of_work
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound
from backend_services.nutrition import repository
from backend_services.nutrition.importers.run import import_foods
from backend_services.nutrition.models import FoodCreate
from backend_services.nutrition.search import LAB_SOURCES
from backend_services.nutrition.service import NutritionService
from backend_services.nutrition.water_fasting import WaterAndFasting
from backend_services.nutrition.water_fasting_schemas import FastStart

DB_NAME = "fitledger_test_water_fasting"
DAY = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


class Clock:
    """The service's now, moved by the test."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with private_nutrition_database(DB_NAME) as made:
        yield made


@pytest.fixture(scope="module")
def engine(url: str) -> Iterator[Engine]:
    with engine_on(url) as made:
        yield made


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(engine: Engine, clock: Clock) -> WaterAndFasting:
    return WaterAndFasting(engine, clock)


@pytest.fixture
def make_user() -> Iterator[object]:
    def make() -> str:
        return f"user-{uuid.uuid4().hex[:8]}"

    yield make


def hours_ago(hours: float) -> dt.datetime:
    return NOW - dt.timedelta(hours=hours)


def test_drinks_add_up_against_the_goal(
    service: WaterAndFasting, engine: Engine, clock: Clock, make_user
) -> None:
    user = make_user()
    assert service.water_day(user, DAY) == {
        "date": DAY.isoformat(),
        "total_ml": 0,
        "goal_ml": 2000,
        "goal_is_default": True,
        "drinks": [],
    }
    service.log_drink(user, DAY, 250)
    clock.now += dt.timedelta(minutes=1)
    answer = service.log_drink(user, DAY, 500)
    assert answer["total_ml"] == 750
    assert [d["amount_ml"] for d in answer["drinks"]] == [250, 500]
    assert service.set_water_goal(user, 2600) == {"goal_ml": 2600, "goal_is_default": False}
    assert service.set_water_goal(user, 2400)["goal_ml"] == 2400  # a second goal replaces it
    day = NutritionService(engine).day(user, DAY)
    assert day["water"] == {"total_ml": 750, "goal_ml": 2400, "goal_is_default": False}
    # another day and another user see none of it
    assert service.water_day(user, DAY + dt.timedelta(days=1))["total_ml"] == 0
    assert service.water_day(make_user(), DAY)["goal_is_default"] is True


def test_a_drink_is_undone_by_its_owner_only(service: WaterAndFasting, make_user) -> None:
    user, other = make_user(), make_user()
    drink = service.log_drink(user, DAY, 330)["drinks"][0]["id"]
    with pytest.raises(NotFound):
        service.remove_drink(other, uuid.UUID(drink))
    assert service.water_day(user, DAY)["total_ml"] == 330
    assert service.remove_drink(user, uuid.UUID(drink))["total_ml"] == 0
    with pytest.raises(NotFound):
        service.remove_drink(user, uuid.UUID(drink))


def test_a_day_past_its_bound_is_refused(service: WaterAndFasting, make_user) -> None:
    user = make_user()
    for _ in range(4):
        service.log_drink(user, DAY, 5000)
    with pytest.raises(InvalidInput) as refused:
        service.log_drink(user, DAY, 10)
    assert "amount_ml" in refused.value.fields
    assert service.water_day(user, DAY)["total_ml"] == 20_000


def test_one_running_fast_ending_completed_or_short(
    service: WaterAndFasting, clock: Clock, url: str, make_user
) -> None:
    user = make_user()
    fast = service.start_fast(user, FastStart(protocol="16:8", started_at=hours_ago(10)))
    assert (fast["status"], fast["target_hours"], fast["elapsed_seconds"]) == (
        "running",
        16,
        10 * 3600,
    )
    with pytest.raises(Conflict):
        service.start_fast(user, FastStart(protocol="18:6"))
    # the database holds the rule too, whoever writes
    with pytest.raises(psycopg.errors.UniqueViolation), psycopg.connect(url) as conn:
        conn.execute(
            "INSERT INTO nutrition.fasts (id, user_id, protocol, target_hours, started_at)"
            " VALUES (gen_random_uuid(), %s, 'custom', 12, now())",
            (user,),
        )
    assert service.fasts(user)["current"]["id"] == fast["id"]
    ended = service.end_fast(user, None)
    assert (ended["status"], ended["ended_at"]) == ("short", NOW)
    with pytest.raises(NotFound):
        service.end_fast(user, None)

    clock.now = NOW + dt.timedelta(hours=30)
    second = service.start_fast(user, FastStart(protocol="custom", target_hours=20))
    clock.now += dt.timedelta(hours=21)
    assert service.end_fast(user, None)["status"] == "completed"
    history = service.fasts(user)
    assert history["current"] is None
    assert [f["id"] for f in history["recent"]] == [second["id"], fast["id"]]


def test_bad_fasts_are_refused_changing_nothing(service: WaterAndFasting, make_user) -> None:
    user = make_user()
    refused = [
        (FastStart(protocol="custom"), "target_hours"),
        (FastStart(protocol="16:8", target_hours=12), "target_hours"),
        (FastStart(protocol="16:8", started_at=NOW + dt.timedelta(hours=1)), "started_at"),
        (FastStart(protocol="16:8", started_at=NOW - dt.timedelta(days=31)), "started_at"),
        (FastStart(protocol="16:8", started_at=hours_ago(5), ended_at=hours_ago(6)), "ended_at"),
        (FastStart(protocol="16:8", started_at=hours_ago(200), ended_at=hours_ago(1)), "ended_at"),
    ]
    for body, field in refused:
        with pytest.raises(InvalidInput) as error:
            service.start_fast(user, body)
        assert field in error.value.fields, body
    service.start_fast(user, FastStart(protocol="20:4", started_at=hours_ago(2)))
    with pytest.raises(InvalidInput) as error:
        service.end_fast(user, hours_ago(3))  # before its start
    assert "ended_at" in error.value.fields
    assert service.fasts(user)["current"]["status"] == "running"
    assert service.fasts(user)["recent"] == []


def test_past_fasts_are_logged_unless_they_overlap(service: WaterAndFasting, make_user) -> None:
    user, other = make_user(), make_user()
    logged = service.start_fast(
        user, FastStart(protocol="18:6", started_at=hours_ago(40), ended_at=hours_ago(20))
    )
    assert logged["status"] == "completed"
    with pytest.raises(Conflict):
        service.start_fast(
            user, FastStart(protocol="16:8", started_at=hours_ago(30), ended_at=hours_ago(10))
        )
    with pytest.raises(Conflict):  # a running fast from inside the logged one
        service.start_fast(user, FastStart(protocol="16:8", started_at=hours_ago(25)))
    # right after it, and another user at the same time, are fine
    service.start_fast(user, FastStart(protocol="16:8", started_at=hours_ago(20)))
    service.start_fast(
        other, FastStart(protocol="18:6", started_at=hours_ago(40), ended_at=hours_ago(20))
    )
    with pytest.raises(NotFound):
        service.delete_fast(other, uuid.UUID(logged["id"]))
    service.delete_fast(user, uuid.UUID(logged["id"]))
    assert service.fasts(user)["recent"] == []


def test_erasing_an_account_removes_its_water_and_fasts(
    service: WaterAndFasting, engine: Engine, url: str, make_user
) -> None:
    user, other = make_user(), make_user()
    for someone in (user, other):
        service.log_drink(someone, DAY, 250)
        service.set_water_goal(someone, 3000)
        service.start_fast(someone, FastStart(protocol="16:8", started_at=hours_ago(1)))
    with unit_of_work(engine) as session:
        repository.delete_user_data(session, user)
    for table in ("water_logs", "water_goals", "fasts"):
        count = f"SELECT count(*) FROM nutrition.{table} WHERE user_id = %s"
        assert (scalar(url, count, user), scalar(url, count, other)) == (0, 1), table


def test_lab_data_only_keeps_laboratory_foods(engine: Engine, url: str, make_user) -> None:
    import_foods("sr28", SR28_SAMPLE, url)
    import_foods("fdc", FDC_DIR, url)
    import_foods("off", OFF_SAMPLE, url)
    user = make_user()
    nutrition = NutritionService(engine)
    nutrition.create_food(
        user, FoodCreate(name="My cheese", energy_kcal=350, protein_g=25, fat_g=28)
    )
    search = {"q": "cheese", "category": None, "source": None, "limit": 50, "cursor": None}
    everything = {f["source"] for f in nutrition.search_foods(user, **search)["items"]}
    assert {"off", "user"} <= everything  # the label and user foods the filter leaves out
    lab = nutrition.search_foods(user, **search, lab_only=True)["items"]
    assert lab and {f["source"] for f in lab} <= set(LAB_SOURCES)
    assert not nutrition.search_foods(user, **(search | {"source": "off"}), lab_only=True)["items"]
