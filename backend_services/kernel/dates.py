"""Calendar dates as the API accepts them: ``YYYY-MM-DD`` strings only.

Pydantic's lax mode also reads a number as a Unix timestamp (``?to=0`` became 1970-01-01), so a
client's mistake was silently answered for another day; this type refuses it with a 422.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


# No calendar question of this product reaches outside these years; beyond them date
# arithmetic (a week back from 0001-01-03) would overflow instead of answering 422.
EARLIEST, LATEST = date(1900, 1, 1), date(2200, 12, 31)


def _plausible(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"expected a date between {EARLIEST} and {LATEST}")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only), AfterValidator(_plausible)]
