"""The progress page (`/progress`): an exercise's estimated 1RM over time (the formula named),
its best sets and volume; weekly sets and volume per muscle group; the body-weight trend; one
range picker for all of them. State: app/state/progress.py."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import t, tf
from app.state.preferences import PreferencesState
from app.state.progress import ProgressState as S
from components.charts import chart_card, numbers_table, weight_headers
from components.fields import form_alert
from components.layout import app_shell
from components.set_row import unit_label

TITLE = t("Progress · FitLedger")


def range_picker() -> rx.Component:
    return rx.segmented_control.root(
        rx.segmented_control.item(t("4 weeks"), value="4w"),
        rx.segmented_control.item(t("3 months"), value="3m"),
        rx.segmented_control.item(t("1 year"), value="1y"),
        rx.segmented_control.item(t("All"), value="all"),
        value=S.range_key,
        on_change=S.set_range,
        aria_label=t("Period shown"),
        id="progress-range",
        size="1",
        width="100%",
        max_width="420px",
    )


def exercise_select() -> rx.Component:
    return rx.vstack(
        rx.el.label(t("Exercise"), html_for="progress-exercise", font_weight="500"),
        rx.el.select(
            rx.foreach(S.exercises, lambda x: rx.el.option(x["name"], value=x["id"])),
            value=S.exercise_id,
            on_change=S.choose_exercise,
            id="progress-exercise",
            class_name="native-select",
        ),
        spacing="1",
        width=["100%", "100%", "360px"],
    )


def headline() -> rx.Component:
    """The latest e1RM as a number, and the formula it comes from."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.text(
                        t("Estimated 1RM, latest"), size="1", weight="bold", color_scheme="gray"
                    ),
                    rx.text(S.latest_e1rm, size="7", weight="bold", id="latest-e1rm"),
                    rx.text(S.e1rm_change, size="2", color_scheme="grass", id="e1rm-change"),
                    spacing="0",
                ),
                rx.spacer(),
                rx.cond(S.exercise_loading, rx.spinner(size="2", aria_label=t("Loading"))),
                align="start",
                width="100%",
            ),
            rx.text(
                tf(
                    "How it is estimated: {formula} (w = weight, r = reps of the session's best "
                    "working set).",
                    formula=S.e1rm_formula,
                ),
                size="2",
                color_scheme="gray",
                high_contrast=True,
                id="e1rm-formula",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def best_sets_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("Best sets"), as_="h3", size="4"),
            rx.text(
                t("The sessions with the highest estimated 1RM."), size="2", color_scheme="gray"
            ),
            rx.el.ol(
                rx.foreach(
                    S.best_sets,
                    lambda b: rx.el.li(
                        rx.hstack(
                            rx.text(b["set"], weight="bold", size="3"),
                            rx.text(tf("e1RM {weight}", weight=b["e1rm"]), size="2"),
                            rx.spacer(),
                            rx.text(b["label"], size="2", color_scheme="gray", high_contrast=True),
                            align="baseline",
                            spacing="2",
                            width="100%",
                        ),
                        class_name="best-set",
                    ),
                ),
                class_name="picker-list",
                id="best-sets",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def exercise_section() -> rx.Component:
    return rx.vstack(
        rx.heading(t("By exercise"), as_="h2", size="5"),
        exercise_select(),
        form_alert(S.exercise_error, id="exercise-error"),
        headline(),
        chart_card(
            t("Estimated 1RM"),
            S.e1rm_chart,
            id="chart-e1rm",
            description=S.exercise_name,
            table=numbers_table(
                [t("Day"), t("Best set"), t("e1RM"), t("Volume")],
                S.session_table_rows,
                id="chart-e1rm-table",
                caption=t("Sessions of the exercise, newest first"),
            ),
            empty=S.no_sessions,
            empty_text=t("No session of this exercise with an estimate in this period."),
        ),
        rx.cond(~S.no_sessions, best_sets_card()),
        chart_card(
            t("Volume per session"),
            S.volume_chart,
            id="chart-exercise-volume",
            description=tf(
                "Reps \u00d7 {unit} of the working sets (warm-ups do not count).",
                unit=unit_label(PreferencesState.weight_unit),
            ),
            table=rx.fragment(),
            empty=S.no_sessions,
            empty_text=t("No sessions in this period."),
        ),
        spacing="3",
        width="100%",
        align="stretch",
        id="exercise-progress",
    )


def muscle_section() -> rx.Component:
    table = numbers_table(
        [t("Muscle group"), t("Sets"), t("Volume"), t("Sets a week")],
        S.muscle_table_rows,
        id="chart-muscles-table",
        caption=t("Working sets and volume per muscle group in the period"),
    )
    return rx.vstack(
        rx.heading(t("By muscle group"), as_="h2", size="5"),
        rx.grid(
            chart_card(
                t("Weekly sets"),
                S.muscle_sets_chart,
                id="chart-muscle-sets",
                description=t("Working sets per week, by primary muscle group."),
                table=table,
                empty=S.no_muscles,
                empty_text=t("No strength sets in this period."),
            ),
            chart_card(
                t("Weekly volume"),
                S.muscle_volume_chart,
                id="chart-muscle-volume",
                description=tf(
                    "Reps \u00d7 {unit} per week, by primary muscle group.",
                    unit=unit_label(PreferencesState.weight_unit),
                ),
                table=rx.fragment(),
                empty=S.no_muscles,
                empty_text=t("No strength sets in this period."),
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="3",
            width="100%",
        ),
        spacing="3",
        width="100%",
        align="stretch",
    )


def weight_section() -> rx.Component:
    return chart_card(
        t("Body weight"),
        S.weight_chart,
        id="chart-weight",
        description=t("Weigh-ins and the smoothed trend."),
        table=numbers_table(
            weight_headers(),
            S.weight_table_rows,
            id="chart-weight-table",
            caption=t("Weigh-ins in the period"),
        ),
        empty=S.no_weights,
        empty_text=t("No weigh-ins in this period; log your weight on the Today page."),
    )


def links() -> rx.Component:
    return rx.hstack(
        rx.link(t("Workouts"), href=routes.WORKOUTS, weight="medium"),
        rx.link(t("Programs"), href=routes.PROGRAMS, weight="medium"),
        spacing="4",
    )


def progress() -> rx.Component:
    return app_shell(
        links(),
        range_picker(),
        form_alert(S.load_error, id="load-error"),
        rx.cond(
            S.truncated,
            rx.text(
                t("Only the latest 500 workouts of this period are counted per muscle group."),
                size="2",
                color_scheme="amber",
            ),
        ),
        rx.cond(
            S.loading & (S.exercises.length() == 0),
            rx.center(rx.spinner(size="3"), aria_label=t("Loading"), role="status"),
            rx.cond(
                S.exercises.length() > 0,
                exercise_section(),
                rx.text(
                    t("Finish a workout with strength sets to see your progress here."),
                    size="2",
                    id="no-progress",
                ),
            ),
        ),
        muscle_section(),
        weight_section(),
        title=t("Progress"),
    )
