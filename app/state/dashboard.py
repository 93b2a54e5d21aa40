"""The today page's numbers: chart rows from the users service's stats and weight log.

Pure (no Reflex, no I/O): the page state stores these rows, the figures in components/charts.py
and the text tables are drawn from them, and the unit tests check them without a browser.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.api.users import Stats, WeightLog
from app.i18n import tr, trn
from app.i18n.formats import fmt_date
from app.state.targets import number
from app.state.units import METRIC, kg_to_shown

RANGES = (7, 30)
# Atwater general factors (kcal per gram), as the nutrition service uses them.
KCAL_PER_G = {"protein": 4.0, "fat": 9.0, "carbohydrate": 4.0}


@dataclasses.dataclass
class DayRow:
    """One day of the calories and macro charts; None = nothing logged (not zero)."""

    date: str  # ISO, for the x axis
    label: str  # "Mon 24 Nov", for tables
    calories_in: float | None
    calories_out: float
    target: float | None
    protein_kcal: float | None
    fat_kcal: float | None
    carbohydrate_kcal: float | None


@dataclasses.dataclass
class WeightRow:
    date: str
    label: str
    weight_kg: float | None  # None on days without a weigh-in
    trend_kg: float | None
    goal_kg: float | None  # the goal pace from the first trend value of the range


def day_label(day: dt.date) -> str:
    return day.strftime("%a %-d %b")


def _kcal(grams: float | None, nutrient: str) -> float | None:
    return None if grams is None else round(grams * KCAL_PER_G[nutrient])


def day_rows(stats: Stats) -> list[DayRow]:
    """One row per day of the range, oldest first; unlogged days keep None for intake."""
    rows = []
    for d in stats.days:
        logged = d.logged and d.calories_in is not None
        rows.append(
            DayRow(
                date=d.date.isoformat(),
                label=day_label(d.date),
                calories_in=round(d.calories_in) if logged and d.calories_in is not None else None,
                calories_out=round(d.calories_out),
                target=round(d.target_kcal) if d.target_kcal is not None else None,
                protein_kcal=_kcal(d.protein_g, "protein") if logged else None,
                fat_kcal=_kcal(d.fat_g, "fat") if logged else None,
                carbohydrate_kcal=_kcal(d.carbohydrate_g, "carbohydrate") if logged else None,
            )
        )
    return rows


def fill_targets(rows: list[DayRow], current_target: float | None) -> list[DayRow]:
    """Days before the first stored target take the current one, so the target line spans
    the chart (the service stores a target only from the day the profile had one)."""
    known = current_target
    out = []
    for row in reversed(rows):
        if row.target is not None:
            known = row.target
        out.append(dataclasses.replace(row, target=row.target if row.target is not None else known))
    return list(reversed(out))


def goal_slope_kg_per_day(goal: str, rate_kg_per_week: float) -> float:
    if goal == "lose":
        return -rate_kg_per_week / 7
    if goal == "gain":
        return rate_kg_per_week / 7
    return 0.0


def weight_rows(log: WeightLog, start: dt.date, end: dt.date) -> list[WeightRow]:
    """Every day from start to end: the weigh-in (if any) and the trend carried between
    weigh-ins; the goal pace is added per shown range (`with_goal_pace`)."""
    by_day = {e.date: e for e in log.entries if start <= e.date <= end}
    rows: list[WeightRow] = []
    trend: float | None = None
    day = start
    while day <= end:
        entry = by_day.get(day)
        if entry is not None:
            trend = entry.trend_kg
        rows.append(
            WeightRow(
                date=day.isoformat(),
                label=day_label(day),
                weight_kg=entry.weight_kg if entry else None,
                trend_kg=round(trend, 2) if trend is not None else None,
                goal_kg=None,
            )
        )
        day += dt.timedelta(days=1)
    return rows


def with_goal_pace(rows: list[WeightRow], goal: str, rate_kg_per_week: float) -> list[WeightRow]:
    """The goal line: from the first trend value shown, at the goal's weekly rate."""
    slope = goal_slope_kg_per_day(goal, rate_kg_per_week)
    origin = next((i for i, r in enumerate(rows) if r.trend_kg is not None), None)
    if origin is None:
        return rows
    base = rows[origin].trend_kg or 0.0
    return [
        dataclasses.replace(
            r, goal_kg=round(base + slope * (i - origin), 2) if i >= origin else None
        )
        for i, r in enumerate(rows)
    ]


def last(rows: list, days: int) -> list:
    return rows[-days:] if days > 0 else rows


def has_intake(rows: list[DayRow]) -> bool:
    return any(r.calories_in is not None for r in rows)


def has_weights(rows: list[WeightRow]) -> bool:
    return any(r.weight_kg is not None for r in rows)


def kcal_text(value: float | None, language: str = "en") -> str:
    return "\u2013" if value is None else number(value, language=language)


def weight_cell(kg: float | None, units: str = METRIC, language: str = "en") -> str:
    """A weight in a table cell under a "Weight (kg)" / "(lb)" header: "68.0" ("68,0")."""
    if kg is None:
        return "\u2013"
    text = f"{kg_to_shown(kg, units):.1f}"
    return text.replace(".", ",") if language == "ru" else text


def row_label(row: DayRow | WeightRow, language: str = "en") -> str:
    """The row's day for a table: "Mon 24 Nov" / "пн, 24 нояб."."""
    if language == "en":
        return row.label
    return fmt_date(language, dt.date.fromisoformat(row.date), "day")


def calorie_table(rows: list[DayRow], language: str = "en") -> list[list[str]]:
    """The calories chart as text: day, eaten, burned, target."""
    return [
        [
            row_label(r, language),
            *(kcal_text(v, language) for v in (r.calories_in, r.calories_out, r.target)),
        ]
        for r in rows
    ]


def macro_table(rows: list[DayRow], language: str = "en") -> list[list[str]]:
    """Logged days only: day, protein, fat, carbohydrate (kcal)."""
    return [
        [
            row_label(r, language),
            *(kcal_text(v, language) for v in (r.protein_kcal, r.fat_kcal, r.carbohydrate_kcal)),
        ]
        for r in rows
        if r.calories_in is not None
    ]


def weight_table(
    rows: list[WeightRow], units: str = METRIC, language: str = "en"
) -> list[list[str]]:
    """Weigh-in days only: day, weight, trend, goal pace (kg or lb)."""
    return [
        [
            row_label(r, language),
            *(weight_cell(kg, units, language) for kg in (r.weight_kg, r.trend_kg, r.goal_kg)),
        ]
        for r in rows
        if r.weight_kg is not None
    ]


def averages_line(rows: list[DayRow], language: str = "en") -> str:
    """ "Average over 5 logged days: 1,850 kcal eaten, 1,900 target"."""
    eaten = [r.calories_in for r in rows if r.calories_in is not None]
    if not eaten:
        return tr(language, "Nothing logged in this period yet.")
    targets = [r.target for r in rows if r.target is not None and r.calories_in is not None]
    mean = number(sum(eaten) / len(eaten), language=language)
    if targets:
        return trn(
            language,
            len(eaten),
            "Average over {n} logged day: {kcal} kcal eaten, target {target} kcal",
            "Average over {n} logged days: {kcal} kcal eaten, target {target} kcal",
            kcal=mean,
            target=number(sum(targets) / len(targets), language=language),
        )
    return trn(
        language,
        len(eaten),
        "Average over {n} logged day: {kcal} kcal eaten",
        "Average over {n} logged days: {kcal} kcal eaten",
        kcal=mean,
    )
