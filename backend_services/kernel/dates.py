"""The one rule for calendar days and instants the API accepts, in every service.

- A day is a ``YYYY-MM-DD`` string (pydantic's lax mode would read a number as a Unix
  timestamp: ``?to=0`` became 1970-01-01, silently another day).
- Nothing is dated before ``EARLIEST`` (2000-01-01): no diary, workout, weigh-in or report
  of this product reaches further back, and far-off years only make date arithmetic overflow.
- "Today" is the latest today on Earth (UTC+14), because a service does not always know the
  caller's time zone. A day that may be *planned* (a meal, any day one reads: the diary,
  reports, dashboards) may be up to ``PLAN_AHEAD_DAYS`` after it; a day or an instant of
  something that *happened* (a weigh-in, a workout, the weight of a day) may not be after it.

Services that know the user's zone may narrow this (users: a weigh-in not after the user's
own today); none widens it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

EARLIEST = date(2000, 1, 1)
# Meals may be planned a week ahead (copy today's lunch to tomorrow, prepare the week).
PLAN_AHEAD_DAYS = 7
# The latest "today" anywhere: UTC+14 (Line Islands).
LATEST_UTC_OFFSET = timedelta(hours=14)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def latest_today(now: datetime | None = None) -> date:
    return ((now or datetime.now(UTC)) + LATEST_UTC_OFFSET).date()


def day_error(day: date, days_ahead: int, now: datetime | None = None) -> str | None:
    """Why ``day`` is outside the rule (``days_ahead`` after the latest today), or None."""
    latest = latest_today(now) + timedelta(days=days_ahead)
    if day < EARLIEST:
        return f"must be on or after {EARLIEST.isoformat()}"
    if day > latest:
        if days_ahead:
            return f"must be at most {days_ahead} days after today ({latest.isoformat()})"
        return f"must not be in the future (after {latest.isoformat()})"
    return None


def _iso_date_only(value: Any) -> Any:
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("expected a date as YYYY-MM-DD")


def _within(days_ahead: int) -> Callable[[date], date]:
    def check(value: date) -> date:
        error = day_error(value, days_ahead)
        if error:
            raise ValueError(error)
        return value

    return check


def _happened(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must include a time zone offset, e.g. 2024-05-01T07:30:00Z")
    value = value.astimezone(UTC)
    # The instant's day where it is latest (UTC+14) must not be after the latest today.
    error = day_error((value + LATEST_UTC_OFFSET).date(), 0)
    if value.date() < EARLIEST or error:
        raise ValueError(error or f"must be on or after {EARLIEST.isoformat()}")
    return value


_RANGE = f"from {EARLIEST.isoformat()}"


def _documented(kind: str, rule: str) -> WithJsonSchema:
    """The rule in the OpenAPI documents (a moving bound has no JSON Schema keyword)."""
    shape = "YYYY-MM-DD" if kind == "date" else "ISO 8601"
    return WithJsonSchema({"type": "string", "format": kind, "description": f"{shape}, {rule}."})


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date_only),
    AfterValidator(_within(PLAN_AHEAD_DAYS)),
    _documented("date", f"{_RANGE} to {PLAN_AHEAD_DAYS} days after today (UTC+14)"),
]
"""Any day one may plan or read: the diary, meals, reports, dashboards, statistics."""

PastDate = Annotated[
    date,
    BeforeValidator(_iso_date_only),
    AfterValidator(_within(0)),
    _documented("date", f"{_RANGE} to today (UTC+14); not in the future"),
]
"""The day of something that happened: a weigh-in, a body weight."""

Instant = Annotated[
    datetime,
    AfterValidator(_happened),
    _documented("date-time", f"with a zone offset, {_RANGE}; not in the future"),
]
"""The moment something happened: a workout's start or end."""
