"""The food diary page (`/diary`, `/diary/[day]`): a day's meals, its totals against the
targets, micronutrients, and the add-food dialog. State: app/state/diary.py, food_picker.py."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.api.diary import MEAL_TYPES
from app.i18n import t
from app.state.diary import DiaryState as D
from app.state.diary_logic import OTHER, meal_label
from app.state.food_picker import FoodPickerState
from components.bilingual import in_language
from components.date_navigator import date_navigator
from components.fasting_card import fasting_card
from components.fields import form_alert
from components.food_picker import food_picker, portion_select
from components.layout import app_shell
from components.macro_rings import macro_rings
from components.meal_card import copy_control, meal_card
from components.offline_diary import offline_diary
from components.water_card import water_card

TITLE = t("Diary · FitLedger")


def _stat(value: rx.Var, label: rx.Var | str, stat_id: str, **props) -> rx.Component:
    return rx.vstack(
        rx.text(value, weight="bold", size="4", id=stat_id, **props),
        rx.text(label, size="1", color_scheme="gray", high_contrast=True),
        align="center",
        spacing="0",
        flex="1",
    )


def day_summary() -> rx.Component:
    """Rings, then target - food + exercise = remaining (ids `day-target`, `day-eaten`,
    `day-burned`, `day-remaining`)."""
    return rx.card(
        rx.vstack(
            rx.skeleton(macro_rings(D.totals, D.targets), loading=D.loading & (D.day_iso == "")),
            rx.hstack(
                _stat(D.target_kcal, t("Target"), "day-target"),
                rx.text("-", aria_hidden="true", color_scheme="gray"),
                _stat(D.eaten_kcal, t("Food"), "day-eaten"),
                rx.text("+", aria_hidden="true", color_scheme="gray"),
                _stat(D.burned_kcal, t("Workouts"), "day-burned"),
                rx.text("=", aria_hidden="true", color_scheme="gray"),
                _stat(
                    D.remaining_kcal,
                    rx.cond(D.over_target, t("Over"), t("Left")),
                    "day-remaining",
                    color_scheme=rx.cond(D.over_target, "tomato", "grass"),
                ),
                width="100%",
                align="center",
                spacing="1",
                aria_label=D.remaining,
                role="group",
            ),
            rx.cond(
                D.needs_onboarding,
                rx.callout.root(
                    rx.callout.icon(rx.icon("target")),
                    rx.callout.text(
                        rx.link(t("Set up your targets"), href=routes.ONBOARDING, weight="bold"),
                        " ",
                        t("to see how much is left each day."),
                    ),
                    size="1",
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
            align="stretch",
        ),
        id="day-summary",
        width="100%",
    )


_STATUS_ICONS = {"low": ("arrow-down", "amber"), "over": ("triangle-alert", "tomato")}


def _status(row: rx.Var) -> rx.Component:
    """The row's state in words, with an icon beside them (colour is never the only sign)."""
    return rx.cond(
        row["status_text"] != "",
        rx.hstack(
            rx.match(
                row["status"],
                *(
                    (status, rx.icon(icon, size=14, color=rx.color(colour, 11), aria_hidden="true"))
                    for status, (icon, colour) in _STATUS_ICONS.items()
                ),
                rx.icon("check", size=14, color=rx.color("grass", 11), aria_hidden="true"),
            ),
            rx.text(
                row["status_text"],
                size="1",
                weight=rx.cond(row["status"] == "met", "regular", "medium"),
            ),
            spacing="1",
            align="center",
        ),
    )


def _bar(row: rx.Var) -> rx.Component:
    """How much of the target the day has (decorative: the percentage is written beside it)."""
    colour = rx.match(
        row["status"],
        ("low", rx.color("amber", 9)),
        ("over", rx.color("tomato", 9)),
        ("met", rx.color("grass", 9)),
        rx.color("accent", 9),
    )
    return rx.hstack(
        rx.box(
            rx.box(height="100%", width=row["bar"] + "%", background=colour, border_radius="3px"),
            flex="1",
            height="6px",
            background=rx.color("gray", 4),
            border_radius="3px",
            aria_hidden="true",
        ),
        rx.text(row["percent"], size="1", min_width="3.5em", text_align="right"),
        width="100%",
        align="center",
        spacing="2",
    )


