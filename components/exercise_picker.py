"""The add-exercise dialog of the tracker (full width on a phone): search as you type, filters
by muscle group, equipment and category, recently used exercises first."""

from __future__ import annotations

import reflex as rx

from app.i18n import LanguageState, t
from app.state.exercise_picker import (
    CATEGORIES,
    EQUIPMENT,
    MUSCLES,
    ExercisePickerState,
    ExerciseSearch,
)
from app.state.workout_logic import vocabulary
from components.fields import form_alert
from components.food_picker import SEARCH_DEBOUNCE_MS
from components.picker_dialog import picker_dialog


def _word(value: str) -> rx.Var[str]:
    """A catalog word (muscle group, equipment, category) in the page's language."""
    return rx.cond(
        LanguageState.language == "ru", vocabulary("ru")[value], vocabulary("en")[value]
    ).to(str)


def _filter(
    label: rx.Var[str],
    select_id: str,
    options: tuple[str, ...],
    value,
    on_change,
):
    return rx.vstack(
        rx.el.label(label, html_for=select_id, font_size="0.85em", font_weight="500"),
        rx.el.select(
            rx.el.option(t("Any"), value=""),
            *[rx.el.option(_word(o), value=o) for o in options],
            value=value,
            on_change=on_change,
            id=select_id,
            class_name="native-select",
        ),
        spacing="1",
        flex="1",
        min_width="0",
    )


def _result(S: type[ExerciseSearch], row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            rx.hstack(
                rx.text(row["name"], size="3", weight="medium"),
                rx.cond(
                    row["recent"] == "1",
                    rx.badge(t("Recent"), color_scheme="grass", variant="soft", size="1"),
                ),
                rx.cond(S.adding == row["id"], rx.spinner(size="1")),
                align="center",
                spacing="2",
            ),
            rx.text(row["details"], size="1", color_scheme="gray", high_contrast=True),
            on_click=S.pick(row["id"]),
            disabled=S.adding != "",
            id="exercise-" + row["id"].replace(":", "-"),
            class_name="picker-row exercise-result",
        ),
        list_style="none",
    )


def exercise_picker(S: type[ExerciseSearch] = ExercisePickerState) -> rx.Component:
    """The dialog of picker state `S`; open it with `S.open_picker`."""
    return picker_dialog(
        t("Add an exercise"),
        rx.vstack(
            rx.el.label(
                t("Search exercises"), html_for="exercise-search", class_name="visually-hidden"
            ),
            rx.input(
                rx.input.slot(rx.icon("search", size=18, aria_hidden="true")),
                rx.cond(S.searching, rx.input.slot(rx.spinner(size="2"), side="right")),
                value=S.query,
                on_change=S.search,
                debounce_timeout=SEARCH_DEBOUNCE_MS,
                placeholder=t("Search, e.g. squat or running"),
                id="exercise-search",
                aria_label=t("Search exercises"),
                auto_focus=True,
                auto_complete="off",
                type="search",
                size="3",
                width="100%",
            ),
            rx.hstack(
                _filter(t("Muscle"), "filter-muscle", MUSCLES, S.muscle, S.set_muscle),
                _filter(
                    t("Equipment"),
                    "filter-equipment",
                    EQUIPMENT,
                    S.equipment,
                    S.set_equipment,
                ),
                _filter(
                    t("Category"),
                    "filter-category",
                    CATEGORIES,
                    S.category,
                    S.set_category,
                ),
                spacing="2",
                width="100%",
            ),
            form_alert(S.search_error, id="exercise-search-error"),
            rx.cond(
                S.results.length() > 0,
                rx.el.ul(
                    rx.foreach(S.results, lambda row: _result(S, row)),
                    class_name="picker-list",
                    id="exercise-results",
                    aria_label=t("Exercises"),
                ),
                rx.cond(
                    ~S.searching,
                    rx.text(
                        t("No exercise matches. Try fewer words or clear a filter."),
                        size="2",
                        id="no-exercises",
                    ),
                ),
            ),
            spacing="3",
            width="100%",
            align="stretch",
        ),
        description=t("Search the catalog; exercises you did recently are listed first."),
        close_id="exercise-picker-close",
        open=S.picker_open,
        on_open_change=S.set_picker_open,
        id="exercise-picker",
        class_name="food-picker",
        on_open_auto_focus=rx.prevent_default,
    )
