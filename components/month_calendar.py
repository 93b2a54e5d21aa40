"""A month calendar: the weeks as rows of day buttons, days with something on them marked
(a dot and the count), previous/next month. Stateless: the state gives the cells
(app/state/calendar_logic.py) and the handlers."""

from __future__ import annotations

import reflex as rx

from app.i18n import t


def _cell(cell: rx.Var, on_pick) -> rx.Component:
    return rx.el.button(
        rx.el.span(cell["day"], class_name="calendar-day-number"),
        rx.cond(
            cell["count"] != "",
            rx.el.span(cell["count"], class_name="calendar-mark", aria_hidden="true"),
        ),
        on_click=on_pick(cell["iso"]),
        aria_label=cell["label"],
        aria_pressed=rx.cond(cell["selected"] == "1", "true", "false"),
        class_name=rx.cond(cell["in_month"] == "1", "calendar-day", "calendar-day outside")
        + rx.cond(cell["count"] != "", " marked", "")
        + rx.cond(cell["today"] == "1", " today", "")
        + rx.cond(cell["selected"] == "1", " selected", ""),
        id="day-" + cell["iso"],
        type="button",
    )


def month_calendar(
    *,
    title: rx.Var,
    weekdays: rx.Var,
    weeks: rx.Var,
    on_pick,
    on_previous,
    on_next,
    loading: rx.Var,
    id: str,
    previous_disabled: rx.Var[bool] | bool = False,
    next_disabled: rx.Var[bool] | bool = False,
) -> rx.Component:
    """`previous_disabled` / `next_disabled`: the month there is outside the services' dates."""
    return rx.vstack(
        rx.hstack(
            rx.icon_button(
                rx.icon("chevron-left", size=20),
                on_click=on_previous,
                variant="soft",
                size="3",
                aria_label=t("Previous month"),
                disabled=previous_disabled,
                id=f"{id}-previous",
            ),
            rx.heading(title, as_="h3", size="4", id=f"{id}-title", flex="1", text_align="center"),
            rx.cond(loading, rx.spinner(size="2", aria_label=t("Loading"))),
            rx.icon_button(
                rx.icon("chevron-right", size=20),
                on_click=on_next,
                variant="soft",
                size="3",
                aria_label=t("Next month"),
                disabled=next_disabled,
                id=f"{id}-next",
            ),
            align="center",
            width="100%",
        ),
        rx.el.div(
            rx.foreach(weekdays, lambda name: rx.el.span(name, class_name="calendar-weekday")),
            rx.foreach(weeks, lambda week: rx.foreach(week, lambda cell: _cell(cell, on_pick))),
            class_name="calendar-grid",
            role="group",
            aria_label=title,
        ),
        spacing="2",
        width="100%",
        max_width="560px",
        id=id,
    )
