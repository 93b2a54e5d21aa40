"""Food-diary imports on the real PostgreSQL, over the SR28 foods: a Cronometer export is
matched (the rest listed for review with suggestions), imported as decided in one transaction,
and the same file again adds nothing; MyFitnessPal's meal totals become quick-add style items;
another user sees nothing; a failure half-way leaves nothing behind."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from nutrition_fixtures import scalar
from reference_data import CRONOMETER_SAMPLE, CRONOMETER_SUMMARY, FIXTURES
from sqlalchemy import Engine

from backend_services.kernel.db import make_engine
from backend_services.kernel.errors import Conflict, InvalidInput, NotFound
from backend_services.nutrition import diary_import
from backend_services.nutrition.diary_import import DiaryImports
from backend_services.nutrition.diary_import_schemas import ImportRequest
from backend_services.nutrition.importers.writer import ImportReport
from backend_services.nutrition.service import NutritionService

EXPORTS = FIXTURES / "diary_exports"
CRONOMETER = CRONOMETER_SAMPLE.read_bytes()
MFP = (EXPORTS / "myfitnesspal_nutrition.csv").read_bytes()
OUTBOX_OF_USER = "SELECT count(*) FROM nutrition.outbox WHERE payload::text LIKE %s"


@pytest.fixture(scope="module")
def engine(nutrition_db: str, sr28_report: ImportReport) -> Iterator[Engine]:
    made = make_engine(nutrition_db)
    try:
        yield made
    finally:
        made.dispose()


@pytest.fixture
def imports(engine: Engine) -> DiaryImports:
    return DiaryImports(engine)


@pytest.fixture
def user() -> str:
    return f"diary-import-{uuid.uuid4().hex[:8]}"


def _rows(job: dict[str, Any], status: str) -> dict[str, dict[str, Any]]:
    return {f"{r['meal_type']}:{r['name']}": r for r in job[status]}


def _diary_items(engine: Engine, user: str, day: str) -> list[dict[str, Any]]:
    meals = NutritionService(engine).day(user, dt.date.fromisoformat(day))
    return [item for meal in meals["meals"] for item in meal["items"]]


def test_a_cronometer_export_is_matched_reviewed_and_imported_once(
    imports: DiaryImports, engine: Engine, nutrition_db: str, user: str
) -> None:
    job = imports.upload(user, "servings.csv", CRONOMETER)
    assert job["status"] == "review" and job["source"] == "cronometer"
    assert job["summary"] == CRONOMETER_SUMMARY
    assert job["rejected"][0]["line"] == 10
    matched = _rows(job, "matched")
    assert matched["breakfast:Bananas, raw"]["match"]["name"] == "Bananas, raw"
    assert matched["breakfast:Milk, whole, 3.25% milkfat"]["match"]["name"].startswith(
        "Milk, whole, 3.25% milkfat"
    )
    assert matched["snack:Apples, raw, with skin"]["match"]["grams"] == 182
    chicken = matched["lunch:Chicken Breast, Roasted"]["match"]
    assert chicken["name"] == "Chicken, broilers or fryers, breast, meat only, cooked, roasted"
    review = _rows(job, "review")
    oats = review["breakfast:Oats, Rolled, Dry"]
    assert oats["match"] is None
    # the right food, but "rolled" is not in its name: a suggestion, not a match
    suggested = oats["suggestions"][0]
    assert suggested["name"] == "Cereals, oats, regular and quick, not fortified, dry"
    assert (suggested["grams"], suggested["grams_from"]) == (40, "amount")
    assert suggested["nutrient_score"] > 0.95 > suggested["name_score"]
    soup = review["lunch:Grandma's Lentil Soup"]

    # nothing is in the diary until it is imported
    assert _diary_items(engine, user, "2026-03-02") == []

    decisions = [
        {"key": oats["key"], "action": "food", "food_id": suggested["food_id"]},
        {"key": soup["key"], "action": "stated"},
    ]
    done = imports.run(user, job["id"], ImportRequest.model_validate({"decisions": decisions}))
    assert done["status"] == "imported"
    assert done["report"] == {
        "days": 2,
        "meals": 5,
        "imported": 8,
        "matched": 7,
        "stated": 1,
        "skipped": 0,
        "already_imported": 0,
        "unmatched": 0,
        "rejected": 1,
    }
    items = {i["name"]: i for i in _diary_items(engine, user, "2026-03-02")}
    assert items["Bananas, raw"]["grams"] == 118
    assert items["Grandma's Lentil Soup"]["food_id"] is None
    assert items["Grandma's Lentil Soup"]["grams"] is None
    assert items["Grandma's Lentil Soup"]["nutrients"]["energy_kcal"] == 310
    assert items["Grandma's Lentil Soup"]["nutrients"]["sodium_mg"] == 820
    assert items[chicken["name"]]["grams"] == 150
    later = {i["name"]: i for i in _diary_items(engine, user, "2026-03-03")}
    assert later[suggested["name"]]["grams"] == 40
    events = scalar(nutrition_db, OUTBOX_OF_USER, f"%{user}%")
    assert events == 5  # one nutrition.meal.logged per imported meal

    with pytest.raises(Conflict):
        imports.run(user, job["id"], ImportRequest())

    # the same file again: every row is known, and importing it adds nothing
    again = imports.upload(user, "servings.csv", CRONOMETER)
    assert again["summary"]["already_imported"] == 8
    assert again["review"] == [] and again["matched"] == []
    report = imports.run(user, again["id"], ImportRequest(others="stated"))["report"]
    assert (report["imported"], report["already_imported"], report["meals"]) == (0, 8, 0)
    assert len(_diary_items(engine, user, "2026-03-02")) == 6


def test_two_uploads_of_one_file_import_its_rows_once(
    imports: DiaryImports, engine: Engine, user: str
) -> None:
    first = imports.upload(user, "a.csv", CRONOMETER)
    second = imports.upload(user, "b.csv", CRONOMETER)
    imports.run(user, first["id"], ImportRequest(others="stated"))
    report = imports.run(user, second["id"], ImportRequest(others="stated"))["report"]
    assert report["imported"] == 0 and report["already_imported"] == 8
    assert len(_diary_items(engine, user, "2026-03-02")) == 6


def test_myfitnesspal_meals_become_items_with_their_stated_totals(
    imports: DiaryImports, engine: Engine, user: str
) -> None:
    job = imports.upload(user, "Nutrition-Summary.csv", MFP)
    assert job["summary"]["stated"] == 6 and job["summary"]["review"] == 0
    report = imports.run(user, job["id"], ImportRequest())["report"]
    assert (report["days"], report["meals"], report["imported"], report["stated"]) == (2, 6, 6, 6)
    day = NutritionService(engine).day(user, dt.date(2026, 3, 2))
    lunch = next(m for m in day["meals"] if m["meal_type"] == "lunch")
    assert lunch["note"] == "Imported from MyFitnessPal; Salad, no dressing"
    (item,) = lunch["items"]
    assert (item["name"], item["food_id"], item["grams"]) == ("Lunch (MyFitnessPal)", None, None)
    n = item["nutrients"]
    assert (n["energy_kcal"], n["protein_g"], n["fat_g"], n["carbohydrate_g"]) == (
        655,
        38.2,
        22,
        71,
    )
    assert (n["fibre_g"], n["sugars_g"], n["saturated_fat_g"], n["sodium_mg"]) == (
        9.5,
        8.4,
        6,
        1120,
    )
    assert day["totals"]["energy_kcal"] == pytest.approx(412 + 655 + 720 + 180)


def test_another_users_import_is_invisible(imports: DiaryImports, user: str) -> None:
    job = imports.upload(user, "servings.csv", CRONOMETER)
    with pytest.raises(NotFound):
        imports.get("someone-else", job["id"])
    with pytest.raises(NotFound):
        imports.run("someone-else", job["id"], ImportRequest())
    assert imports.get(user, job["id"])["status"] == "review"


def test_bad_decisions_and_bad_files_change_nothing(
    imports: DiaryImports, engine: Engine, nutrition_db: str, user: str
) -> None:
    job = imports.upload(user, "servings.csv", CRONOMETER)
    soup = _rows(job, "review")["lunch:Grandma's Lentil Soup"]
    no_energy = scalar(
        nutrition_db,
        "SELECT min(id) FROM nutrition.foods WHERE energy_kcal = 0 AND owner_id IS NULL",
    )
    for decisions, field in [
        ([{"key": "cronometer:0000", "action": "stated"}], "decisions.0.key"),
        ([{"key": soup["key"], "action": "food", "food_id": 2**61}], "decisions.0.food_id"),
        ([{"key": soup["key"], "action": "stated"}] * 2, "decisions.1.key"),
        # a food without energy for a row without grams: how much is unknown
        ([{"key": soup["key"], "action": "food", "food_id": no_energy}], "decisions.0.grams"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            imports.run(user, job["id"], ImportRequest.model_validate({"decisions": decisions}))
        assert field in refused.value.fields
    with pytest.raises(InvalidInput) as refused:
        imports.upload(user, "x.csv", b"name,kcal\nbanana,100\n")
    assert refused.value.code == "wrong_header"
    assert imports.get(user, job["id"])["status"] == "review"
    assert (
        scalar(nutrition_db, "SELECT count(*) FROM nutrition.meals WHERE user_id = %s", user) == 0
    )
    assert (
        scalar(
            nutrition_db,
            "SELECT count(*) FROM nutrition.diary_import_keys WHERE user_id = %s",
            user,
        )
        == 0
    )


def test_a_failure_half_way_leaves_nothing(
    imports: DiaryImports, nutrition_db: str, user: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = imports.upload(user, "Nutrition-Summary.csv", MFP)
    real = diary_import._log_imported_meal
    calls: list[int] = []

    def fails_on_the_third_meal(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        real(*args, **kwargs)

    monkeypatch.setattr(diary_import, "_log_imported_meal", fails_on_the_third_meal)
    with pytest.raises(RuntimeError):
        imports.run(user, job["id"], ImportRequest())
    assert len(calls) == 3
    for table in ("meals", "meal_items", "diary_import_keys", "day_totals"):
        count = scalar(
            nutrition_db, f"SELECT count(*) FROM nutrition.{table} WHERE user_id = %s", user
        )
        assert count == 0, table
    assert scalar(nutrition_db, OUTBOX_OF_USER, f"%{user}%") == 0
    assert imports.get(user, job["id"])["status"] == "review"
    monkeypatch.undo()
    assert imports.run(user, job["id"], ImportRequest())["report"]["imported"] == 6
