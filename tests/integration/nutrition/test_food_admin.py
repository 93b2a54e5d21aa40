"""The food-database admin on the real PostgreSQL: import runs recorded with their reports
(a failed one too), flagged foods paged with their reasons, a fix re-flagged and kept by a
re-import, an impossible fix refused changing nothing, a hidden food out of search, users'
reports listed and resolved, and every admin change in the outbox."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from databases import engine_on
from nutrition_fixtures import (
    OFF_SAMPLE,
    private_nutrition_database,
    scalar,
)
from sqlalchemy import Engine

from backend_services.kernel.db import unit_of_work
from backend_services.kernel.errors import InvalidInput, NotFound
from backend_services.nutrition import repository
from backend_services.nutrition.admin_schemas import FoodFix
from backend_services.nutrition.domain import ENERGY_DERIVED, ENERGY_MISMATCH
from backend_services.nutrition.food_admin import FoodAdmin
from backend_services.nutrition.importers.run import import_foods
from backend_services.nutrition.importers.writer import MalformedFile
from backend_services.nutrition.service import NutritionService

DB_NAME = "fitledger_test_food_admin"
CRACKERS = "0000000000017"  # "Vitória crackers": no energy stated, derived at import


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with private_nutrition_database(DB_NAME, ("off", OFF_SAMPLE)) as made:
        yield made


@pytest.fixture(scope="module")
def engine(url: str) -> Iterator[Engine]:
    with engine_on(url) as made:
        yield made


@pytest.fixture(scope="module")
def admin(engine: Engine) -> FoodAdmin:
    return FoodAdmin(engine)


def food_id(url: str, source_id: str) -> int:
    return int(scalar(url, "SELECT id FROM nutrition.foods WHERE source_id = %s", source_id))  # type: ignore[arg-type]


def actions(url: str, admin_id: str) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT payload->'data'->>'action' FROM nutrition.outbox"
            " WHERE type = 'nutrition.admin_action.recorded'"
            " AND payload->'data'->>'actor_id' = %s"
            " ORDER BY id",
            (admin_id,),
        ).fetchall()
    return [r[0] for r in rows]


def test_imports_are_recorded_with_their_reports(
    url: str, admin: FoodAdmin, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.tsv.gz"
    broken.write_bytes(OFF_SAMPLE.read_bytes()[:2000])
    before = scalar(url, "SELECT count(*) FROM nutrition.foods")
    with pytest.raises(MalformedFile):
        import_foods("off", broken, url)
    assert scalar(url, "SELECT count(*) FROM nutrition.foods") == before

    imports = admin.imports()
    [off] = [s for s in imports["sources"] if s["source"] == "off"]
    assert off["foods"] == 296 and off["licences"][0].startswith("ODbL")
    assert off["flagged"] == scalar(
        url, "SELECT count(*) FROM nutrition.foods WHERE cardinality(quality_flags) > 0"
    )
    last = off["last_import"]
    assert last["status"] == "failed" and last["file_name"] == "broken.tsv.gz"
    assert "unreadable" in last["error"] and last["imported"] == 0
    succeeded = [r for r in imports["recent_runs"] if r["status"] == "succeeded"]
    assert succeeded[-1]["imported"] == 296 and succeeded[-1]["file_name"] == OFF_SAMPLE.name
    assert succeeded[-1]["report"]["rejected"] == {
        "impossible values: macronutrients over 100 g per 100 g": 4
    }
    assert succeeded[-1]["report"]["flagged"][ENERGY_DERIVED] >= 1
    assert succeeded[-1]["started_at"] <= succeeded[-1]["finished_at"]


def test_flagged_foods_are_paged_with_their_reasons(url: str, admin: FoodAdmin) -> None:
    first = admin.flagged(None, 3, 0)
    second = admin.flagged(None, 3, 3)
    assert first["total"] == second["total"] > 6
    ids = [f["id"] for f in first["items"] + second["items"]]
    assert len(set(ids)) == 6 and ids == sorted(ids)
    derived = admin.flagged(ENERGY_DERIVED, 100, 0)
    assert derived["items"]
    assert all(ENERGY_DERIVED in [q["flag"] for q in f["quality_flags"]] for f in derived["items"])
    assert derived["total"] == scalar(
        url, "SELECT count(*) FROM nutrition.foods WHERE %s = ANY(quality_flags)", ENERGY_DERIVED
    )
    reason = derived["items"][0]["quality_flags"][0]["reason"]
    assert "computed from the macronutrients" in reason


def test_a_fix_is_flagged_again_and_kept_by_a_reimport(
    url: str, engine: Engine, admin: FoodAdmin
) -> None:
    crackers = food_id(url, CRACKERS)
    with pytest.raises(InvalidInput) as refused:
        admin.fix("admin-1", crackers, FoodFix(protein_g=Decimal(60), fat_g=Decimal(50)))
    assert set(refused.value.fields) == {"protein_g", "fat_g", "carbohydrate_g"}
    assert scalar(url, "SELECT corrected_at FROM nutrition.foods WHERE id = %s", crackers) is None

    # a stated energy far below the macronutrients' 374.6 kcal
    fixed = admin.fix("admin-1", crackers, FoodFix(energy_kcal=Decimal(150)))
    assert [q["flag"] for q in fixed["quality_flags"]] == [ENERGY_MISMATCH]
    assert "states 150" in fixed["quality_flags"][0]["reason"]
    assert "374.600 kcal" in fixed["quality_flags"][0]["reason"]
    assert fixed["corrected_at"] is not None
    assert fixed["nutrients_per_100g"]["energy_kj"] == pytest.approx(627.6)

    fixed = admin.fix("admin-1", crackers, FoodFix(energy_kcal=Decimal("374.6")))
    assert fixed["quality_flags"] == []

    report = import_foods("off", OFF_SAMPLE, url)
    assert report.kept_corrected == 1
    assert scalar(url, "SELECT energy_kcal FROM nutrition.foods WHERE id = %s", crackers) == (
        Decimal("374.6")
    )
    assert actions(url, "admin-1") == ["food.corrected", "food.corrected"]
    with pytest.raises(InvalidInput):
        admin.fix("admin-1", crackers, FoodFix())
    with pytest.raises(NotFound):
        admin.fix("admin-1", 2**40, FoodFix(energy_kcal=Decimal(1)))


def test_a_hidden_food_leaves_search_and_comes_back(
    url: str, engine: Engine, admin: FoodAdmin
) -> None:
    crackers = food_id(url, CRACKERS)
    service = NutritionService(engine)

    def found() -> bool:
        page = service.search_foods(
            "u1", q="Vitória crackers", category=None, source=None, limit=20, cursor=None
        )
        return crackers in [f["id"] for f in page["items"]]

    assert found()
    hidden = admin.hide("admin-2", crackers, "duplicate of a better entry")
    assert hidden["hidden"] is True and hidden["hidden_reason"] == "duplicate of a better entry"
    assert not found()
    assert service.get_food("u1", crackers)["id"] == crackers, "meals that use it still read it"
    admin.hide("admin-2", crackers, None)
    assert found()
    assert actions(url, "admin-2") == ["food.hidden", "food.shown"]


def test_users_reports_are_listed_resolved_and_erased_with_the_account(
    url: str, engine: Engine, admin: FoodAdmin
) -> None:
    crackers = food_id(url, CRACKERS)
    other = food_id(
        url,
        str(
            scalar(
                url,
                "SELECT source_id FROM nutrition.foods WHERE id <> %s ORDER BY id LIMIT 1",
                crackers,
            )
        ),
    )
    admin.report("ann", crackers, "the energy is wrong")
    again = admin.report("ann", crackers, "energy is 10 times too high")
    admin.report("bob", crackers, "wrong")
    admin.report("bob", other, "not this brand")
    with pytest.raises(NotFound):
        admin.report("ann", 2**40, "no such food")

    listed = admin.reported(10, 0)
    assert listed["total"] == 2
    assert [f["id"] for f in listed["items"]] == [crackers, other], "most reported first"
    reports = listed["items"][0]["reports"]
    assert [(r["user_id"], r["reason"]) for r in reports] == [
        ("ann", "energy is 10 times too high"),
        ("bob", "wrong"),
    ]
    assert reports[0]["id"] == again["id"], "a second report replaced the first"
    assert listed["items"][0]["open_reports"] == 2

    assert admin.resolve_reports("admin-3", crackers, "energy corrected") == {
        "food_id": crackers,
        "resolved": 2,
    }
    assert [f["id"] for f in admin.reported(10, 0)["items"]] == [other]
    with unit_of_work(engine) as session:
        repository.delete_user_data(session, "bob")
    assert admin.reported(10, 0)["total"] == 0
    assert scalar(url, "SELECT count(*) FROM nutrition.food_reports WHERE user_id = 'bob'") == 0
    assert actions(url, "admin-3") == ["food.reports_resolved"]


def test_a_gzip_import_record_names_the_file(url: str, tmp_path: Path) -> None:
    sample = tmp_path / "one.tsv"
    with gzip.open(OFF_SAMPLE, "rt", encoding="utf-8") as src:
        header = src.readline()
    sample.write_text(header + "4006381333931\tGood bar\t10\t2\t50\t20\t\t8\t0.5\t0.2\t\n")
    import_foods("off", sample, url)
    assert (
        scalar(url, "SELECT file_name FROM nutrition.import_runs ORDER BY id DESC LIMIT 1")
        == "one.tsv"
    )
