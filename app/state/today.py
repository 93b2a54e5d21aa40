"""Today's state (`/`): `load` fills the day's numbers from one dashboard call and returns;
the charts' rows come from a separate background event afterwards; a timer keeps the day's
numbers current."""

from __future__ import annotations

import asyncio
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import plotly.graph_objects as go
import reflex as rx

from app import routes
from app.api.dashboard import DashboardApi, DayDashboard
from app.api.errors import ApiError, NotFound
from app.api.users import UsersApi
from app.i18n import tr
from app.state import dashboard as logic
from app.state.diary_logic import macro_amounts, remaining_line
from app.state.messages import explain
from app.state.preferences import PreferencesState
from app.state.session import SessionState
from app.state.targets import number, training_day_text
from components.charts import NO_FIGURE, calories_figure, macros_figure, weight_figure

ZERO = {"kcal": 0.0, "protein_g": 0.0, "fat_g": 0.0, "carbohydrate_g": 0.0}


def local_today(time_zone: str, now: dt.datetime | None = None) -> dt.date:
    """The user's calendar day (their profile's time zone; UTC when it is unknown)."""
    moment = now or dt.datetime.now(dt.UTC)
    try:
        return moment.astimezone(ZoneInfo(time_zone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(dt.UTC).date()


def target_amounts(day: DayDashboard) -> dict[str, float]:
    if day.targets is None:
        return dict(ZERO)
    m = day.targets.macros
    return {
        "kcal": round(day.targets.calorie_target_kcal),
        "protein_g": round(m.protein_g),
        "fat_g": round(m.fat_g),
        "carbohydrate_g": round(m.carbohydrate_g),
    }


class TodayState(SessionState):
    loading: bool = True
    error: str = ""
    partial_note: str = ""
    totals: dict[str, float] = ZERO
    goals: dict[str, float] = ZERO
    has_targets: bool = False
    remaining: str = ""
    over: bool = False
    summary: str = ""

    charts_state: str = "waiting"  # waiting | ready | error
    charts_visible: bool = False  # the user got to the charts (components/lazy.py)
    charts_error: str = ""
    range_days: int = 7
    day_rows: list[logic.DayRow] = []
    weight_rows: list[logic.WeightRow] = []
    _today: str = ""
    goal_kind: str = "maintain"
    goal_rate: float = 0.0
    units: str = "metric"  # the profile's: the weight chart and table in kg or lb
    _target: float | None = None

    @rx.event
    async def load(self):
        self.loading, self.error, self.partial_note = True, "", ""
        self.charts_state, self.charts_visible = "waiting", False
        users = UsersApi(self.api())
        try:
            profile = await users.profile()
            if not profile.complete:
                yield rx.redirect(routes.ONBOARDING, replace=True)
                return
            today = local_today(profile.timezone)
            day = await DashboardApi(self.api()).day(today)
        except NotFound:
            yield rx.redirect(routes.ONBOARDING, replace=True)
            return
        except ApiError as error:
            self.loading = False
            redirect = self.handle(error)
            if redirect is not None:
                yield redirect
                return
            self.error = explain(error, self.language)[0]
            return
        self._today = today.isoformat()
        self.goal_kind, self.goal_rate = profile.goal or "maintain", profile.goal_rate_kg_per_week
        self.units = profile.units
        (await self.get_state(PreferencesState)).remember(profile.units, profile.week_start)
        self._show_day(day)
        self.loading = False
        yield
        yield TodayState.load_charts

    def _show_day(self, day: DayDashboard) -> None:
        eaten = day.calories_in if day.diary else 0.0
        burned = day.calories_out
        target = day.targets.calorie_target_kcal if day.targets else None
        self._target = target
        self.totals = macro_amounts(day.diary.totals) if day.diary else dict(ZERO)
        self.goals = target_amounts(day)
        self.has_targets = day.targets is not None
        added = day.exercise_added_kcal  # 0 when a training-day rule raised the target
        left = None if target is None else target - eaten + added
        self.over = left is not None and left < 0
        language = self.language
        self.remaining = remaining_line(target, eaten, added, language) or tr(
            language, "No target yet"
        )
        parts = [tr(language, "Eaten {kcal} kcal", kcal=number(eaten, language=language))]
        if burned:
            kcal = number(burned, language=language)
            parts.append(tr(language, "burned {kcal} kcal in workouts", kcal=kcal))
        if target is not None:
            parts.append(tr(language, "target {kcal} kcal", kcal=number(target, language=language)))
        if day.targets is not None and day.targets.training_extra_kcal:
            parts.append(training_day_text(day.targets, language))
        self.summary = " · ".join(parts)
        if day.partial:
            names = {
                "targets": tr(language, "targets"),
                "diary": tr(language, "diary"),
                "workouts": tr(language, "workouts"),
            }
            missing = [names[m] for m in day.missing if m in names]
            if missing:
                self.partial_note = tr(
                    language,
                    "Some of today's data ({parts}) could not be loaded; the numbers may be "
                    "incomplete.",
                    parts=", ".join(missing),
                )

    @rx.event(background=True)
    async def refresh_day(self, _tick: str = ""):
        """Timer on this page: today's numbers follow meals logged elsewhere (another tab,
        the phone) without a reload (one aggregator call per open Today page per tick)."""
        async with self:
            if self.loading or not self._today or not self._session_id:
                return None
            api = DashboardApi(self.api())
            today = dt.date.fromisoformat(self._today)
        try:
            day = await api.day(today)
        except ApiError as error:
            async with self:
                return self.handle(error)  # keep showing what we have; a dead session redirects
        async with self:
            self._show_day(day)
        return None

    @rx.event(background=True)
    async def load_charts(self):
        async with self:
            if not self._today:
                return
            users = UsersApi(self.api())
            end = dt.date.fromisoformat(self._today)
            target = self._target
        start = end - dt.timedelta(days=max(logic.RANGES) - 1)
        try:
            stats, weights = await asyncio.gather(
                users.stats(start, end), users.weights(start, end)
            )
        except ApiError as error:
            async with self:
                redirect = self.handle(error)
                if redirect is not None:
                    return redirect
                self.charts_state = "error"
                self.charts_error = explain(error, self.language)[0]
            return None
        days = logic.fill_targets(logic.day_rows(stats), target)
        weighed = logic.weight_rows(weights, start, end)
        async with self:
            self.day_rows, self.weight_rows = days, weighed
            self.charts_state = "ready"
        return None

    @rx.event
    def show_charts(self):
        self.charts_visible = True

    @rx.event
    def set_range(self, value: str | list[str]):
        days = int(value if isinstance(value, str) else (value[0] if value else 7))
        self.range_days = days if days in logic.RANGES else 7

    @rx.var
    def range_label(self) -> str:
        return f"{self.range_days}"

    # The figures are built once the charts are on screen (until then nothing shows them).
    @rx.var
    def calories_chart(self) -> go.Figure:
        if not self.charts_visible:
            return NO_FIGURE
        return calories_figure(logic.last(self.day_rows, self.range_days), self.language)

    @rx.var
    def macros_chart(self) -> go.Figure:
        if not self.charts_visible:
            return NO_FIGURE
        return macros_figure(logic.last(self.day_rows, self.range_days), self.language)

    @rx.var
    def weight_chart(self) -> go.Figure:
        if not self.charts_visible:
            return NO_FIGURE
        shown = logic.last(self.weight_rows, self.range_days)
        return weight_figure(
            logic.with_goal_pace(shown, self.goal_kind, self.goal_rate), self.units, self.language
        )

    @rx.var
    def calorie_rows(self) -> list[list[str]]:
        return logic.calorie_table(logic.last(self.day_rows, self.range_days), self.language)

    @rx.var
    def macro_rows(self) -> list[list[str]]:
        return logic.macro_table(logic.last(self.day_rows, self.range_days), self.language)

    @rx.var
    def weight_table_rows(self) -> list[list[str]]:
        shown = logic.last(self.weight_rows, self.range_days)
        return logic.weight_table(
            logic.with_goal_pace(shown, self.goal_kind, self.goal_rate), self.units, self.language
        )

    @rx.var
    def averages(self) -> str:
        return logic.averages_line(logic.last(self.day_rows, self.range_days), self.language)

    @rx.var
    def no_intake(self) -> bool:
        return not logic.has_intake(logic.last(self.day_rows, self.range_days))

    @rx.var
    def no_weights(self) -> bool:
        return not logic.has_weights(logic.last(self.weight_rows, self.range_days))
