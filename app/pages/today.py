"""Today (`/`): the day's rings and what is left, the latest notifications, the last 7/30 days.

First paint: `load` fills the rings from one dashboard call and returns; the charts come from
a separate background event afterwards, and the chart cards (and with them plotly's lazily
imported 4.6 MB chunk) render only once their rows have arrived.
"""

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
from app.i18n import t, tf, tr
from app.state import dashboard as logic
from app.state.diary_logic import macro_amounts, remaining_line
from app.state.messages import explain
from app.state.notifications import NoticeRow, NotificationsState
from app.state.session import SessionState
from app.state.targets import number, training_day_text
from components.charts import (
    calories_figure,
    chart_card,
    macros_figure,
    numbers_table,
    weight_figure,
    weight_headers,
)
from components.fasting_card import fasting_card
from components.layout import app_shell
from components.lazy import when_visible
from components.macro_rings import macro_rings
from components.water_card import water_card

TITLE = t("Today · FitLedger")
TWO_ON_DESKTOP = rx.breakpoints(initial="1", md="2")
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


DAY_REFRESH_MS = 10_000


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

    @rx.var
    def calories_chart(self) -> go.Figure:
        return calories_figure(logic.last(self.day_rows, self.range_days), self.language)

    @rx.var
    def macros_chart(self) -> go.Figure:
        return macros_figure(logic.last(self.day_rows, self.range_days), self.language)

    @rx.var
    def weight_chart(self) -> go.Figure:
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


def today_card() -> rx.Component:
    s = TodayState
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(t("So far today"), size="4", as_="h2"),
                rx.spacer(),
                rx.link(
                    rx.button(rx.icon("scale", size=16), t("Ledger"), size="2", variant="soft"),
                    href=routes.LEDGER,
                    id="today-ledger",
                ),
                rx.link(
                    rx.button(rx.icon("plus", size=16), t("Log food"), size="2"),
                    href=routes.DIARY,
                    id="today-log-food",
                ),
                align="center",
                width="100%",
            ),
            rx.cond(
                s.loading,
                rx.center(
                    rx.spinner(size="3"),
                    height="190px",
                    role="status",
                    aria_label=t("Loading today"),
                ),
                rx.cond(
                    s.error != "",
                    rx.text(
                        t("Today's numbers cannot be shown right now."), id="today-unavailable"
                    ),
                    today_numbers(),
                ),
            ),
            spacing="3",
            width="100%",
        ),
        id="today-card",
        width="100%",
    )


def today_numbers() -> rx.Component:
    s = TodayState
    return rx.vstack(
        macro_rings(s.totals, s.goals, id_prefix="today"),
        rx.text(
            s.remaining,
            size="5",
            weight="bold",
            color=rx.cond(s.over, rx.color("tomato", 11), rx.color("grass", 11)),
            id="today-remaining",
        ),
        rx.text(s.summary, size="2", color=rx.color("gray", 11), id="today-summary"),
        rx.cond(
            s.partial_note != "",
            rx.text(s.partial_note, size="2", color_scheme="amber", id="today-partial"),
        ),
        spacing="3",
        width="100%",
    )


def notice(row: NoticeRow) -> rx.Component:
    warning = row.kind == "daily_norm_exceeded"
    return rx.box(
        rx.hstack(
            rx.cond(
                warning,
                rx.icon("triangle_alert", size=18, flex_shrink="0"),
                rx.icon("bell", size=18, flex_shrink="0"),
            ),
            rx.vstack(
                rx.text(row.title, weight=rx.cond(row.unread, "bold", "medium"), size="2"),
                rx.cond(row.body != "", rx.text(row.body, size="2")),
                rx.text(row.when, size="1", color=rx.color("gray", 11)),
                spacing="0",
                align="start",
            ),
            align="start",
            spacing="2",
        ),
        padding="0.6em",
        border_radius="var(--radius-3)",
        background_color=rx.cond(warning, rx.color("amber", 3), rx.color("gray", 2)),
        color=rx.cond(warning, rx.color("amber", 12), rx.color("gray", 12)),
        class_name=rx.cond(warning, "notice notice-warning", "notice"),
        data_kind=row.kind,
        id="notice-" + row.id,
    )


