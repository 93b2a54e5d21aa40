"""Search relevance on real SR28 foods plus an Open Food Facts slice (branded competition)."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from sqlalchemy import text
from sqlmodel import Session

from backend_services.nutrition.importers.run import psycopg_url
from backend_services.nutrition.search import search_foods


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


@pytest.mark.parametrize(
    ("query", "top"),
    [
        # the plain food, not another animal's milk or a milk dessert
        ("milk", "Milk, whole, 3.25% milkfat, with added vitamin D"),
        # the whole egg, not a part of it
        ("egg", "Egg, whole, raw, fresh"),
        ("banana", "Bananas, raw"),
        ("orange juice", "Orange juice, raw"),
        # the head noun is the query's last word: still the generic food first
        ("greek yogurt", "Yogurt, Greek, plain, nonfat"),
    ],
)
def test_plain_queries_find_the_plain_food(session: Session, query: str, top: str) -> None:
    assert names(session, query)[0] == top


def test_parts_and_derivatives_come_after_the_whole_food(session: Session) -> None:
    found = names(session, "egg", limit=50)
    assert found.index("Egg, whole, raw, fresh") < found.index("Egg, yolk, raw, fresh"), found
    assert found.index("Egg, whole, raw, fresh") < found.index("Egg, white, raw, fresh"), found
    # ...but asking for the part finds the part
    assert names(session, "egg yolk")[0].startswith("Egg, yolk"), names(session, "egg yolk")


def test_chicken_breast_finds_raw_breast_meat_not_breaded_tenders(session: Session) -> None:
    found = names(session, "chicken breast", limit=3)
    assert all(n.startswith("Chicken, broiler") and "breast" in n for n in found), found
    assert "raw" in found[0] and "breaded" not in " ".join(found), found


def test_common_words_rank_generic_foods_above_branded_matches(session: Session) -> None:
    for q in ("chocolate", "milk", "cheese", "pear"):
        rows = search_foods(
            session, q=q, user_id="u1", category=None, source=None, limit=10, offset=0
        )
        assert {r["source"] for r in rows} == {"usda-sr28"}, (q, [r["name"] for r in rows])


def test_paging_over_ranked_candidates_is_stable_and_disjoint(session: Session) -> None:
    def page(offset: int) -> list[int]:
        rows = search_foods(
            session,
            q="chocolate",
            user_id="u1",
            category=None,
            source=None,
            limit=20,
            offset=offset,
        )
        return [r["id"] for r in rows[:20]]

    first, second = page(0), page(20)
    assert len(first) == len(second) == 20 and not set(first) & set(second)
    assert page(0) == first


def test_recently_used_branded_food_is_boosted_for_its_user_only(
    session: Session, nutrition_db: str
) -> None:
    # a branded chocolate product, far beyond the capped candidates for "chocolate"
    food_id, name = session.execute(
        text(
            "SELECT id, name FROM nutrition.foods WHERE source = 'off'"
            " AND search @@ websearch_to_tsquery('russian', 'chocolate') ORDER BY id DESC LIMIT 1"
        )
    ).one()
    meal = uuid.uuid4()
    with psycopg.connect(psycopg_url(nutrition_db)) as conn:
        conn.execute(
            "INSERT INTO nutrition.meals (id, user_id, day, meal_type)"
            " VALUES (%s, 'booster', current_date, 'snack')",
            (meal,),
        )
        for position in range(30):
            conn.execute(
                "INSERT INTO nutrition.meal_items (id, meal_id, user_id, position, food_id,"
                " grams, name, nutrients) VALUES (%s, %s, 'booster', %s, %s, 50, %s, '{}')",
                (uuid.uuid4(), meal, position, food_id, name),
            )
    try:
        mine = search_foods(
            session,
            q="chocolate",
            user_id="booster",
            category=None,
            source=None,
            limit=1000,
            offset=0,
        )
        ids = [r["id"] for r in mine]
        # found although thousands of branded products match, and boosted to the top of
        # them (generic reference foods keep their lead: +7 vs 2 * ln(31) ~ 6.9)
        assert food_id in ids, [r["name"] for r in mine]
        assert all(r["source"] != "off" for r in mine[: ids.index(food_id)])
        others = search_foods(
            session, q="chocolate", user_id="u1", category=None, source=None, limit=20, offset=0
        )
        assert food_id not in {r["id"] for r in others}
    finally:
        with psycopg.connect(psycopg_url(nutrition_db)) as conn:
            conn.execute("DELETE FROM nutrition.meals WHERE id = %s", (meal,))


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
