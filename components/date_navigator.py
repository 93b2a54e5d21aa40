"""Previous day / the day shown (with a calendar pick) / next day, and a way back to today.
The next-day control and the pick stop at the last day the services accept (the state gives it
as `last_iso`, and an empty `next_href` on that day)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from app.i18n import t

TAP = "44px"  # the smallest comfortable tap target


_ROUND = {
    "display": "inline-flex",
    "align_items": "center",
    "justify_content": "center",
    "min_width": TAP,
    "height": TAP,
    "border_radius": "9999px",
}


def _step(icon: str, label: rx.Var[str], href: rx.Var[str] | str, link_id: str) -> rx.Component:
    return rx.link(
        rx.icon(icon, size=22, aria_hidden="true"),
        href=href,
        id=link_id,
        aria_label=label,
        color=rx.color("gray", 12),
        background_color=rx.color("gray", 3),
        _hover={"background_color": rx.color("gray", 5)},
        **_ROUND,
    )


def _stop(icon: str, label: rx.Var[str], link_id: str) -> rx.Component:
    """The step at the end of the reachable days: shown, but not a link."""
    return rx.el.span(
        rx.icon(icon, size=22, aria_hidden="true"),
        id=link_id,
        role="link",
        aria_label=label,
        aria_disabled="true",
        title=label,
        color=rx.color("gray", 8),
        background_color=rx.color("gray", 2),
        **_ROUND,
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
    last_iso: rx.Var[str] | str = "",
) -> rx.Component:
    """ids: `day-prev`, `day-next` (disabled when `next_href` is ""), `day-title`, `day-picker`
    (an `<input type=date>`, up to `last_iso`), `day-today` (shown when another day is open)."""
    return rx.hstack(
        _step("chevron-left", t("Previous day"), prev_href, "day-prev"),
        rx.vstack(
            rx.heading(title, as_="h2", size="5", id="day-title", text_align="center"),
            rx.el.input(
                type="date",
                value=day_iso,
                on_change=on_pick,
                max=last_iso,
                id="day-picker",
                aria_label=t("Pick a date"),
                class_name="day-picker",
            ),
            align="center",
            spacing="1",
            flex="1",
            min_width="0",
        ),
        rx.cond(
            next_href == "",
            _stop("chevron-right", t("Next day: no later day can be planned yet"), "day-next"),
            _step("chevron-right", t("Next day"), next_href, "day-next"),
        ),
        rx.cond(
            day_iso != today_iso,
            rx.link(
                t("Today"),
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