def latest_notifications() -> rx.Component:
    n = NotificationsState
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(t("Latest notifications"), size="4", as_="h2"),
                rx.spacer(),
                rx.link(t("See all"), href=routes.NOTIFICATIONS, size="2", id="today-see-all"),
                align="center",
                width="100%",
            ),
            rx.cond(
                n.latest_loaded,
                rx.cond(
                    n.latest.length() > 0,
                    rx.vstack(
                        rx.foreach(n.latest, notice), spacing="2", width="100%", align="stretch"
                    ),
                    rx.text(
                        t("Nothing new. Warnings and congratulations will show up here."), size="2"
                    ),
                ),
                rx.cond(
                    n.latest_error != "",
                    rx.text(n.latest_error, size="2", color_scheme="tomato"),
                    rx.hstack(rx.spinner(), rx.text(t("Loading notifications…"), size="2")),
                ),
            ),
            spacing="3",
            width="100%",
            align="stretch",
        ),
        id="today-notifications",
        aria_live="polite",
        width="100%",
    )


def chart_placeholder() -> rx.Component:
    return rx.card(rx.skeleton(height="380px", width="100%"), width="100%")


def placeholders(id: str) -> rx.Component:
    return rx.grid(
        chart_placeholder(),
        chart_placeholder(),
        columns=TWO_ON_DESKTOP,
        spacing="4",
        width="100%",
        id=id,
        role="status",
        aria_label=t("Loading charts"),
    )


def charts() -> rx.Component:
    s = TodayState
    cards = rx.grid(
        chart_card(
            t("Calories in, out and target"),
            s.calories_chart,
            id="chart-calories",
            description=rx.cond(s.no_intake, "", s.averages),
            table=numbers_table(
                [t("Day"), t("Eaten (kcal)"), t("Burned (kcal)"), t("Target (kcal)")],
                s.calorie_rows,
                id="chart-calories-table",
                caption=t("Calories per day"),
            ),
            empty=s.no_intake,
            empty_text=t("Nothing logged in this period yet. Log a meal to see your days here."),
        ),
        chart_card(
            t("Macro split"),
            s.macros_chart,
            id="chart-macros",
            description=t("Energy from protein, fat and carbohydrate on logged days."),
            table=numbers_table(
                [t("Day"), t("Protein (kcal)"), t("Fat (kcal)"), t("Carbs (kcal)")],
                s.macro_rows,
                id="chart-macros-table",
                caption=t("Energy from each macronutrient per day"),
            ),
            empty=s.no_intake,
            empty_text=t("No meals logged in this period yet."),
        ),
        chart_card(
            t("Weight"),
            s.weight_chart,
            id="chart-weight",
            description=t("Weigh-ins, the smoothed trend and the pace of your goal."),
            table=numbers_table(
                weight_headers(),
                s.weight_table_rows,
                id="chart-weight-table",
                caption=t("Weight per day"),
            ),
            empty=s.no_weights,
            empty_text=t("No weigh-ins in this period. Log your weight on your profile."),
        ),
        columns=TWO_ON_DESKTOP,
        spacing="4",
        width="100%",
    )
    return rx.el.section(
        rx.hstack(
            rx.heading(t("Last days"), size="5", as_="h2"),
            rx.spacer(),
            rx.segmented_control.root(
                rx.segmented_control.item(t("7 days"), value="7"),
                rx.segmented_control.item(t("30 days"), value="30"),
                value=s.range_label,
                on_change=s.set_range,
                aria_label=t("Period shown in the charts"),
                id="charts-range",
            ),
            align="center",
            width="100%",
        ),
        rx.cond(
            s.charts_visible,
            rx.match(
                s.charts_state,
                ("ready", cards),
                ("error", rx.callout(s.charts_error, color_scheme="tomato", id="charts-error")),
                placeholders("charts-loading"),
            ),
            when_visible(
                placeholders("charts-waiting"), on_visible=s.show_charts, id="charts-sentinel"
            ),
        ),
        id="charts",
        style={"display": "flex", "flexDirection": "column", "gap": "1em"},
    )


def today() -> rx.Component:
    s = TodayState
    return app_shell(
        rx.text(
            tf("Hello, {name}", name=SessionState.display_name),
            id="greeting",
            color=rx.color("gray", 11),
        ),
        # Today's numbers follow meals logged elsewhere while this page is open.
        rx.box(
            rx.moment(interval=DAY_REFRESH_MS, on_change=TodayState.refresh_day, format="X"),
            display="none",
            aria_hidden="true",
        ),
        rx.cond(
            s.error != "",
            rx.callout(s.error, color_scheme="tomato", role="alert", id="today-error"),
        ),
        rx.grid(
            today_card(),
            latest_notifications(),
            water_card(),
            fasting_card(),
            columns=TWO_ON_DESKTOP,
            spacing="4",
            width="100%",
            align_items="start",
        ),
        # The charts section appears once the cards above have their final height (nothing
        # shifts), and draws its charts only when the user gets to it.
        rx.cond(
            ~s.loading
            & (s.error == "")
            & (NotificationsState.latest_loaded | (NotificationsState.latest_error != "")),
            charts(),
        ),
        title=t("Today"),
    )
