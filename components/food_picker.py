"""The add-food dialog of one meal (full width on a phone): search, recent and frequent
foods, portion and amount, quick add, barcode, a new private food, a recipe portion."""

from __future__ import annotations

from typing import Any

import reflex as rx

from app import routes
from app.i18n import t, tf
from app.state.food_picker import FoodPickerState as S
from components.describe_panel import describe_panel
from components.fields import form_alert, labelled_input, labelled_select
from components.log_button import log_button
from components.picker_dialog import picker_dialog, search_box

# Search as you type: the pause after the last keystroke before asking (UI.md: the answer
# itself takes ~30-80 ms here, so 150 ms keeps "typed → results" near 250 ms).
SEARCH_DEBOUNCE_MS = 150

TABS = (
    ("search", t("Search")),
    ("words", t("In words")),
    ("quick", t("Quick add")),
    ("barcode", t("Barcode")),
    ("new", t("New food")),
    ("recipes", t("Recipes")),
)


def portion_select(
    options: rx.Var, *, value: rx.Var[str], on_change: Any, select_id: str
) -> rx.Component:
    """The labelled portion choice beside an amount (``options``: ``label``, ``value``)."""
    return labelled_select(
        t("Portion"),
        select_id,
        rx.foreach(options, lambda o: rx.el.option(o["label"], value=o["value"])),
        value=value,
        on_change=on_change,
    )


def _food_button(row: rx.Var, on_click, *, row_id: rx.Var, class_name: str) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            rx.text(row["name"], size="2", weight="medium", class_name="clamp-2"),
            rx.text(
                rx.cond(row["brand"] != "", row["brand"] + " · ", ""),
                row["per_100g"],
                rx.cond(row["per_portion"] != "", " · " + row["per_portion"], ""),
                size="1",
                color_scheme="gray",
                high_contrast=True,
            ),
            on_click=on_click,
            id=row_id,
            class_name=f"picker-row {class_name}",
        ),
        list_style="none",
    )


def _used_list(title: rx.Var[str], rows: rx.Var, list_id: str) -> rx.Component:
    return rx.cond(
        rows.length() > 0,
        rx.vstack(
            rx.heading(title, as_="h3", size="2", color_scheme="gray", high_contrast=True),
            rx.el.ul(
                rx.foreach(
                    rows,
                    lambda row: rx.el.li(
                        rx.el.button(
                            rx.text(row["name"], size="2", weight="medium", class_name="clamp-2"),
                            rx.text(
                                rx.cond(row["brand"] != "", row["brand"] + " · ", ""),
                                tf("logged {uses}", uses=row["uses"]),
                                size="1",
                                color_scheme="gray",
                                high_contrast=True,
                            ),
                            on_click=S.pick(row["id"]),
                            id=f"{list_id}-" + row["id"],
                            class_name="picker-row used-food",
                        ),
                        list_style="none",
                    ),
                ),
                class_name="picker-list",
                id=list_id,
            ),
            spacing="1",
            width="100%",
            align="stretch",
        ),
    )


def search_panel() -> rx.Component:
    return rx.vstack(
        search_box(
            t("Search foods"),
            "food-search",
            placeholder=t("Search foods, e.g. chicken breast"),
            query=S.query,
            on_search=S.search,
            searching=S.searching,
            debounce_ms=SEARCH_DEBOUNCE_MS,
        ),
        rx.el.label(
            rx.switch(checked=S.lab_only, on_change=S.set_lab_only, id="lab-only", size="2"),
            rx.text(t("Lab data only"), size="2"),
            rx.text(t("(USDA analyses, not labels)"), size="1", color_scheme="gray"),
            html_for="lab-only",
            display="flex",
            align_items="center",
            gap="0.5em",
        ),
        form_alert(S.search_error, id="search-error"),
        rx.cond(
            S.query.length() < 2,
            rx.vstack(
                _used_list(t("Recent"), S.recent, "recent-foods"),
                _used_list(t("Frequent"), S.frequent, "frequent-foods"),
                rx.cond(
                    (S.recent.length() == 0) & (S.frequent.length() == 0) & ~S.used_loading,
                    rx.text(
                        t(
                            "Type at least two letters. Foods you log will be listed here "
                            "next time."
                        ),
                        size="2",
                        color_scheme="gray",
                        high_contrast=True,
                    ),
                ),
                spacing="3",
                width="100%",
                align="stretch",
            ),
            rx.cond(
                S.results.length() > 0,
                rx.el.ul(
                    rx.foreach(
                        S.results,
                        lambda row: _food_button(
                            row,
                            S.pick(row["id"]),
                            row_id="food-result-" + row["id"],
                            class_name="food-result",
                        ),
                    ),
                    class_name="picker-list",
                    id="food-results",
                    aria_label=t("Search results"),
                ),
                rx.cond(
                    ~S.searching & (S.search_error == ""),
                    rx.text(
                        tf(
                            "No foods match “{query}”. Try fewer words, or add it as a new food.",
                            query=S.query,
                        ),
                        size="2",
                        id="no-results",
                    ),
                ),
            ),
        ),
        spacing="3",
        width="100%",
        align="stretch",
    )


