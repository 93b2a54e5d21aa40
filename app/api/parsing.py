"""Lenient readers for gateway JSON: a missing or null optional field never breaks a page.

The typed clients in `app/api/` build their frozen dataclasses with these, so a service that
adds a field, or leaves out one its contract marks optional, still yields a usable object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

# The services' date rule (backend_services/kernel/dates.py): nothing is dated before this day,
# and a range that starts earlier is refused. "Everything" starts here.
EARLIEST_DAY = dt.date(2000, 1, 1)
# ... and a day to read or plan may be at most this many days after today.
READ_AHEAD_DAYS = 7


def num(value: Any, default: float = 0.0) -> float:
    """A number as float; `default` for null, missing or unreadable values."""
    found = opt_num(value)
    return default if found is None else found


def opt_num(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def whole(value: Any, default: int = 0) -> int:
    found = opt_num(value)
    return default if found is None else int(found)


def opt_whole(value: Any) -> int | None:
    found = opt_num(value)
    return None if found is None else int(found)


def text(value: Any, default: str = "") -> str:
    return default if value is None else str(value)


def opt_text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def flag(value: Any, default: bool = False) -> bool:
    return default if value is None else bool(value)


def day(value: Any) -> dt.date:
    """An ISO date (`YYYY-MM-DD`, or the date part of a timestamp)."""
    return dt.date.fromisoformat(str(value)[:10])


def opt_day(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return day(value)
    except ValueError:
        return None


def opt_instant(value: Any) -> dt.datetime | None:
    """An ISO-8601 timestamp; naive ones are taken as UTC (how the services store them)."""
    if not value:
        return None
    try:
        found = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=dt.UTC)


def obj(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def texts(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in items(value))


def numbers(value: Any) -> dict[str, float]:
    """A `{name: number}` mapping with unreadable entries left out."""
    out: dict[str, float] = {}
    for key, raw in obj(value).items():
        found = opt_num(raw)
        if found is not None:
            out[str(key)] = found
    return out


def iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
