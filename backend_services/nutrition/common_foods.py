"""The curated table of common generic foods and their everyday names (English, Russian).

``data/common_foods.csv`` (its header notes the source) maps SR28 foods to the names people
search for: SR28 names foods by class ("Fish, tuna, ...", "Cereals, oats, ...") and only in
English. The SR28 importer stores these names as the food's aliases, which are searchable
and ranked like the name itself.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "common_foods.csv"
SEPARATOR = ";"


@dataclass(frozen=True)
class CommonFood:
    ndb_no: str
    description: str
    english: tuple[str, ...]
    russian: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return self.english + self.russian


def _names(cell: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in cell.split(SEPARATOR) if n.strip())


@cache
def common_foods() -> dict[str, CommonFood]:
    """The table by SR28 NDB number."""
    with TABLE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        table: dict[str, CommonFood] = {}
        for row in rows:
            food = CommonFood(
                ndb_no=row["ndb_no"],
                description=row["description"],
                english=_names(row["en"]),
                russian=_names(row["ru"]),
            )
            if food.ndb_no in table:
                raise ValueError(f"{TABLE.name}: {food.ndb_no} listed twice")
            table[food.ndb_no] = food
    return table