def portion_form() -> rx.Component:
    """The picked food: portion select, amount, what it adds, and Log."""
    return rx.vstack(
        rx.button(
            rx.icon("arrow-left", size=16, aria_hidden="true"),
            t("Back"),
            on_click=S.unpick,
            variant="ghost",
            size="2",
            id="picker-back",
            align_self="start",
        ),
        rx.box(
            rx.heading(S.picked["name"], as_="h3", size="4", id="picked-name"),
            rx.text(
                rx.cond(S.picked["brand"] != "", S.picked["brand"] + " · ", ""),
                S.picked["per_100g"],
                size="2",
                color_scheme="gray",
                high_contrast=True,
            ),
        ),
        rx.hstack(
            rx.vstack(
                rx.el.label(t("Amount"), html_for="amount-input", font_weight="500"),
                rx.input(
                    value=S.quantity,
                    on_change=S.set_quantity,
                    id="amount-input",
                    input_mode="decimal",
                    size="3",
                    width="100%",
                ),
                spacing="1",
                width=["100%", "34%"],
            ),
            portion_select(
                S.portion_options,
                value=S.portion_value,
                on_change=S.set_portion,
                select_id="portion-select",
            ),
            width="100%",
            spacing="3",
            align=rx.breakpoints(initial="stretch", sm="end"),
            flex_direction=["column-reverse", "row"],
        ),
        rx.card(
            rx.hstack(
                rx.text(S.preview_kcal, weight="bold", size="5", id="picked-kcal"),
                rx.text(S.picked_grams, size="2", color_scheme="gray", high_contrast=True),
                align="baseline",
                spacing="2",
            ),
            rx.text(S.preview_macros, size="2", id="picked-macros"),
            variant="surface",
            aria_live="polite",
        ),
        form_alert(S.log_error, id="log-error"),
        log_button(S.log_picked, id="log-food"),
        spacing="3",
        width="100%",
        align="stretch",
    )


def quick_panel() -> rx.Component:
    def field(label: rx.Var[str], key: str, field_id: str, **props) -> rx.Component:
        return labelled_input(
            label,
            key,
            id=field_id,
            value=S.quick.get(key, ""),
            on_change=lambda v: S.set_quick(key, v),
            error=S.quick_errors.get(key, ""),
            **props,
        )

    return rx.vstack(
        rx.text(t("Calories and macros without a food, e.g. a restaurant meal."), size="2"),
        field(t("Name (optional)"), "name", "quick-name"),
        field(t("Calories (kcal)"), "energy_kcal", "quick-kcal", input_mode="decimal"),
        rx.grid(
            field(t("Protein (g)"), "protein_g", "quick-protein", input_mode="decimal"),
            field(t("Fat (g)"), "fat_g", "quick-fat", input_mode="decimal"),
            field(t("Carbs (g)"), "carbohydrate_g", "quick-carbs", input_mode="decimal"),
            columns="3",
            spacing="2",
            width="100%",
        ),
        form_alert(S.log_error, id="quick-error"),
        log_button(S.log_quick, id="quick-log"),
        spacing="3",
        width="100%",
        align="stretch",
    )


