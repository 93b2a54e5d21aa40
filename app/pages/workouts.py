"""The workouts page (`/workouts`): resume the workout in progress, start one (empty or from a
program day), and the history newest first. State: app/state/workouts.py."""

from __future__ import annotations

import reflex as rx

from app.state.workouts import WorkoutsState as S
from components.fields import form_alert
from components.layout import app_shell

TITLE = "Workouts · FitLedger"


def resume_card() -> rx.Component:
    return rx.cond(
        S.in_progress.length() > 0,
        rx.card(
            rx.hstack(
                rx.icon("timer", size=28, aria_hidden="true", color=rx.color("grass", 11)),
                rx.vstack(
                    rx.text("In progress", size="1", weight="bold", color_scheme="grass"),
                    rx.text(S.in_progress["name"], size="4", weight="bold"),
                    rx.text(S.in_progress["facts"], size="2", color_scheme="gray"),
                    spacing="0",
                    flex="1",
                    min_width="0",
                ),
                rx.link(
                    rx.button("Resume", size="3", tab_index=-1),
                    href=S.in_progress["href"],
                    id="resume-workout",
                    aria_label="Resume " + S.in_progress["name"],
                ),
                align="center",
                spacing="3",
                width="100%",
            ),
            id="workout-in-progress",
            width="100%",
        ),
    )


def program_card(row: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(row["name"], size="3", weight="bold"),
                rx.badge(row["per_week"], variant="soft", color_scheme="gray"),
                align="center",
                spacing="2",
                wrap="wrap",
            ),
            rx.text(row["description"], size="2"),
            rx.text(row["days"], size="1", color_scheme="gray", high_contrast=True),
            rx.button(
                rx.icon("play", size=16, aria_hidden="true"),
                "Start the next day",
                on_click=S.start_program(row["id"]),
                loading=S.starting == row["id"],
                variant="soft",
                size="3",
                id="start-program-" + row["id"].replace(":", "-"),
                width=["100%", "auto"],
            ),
            spacing="2",
            align="start",
        ),
        width="100%",
    )


def start_section() -> rx.Component:
    return rx.vstack(
        rx.button(
            rx.icon("plus", size=20, aria_hidden="true"),
            "Start a workout",
            on_click=S.start_empty,
            loading=S.starting == "empty",
            size="4",
            width="100%",
            id="start-workout",
        ),
        form_alert(S.start_error, id="start-error"),
        rx.cond(
            S.programs.length() > 0,
            rx.vstack(
                rx.heading("Or follow a program", as_="h2", size="4"),
                rx.foreach(S.programs, program_card),
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
                            row["records"] + " PR",
                            color_scheme="amber",
                            variant="soft",
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


def history() -> rx.Component:
    return rx.vstack(
        rx.heading("History", as_="h2", size="4"),
        rx.cond(
            S.history.length() > 0,
            rx.el.ul(rx.foreach(S.history, history_item), class_name="picker-list", id="history"),
            rx.cond(
                ~S.loading,
                rx.text("Finished workouts will be listed here.", size="2", id="no-history"),
            ),
        ),
        spacing="2",
        width="100%",
        align="stretch",
    )


def workouts() -> rx.Component:
    return app_shell(
        form_alert(S.load_error, id="load-error"),
        resume_card(),
        start_section(),
        rx.cond(
            S.loading & (S.history.length() == 0),
            rx.center(rx.spinner(size="3"), aria_label="Loading", role="status"),
            history(),
        ),
        title="Workouts",
    )
