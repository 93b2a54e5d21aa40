"""The month calendar of the workout history (pure: no Reflex, no I/O): the weeks of a month
as rows of day cells in the user's week order, the days with workouts marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from app.api.parsing import EARLIEST_DAY, READ_AHEAD_DAYS
from app.i18n import tr
from app.i18n.formats import fmt_date
from app.state import units
from app.state.workout_logic import count_text


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def shift_month(month: dt.date, step: int) -> dt.date:
    """The first day of the month `step` months after `month` (before, if negative)."""
    index = month.year * 12 + month.month - 1 + step
    return dt.date(index // 12, index % 12 + 1, 1)


def grid_range(month: dt.date, week_start: str) -> tuple[dt.date, dt.date]:
    """The first and last day shown: whole weeks around the month."""
    first = units.week_start_day(first_of_month(month), week_start)
    last_of_month = shift_month(month, 1) - dt.timedelta(days=1)
    last = units.week_start_day(last_of_month, week_start) + dt.timedelta(days=6)
    return first, last


def last_reachable_day(today: dt.date) -> dt.date:
    """The last day the services accept (their date rule: READ_AHEAD_DAYS after today): date
    pickers and "next" controls stop there."""
    return today + dt.timedelta(days=READ_AHEAD_DAYS)


def month_reachable(month: dt.date, today: dt.date) -> bool:
    """Whether any day of the month (its first day given) is inside the services' date rule."""
    return shift_month(month, 1) > EARLIEST_DAY and month <= last_reachable_day(today)


def asked_range(first: dt.date, last: dt.date, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The part of a calendar grid the services answer for (their date rule: from
    EARLIEST_DAY to READ_AHEAD_DAYS after today); None when none of it is."""
    start = max(first, EARLIEST_DAY)
    end = min(last, last_reachable_day(today))
    return (start, end) if start <= end else None


def month_title(month: dt.date, language: str = "en") -> str:
    """ "December 2026" / "Декабрь 2026"."""
    title = fmt_date(language, month, "month")
    return title[:1].upper() + title[1:]


def day_title(day: dt.date, language: str = "en") -> str:
    """ "Tuesday 1 December" / "Вторник, 1 декабря" (a picked day's heading)."""
    title = fmt_date(language, day, "day_long")
    return title[:1].upper() + title[1:]


def workout_counts(days: Iterable[dt.date | None]) -> dict[dt.date, int]:
    counts: dict[dt.date, int] = {}
    for day in days:
        if day is not None:
            counts[day] = counts.get(day, 0) + 1
    return counts


def month_weeks(
    month: dt.date,
    week_start: str,
    counts: Mapping[dt.date, int],
    *,
    selected: dt.date | None,
    today: dt.date,
    language: str = "en",
) -> list[list[dict[str, str]]]:
    """Rows of seven cells; a cell: its ISO day, number, whether it is in the month, today
    or selected, how many workouts it holds, and a label for screen readers."""
    first, last = grid_range(month, week_start)
    weeks: list[list[dict[str, str]]] = []
    day = first
    while day <= last:
        week = []
        for _ in range(7):
            count = counts.get(day, 0)
            what = count_text(count, "workout", language) if count else tr(language, "no workout")
            week.append(
                {
                    "iso": day.isoformat(),
                    "day": str(day.day),
                    "in_month": "1" if day.month == month.month else "",
                    "count": str(count) if count else "",
                    "today": "1" if day == today else "",
                    "selected": "1" if day == selected else "",
                    "label": f"{fmt_date(language, day, 'day_long')}: {what}",
                }
            )
            day += dt.timedelta(days=1)
        weeks.append(week)
    return weeks
