"""The programs page (`/programs`): the built-in programs and your own, where you are in each
(week, next day), start the next day, create or edit your own. State: app/state/programs.py;
the editor: app/pages/program_editor.py."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import t, tf
from app.state.programs import ProgramsState as P
from components.fields import form_alert
from components.layout import app_shell

TITLE = t("Programs · FitLedger")


def program_card(row: rx.Var) -> rx.Component:
    """One program: name, days, where the user is, start (and edit, for one's own)."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(row["name"], size="3", weight="bold"),
                rx.badge(row["per_week"], variant="soft", color_scheme="gray"),
                rx.cond(row["own"] == "1", rx.badge(t("Yours"), variant="soft")),
                align="center",
                spacing="2",
                wrap="wrap",
            ),
            rx.cond(row["description"] != "", rx.text(row["description"], size="2")),
            rx.text(row["plan"], size="2", class_name="program-plan"),
            rx.text(row["days"], size="1", color_scheme="gray", high_contrast=True),
            rx.text(
                row["position"],
                size="2",
                weight="medium",
                color_scheme="grass",
                high_contrast=True,
                class_name="program-position",
            ),
            rx.hstack(
                rx.button(
                    rx.icon("play", size=16, aria_hidden="true"),
                    t("Start the next day"),
                    on_click=P.start_program(row["id"]),
                    loading=P.starting_program == row["id"],
                    variant="soft",
                    size="3",
                    id="start-program-" + row["dom_id"],
                ),
                rx.cond(
                    row["own"] == "1",
                    rx.link(
                        rx.button(t("Edit"), variant="outline", size="3", tab_index=-1),
                        href=routes.PROGRAMS + "/" + row["id"],
                        id="edit-program-" + row["dom_id"],
                        aria_label=tf("Edit {name}", name=row["name"]),
                    ),
                    rx.button(
                        rx.icon("copy", size=16, aria_hidden="true"),
                        t("Copy to my programs"),
                        on_click=P.copy_program(row["id"]),
                        loading=P.copying_program == row["id"],
                        variant="outline",
                        size="3",
                        id="copy-program-" + row["dom_id"],
                        aria_label=tf("Copy to my programs: {name}", name=row["name"]),
                    ),
                ),
                spacing="2",
                wrap="wrap",
            ),
            spacing="2",
            align="start",
        ),
        width="100%",
        class_name="program-card",
        id="program-" + row["dom_id"],
    )


def programs() -> rx.Component:
    return app_shell(
        rx.hstack(
            rx.link(t("Workouts"), href=routes.WORKOUTS, weight="medium"),
            rx.link(t("Progress"), href=routes.PROGRESS, weight="medium"),
            spacing="4",
        ),
        rx.link(
            rx.button(
                rx.icon("plus", size=18, aria_hidden="true"),
                t("New program"),
                size="3",
                tab_index=-1,
                width=["100%", "auto"],
            ),
            href=routes.program("new"),
            id="new-program",
        ),
        form_alert(P.programs_error, id="programs-error"),
        form_alert(P.start_program_error, id="start-program-error"),
        rx.cond(
            P.programs_loading & (P.programs.length() == 0),
            rx.center(rx.spinner(size="3"), aria_label=t("Loading"), role="status"),
            rx.vstack(
                rx.text(
                    t(
                        "Start a day and the workout opens with its targets; the next time the "
                        "weights follow the program's rule."
                    ),
                    size="2",
                    color_scheme="gray",
                    high_contrast=True,
                ),
                rx.foreach(P.programs, program_card),
                spacing="3",
                width="100%",
                align="stretch",
                id="program-list",
            ),
        ),
        title=t("Programs"),
    )
