"""A text as its reader reads it: the catalog's sentence in their language, numbers and
plural forms per language (babel, CLDR), weights in their units.

Stored values are SI; an imperial reader sees weights in lb to 0.1 (1 lb = 0.45359237 kg).
Energy stays in kcal in both unit systems.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

from backend_services.kernel.units import kg_to_pounds

from .catalog import CATALOG, DEFAULT_LANGUAGE, Plural

DEFAULT_UNITS = "metric"
UNITS = ("metric", "imperial")


def _rounded(value: Decimal | float, places: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Reader:
    """Whom a text is for: a language of the catalog and a unit system."""

    language: str = DEFAULT_LANGUAGE
    units: str = DEFAULT_UNITS

    def text(self, key: str, **values: Any) -> str:
        entry = CATALOG[self.language][key]
        if isinstance(entry, Plural):
            raise TypeError(f"{key} is counted: use count()")
        return entry.format(**values)

    def count(self, key: str, count: int, **values: Any) -> str:
        """A counted text in the plural form ``count`` takes in this language."""
        entry = CATALOG[self.language][key]
        if not isinstance(entry, Plural):
            raise TypeError(f"{key} is not counted: use text()")
        form = Locale.parse(self.language).plural_form(count)
        return entry.forms[form].format(count=self.number(count), **values)

    def number(self, value: Decimal | float, places: int = 0) -> str:
        """Rounded half up to at most ``places`` decimals: 2,450.5 (en), 2 450,5 (ru)."""
        pattern = "#,##0" + ("." + "#" * places if places else "")
        return format_decimal(_rounded(value, places), format=pattern, locale=self.language)

    def kcal(self, value: Decimal | float) -> str:
        return self.text("unit.kcal", value=self.number(value))

    def weight(self, kg: Decimal | float) -> str:
        """A body or lifted weight: kg to 0.01 (plates come in 1.25 kg), lb to 0.1."""
        if self.units == "imperial":
            return self.text("unit.lb", value=self.number(kg_to_pounds(kg), 1))
        return self.text("unit.kg", value=self.number(kg, 2))

    def duration(self, seconds: float) -> str:
        minutes = max(0, round(seconds / 60))
        hours, minutes = divmod(minutes, 60)
        if hours:
            return self.text("duration.hours_minutes", hours=hours, minutes=minutes)
        return self.text("duration.minutes", minutes=minutes)

    def listing(self, parts: list[str]) -> str:
        return self.text("list.separator").join(parts)


ENGLISH_METRIC = Reader()


def reader_of(recipient: Any) -> Reader:
    """The reader of a ``recipients`` row (None: not known yet, English and metric); values
    the catalog does not know read as the defaults."""
    if recipient is None:
        return ENGLISH_METRIC
    language, units = recipient.language, recipient.units
    return Reader(
        language if language in CATALOG else DEFAULT_LANGUAGE,
        units if units in UNITS else DEFAULT_UNITS,
    )
