"""One workout (`/workouts/[id]`): the tracker while it is in progress (exercises, set rows,
rest timer, finish), the summary once finished. State: app/state/tracker.py."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import LanguageState, t, tf
from app.state.exercise_picker import ExercisePickerState
from app.state.preferences import PreferencesState
from app.state.tracker import TrackerState as S
from components.confirm_dialog import confirm_dialog
from components.exercise_picker import exercise_picker
from components.fields import form_alert, labelled_input
from components.layout import app_shell, back_link
from components.set_row import set_row, unit_label

TITLE = t("Workout · FitLedger")


def rest_timer() -> rx.Component:
    """Counts down in the browser (CSS, no script: the CSP has no eval); its end is stored in
    the browser, so a reload shows the time still left."""
    return rx.cond(
        S.rest_left > 0,
        rx.box(
            rx.hstack(
                rx.icon("hourglass", size=20, aria_hidden="true"),
                rx.text(t("Rest"), weight="bold"),
                rx.el.span(
                    key=S.rest_key,
                    class_name="rest-countdown",
                    style={"--rest-from": S.rest_left.to_string()},
                    aria_hidden="true",
                ),
                rx.el.span(
                    t("Next set!"),
                    key=S.rest_key + "-over",
                    class_name="rest-over",
                    style={"--rest-from": S.rest_left.to_string()},
                ),
                rx.el.span(
                    rx.cond(
                        S.rest_left > 0,
                        tf("{seconds} seconds of rest left", seconds=S.rest_left.to_string()),
                        "",
                    ),
                    class_name="visually-hidden",
                ),
                rx.spacer(),
                rx.button(
                    t("Skip"),
                    on_click=S.skip_rest,
                    variant="soft",
                    color_scheme="gray",
                    size="3",
                    id="skip-rest",
                ),
                align="center",
                spacing="2",
                width="100%",
            ),
            id="rest-timer",
            role="timer",
            class_name="rest-timer",
        ),
    )


def discard_button() -> rx.Component:
    """Delete the workout (in progress: "discard"), after a confirmation."""
    return confirm_dialog(
        rx.button(
            rx.cond(S.completed, t("Delete workout"), t("Discard workout")),
            variant="ghost",
            color_scheme="tomato",
            size="2",
            id="discard-workout",
        ),
        title=rx.cond(S.completed, t("Delete this workout?"), t("Discard this workout?")),
        description=t("Its sets and calories are deleted; this cannot be undone."),
        confirm=rx.cond(S.completed, t("Delete"), t("Discard")),
        on_confirm=S.discard,
        confirm_id="confirm-discard",
    )


def exercise_actions(entry: rx.Var) -> rx.Component:
    """Move the exercise up or down in the workout (saved at once), or remove it."""
    return rx.el.div(
        rx.icon_button(
            rx.icon("arrow-up", size=18),
            on_click=S.move_exercise(entry["id"], -1),
            disabled=entry["first"] == "1",
            variant="ghost",
            size="3",
            aria_label=tf("Move {name} up", name=entry["name"]),
            class_name="move-exercise-up",
        ),
        rx.icon_button(
            rx.icon("arrow-down", size=18),
            on_click=S.move_exercise(entry["id"], 1),
            disabled=entry["last"] == "1",
            variant="ghost",
            size="3",
            aria_label=tf("Move {name} down", name=entry["name"]),
            class_name="move-exercise-down",
        ),
        rx.icon_button(
            rx.icon("x", size=18),
            on_click=S.remove_exercise(entry["id"]),
            variant="ghost",
            color_scheme="gray",
            size="3",
            aria_label=tf("Remove {name}", name=entry["name"]),
            class_name="remove-exercise",
        ),
        class_name="move-buttons",
    )


def exercise_card(entry: rx.Var) -> rx.Component:
    rows = S.rows[entry["id"]]
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.heading(entry["name"], as_="h2", size="4"),
                    rx.cond(
                        entry["target"] != "",
                        rx.text(
                            tf("Target {target}", target=entry["target"]),
                            size="2",
                            color_scheme="grass",
                            high_contrast=True,
                            class_name="exercise-target",
                        ),
                    ),
                    spacing="0",
                    flex="1",
                    min_width="0",
                ),
                rx.cond(~S.completed, exercise_actions(entry)),
                align="start",
                width="100%",
            ),
            rx.cond(
                entry["set_kind"] == "strength",
                rx.el.div(
                    rx.el.span("#"),
                    rx.el.span(unit_label(PreferencesState.weight_unit)),
                    rx.el.span(t("Reps")),
                    rx.el.span("RPE"),
                    rx.el.span(t("Done")),
                    class_name="set-head",
                    aria_hidden="true",
                ),
                rx.el.div(
                    rx.el.span("#"),
                    rx.el.span(t("Minutes")),
                    rx.el.span(
                        rx.cond(
                            entry["set_kind"] == "cardio",
                            unit_label(PreferencesState.distance_unit),
                            "",
                        )
                    ),
                    rx.el.span(t("Done")),
                    class_name="set-head set-head-cardio",
                    aria_hidden="true",
                ),
            ),
            rx.el.ul(rx.foreach(rows, set_row), class_name="set-list"),
            rx.hstack(
                rx.cond(
                    ~S.completed,
                    rx.button(
                        rx.icon("plus", size=16, aria_hidden="true"),
                        t("Add set"),
                        on_click=S.add_row(entry["id"]),
                        variant="soft",
                        size="3",
                        class_name="add-set",
                        aria_label=tf("Add a set to {name}", name=entry["name"]),
                    ),
                ),
                rx.spacer(),
                rx.text(entry["volume"], size="2", color_scheme="gray", high_contrast=True),
                align="center",
                width="100%",
            ),
            rx.text(entry["met"], size="1", color_scheme="gray", high_contrast=True),
            spacing="2",
            width="100%",
            align="stretch",
        ),
        width="100%",
        class_name="exercise-card",
    )


def tracker() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(
                t("Started"),
                " ",
                rx.moment(
                    date=S.started_iso,
                    from_now=True,
                    interval=30_000,
                    locale=LanguageState.language,
                ),
                " · ",
                S.sets_done_text,
                " · ",
                S.volume_text,
                size="2",
                color_scheme="gray",
                high_contrast=True,
                id="workout-progress",
            ),
            width="100%",
        ),
        rest_timer(),
        form_alert(S.action_error, id="workout-error"),
        rx.foreach(S.entries, exercise_card),
        rx.button(
            rx.icon("plus", size=18, aria_hidden="true"),
            t("Add exercise"),
            on_click=ExercisePickerState.open_picker,
            variant="outline",
            size="4",
            width="100%",
            id="add-exercise",
        ),
        labelled_input(
            tf(
                "Body weight today ({unit}, optional)",
                unit=unit_label(PreferencesState.weight_unit),
            ),
            "body_weight",
            id="finish-weight",
            value=S.finish_weight,
            on_change=S.set_finish_weight,
            input_mode="decimal",
            placeholder=t("Your logged weight is used"),
            error=S.finish_weight_error,
        ),
        rx.button(
            rx.icon("flag", size=18, aria_hidden="true"),
            t("Finish workout"),
            on_click=S.finish,
            loading=S.busy,
            size="4",
            width="100%",
            id="finish-workout",
        ),
        discard_button(),
        exercise_picker(),
        spacing="3",
        width="100%",
        align="stretch",
    )


def _stat(value: rx.Var, label: rx.Var[str], stat_id: str) -> rx.Component:
    return rx.vstack(
        # Smaller on a phone: "2 ч 00 мин · 1 012,5 кг · 492 ккал" side by side.
        rx.text(
            value,
            size=rx.breakpoints(initial="4", sm="5"),
            weight="bold",
            id=stat_id,
            white_space="nowrap",
        ),
        rx.text(label, size="1", color_scheme="gray", high_contrast=True),
        spacing="0",
        align="center",
        flex="1",
        min_width="0",
    )


def summary() -> rx.Component:
    return rx.vstack(
        rx.card(
            rx.vstack(
                rx.heading(t("Workout finished"), as_="h2", size="5"),
                rx.grid(
                    _stat(S.summary["duration"], t("Duration"), "summary-duration"),
                    _stat(S.summary["volume"], t("Volume"), "summary-volume"),
                    _stat(S.summary["kcal"], t("Calories burned"), "summary-kcal"),
                    columns="3",
                    spacing="2",
                    width="100%",
                ),
                rx.text(S.summary["net_kcal"], size="2", id="summary-net-kcal"),
                rx.el.dl(
                    rx.el.dt(t("Body weight used"), font_weight="500"),
                    rx.el.dd(S.summary["weight"], margin="0 0 0.5em 0", id="summary-weight"),
                    rx.el.dt(t("How"), font_weight="500"),
                    rx.el.dd(S.summary["formula"], margin="0", id="summary-formula"),
                    font_size="0.9em",
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
        ),
        rx.cond(
            S.records.length() > 0,
            rx.card(
                rx.vstack(
                    rx.hstack(
                        rx.icon("trophy", size=22, color=rx.color("amber", 11)),
                        rx.heading(t("New personal records"), as_="h2", size="4"),
                        align="center",
                        spacing="2",
                    ),
                    rx.el.ul(
                        rx.foreach(
                            S.records,
                            lambda r: rx.el.li(
                                rx.text(rx.el.strong(r["name"]), " — ", r["text"], size="2"),
                                class_name="record",
                            ),
                        ),
                        class_name="picker-list",
                        id="summary-records",
                    ),
                    spacing="2",
                    width="100%",
                ),
                width="100%",
                class_name="records-card",
            ),
        ),
        rx.card(
            rx.vstack(
                rx.heading(t("Calories by activity (Compendium 2011)"), as_="h2", size="3"),
                rx.el.ul(
                    rx.foreach(
                        S.summary_mets,
                        lambda m: rx.el.li(
                            rx.text(rx.el.strong(m["name"]), size="2"),
                            rx.text(
                                m["activity"],
                                " · ",
                                m["met"],
                                " · ",
                                m["time"],
                                " · ",
                                m["kcal"],
                                size="2",
                                color_scheme="gray",
                                high_contrast=True,
                            ),
                            class_name="met-row",
                        ),
                    ),
                    class_name="picker-list",
                    id="summary-met",
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
        rx.heading(t("Sets"), as_="h2", size="4"),
        rx.foreach(S.entries, exercise_card),
        rx.hstack(
            rx.link(
                t("All workouts"), href=routes.WORKOUTS, id="back-to-workouts", weight="medium"
            ),
            rx.link(t("Progress"), href=S.progress_href, id="summary-progress", weight="medium"),
            rx.spacer(),
            discard_button(),
            align="center",
            width="100%",
        ),
        spacing="3",
        width="100%",
        align="stretch",
        id="workout-summary",
    )


def workout() -> rx.Component:
    return app_shell(
        back_link(t("Workouts"), routes.WORKOUTS, id="workouts-link"),
        rx.cond(
            S.load_error != "",
            form_alert(S.load_error, id="load-error"),
            rx.cond(
                S.loading & (S.entries.length() == 0) & (S.workout_name == ""),
                rx.center(rx.spinner(size="3"), aria_label=t("Loading"), role="status"),
                rx.cond(S.completed, summary(), tracker()),
            ),
        ),
        # The workout's own name is the page heading ("Beginner full body: day A").
        title=rx.cond(S.workout_name != "", S.workout_name, t("Workout")),
    )
