"""MyFitnessPal's "Nutrition" export (Reports → Export data → Nutrition summary CSV).

One row per meal per day with the meal's totals: ``Date, Meal, Calories, Fat (g), Saturated
Fat, Polyunsaturated Fat, Monounsaturated Fat, Trans Fat, Cholesterol, Sodium (mg), Potassium,
Carbohydrates (g), Fiber, Sugar, Protein (g), Vitamin A, Vitamin C, Calcium, Iron, Note``
(the vitamins and minerals as % of the daily value, which we do not keep). The export names
no foods, so each row becomes one item with the meal's stated energy and macros.
"""

from __future__ import annotations

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

SOURCE = "myfitnesspal"
HEADER = ("Date", "Meal", "Calories")
COLUMNS = {
    "energy_kcal": "Calories",
    "protein_g": "Protein (g)",
    "fat_g": "Fat (g)",
    "saturated_fat_g": "Saturated Fat",
    "carbohydrate_g": "Carbohydrates (g)",
    "sugars_g": "Sugar",
    "fibre_g": "Fiber",
    "sodium_mg": "Sodium (mg)",
}


def looks_like(header_line: str) -> bool:
    return all(name in header_line for name in HEADER) and "Food Name" not in header_line


def parse(text: str) -> ParsedDiary:
    parsed = ParsedDiary(SOURCE)
    for line, row in csv_rows(text, HEADER):
        try:
            meal = row["Meal"] or "Snacks"
            parsed.rows.append(
                DiaryRow(
                    line=line,
                    day=read_day(row["Date"]),
                    meal_type=meal_type(meal),
                    name=f"{meal} (MyFitnessPal)",
                    amount="",
                    grams=None,
                    stated=stated_nutrients(row, COLUMNS),
                    note=row.get("Note", "")[:1000],
                )
            )
        except RowError as error:
            parsed.rejected.append(RejectedRow(line, str(error)))
    return finished(parsed)
