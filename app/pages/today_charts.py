"""Today's "Last days" section: calories, macro split and weight over 7 or 30 days, drawn
only when the user gets to it (components/lazy.py). State: app/state/today.py."""

from __future__ import annotations

import reflex as rx

from app.i18n import t
from app.state.today import TodayState
from components.charts import chart_card, numbers_table, weight_headers
from components.lazy import when_visible

TWO_ON_DESKTOP = rx.breakpoints(initial="1", md="2")


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
