"""The user's units and week start: conversions between what is stored (SI) and what is shown.

Everything is stored in SI (kg, cm, m); a page converts at the edge with these functions:
`weight_text(72.5, "imperial")` -> "159.8 lb", `weight_to_kg(160, "imperial")` -> 72.57...
Distances follow the same choice (km / mi). Energy is kcal in both systems (food labels and
the Compendium use kcal). Pure: no Reflex, no I/O; `app/state/preferences.py` holds the
user's choice as state.

Factors are exact by definition (international yard and pound agreement, 1959):
1 lb = 0.45359237 kg, 1 in = 2.54 cm, 1 mi = 1609.344 m.
"""

from __future__ import annotations

import datetime as dt

METRIC = "metric"
IMPERIAL = "imperial"
UNIT_SYSTEMS: tuple[str, ...] = (METRIC, IMPERIAL)
KG_PER_LB = 0.45359237
CM_PER_INCH = 2.54
INCHES_PER_FOOT = 12
M_PER_MILE = 1609.344

MONDAY = "monday"
SUNDAY = "sunday"
WEEK_STARTS: tuple[str, ...] = (MONDAY, SUNDAY)


def imperial(units: str) -> bool:
    return units == IMPERIAL


def weight_unit(units: str) -> str:
    """The label of a body or lifted weight: "kg" or "lb"."""
    return "lb" if imperial(units) else "kg"


def distance_unit(units: str) -> str:
    return "mi" if imperial(units) else "km"


def kg_to_shown(kg: float, units: str) -> float:
    """A weight in kg as the user reads it (kg or lb), not rounded."""
    return kg / KG_PER_LB if imperial(units) else kg


def weight_to_kg(value: float, units: str) -> float:
    """What the user typed (kg or lb) in kg for storing, not rounded."""
    return value * KG_PER_LB if imperial(units) else value


def _number(value: float, decimals: int = 1) -> str:
    """ "1,217.5" / "83.1" / "60": thousands separated, a trailing .0 dropped."""
    return f"{round(value, decimals):,.{decimals}f}".removesuffix("." + "0" * decimals)


def weight_number(kg: float, units: str) -> str:
    """A weight to read without its unit, to 0.1 (kg or lb)."""
    return _number(kg_to_shown(kg, units))


def weight_text(kg: float | None, units: str) -> str:
    """ "72.5 kg" / "159.8 lb"; "—" when unknown."""
    if kg is None:
        return "—"
    return f"{weight_number(kg, units)} {weight_unit(units)}"


def weight_field(kg: float | None, units: str) -> str:
    """A weight put into an input for editing: no separators, to 0.1 ("" when unknown)."""
    if kg is None:
        return ""
    return f"{round(kg_to_shown(kg, units), 1):.1f}".removesuffix(".0")


def feet_inches(cm: float) -> tuple[int, float]:
    """A height in whole feet and inches (to 0.1 in; 12 in carries over to a foot)."""
    inches = round(cm / CM_PER_INCH, 1)
    feet = int(inches // INCHES_PER_FOOT)
    rest = round(inches - feet * INCHES_PER_FOOT, 1)
    if rest >= INCHES_PER_FOOT:
        feet, rest = feet + 1, 0.0
    return feet, rest


def height_text(cm: float | None, units: str) -> str:
    """ "170 cm" / "5 ft 7 in"; "—" when unknown."""
    if cm is None:
        return "—"
    if not imperial(units):
        return f"{_number(cm)} cm"
    feet, inches = feet_inches(cm)
    return f"{feet} ft {_number(inches)} in"


def height_to_cm(feet: float, inches: float) -> float:
    return (feet * INCHES_PER_FOOT + inches) * CM_PER_INCH


def distance_text(metres: float | None, units: str) -> str:
    """ "5.2 km" / "3.2 mi"; "—" when unknown."""
    if metres is None:
        return "—"
    if imperial(units):
        return f"{_number(metres / M_PER_MILE)} mi"
    return f"{_number(metres / 1000)} km"


def week_start_day(day: dt.date, week_start: str) -> dt.date:
    """The first day of the week that holds `day` (Monday or Sunday)."""
    shift = (day.weekday() + 1) % 7 if week_start == SUNDAY else day.weekday()
    return day - dt.timedelta(days=shift)


def week_days(day: dt.date, week_start: str) -> tuple[dt.date, ...]:
    """The seven days of the week that holds `day`, in the user's order."""
    first = week_start_day(day, week_start)
    return tuple(first + dt.timedelta(days=i) for i in range(7))


def weekday_names(week_start: str) -> tuple[str, ...]:
    """Short day names in the user's order, for week headers and calendars."""
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    return (names[6], *names[:6]) if week_start == SUNDAY else names