def barcode_panel() -> rx.Component:
    return rx.vstack(
        labelled_input(
            t("Barcode (EAN or UPC digits)"),
            "barcode",
            id="barcode-input",
            value=S.barcode,
            on_change=S.set_barcode,
            input_mode="numeric",
            auto_complete="off",
            error=S.barcode_error,
        ),
        rx.button(
            t("Find food"),
            on_click=S.find_barcode,
            loading=S.barcode_busy,
            size="3",
            width="100%",
            id="barcode-find",
        ),
        spacing="3",
        width="100%",
        align="stretch",
    )


def new_food_panel() -> rx.Component:
    def field(label: rx.Var[str], key: str, **props) -> rx.Component:
        return labelled_input(
            label,
            key,
            id=f"new-food-{key}",
            value=S.new_food.get(key, ""),
            on_change=lambda v: S.set_new_food(key, v),
            error=S.new_food_errors.get(key, ""),
            **props,
        )

    return rx.vstack(
        rx.text(t("Your own food, per 100 g. Only you can see it."), size="2"),
        form_alert(S.new_food_error, id="new-food-error"),
        field(t("Name"), "name"),
        field(t("Brand (optional)"), "brand"),
        field(t("Calories per 100 g (kcal)"), "energy_kcal", input_mode="decimal"),
        rx.grid(
            field(t("Protein (g)"), "protein_g", input_mode="decimal"),
            field(t("Fat (g)"), "fat_g", input_mode="decimal"),
            field(t("Carbs (g)"), "carbohydrate_g", input_mode="decimal"),
            columns="3",
            spacing="2",
            width="100%",
        ),
        rx.button(
            t("Save food"),
            on_click=S.create_food,
            loading=S.log_busy,
            size="3",
            width="100%",
            id="new-food-save",
        ),
        spacing="3",
        width="100%",
        align="stretch",
    )


def recipes_panel() -> rx.Component:
    return rx.vstack(
        form_alert(S.recipes_error, id="recipes-error"),
        rx.cond(
            S.recipes.length() > 0,
            rx.el.ul(
                rx.foreach(
                    S.recipes,
                    lambda row: _food_button(
                        row,
                        S.pick_recipe(row["id"]),
                        row_id="recipe-" + row["id"],
                        class_name="recipe-result",
                    ),
                ),
                class_name="picker-list",
            ),
            rx.text(t("You have no recipes yet."), size="2"),
        ),
        rx.link(t("Build a recipe"), href=routes.RECIPES, id="build-recipe", weight="medium"),
        spacing="3",
        width="100%",
        align="stretch",
    )


def food_picker() -> rx.Component:
    """The dialog; open it with `FoodPickerState.open_picker(meal_type)`."""
    return picker_dialog(
        tf("Add to {meal}", meal=S.picker_label),
        rx.cond(
            S.has_pick,
            portion_form(),
            rx.tabs.root(
                rx.tabs.list(
                    *[
                        rx.tabs.trigger(label, value=value, id=f"tab-{value}")
                        for value, label in TABS
                    ],
                    size="1",
                    class_name="picker-tabs",
                ),
                rx.tabs.content(search_panel(), value="search", padding_top="0.8em"),
                rx.tabs.content(describe_panel(), value="words", padding_top="0.8em"),
                rx.tabs.content(quick_panel(), value="quick", padding_top="0.8em"),
                rx.tabs.content(barcode_panel(), value="barcode", padding_top="0.8em"),
                rx.tabs.content(new_food_panel(), value="new", padding_top="0.8em"),
                rx.tabs.content(recipes_panel(), value="recipes", padding_top="0.8em"),
                value=S.picker_tab,
                on_change=S.set_picker_tab,
            ),
        ),
        description=t(
            "Search a food, say it in words, or use quick add, a barcode, a new food or a recipe."
        ),
        close_id="picker-close",
        open=S.picker_open,
        on_open_change=S.set_picker_open,
        id="food-picker",
        class_name="food-picker",
        # Keep the search box's own autofocus (Radix would focus the close button).
        on_open_auto_focus=rx.prevent_default,
        # Closed: back to the meal's add button (Radix alone would focus the page's start).
        on_close_auto_focus=S.return_focus,
    )
