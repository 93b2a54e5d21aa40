"""The program editor (`/programs/new`, `/programs/<id>`): name, days a week, the days and
their exercises with sets x reps and a progression rule. State: app/state/program_editor.py."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import t, tf
from app.state.preferences import PreferencesState
from app.state.program_editor import ProgramEditorState as S
from app.state.program_editor import ProgramExercisePicker
from components.confirm_dialog import confirm_dialog
from components.exercise_picker import exercise_picker
from components.fields import form_alert, labelled_input
from components.layout import app_shell, back_link
from components.route_param import route_param
from components.set_row import unit_label

TITLE = t("Program · FitLedger")


def _box(label: rx.Var | str, value: rx.Var, on_change, box_id: rx.Var, mode: str = "decimal"):
    return rx.vstack(
        rx.el.label(label, html_for=box_id, font_size="0.8em", font_weight="500"),
        rx.el.input(
            value=value,
            on_change=on_change,
            id=box_id,
            input_mode=mode,
            class_name="set-input",
            aria_invalid=rx.cond(S.error_field == box_id, "true", "false"),
        ),
        spacing="1",
        min_width="0",
    )


def _weekday(toggle: rx.Var) -> rx.Component:
    """One weekday: a labelled checkbox (Space toggles it; Tab moves on)."""
    box_id = "program-weekday-" + toggle["day"]
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            checked=toggle["on"] == "1",
            on_change=S.toggle_weekday(toggle["day"]),
            id=box_id,
            aria_label=toggle["name"],
        ),
        rx.text(toggle["short"], as_="span", aria_hidden="true"),
        html_for=box_id,
        class_name="weekday-toggle",
        display="inline-flex",
        align_items="center",
        gap="0.3em",
        padding="0.3em 0.6em",
        border="1px solid var(--gray-7)",
        border_radius="var(--radius-2)",
        cursor="pointer",
    )


def weekday_toggles() -> rx.Component:
    """The training weekdays (the targets count them as training days); a wrong count is
    explained in the form's alert below, and the group is marked invalid."""
    return rx.el.fieldset(
        rx.el.legend(t("Training weekdays"), font_weight="500"),
        rx.hstack(rx.foreach(S.weekday_toggles, _weekday), spacing="2", wrap="wrap"),
        rx.cond(
            S.schedule.length() == 0,
            rx.text(
                t(
                    "None chosen: the sessions are spread over the week "
                    "(Mon · Wed · Fri for 3 days)."
                ),
                size="1",
                color_scheme="gray",
                high_contrast=True,
            ),
        ),
        id="program-weekdays",
        border="none",
        padding="0",
        margin="0",
        aria_invalid=rx.cond(S.error_field == "schedule", "true", "false"),
    )


def exercise_row(day: rx.Var, row: rx.Var) -> rx.Component:
    key = row["id"]

    def change(field: str):
        return lambda value: S.set_row_field(day["id"], key, field, value)

    return rx.el.li(
        rx.vstack(
            rx.hstack(
                rx.text(row["name"], weight="bold", size="3", flex="1", min_width="0"),
                rx.el.div(
                    rx.icon_button(
                        rx.icon("arrow-up", size=18),
                        on_click=S.move_row(day["id"], key, -1),
                        variant="ghost",
                        size="3",
                        aria_label=tf("Move {name} up", name=row["name"]),
                    ),
                    rx.icon_button(
                        rx.icon("arrow-down", size=18),
                        on_click=S.move_row(day["id"], key, 1),
                        variant="ghost",
                        size="3",
                        aria_label=tf("Move {name} down", name=row["name"]),
                    ),
                    rx.icon_button(
                        rx.icon("x", size=18),
                        on_click=S.remove_row(day["id"], key),
                        variant="ghost",
                        color_scheme="gray",
                        size="3",
                        aria_label=tf("Remove {name}", name=row["name"]),
                    ),
                    class_name="move-buttons",
                ),
                align="center",
                width="100%",
            ),
            rx.vstack(
                rx.el.label(t("Progression"), html_for=key + "-rule", font_size="0.8em"),
                rx.el.select(
                    rx.el.option(t("Add weight (linear)"), value="linear"),
                    rx.el.option(t("% of your e1RM"), value="percent"),
                    value=row["rule"],
                    on_change=change("rule"),
                    id=key + "-rule",
                    class_name="native-select",
                ),
                spacing="1",
                width="100%",
            ),
            rx.grid(
                _box(t("Sets"), row["sets"], change("sets"), key + "-sets", "numeric"),
                _box(t("Reps"), row["reps"], change("reps"), key + "-reps", "numeric"),
                rx.cond(
                    row["rule"] == "percent",
                    _box(t("% of your e1RM"), row["percent"], change("percent"), key + "-percent"),
                    rx.fragment(
                        _box(
                            tf("Start ({unit})", unit=unit_label(PreferencesState.weight_unit)),
                            row["start"],
                            change("start"),
                            key + "-start",
                        ),
                        _box(
                            tf("Add ({unit})", unit=unit_label(PreferencesState.weight_unit)),
                            row["increment"],
                            change("increment"),
                            key + "-increment",
                        ),
                    ),
                ),
                columns=rx.breakpoints(initial="2", sm="4"),
                spacing="2",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        class_name="program-exercise",
        padding_y="0.6em",
        border_top=f"1px solid {rx.color('gray', 5)}",
        list_style="none",
    )


def day_card(day: rx.Var) -> rx.Component:
    name_id = day["id"] + "-name"
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.el.label(t("Day"), html_for=name_id, font_size="0.8em", font_weight="500"),
                    rx.el.input(
                        value=day["name"],
                        on_change=lambda v: S.rename_day(day["id"], v),
                        id=name_id,
                        class_name="native-select",
                        aria_invalid=rx.cond(S.error_field == name_id, "true", "false"),
                        max_length=120,
                    ),
                    spacing="1",
                    flex="1",
                ),
                rx.button(
                    t("Remove day"),
                    on_click=S.remove_day(day["id"]),
                    variant="ghost",
                    color_scheme="tomato",
                    size="2",
                    aria_label=tf("Remove day {day}", day=day["name"]),
                ),
                align="end",
                width="100%",
            ),
            rx.el.ul(
                rx.foreach(S.rows[day["id"]], lambda row: exercise_row(day, row)),
                margin="0",
                padding="0",
                width="100%",
            ),
            rx.button(
                rx.icon("plus", size=16, aria_hidden="true"),
                t("Add exercise"),
                on_click=ProgramExercisePicker.open_for_day(day["id"]),
                variant="soft",
                size="3",
                class_name="add-program-exercise",
                aria_label=tf("Add exercise to day {day}", day=day["name"]),
            ),
            spacing="2",
            width="100%",
            align="stretch",
        ),
        width="100%",
        class_name="program-day",
    )


