"""Cronometer's "Food & Recipe Entries" export (More → Account → Export Data → servings.csv).

One row per food eaten: ``Day, Time, Group, Food Name, Amount, Energy (kcal)``, then one
column per nutrient (``Protein (g)``, ``Carbs (g)``, ``Fat (g)``, ``Saturated (g)``, ``Sugars
(g)``, ``Fiber (g)``, ``Sodium (mg)``, ... about 60), and ``Category``. ``Amount`` is the
serving as the person chose it ("1.00 medium - 118g", "250.00 g", "1.00 cup"); grams are read
from it when it says them. Matching the names to our foods is ``diary_matching``'s job.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .diary_rows import (
    DiaryRow,
    ParsedDiary,
    RejectedRow,
    RowError,
    csv_rows,
    finished,
    meal_type,
    read_day,
    stated_nutrients,
)

SOURCE = "cronometer"
HEADER = ("Day", "Group", "Food Name", "Amount", "Energy (kcal)")
COLUMNS = {
    "energy_kcal": "Energy (kcal)",
    "protein_g": "Protein (g)",
    "fat_g": "Fat (g)",
    "saturated_fat_g": "Saturated (g)",
    "carbohydrate_g": "Carbs (g)",
    "sugars_g": "Sugars (g)",
    "fibre_g": "Fiber (g)",
    "sodium_mg": "Sodium (mg)",
}
# "250.00 g", "250 grams", or a serving followed by its weight: "1.00 medium - 118g"
_GRAMS = re.compile(r"(?:^|-\s*)(\d+(?:\.\d+)?)\s*(?:g|grams?)\s*$", re.IGNORECASE)
MAX_NAME = 200


def looks_like(header_line: str) -> bool:
    return all(name in header_line for name in HEADER)


def grams_of(amount: str) -> Decimal | None:
    """The weight an amount states, if it states one."""
    match = _GRAMS.search(amount)
    if match is None:
        return None
    grams = Decimal(match.group(1))
    return grams if 0 < grams <= 5000 else None


def parse(text: str) -> ParsedDiary:
    parsed = ParsedDiary(SOURCE)
    for line, row in csv_rows(text, HEADER):
        try:
            name = " ".join(row["Food Name"].split())[:MAX_NAME]
            if not name:
                raise RowError("Food Name: missing")
            parsed.rows.append(
                DiaryRow(
                    line=line,
                    day=read_day(row["Day"]),
                    meal_type=meal_type(row["Group"]),
                    name=name,
                    amount=row["Amount"][:200],
                    grams=grams_of(row["Amount"]),
                    stated=stated_nutrients(row, COLUMNS),
                )
            )
        except RowError as error:
            parsed.rejected.append(RejectedRow(line, str(error)))
    return finished(parsed)
