"""Today (`/`): the day's rings and what is left, the latest notifications, the last 7/30 days.

First paint: `load` fills the rings from one dashboard call and returns; the charts come from
a separate background event afterwards, and the chart cards (and with them plotly's lazily
imported 4.6 MB chunk) render only once their rows have arrived. State: app/state/today.py;
the charts section: today_charts.py.
"""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import t, tf
from app.pages.today_charts import TWO_ON_DESKTOP, charts
from app.state.notifications import NoticeRow, NotificationsState
from app.state.session import SessionState
from app.state.today import TodayState
from components.fasting_card import fasting_card
from components.layout import app_shell
from components.macro_rings import macro_rings
from components.water_card import water_card

TITLE = t("Today · FitLedger")
DAY_REFRESH_MS = 10_000


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
