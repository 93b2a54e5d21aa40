"""The history calendar's month grid: whole weeks in the user's order, workouts counted."""

from __future__ import annotations

import datetime as dt

import pytest

from app.state import calendar_logic as cal

DECEMBER = dt.date(2026, 12, 1)  # a Tuesday; 31 days, the 31st a Thursday


def test_months_shift_across_years():
    assert cal.shift_month(DECEMBER, 1) == dt.date(2027, 1, 1)
    assert cal.shift_month(dt.date(2026, 1, 1), -1) == dt.date(2025, 12, 1)
    assert cal.shift_month(DECEMBER, -12) == dt.date(2025, 12, 1)
    assert cal.month_title(DECEMBER) == "December 2026"


def test_the_grid_is_whole_weeks_in_the_users_order():
    assert cal.grid_range(DECEMBER, "monday") == (dt.date(2026, 11, 30), dt.date(2027, 1, 3))
    assert cal.grid_range(DECEMBER, "sunday") == (dt.date(2026, 11, 29), dt.date(2027, 1, 2))
    weeks = cal.month_weeks(DECEMBER, "sunday", {}, selected=None, today=DECEMBER)
    assert len(weeks) == 5 and all(len(w) == 7 for w in weeks)
    assert weeks[0][0]["iso"] == "2026-11-29" and weeks[0][0]["in_month"] == ""
    assert weeks[0][2] == {
        "iso": "2026-12-01",
        "day": "1",
        "in_month": "1",
        "count": "",
        "today": "1",
        "selected": "",
        "label": "Tuesday 1 December: no workout",
    }


def test_days_with_workouts_are_marked_with_their_count():
    counts = cal.workout_counts(
        [dt.date(2026, 12, 3), dt.date(2026, 12, 3), dt.date(2026, 12, 10), None]
    )
    assert counts == {dt.date(2026, 12, 3): 2, dt.date(2026, 12, 10): 1}
    weeks = cal.month_weeks(
        DECEMBER, "monday", counts, selected=dt.date(2026, 12, 3), today=DECEMBER
    )
    third = weeks[0][3]
    assert third["iso"] == "2026-12-03" and third["count"] == "2" and third["selected"] == "1"
    assert third["label"] == "Thursday 3 December: 2 workouts"
    assert weeks[1][3]["label"] == "Thursday 10 December: 1 workout"


def test_only_the_days_the_services_answer_for_are_asked() -> None:
    today = dt.date(2026, 12, 1)
    grid = cal.grid_range(DECEMBER, "monday")  # 30 Nov - 3 Jan
    assert cal.asked_range(*grid, today) == (dt.date(2026, 11, 30), dt.date(2026, 12, 8))
    assert cal.asked_range(dt.date(1999, 12, 27), dt.date(2000, 2, 6), today) == (
        dt.date(2000, 1, 1),
        dt.date(2000, 2, 6),
    )
    assert cal.asked_range(dt.date(2027, 2, 1), dt.date(2027, 3, 7), today) is None


def test_the_last_reachable_day_is_the_services_read_ahead():
    today = dt.date(2026, 12, 28)
    assert cal.last_reachable_day(today) == dt.date(2027, 1, 4)  # 7 days ahead, next year


@pytest.mark.parametrize(
    ("month", "reachable"),
    [
        (dt.date(2026, 12, 1), True),  # this month
        (dt.date(2027, 1, 1), True),  # the 4th of January is within the 7 days
        (dt.date(2027, 2, 1), False),
        (dt.date(2000, 1, 1), True),  # the earliest month a stored date may be in
        (dt.date(1999, 12, 1), False),
    ],
)
def test_a_month_is_reachable_when_one_of_its_days_is(month, reachable):
    assert cal.month_reachable(month, dt.date(2026, 12, 28)) is reachable
    if month.month == 1 and month.year == 2027:
        assert cal.month_reachable(month, dt.date(2026, 12, 24)) is False  # 31 Dec is the last
