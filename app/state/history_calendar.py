"""The workout history as a month calendar (on `/workouts`): the month's days with workouts
marked, in the user's week order; picking a day lists its workouts (each opens its page)."""

from __future__ import annotations

import datetime as dt

import reflex as rx

from app.api.errors import ApiError
from app.api.workouts import LIST_MAX, Workout, WorkoutsApi
from app.state import calendar_logic as cal
from app.state import units
from app.state.messages import explain
from app.state.preferences import PreferencesState
from app.state.workouts import WorkoutsState, history_row, sorted_newest_first


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


class HistoryCalendarState(WorkoutsState):
    view: str = "list"  # "list" | "calendar"
    month_iso: str = ""  # the first day of the month shown
    calendar_title: str = ""
    weekday_labels: list[str] = []
    calendar_weeks: list[list[dict[str, str]]] = []
    selected_day: str = ""
    selected_title: str = ""
    day_rows: list[dict[str, str]] = []
    calendar_loading: bool = False
    calendar_error: str = ""
    # The months next to this one, when no day of theirs is inside the services' date rule.
    previous_month_disabled: bool = False
    next_month_disabled: bool = False

    _month_workouts: tuple[Workout, ...] = ()
    _week_start: str = units.MONDAY
    _units: str = units.METRIC

    @rx.event
    async def reload(self):
        """on_load of /workouts: the calendar, if shown, is read again (a workout may have been
        finished or deleted since)."""
        if not self.signed_in:
            return
        if self.view != "calendar":
            self.month_iso = ""
            return
        month = dt.date.fromisoformat(self.month_iso) if self.month_iso else _today()
        async for update in self._show_month(cal.first_of_month(month)):
            yield update

    @rx.event
    async def set_view(self, value: str | list[str]):
        choice = value if isinstance(value, str) else (value[0] if value else "list")
        self.view = "calendar" if choice == "calendar" else "list"
        if self.view == "calendar" and not self.month_iso:
            async for update in self._show_month(cal.first_of_month(_today())):
                yield update

    @rx.event
    async def change_month(self, step: int):
        month = dt.date.fromisoformat(self.month_iso) if self.month_iso else _today()
        wanted = cal.shift_month(cal.first_of_month(month), step)
        if not cal.month_reachable(wanted, _today()):
            return  # the control is disabled there; a late click changes nothing
        async for update in self._show_month(wanted):
            yield update

    async def _show_month(self, month: dt.date):
        prefs = await self.get_state(PreferencesState)
        self._week_start, self._units = prefs.week_start, prefs.units
        self.month_iso = month.isoformat()
        self.calendar_title = cal.month_title(month, self.language)
        self.previous_month_disabled = not cal.month_reachable(cal.shift_month(month, -1), _today())
        self.next_month_disabled = not cal.month_reachable(cal.shift_month(month, 1), _today())
        self.weekday_labels = list(units.weekday_names(self._week_start, self.language))
        self.selected_day, self.day_rows = "", []
        self.calendar_loading = True
        self.calendar_error = ""
        self._month_workouts = ()
        self._draw()
        yield
        asked = cal.asked_range(*cal.grid_range(month, self._week_start), _today())
        try:
            found = await WorkoutsApi(self.api()).workouts(*asked, limit=LIST_MAX) if asked else ()
        except ApiError as error:
            self.calendar_error = explain(error)[0]
            self.calendar_loading = False
            yield self.handle(error)
            return
        self._month_workouts = tuple(w for w in found if w.completed)
        self.calendar_loading = False
        self._draw()

    def _draw(self) -> None:
        month = dt.date.fromisoformat(self.month_iso)
        counts = cal.workout_counts(w.local_date for w in self._month_workouts)
        selected = dt.date.fromisoformat(self.selected_day) if self.selected_day else None
        self.calendar_weeks = cal.month_weeks(
            month,
            self._week_start,
            counts,
            selected=selected,
            today=_today(),
            language=self.language,
        )

    @rx.event
    def pick_day(self, iso: str):
        """A day of the calendar: its workouts are listed below the month."""
        try:
            day = dt.date.fromisoformat(iso)
        except ValueError:
            return
        self.selected_day = iso
        self.selected_title = cal.day_title(day, self.language)
        on_day = [w for w in self._month_workouts if w.local_date == day]
        self.day_rows = [
            history_row(w, self._units, self.language) for w in sorted_newest_first(tuple(on_day))
        ]
        self._draw()
