"""The frame of a picker dialog (add a food, add an exercise): its title with the close
button, a description for screen readers, the width that fills a phone; and its search box
(stateless)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from app.i18n import t


def picker_dialog(
    title: rx.Var[str] | str,
    *body: rx.Component,
    description: rx.Var[str] | str,
    close_id: str,
    open: rx.Var[bool],
    on_open_change: Any,
    **content_props: Any,
) -> rx.Component:
    """The dialog around ``body``; ``content_props`` (id, class_name, focus events) go to its
    content box."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.hstack(
                rx.dialog.title(title, margin="0", size="5"),
                rx.spacer(),
                rx.dialog.close(
                    rx.icon_button(
                        rx.icon("x", size=20),
                        variant="ghost",
                        color_scheme="gray",
                        size="3",
                        aria_label=t("Close"),
                        id=close_id,
                    )
                ),
                align="center",
                width="100%",
                margin_bottom="0.5em",
            ),
            rx.dialog.description(description, class_name="visually-hidden"),
            *body,
            **content_props,
            align="start",
            max_width=["calc(100vw - 12px)", "calc(100vw - 24px)", "580px"],
            width="100%",
            padding=["0.9em", "1.2em", "1.5em"],
        ),
        open=open,
        on_open_change=on_open_change,
    )


def search_box(
    label: rx.Var[str] | str,
    input_id: str,
    *,
    placeholder: rx.Var[str] | str,
    query: rx.Var[str],
    on_search: Any,
    searching: rx.Var[bool],
    debounce_ms: int,
) -> rx.Component:
    """Search as you type, with a spinner while the answer is on its way; it has the focus
    when the dialog opens, so the user types straight away."""
    return rx.fragment(
        rx.el.label(label, html_for=input_id, class_name="visually-hidden"),
        rx.input(
            rx.input.slot(rx.icon("search", size=18, aria_hidden="true")),
            rx.cond(searching, rx.input.slot(rx.spinner(size="2"), side="right")),
            value=query,
            on_change=on_search,
            debounce_timeout=debounce_ms,
            placeholder=placeholder,
            id=input_id,
            aria_label=label,
            auto_focus=True,
            auto_complete="off",
            type="search",
            size="3",
            width="100%",
        ),
    )
