"""Water and fasting rules: protocol targets, a fast's times and status, the day's bound."""

from __future__ import annotations

import datetime as dt

import pytest

from backend_services.nutrition import water_fasting_domain as rules

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def ago(**delta: float) -> dt.datetime:
    return NOW - dt.timedelta(**delta)


@pytest.mark.parametrize(
    ("protocol", "custom", "hours"),
    [("16:8", None, 16), ("18:6", None, 18), ("20:4", 20, 20), ("custom", 36, 36)],
)
def test_a_protocol_sets_the_target(protocol: str, custom: int | None, hours: int) -> None:
    assert rules.target_hours(protocol, custom) == hours


@pytest.mark.parametrize(("protocol", "custom"), [("custom", None), ("16:8", 12)])
def test_a_target_that_contradicts_the_protocol_is_refused(
    protocol: str, custom: int | None
) -> None:
    with pytest.raises(ValueError):
        rules.target_hours(protocol, custom)


@pytest.mark.parametrize(
    ("start", "end", "fields"),
    [
        (ago(hours=16), None, set()),
        (ago(hours=16), ago(hours=1), set()),
        (NOW + dt.timedelta(minutes=4), None, set()),  # a phone's clock a little ahead
        (NOW + dt.timedelta(minutes=6), None, {"started_at"}),
        (ago(days=31), None, {"started_at"}),
        (ago(hours=2), ago(hours=3), {"ended_at"}),
        (ago(hours=2), ago(hours=2), {"ended_at"}),
        (ago(hours=170), ago(hours=1), {"ended_at"}),
        (ago(hours=169), ago(hours=1), set()),  # exactly the week
        (ago(hours=2), NOW + dt.timedelta(hours=1), {"ended_at"}),
    ],
)
def test_a_fasts_times(start: dt.datetime, end: dt.datetime | None, fields: set[str]) -> None:
    assert set(rules.fast_times_error(start, end, NOW)) == fields


def test_a_fast_is_running_then_completed_or_short() -> None:
    assert rules.fast_status(ago(hours=10), None, 16, NOW) == ("running", 36000)
    assert rules.fast_status(ago(hours=20), ago(hours=4), 16, NOW) == ("completed", 57600)
    assert rules.fast_status(ago(hours=20), ago(hours=4, seconds=1), 16, NOW)[0] == "short"
    # a start a moment ahead of the server's clock has lasted nothing yet, not minus
    assert rules.fast_status(NOW + dt.timedelta(minutes=1), None, 16, NOW) == ("running", 0)


def test_a_day_holds_at_most_twenty_litres() -> None:
    assert rules.day_water_error(19_990, 10) is None
    assert rules.day_water_error(19_990, 11) is not None
