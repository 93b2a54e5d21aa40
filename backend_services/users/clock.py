"""The users service's clock and the user's calendar day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_day(moment: datetime, time_zone: str) -> date:
    """The calendar day ``moment`` falls on in ``time_zone`` (naive times are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(time_zone)).date()
