"""One meal of the diary: its items (name, brand, amount, kcal), its totals, add and copy.

Stateless: the page passes the rows (`dict[str, str]` made by app/state/diary_logic.py) and
the events to fire, so the same card can show any day's meal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from app.i18n import t, tf


def item_row(item: rx.Var[dict[str, str]], on_edit: Callable[[rx.Var], Any]) -> rx.Component:
    """A tappable row (opens the item's edit dialog); id `item-<item id>`."""
    return rx.el.li(
        rx.el.button(
            rx.box(
                # The accessible name is the visible text, read as "Edit <name> <amount> <kcal>".
                rx.el.span(t("Edit"), " ", class_name="visually-hidden"),
                rx.text(item["name"], size="2", weight="medium", class_name="clamp-2"),
                rx.text(
                    rx.cond(item["brand"] != "", item["brand"] + " · ", ""),
                    item["amount"],
                    size="1",
                    color_scheme="gray",
                    high_contrast=True,
                ),
                flex="1",
                min_width="0",
                text_align="left",
            ),
            rx.text(
                item["kcal"],
                rx.el.span(" ", t("kcal"), font_size="0.8em"),
                size="2",
                weight="bold",
                white_space="nowrap",
            ),
            on_click=on_edit(item["id"]),
            id="item-" + item["id"],
            class_name="diary-item",
        ),
        list_style="none",
    )


def copy_control(
    meal_type: str,
    label: rx.Var[str],
    *,
    copy_to: rx.Var[str],
    on_date: Any,
    last_iso: rx.Var[str] | str = "",
    on_copy: Any,
    busy: rx.Var[bool],
    error: rx.Var[str],
) -> rx.Component:
    """ids: `copy-<meal>-open` (the button), `copy-<meal>-date`, `copy-<meal>` (confirm)."""
    return rx.popover.root(
        rx.popover.trigger(
            rx.button(
                rx.icon("copy", size=16, aria_hidden="true"),
                t("Copy"),
                variant="ghost",
                size="2",
                id=f"copy-{meal_type}-open",
                aria_label=tf("Copy {meal} to another day", meal=label.lower()),
            ),
        ),
        rx.popover.content(
            rx.vstack(
                rx.el.label(
                    tf("Copy {meal} to", meal=label.lower()),
                    html_for=f"copy-{meal_type}-date",
                    weight="medium",
                ),
                rx.el.input(
                    type="date",
                    value=copy_to,
                    on_change=on_date,
                    max=last_iso,
                    id=f"copy-{meal_type}-date",
                    class_name="day-picker",
                ),
                rx.cond(error != "", rx.text(error, color_scheme="tomato", size="2", role="alert")),
                rx.popover.close(
                    rx.button(
                        t("Copy"),
                        on_click=on_copy,
                        loading=busy,
                        id=f"copy-{meal_type}",
                        width="100%",
                    )
                ),
                spacing="2",
                align="stretch",
            ),
            side="bottom",
            align="end",
        ),
    )


def meal_card(
    meal_type: str,
    label: rx.Var[str],
    *,
    items: rx.Var[list[dict[str, str]]],
    totals: rx.Var[dict[str, str]],
    on_add: Any,
    on_edit: Callable[[rx.Var], Any],
    copy: rx.Component | None = None,
    loading: rx.Var[bool] | bool = False,
) -> rx.Component:
    """id `meal-<type>`; its kcal total `meal-<type>-kcal`; add button `add-<type>`."""
    has_items = items.length() > 0
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(label, as_="h3", size="4"),
                rx.spacer(),
                rx.text(
                    rx.cond(has_items, totals["kcal"], "0"),
                    rx.el.span(" ", t("kcal"), font_size="0.8em"),
                    weight="bold",
                    size="3",
                    id=f"meal-{meal_type}-kcal",
                ),
                align="center",
                width="100%",
            ),
            rx.cond(
                has_items,
                rx.vstack(
                    rx.text(totals["macros"], size="1", color_scheme="gray", high_contrast=True),
                    rx.el.ul(
                        rx.foreach(items, lambda item: item_row(item, on_edit)),
                        class_name="diary-items",
                    ),
                    spacing="2",
                    width="100%",
                    align="stretch",
                ),
                rx.cond(
                    loading,
                    rx.vstack(
                        rx.skeleton(height="18px", width="80%"),
                        rx.skeleton(height="18px", width="55%"),
                        aria_label=tf("Loading {meal}", meal=label.lower()),
                        width="100%",
                    ),
                    rx.text(
                        tf("Nothing logged for {meal} yet.", meal=label.lower()),
                        size="2",
                        color_scheme="gray",
                        high_contrast=True,
                        class_name="meal-empty",
                    ),
                ),
            ),
            rx.hstack(
                rx.button(
                    rx.icon("plus", size=18, aria_hidden="true"),
                    t("Add food"),
                    on_click=on_add,
                    variant="soft",
                    size="3",
                    id=f"add-{meal_type}",
                    aria_label=tf("Add food to {meal}", meal=label.lower()),
                ),
                rx.spacer(),
                rx.cond(has_items, copy) if copy is not None else rx.fragment(),
                width="100%",
                align="center",
            ),
            spacing="3",
            width="100%",
            align="stretch",
        ),
        id=f"meal-{meal_type}",
        aria_label=label,
        width="100%",
        role="region",
    )