def editor() -> rx.Component:
    return rx.vstack(
        labelled_input(
            t("Name"),
            "name",
            id="program-name",
            value=S.name,
            on_change=S.set_name,
            max_length=120,
            error=rx.cond(S.error_field == "name", S.form_error, ""),
        ),
        labelled_input(
            t("Description (optional)"),
            "description",
            id="program-description",
            value=S.description,
            on_change=S.set_description,
            max_length=2000,
        ),
        rx.vstack(
            rx.el.label(t("Days a week"), html_for="program-days-per-week", font_weight="500"),
            rx.el.select(
                *[rx.el.option(str(n), value=str(n)) for n in range(1, 8)],
                value=S.days_per_week,
                on_change=S.set_days_per_week,
                id="program-days-per-week",
                class_name="native-select",
            ),
            spacing="1",
            width="8em",
        ),
        weekday_toggles(),
        rx.text(
            t(
                "Add weight: start at a weight and add the increase after a session where every "
                "target rep was made (same weight after a miss, 10 % lighter after three misses). "
                "% of e1RM: the target is that share of your estimated 1RM."
            ),
            size="2",
            color_scheme="gray",
            high_contrast=True,
        ),
        rx.foreach(S.days, day_card),
        rx.button(
            rx.icon("plus", size=18, aria_hidden="true"),
            t("Add a day"),
            on_click=S.add_day,
            variant="outline",
            size="3",
            id="add-day",
        ),
        form_alert(rx.cond(S.error_field == "name", "", S.form_error), id="program-error"),
        rx.hstack(
            rx.button(
                t("Save program"),
                on_click=S.save,
                loading=S.saving,
                size="4",
                id="save-program",
                flex="1",
            ),
            rx.cond(
                S.program_id != "",
                confirm_dialog(
                    rx.button(
                        t("Delete"),
                        variant="soft",
                        color_scheme="tomato",
                        size="4",
                        id="delete-program",
                    ),
                    title=t("Delete this program?"),
                    description=t(
                        "The program and its days are deleted; workouts you did from it stay in "
                        "your history. This cannot be undone."
                    ),
                    confirm=t("Delete program"),
                    on_confirm=S.delete,
                    confirm_id="confirm-delete-program",
                ),
            ),
            width="100%",
            spacing="3",
        ),
        exercise_picker(ProgramExercisePicker),
        spacing="3",
        width="100%",
        align="stretch",
    )


def program_editor() -> rx.Component:
    return app_shell(
        back_link(t("Programs"), routes.PROGRAMS, id="programs-link"),
        rx.cond(
            S.load_error != "",
            form_alert(S.load_error, id="load-error"),
            rx.cond(
                # A form this tab loaded for another address never shows, not even for the
                # moment before this page's load has answered.
                S.loading | (S.form_for != route_param("id")),
                rx.center(rx.spinner(size="3"), aria_label=t("Loading"), role="status"),
                editor(),
            ),
        ),
        title=rx.cond(S.program_id != "", t("Edit program"), t("New program")),
    )
