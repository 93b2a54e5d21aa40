"""Numbers and dates as each language writes them (babel, CLDR data).

English: 1,234.5 · Tue 1 Dec 2026. Russian: 1 234,5 · вт, 1 дек. 2026 г.
Use these instead of `strftime` (month and day names would stay English) and f-string
number formats in anything a user reads.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal

from app.i18n.language import known

# Our own patterns (CLDR skeleton-like), one per use, in each language's word order.
DATE_PATTERNS = {
    "day": {"en": "EEE d MMM", "ru": "EEE, d MMM"},  # Tue 1 Dec / вт, 1 дек.
    "day_long": {"en": "EEEE d MMMM", "ru": "EEEE, d MMMM"},  # Tuesday 1 December
    "day_year": {"en": "EEE d MMM y", "ru": "EEE, d MMM y"},  # Tue 1 Dec 2026
    "date": {"en": "d MMM y", "ru": "d MMM y"},  # 1 Dec 2026 / 1 дек. 2026
    "month": {"en": "LLLL y", "ru": "LLLL y"},  # December 2026 / декабрь 2026
    "weekday": {"en": "EEEE", "ru": "EEEE"},
    "weekday_short": {"en": "EEE", "ru": "EEEEEE"},  # Tue / вт
    "day_month": {"en": "d MMM", "ru": "d MMM"},  # 1 Dec / 1 дек.
}


def fmt_number(language: str, value: float, decimals: int = 0) -> str:
    """1234.5 -> "1,234.5" (en) or "1 234,5" (ru); `decimals` is the most shown."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=known(language))


def fmt_date(language: str, day: dt.date, kind: str = "day") -> str:
    return format_date(day, DATE_PATTERNS[kind][known(language)], locale=known(language))
