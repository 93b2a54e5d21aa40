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
import re

from app.i18n import tr
from app.i18n.formats import fmt_date, fmt_number
from app.state.numbers import parse_decimal

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


def weight_unit(units: str, language: str = "en") -> str:
    """The label of a body or lifted weight: "kg" (Russian "кг") or "lb" (in both)."""
    return "lb" if imperial(units) else tr(language, "kg")


def distance_unit(units: str, language: str = "en") -> str:
    return "mi" if imperial(units) else tr(language, "km")


def kg_to_shown(kg: float, units: str) -> float:
    """A weight in kg as the user reads it (kg or lb), not rounded."""
    return kg / KG_PER_LB if imperial(units) else kg


def weight_to_kg(value: float, units: str) -> float:
    """What the user typed (kg or lb) in kg for storing, not rounded."""
    return value * KG_PER_LB if imperial(units) else value


def _number(value: float, decimals: int = 1, language: str = "en") -> str:
    """ "1,217.5" / "83.1" / "60" (Russian "1 217,5"): thousands separated, no trailing .0."""
    return fmt_number(language, round(value, decimals), decimals)


def weight_number(kg: float, units: str, language: str = "en") -> str:
    """A weight to read without its unit, to 0.1 (kg or lb)."""
    return _number(kg_to_shown(kg, units), language=language)


def weight_text(kg: float | None, units: str, language: str = "en") -> str:
    """ "72.5 kg" / "159.8 lb" (Russian "72,5 кг"); "—" when unknown."""
    if kg is None:
        return "—"
    return f"{weight_number(kg, units, language)} {weight_unit(units, language)}"


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


def height_text(cm: float | None, units: str, language: str = "en") -> str:
    """ "170 cm" (Russian "170 см") / "5 ft 7 in"; "—" when unknown."""
    if cm is None:
        return "—"
    if not imperial(units):
        return tr(language, "{n} cm", n=_number(cm, language=language))
    feet, inches = feet_inches(cm)
    return f"{feet} ft {_number(inches, language=language)} in"


def height_to_cm(feet: float, inches: float) -> float:
    return (feet * INCHES_PER_FOOT + inches) * CM_PER_INCH


def metres_to_shown(metres: float, units: str) -> float:
    """A distance in m as the user reads it (km or mi), not rounded."""
    return metres / (M_PER_MILE if imperial(units) else 1000)


def distance_to_m(value: float, units: str) -> float:
    """What the user typed (km or mi) in metres for storing, not rounded."""
    return value * (M_PER_MILE if imperial(units) else 1000)


def distance_text(metres: float | None, units: str, language: str = "en") -> str:
    """ "5.2 km" / "3.2 mi" (Russian "5,2 км"); "—" when unknown."""
    if metres is None:
        return "—"
    shown = _number(metres_to_shown(metres, units), language=language)
    return f"{shown} {distance_unit(units, language)}"


_METRIC_AMOUNT = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?) ?(kg|km)\b")


def in_units(text: str, units: str) -> str:
    """A sentence a service wrote in kg/km ("New best: 116.94 kg") with its amounts in the
    user's units ("New best: 257.8 lb"); unchanged for metric."""
    if not imperial(units):
        return text

    def shown(found: re.Match[str]) -> str:
        value = float(found[1])
        if found[2] == "kg":
            return weight_text(value, units)
        return distance_text(value * 1000, units)

    return _METRIC_AMOUNT.sub(shown, text)


def week_start_day(day: dt.date, week_start: str) -> dt.date:
    """The first day of the week that holds `day` (Monday or Sunday)."""
    shift = (day.weekday() + 1) % 7 if week_start == SUNDAY else day.weekday()
    return day - dt.timedelta(days=shift)


def week_days(day: dt.date, week_start: str) -> tuple[dt.date, ...]:
    """The seven days of the week that holds `day`, in the user's order."""
    first = week_start_day(day, week_start)
    return tuple(first + dt.timedelta(days=i) for i in range(7))


def weekday_names(week_start: str, language: str = "en") -> tuple[str, ...]:
    """Short day names in the user's order, for week headers and calendars (Mon / пн)."""
    monday = dt.date(2024, 1, 1)  # a Monday
    names = tuple(
        fmt_date(language, monday + dt.timedelta(days=i), "weekday_short") for i in range(7)
    )
    return (names[6], *names[:6]) if week_start == SUNDAY else names


_FEET_INCHES = re.compile(
    r"^\s*(?P<ft>\d+(?:[.,]\d+)?)\s*(?:ft|feet|foot|')\s*"
    r"(?:(?P<in>\d+(?:[.,]\d+)?)\s*(?:in|inches|inch|\"|'')?)?\s*$",
    re.IGNORECASE,
)
_INCHES = re.compile(r"^\s*(?P<in>\d+(?:[.,]\d+)?)\s*(?:in|inches|inch|\")\s*$", re.IGNORECASE)


def parse_height_cm(text: str, units: str) -> float | None:
    """A typed height in cm: metric "170"; imperial "5 ft 7 in", "5'7\"", "5 ft", "67 in",
    or two numbers "5 7" (feet, inches). None when it cannot be read."""
    if not imperial(units):
        return parse_decimal(text)
    only_inches = _INCHES.match(text or "")
    if only_inches is not None:
        total = parse_decimal(only_inches["in"])
        return None if total is None else height_to_cm(0, total)
    found = _FEET_INCHES.match(text or "")
    if found is not None:
        feet, inches = parse_decimal(found["ft"]), parse_decimal(found["in"] or "0")
    else:
        parts = (text or "").split()
        if len(parts) != 2:
            return None
        feet, inches = parse_decimal(parts[0]), parse_decimal(parts[1])
    if feet is None or inches is None or feet < 0 or not 0 <= inches < INCHES_PER_FOOT:
        return None
    return height_to_cm(feet, inches)


def parse_weight_kg(text: str, units: str) -> float | None:
    """A typed weight (kg or lb, decimal comma allowed) in kg; None when not a number."""
    value = parse_decimal(text)
    return None if value is None else weight_to_kg(value, units)


def height_field(cm: float | None, units: str) -> str:
    """A height put into the form for editing ("170" / "5 ft 7 in")."""
    if cm is None:
        return ""
    if not imperial(units):
        return f"{cm:g}"
    feet, inches = feet_inches(cm)
    return f"{feet} ft {round(inches):d} in" if round(inches) < 12 else f"{feet + 1} ft 0 in"
