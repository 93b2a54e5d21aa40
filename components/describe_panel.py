"""The food picker's "In words" tab: type a meal, check what was understood, log it."""

from __future__ import annotations

import reflex as rx

from app.i18n import t
from app.state.describe_meal import MAX_CHARS
from app.state.describe_meal import DescribeMealState as S
from components.fields import form_alert
from components.log_button import log_button


def _row(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.vstack(
                rx.text(row["name"], weight="medium", size="2"),
                rx.text(
                    "“",
                    row["said"],
                    "” · ",
                    row["amount"],
                    size="1",
                    color_scheme="gray",
                    high_contrast=True,
                ),
                rx.cond(
                    row["assumption"] != "",
                    rx.text(t("Assumed:"), " ", row["assumption"], size="1", color_scheme="amber"),
                ),
                spacing="0",
                flex="1",
                min_width="0",
            ),
            rx.text(row["kcal"], size="2", weight="medium", white_space="nowrap"),
            rx.icon_button(
                rx.icon("x", size=16),
                on_click=S.drop_item(row["index"]),
                variant="ghost",
                color_scheme="gray",
                aria_label=t("Remove") + " " + row["name"],
                size="2",
            ),
            align="center",
            width="100%",
            spacing="2",
        ),
        class_name="described-item",
        padding_y="0.4em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
    )


def describe_panel() -> rx.Component:
    return rx.vstack(
        rx.el.label(t("What did you eat?"), html_for="describe-text", font_weight="500"),
        rx.text_area(
            value=S.words,
            on_change=S.set_words,
            placeholder=t("2 eggs, a slice of toast with butter and a coffee with milk"),
            id="describe-text",
            max_length=MAX_CHARS,
            rows="3",
            width="100%",
        ),
        rx.cond(
            S.words_error != "",
            rx.text(S.words_error, color_scheme="tomato", size="2", id="describe-error"),
        ),
        rx.button(
            t("Read it"),
            on_click=S.read_words,
            loading=S.reading,
            variant="soft",
            size="3",
            width="100%",
            id="describe-read",
        ),
        rx.cond(
            S.rows.length() > 0,
            rx.vstack(
                rx.el.ul(rx.foreach(S.rows, _row), id="described-items", class_name="picker-list"),
                rx.text(t("Total"), " ", S.total, weight="bold", id="described-total"),
                spacing="2",
                width="100%",
            ),
        ),
        rx.cond(S.unmatched != "", rx.text(S.unmatched, size="2", id="described-unmatched")),
        form_alert(S.log_error, id="describe-log-error"),
        rx.cond(
            S.rows.length() > 0,
            log_button(S.log_described, id="describe-log"),
        ),
        spacing="3",
        width="100%",
        align="stretch",
    )
