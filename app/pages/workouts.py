"""The workouts page (`/workouts`): resume the workout in progress, start one (empty or from a
program day), and the history as a list or a month calendar. State: app/state/workouts.py,
app/state/history_calendar.py, app/state/programs.py."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import t, tf
from app.pages.programs import program_card
from app.state.history_calendar import HistoryCalendarState as C
from app.state.programs import ProgramsState as P
from app.state.workouts import WorkoutsState as S
from components.fields import form_alert
from components.layout import app_shell
from components.month_calendar import month_calendar

TITLE = t("Workouts · FitLedger")


def resume_card() -> rx.Component:
    return rx.cond(
        S.in_progress.length() > 0,
        rx.card(
            rx.hstack(
                rx.icon("timer", size=28, aria_hidden="true", color=rx.color("grass", 11)),
                rx.vstack(
                    rx.text(t("In progress"), size="1", weight="bold", color_scheme="grass"),
                    rx.text(S.in_progress["name"], size="4", weight="bold"),
                    rx.text(S.in_progress["facts"], size="2", color_scheme="gray"),
                    spacing="0",
                    flex="1",
                    min_width="0",
                ),
                rx.link(
                    rx.button(t("Resume"), size="3", tab_index=-1),
                    href=S.in_progress["href"],
                    id="resume-workout",
                    aria_label=tf("Resume {name}", name=S.in_progress["name"]),
                ),
                align="center",
                spacing="3",
                width="100%",
            ),
            id="workout-in-progress",
            width="100%",
        ),
    )


def start_section() -> rx.Component:
    return rx.vstack(
        rx.button(
            rx.icon("plus", size=20, aria_hidden="true"),
            t("Start a workout"),
            on_click=S.start_empty,
            loading=S.starting,
            size="4",
            width="100%",
            id="start-workout",
        ),
        form_alert(S.start_error, id="start-error"),
        form_alert(P.start_program_error, id="start-program-error"),
        rx.cond(
            P.programs.length() > 0,
            rx.vstack(
                rx.heading(t("Or follow a program"), as_="h2", size="4"),
                rx.foreach(P.programs, program_card),
                spacing="2",
                width="100%",
                align="stretch",
                id="programs",
            ),
        ),
        spacing="3",
        width="100%",
        align="stretch",
    )


def history_item(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.link(
            rx.vstack(
                rx.hstack(
                    rx.text(row["name"], size="3", weight="medium"),
                    rx.cond(
                        row["records"] != "0",
                        rx.badge(
                            rx.icon("trophy", size=12, aria_hidden="true"),
                            tf("{n} PR", n=row["records"]),
                            color_scheme="amber",
                            variant="soft",
                            high_contrast=True,
                        ),
                    ),
                    rx.cond(row["source"] != "", rx.badge(row["source"], variant="outline")),
                    align="center",
                    spacing="2",
                    wrap="wrap",
                ),
                rx.text(
                    row["date"],
                    " · ",
                    row["facts"],
                    size="2",
                    color_scheme="gray",
                    high_contrast=True,
                ),
                spacing="0",
            ),
            href=row["href"],
            underline="none",
            color="inherit",
            class_name="history-row",
            id="history-" + row["id"],
        ),
        list_style="none",
    )


def calendar() -> rx.Component:
    return rx.vstack(
        month_calendar(
            title=C.calendar_title,
            weekdays=C.weekday_labels,
            weeks=C.calendar_weeks,
            on_pick=C.pick_day,
            on_previous=C.change_month(-1),
            on_next=C.change_month(1),
            loading=C.calendar_loading,
            id="history-calendar",
            previous_disabled=C.previous_month_disabled,
            next_disabled=C.next_month_disabled,
        ),
        form_alert(C.calendar_error, id="calendar-error"),
        rx.cond(
            C.selected_day != "",
            rx.vstack(
                rx.heading(C.selected_title, as_="h3", size="3"),
                rx.cond(
                    C.day_rows.length() > 0,
                    rx.el.ul(
                        rx.foreach(C.day_rows, history_item),
                        class_name="picker-list",
                        id="day-workouts",
                    ),
                    rx.text(t("No workout on this day."), size="2", id="no-day-workouts"),
                ),
                spacing="1",
                width="100%",
                align="stretch",
            ),
        ),
        spacing="3",
        width="100%",
        align="stretch",
    )


def history_list() -> rx.Component:
    return rx.cond(
        S.history.length() > 0,
        rx.el.ul(rx.foreach(S.history, history_item), class_name="picker-list", id="history"),
        rx.cond(
            ~S.loading,
            rx.text(t("Finished workouts will be listed here."), size="2", id="no-history"),
        ),
    )


def history() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("History"), as_="h2", size="4"),
            rx.spacer(),
            rx.segmented_control.root(
                rx.segmented_control.item(t("List"), value="list"),
                rx.segmented_control.item(t("Calendar"), value="calendar"),
                value=C.view,
                on_change=C.set_view,
                aria_label=t("Show the history as"),
                id="history-view",
            ),
            align="center",
            width="100%",
        ),
        rx.cond(C.view == "calendar", calendar(), history_list()),
        spacing="2",
        width="100%",
        align="stretch",
    )


def area_links() -> rx.Component:
    return rx.hstack(
        rx.link(
            rx.hstack(
                rx.icon("trending-up", size=16, aria_hidden="true"), t("Progress"), spacing="1"
            ),
            href=routes.PROGRESS,
            id="progress-link",
            weight="medium",
        ),
        rx.link(
            rx.hstack(
                rx.icon("list-checks", size=16, aria_hidden="true"), t("Programs"), spacing="1"
            ),
            href=routes.PROGRAMS,
            id="all-programs-link",
            weight="medium",
        ),
        spacing="5",
    )


def workouts() -> rx.Component:
    return app_shell(
        area_links(),
        form_alert(S.load_error, id="load-error"),
        resume_card(),
        start_section(),
        rx.cond(
            S.loading & (S.history.length() == 0),
            rx.center(rx.spinner(size="3"), aria_label=t("Loading"), role="status"),
            history(),
        ),
        title=t("Workouts"),
    )
