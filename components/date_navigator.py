"""Previous day / the day shown (with a calendar pick) / next day, and a way back to today."""

from __future__ import annotations

from typing import Any

import reflex as rx

TAP = "44px"  # the smallest comfortable tap target


def _step(icon: str, label: str, href: rx.Var[str] | str, link_id: str) -> rx.Component:
    return rx.link(
        rx.icon(icon, size=22, aria_hidden="true"),
        href=href,
        id=link_id,
        aria_label=label,
        display="inline-flex",
        align_items="center",
        justify_content="center",
        min_width=TAP,
        height=TAP,
        border_radius="9999px",
        color=rx.color("gray", 12),
        background_color=rx.color("gray", 3),
        _hover={"background_color": rx.color("gray", 5)},
    )


def date_navigator(
    *,
    title: rx.Var[str],
    day_iso: rx.Var[str],
    today_iso: rx.Var[str],
    prev_href: rx.Var[str],
    next_href: rx.Var[str],
    today_href: str,
    on_pick: Any,
) -> rx.Component:
    """ids: `day-prev`, `day-next`, `day-title`, `day-picker` (an `<input type=date>`),
    `day-today` (shown when another day is open)."""
    return rx.hstack(
        _step("chevron-left", "Previous day", prev_href, "day-prev"),
        rx.vstack(
            rx.heading(title, as_="h2", size="5", id="day-title", text_align="center"),
            rx.el.input(
                type="date",
                value=day_iso,
                on_change=on_pick,
                id="day-picker",
                aria_label="Pick a date",
                class_name="day-picker",
            ),
            align="center",
            spacing="1",
            flex="1",
            min_width="0",
        ),
        _step("chevron-right", "Next day", next_href, "day-next"),
        rx.cond(
            day_iso != today_iso,
            rx.link(
                "Today",
                href=today_href,
                id="day-today",
                weight="medium",
                padding_x="0.6em",
                min_height=TAP,
                display="inline-flex",
                align_items="center",
            ),
        ),
        align="center",
        width="100%",
        max_width="560px",
        margin_x="auto",
        spacing="3",
    )
