"""Search relevance on real SR28 foods plus an Open Food Facts slice (branded competition)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from backend_services.kernel.db import make_engine
from backend_services.nutrition.importers.writer import ImportReport
from backend_services.nutrition.search import search_foods


@pytest.fixture(scope="module")
def session(
    nutrition_db: str, sr28_report: ImportReport, off_report: ImportReport
) -> Iterator[Session]:
    engine = make_engine(nutrition_db)
    with Session(engine) as s:
        yield s
    engine.dispose()


def names(session: Session, q: str, limit: int = 5) -> list[str]:
    rows = search_foods(
        session, q=q, user_id="u1", category=None, source=None, limit=limit, offset=0
    )
    return [r["name"] for r in rows]


@pytest.mark.parametrize(
    ("query", "top"),
    [
        ("pear", "Pears, raw"),
        ("apple", "Apples, raw, with skin"),
        ("milk 3.25", "Milk, whole, 3.25% milkfat, with added vitamin D"),
        ("brocoli", "Broccoli, raw"),
    ],
)
def test_the_generic_food_people_mean_comes_first(session: Session, query: str, top: str) -> None:
    assert names(session, query)[0] == top


def test_typos_still_find_chicken_breast(session: Session) -> None:
    found = names(session, "chiken brest", limit=5)
    assert any("Chicken" in n and "breast" in n and "raw" in n for n in found[:3]), found


def test_branded_products_are_found_and_filters_apply(session: Session) -> None:
    rows = search_foods(
        session, q="crackers", user_id="u1", category=None, source="off", limit=5, offset=0
    )
    assert rows and all(r["source"] == "off" for r in rows)
    fruit = search_foods(
        session,
        q="pear",
        user_id="u1",
        category="Fruits and Fruit Juices",
        source=None,
        limit=5,
        offset=0,
    )
    assert fruit and all(r["category"] == "Fruits and Fruit Juices" for r in fruit)


def test_sql_metacharacters_are_just_text(session: Session) -> None:
    names(session, "'; DROP TABLE nutrition.foods; --")
    assert names(session, "apple")  # the table is still there
