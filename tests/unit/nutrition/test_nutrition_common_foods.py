"""The curated common-foods table and SR28's common names as aliases."""

from __future__ import annotations

import re

from backend_services.nutrition.common_foods import TABLE, common_foods
from backend_services.nutrition.importers.sr28 import common_names

CYRILLIC = re.compile("[\u0400-\u04ff]")


def test_sr28_common_names_become_aliases_without_codes_or_notes() -> None:
    assert common_names("oatmeal, old-fashioned oats, rolled oats") == [
        "oatmeal",
        "old-fashioned oats",
        "rolled oats",
    ]
    assert common_names("URMIS #3358, Pork tenderloin") == ["Pork tenderloin"]
    assert common_names("includes V-8 Splash drinks") == []
    assert common_names("") == []


def test_every_curated_food_has_a_russian_name_written_in_cyrillic() -> None:
    foods = common_foods()
    assert len(foods) >= 100
    for food in foods.values():
        assert re.fullmatch(r"\d{5}", food.ndb_no), food
        assert food.russian and all(CYRILLIC.search(n) for n in food.russian), food
        assert not any(CYRILLIC.search(n) for n in food.english), food


def test_the_table_notes_its_source() -> None:
    header = TABLE.read_text(encoding="utf-8").split("\nndb_no,", 1)[0]
    assert "Source:" in header
