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
from components.fields import form_alert, labelled_select
from components.food_picker import SEARCH_DEBOUNCE_MS
from components.picker_dialog import picker_dialog, search_box


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
    return labelled_select(
        label,
        select_id,
        rx.el.option(t("Any"), value=""),
        *[rx.el.option(_word(o), value=o) for o in options],
        value=value,
        on_change=on_change,
        label_size="0.85em",
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
            search_box(
                t("Search exercises"),
                "exercise-search",
                placeholder=t("Search, e.g. squat or running"),
                query=S.query,
                on_search=S.search,
                searching=S.searching,
                debounce_ms=SEARCH_DEBOUNCE_MS,
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
