"""The frame of a picker dialog (add a food, add an exercise): its title with the close
button, a description for screen readers, the width that fills a phone (stateless)."""

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