def _micro_row(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.text(row["name"], as_="span"),
            rx.box(
                rx.text(row["amount"], as_="span", font_weight="500"),
                rx.cond(row["target"] != "", rx.text(" ", row["target"], as_="span", size="1")),
                text_align="right",
            ),
            justify="between",
            align="baseline",
            width="100%",
            gap="2",
        ),
        rx.cond(row["bar"] != "", rx.fragment(_bar(row), _status(row))),
        padding_y="0.35em",
        padding_x="0.25em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        background=rx.match(
            row["status"], ("low", rx.color("amber", 2)), ("over", rx.color("tomato", 2)), "none"
        ),
    )


def micronutrients() -> rx.Component:
    """The day's micronutrients, each against its RDA/AI where there is one: gaps and amounts
    over an upper limit are said in words (also in the summary, so they show while closed)."""
    return rx.card(
        rx.el.details(
            rx.el.summary(
                rx.text(t("Vitamins, minerals and more"), as_="span", weight="medium"),
                rx.cond(
                    D.micros_flags != "",
                    rx.text(" · ", D.micros_flags, as_="span", size="2", id="day-micros-flags"),
                ),
                cursor="pointer",
                min_height="32px",
            ),
            rx.cond(
                D.micros.length() > 0,
                rx.fragment(
                    rx.cond(
                        D.micros_reference != "",
                        rx.text(
                            D.micros_reference,
                            size="1",
                            margin_top="0.6em",
                            color_scheme="gray",
                            high_contrast=True,
                            id="day-micros-reference",
                        ),
                    ),
                    rx.el.ul(
                        rx.foreach(D.micros, _micro_row),
                        margin="0.6em 0 0 0",
                        padding="0",
                        list_style_type="none",
                        font_size="0.9em",
                    ),
                ),
                rx.text(t("Log food to see the day's vitamins and minerals."), size="2"),
            ),
            id="day-micros",
        ),
        width="100%",
    )


def copy_day() -> rx.Component:
    return rx.popover.root(
        rx.popover.trigger(
            rx.button(
                rx.icon("calendar-plus", size=16, aria_hidden="true"),
                t("Copy this day"),
                variant="soft",
                color_scheme="gray",
                size="2",
                id="copy-day-open",
            )
        ),
        rx.popover.content(
            rx.vstack(
                rx.el.label(t("Copy every meal to"), html_for="copy-day-date", weight="medium"),
                rx.el.input(
                    type="date",
                    value=D.copy_to,
                    on_change=D.set_copy_to,
                    max=D.last_iso,
                    id="copy-day-date",
                    class_name="day-picker",
                ),
                rx.popover.close(
                    rx.button(t("Copy day"), on_click=D.copy_day, id="copy-day", width="100%")
                ),
                spacing="2",
                align="stretch",
            ),
            side="bottom",
            align="start",
        ),
    )


