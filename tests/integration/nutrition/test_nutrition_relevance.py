"""The relevance table: what people type, and which food must come first and in the top 3.

Cases live in ``relevance_cases.csv`` (English and Russian). Runs on SR28 plus Open Food
Facts products (the first rows of the snapshot and its Russian products), so generic foods
compete with branded ones in both languages.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from nutrition_fixtures import CYRILLIC
from sqlalchemy import text
from sqlmodel import Session

from backend_services.nutrition.common_foods import common_foods
from backend_services.nutrition.search import search_foods

CASES_FILE = Path(__file__).with_name("relevance_cases.csv")


@dataclass(frozen=True)
class Case:
    query: str
    top1: str
    top3: str


def load_cases() -> list[Case]:
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [Case(r["query"], r["top1"], r["top3"]) for r in rows]


CASES = load_cases()


def top(session: Session, q: str, limit: int = 3) -> list[str]:
    rows = search_foods(
        session, q=q, user_id="u1", category=None, source=None, limit=limit, offset=0
    )
    return [r["name"] for r in rows][:limit]


def test_the_table_covers_enough_common_foods_in_both_languages() -> None:
    russian = [c for c in CASES if CYRILLIC.search(c.query)]
    assert len(CASES) - len(russian) >= 60 and len(russian) >= 30
    assert len({c.query for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.query for c in CASES])
def test_the_food_people_mean_comes_first(session: Session, case: Case) -> None:
    found = top(session, case.query)
    assert found, case.query
    assert re.match(case.top1, found[0], re.IGNORECASE), (case.query, found)
    # every one of the first three is that food (a form or a variety of it), not another
    # food whose name happens to contain the word
    assert all(re.search(case.top3, name, re.IGNORECASE) for name in found), (
        case.query,
        found,
    )


def test_curated_names_point_at_the_sr28_foods_they_describe(session: Session) -> None:
    stored = dict(
        session.execute(
            text("SELECT source_id, name FROM nutrition.foods WHERE source = 'usda-sr28'")
        ).all()
    )
    wrong = {
        food.ndb_no: (food.description, stored.get(food.ndb_no))
        for food in common_foods().values()
        if stored.get(food.ndb_no) != food.description
    }
    assert not wrong


def test_each_script_is_stemmed_by_its_own_language(session: Session) -> None:
    # the 'russian' configuration: Cyrillic words by the Russian stemmer, Latin words by
    # the English one ("apples" -> appl, "яблоки" -> яблок; "rice" is not Russian-stemmed)
    lexemes = session.execute(
        text("SELECT tsvector_to_array(to_tsvector('russian', 'apples яблоки rice молочный'))")
    ).scalar_one()
    assert set(lexemes) == {"appl", "яблок", "rice", "молочн"}
    assert top(session, "apples", 1) == top(session, "яблоки", 1) == ["Apples, raw, with skin"]


def test_russian_aliases_and_common_names_are_stored_with_the_food(session: Session) -> None:
    aliases = session.execute(
        text("SELECT aliases FROM nutrition.foods WHERE source = 'usda-sr28' AND source_id = :n"),
        {"n": "08120"},
    ).scalar_one()
    # SR28's own common names (ComName) and the curated English and Russian ones
    for name in ("old-fashioned oats", "rolled oats", "овсянка", "геркулес"):
        assert name in aliases.split("; "), aliases


def test_a_generic_food_outranks_branded_products_named_exactly_the_query(
    session: Session,
) -> None:
    # the Russian snapshot has many "Молоко 3,2%" products; the generic milk comes first
    rows = search_foods(
        session, q="молоко", user_id="u1", category=None, source=None, limit=10, offset=0
    )
    assert rows[0]["source"] == "usda-sr28" and rows[0]["name"].startswith("Milk, whole")
    assert any(r["source"] == "off" and "олоко" in r["name"] for r in rows), rows
