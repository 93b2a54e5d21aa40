"""The kernel's one rule for days and instants (kernel/dates.py), as every service applies it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import TypeAdapter, ValidationError

from backend_services.kernel.dates import (
    PLAN_AHEAD_DAYS,
    Instant,
    IsoDate,
    PastDate,
    day_error,
    latest_today,
)

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)  # already 11 March in UTC+14


def test_meals_may_be_planned_a_week_after_the_latest_today_on_earth() -> None:
    assert day_error(date(2025, 3, 11), PLAN_AHEAD_DAYS, NOW) is None
    assert day_error(date(2025, 3, 18), PLAN_AHEAD_DAYS, NOW) is None  # a week after 11 March
    assert day_error(date(2000, 1, 1), PLAN_AHEAD_DAYS, NOW) is None
    assert day_error(date(2025, 3, 19), PLAN_AHEAD_DAYS, NOW) == (
        "must be at most 7 days after today (2025-03-18)"
    )


def test_what_happened_may_not_be_after_the_latest_today() -> None:
    assert day_error(date(2025, 3, 11), 0, NOW) is None
    assert day_error(date(2025, 3, 12), 0, NOW) == "must not be in the future (after 2025-03-11)"


def test_nothing_is_dated_before_2000() -> None:
    assert day_error(date(1999, 12, 31), PLAN_AHEAD_DAYS, NOW) == "must be on or after 2000-01-01"


@pytest.mark.parametrize(
    ("kind", "value", "accepted"),
    [
        (IsoDate, "2000-01-01", True),
        (IsoDate, "1999-12-31", False),
        (IsoDate, 0, False),  # a number is not a Unix timestamp
        (IsoDate, "2024-5-1", False),
        (IsoDate, (latest_today() + timedelta(days=PLAN_AHEAD_DAYS)).isoformat(), True),
        (IsoDate, (latest_today() + timedelta(days=PLAN_AHEAD_DAYS + 1)).isoformat(), False),
        (PastDate, latest_today().isoformat(), True),
        (PastDate, (latest_today() + timedelta(days=1)).isoformat(), False),
        (Instant, "2024-05-01T07:30:00Z", True),
        (Instant, "2024-05-01T07:30:00", False),  # no zone
        (Instant, "1999-12-31T23:00:00Z", False),
        (Instant, (datetime.now(UTC) + timedelta(days=2)).isoformat(), False),
    ],
)
def test_the_annotated_types_apply_the_rule(kind: object, value: object, accepted: bool) -> None:
    adapter = TypeAdapter(kind)
    if accepted:
        adapter.validate_python(value)
    else:
        with pytest.raises(ValidationError):
            adapter.validate_python(value)


def test_the_openapi_schema_names_the_rule() -> None:
    schema = TypeAdapter(IsoDate).json_schema()
    assert schema["format"] == "date"
    assert "2000-01-01" in schema["description"] and "7 days" in schema["description"]
    assert "not in the future" in TypeAdapter(Instant).json_schema()["description"]