def edit_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(t("Edit item"), size="5"),
            rx.dialog.description(D.edit_name, size="2", margin_bottom="0.8em"),
            rx.cond(
                D.edit_unit != "",
                rx.hstack(
                    rx.vstack(
                        rx.el.label(
                            t("Amount"),
                            rx.cond(
                                D.edit_options.length() > 0,
                                "",
                                rx.match(
                                    D.edit_unit,
                                    ("g", " (" + t("grams") + ")"),
                                    ("servings", " (" + t("servings") + ")"),
                                    ("portions", " (" + t("portions") + ")"),
                                    " (" + D.edit_unit + ")",
                                ),
                            ),
                            html_for="edit-amount",
                            font_weight="500",
                        ),
                        rx.input(
                            value=D.edit_value,
                            on_change=D.set_edit_value,
                            id="edit-amount",
                            input_mode="decimal",
                            size="3",
                            width="100%",
                        ),
                        spacing="1",
                        width=rx.cond(D.edit_options.length() > 0, "34%", "100%"),
                        min_width="80px",
                    ),
                    rx.cond(
                        D.edit_options.length() > 0,
                        portion_select(
                            D.edit_options,
                            value=D.edit_portion,
                            on_change=D.set_edit_portion,
                            select_id="edit-portion",
                        ),
                    ),
                    width="100%",
                    spacing="3",
                    align="end",
                ),
                rx.text(t("A quick add has no amount to change; you can delete it."), size="2"),
            ),
            form_alert(D.edit_error, id="edit-error"),
            rx.hstack(
                rx.button(
                    rx.icon("trash-2", size=16, aria_hidden="true"),
                    t("Delete"),
                    on_click=D.delete_item,
                    color_scheme="tomato",
                    variant="soft",
                    size="3",
                    id="edit-delete",
                    disabled=D.edit_busy,
                ),
                rx.spacer(),
                rx.dialog.close(
                    rx.button(t("Cancel"), variant="soft", color_scheme="gray", size="3")
                ),
                rx.cond(
                    D.edit_unit != "",
                    rx.button(
                        t("Save"),
                        on_click=D.save_edit,
                        loading=D.edit_busy,
                        size="3",
                        id="edit-save",
                    ),
                ),
                width="100%",
                margin_top="1em",
                spacing="2",
            ),
            max_width=["calc(100vw - 12px)", "440px"],
            id="edit-dialog",
        ),
        open=D.edit_open,
        on_open_change=D.set_edit_open,
    )


def _meal(kind: str) -> rx.Component:
    name = in_language(meal_label(kind), meal_label(kind, "ru"))
    return meal_card(
        kind,
        name,
        items=D.meal_items.get(kind, []),
        totals=D.meal_sums.get(kind, {}),
        on_add=FoodPickerState.open_picker(kind),
        on_edit=D.start_edit,
        loading=D.loading,
        copy=copy_control(
            kind,
            name,
            copy_to=D.copy_to,
            last_iso=D.last_iso,
            on_date=D.set_copy_to,
            on_copy=D.copy_meal(kind),
            busy=D.copy_busy,
            error=D.copy_error,
        ),
    )


def meals() -> rx.Component:
    return rx.vstack(
        *[_meal(kind) for kind in MEAL_TYPES],
        rx.cond(D.meal_items.get(OTHER, []).length() > 0, _meal(OTHER)),
        spacing="3",
        width="100%",
        align="stretch",
        id="meals",
    )


def diary() -> rx.Component:
    return app_shell(
        date_navigator(
            title=D.day_title,
            day_iso=D.day_iso,
            today_iso=D.today_iso,
            prev_href=D.prev_href,
            next_href=D.next_href,
            today_href=routes.DIARY,
            on_pick=D.go_to_day,
            last_iso=D.last_iso,
        ),
        rx.cond(
            D.notice != "",
            rx.callout(
                D.notice,
                icon="check",
                color_scheme="grass",
                role="status",
                id="diary-notice",
                width="100%",
            ),
        ),
        form_alert(D.load_error, id="diary-error"),
        rx.grid(
            rx.box(day_summary(), grid_area="summary", min_width="0"),
            rx.box(meals(), grid_area="meals", min_width="0"),
            rx.vstack(
                water_card(),
                fasting_card(),
                micronutrients(),
                rx.hstack(
                    copy_day(),
                    rx.link(t("Your recipes"), href=routes.RECIPES, id="diary-recipes", size="2"),
                    rx.cond(
                        D.copy_error != "",
                        rx.text(D.copy_error, color_scheme="tomato", size="2", role="alert"),
                    ),
                    align="center",
                    wrap="wrap",
                ),
                grid_area="extras",
                spacing="3",
                width="100%",
                align="stretch",
                min_width="0",
            ),
            # Phones: the day's totals, then the meals; desktop: meals beside the totals.
            grid_template_areas=[
                '"summary" "meals" "extras"',
                '"summary" "meals" "extras"',
                '"meals summary" "meals extras"',
            ],
            grid_template_columns=["1fr", "1fr", "minmax(0, 3fr) minmax(0, 2fr)"],
            grid_template_rows=["auto", "auto", "auto 1fr"],
            spacing="4",
            width="100%",
            align_items="start",
        ),
        food_picker(),
        edit_dialog(),
        title=t("Diary"),
        offline=offline_diary(D.offline_entries_sent),
    )
