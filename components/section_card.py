"""A titled card of a settings-like page, and its subheadings."""

from __future__ import annotations

import reflex as rx


def section(title: str | rx.Var[str], *children, id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(title, size="4", as_="h2"),
            *children,
            spacing="4",
            width="100%",
            align="stretch",
        ),
        id=id,
        width="100%",
    )


def subheading(text: str | rx.Var[str]) -> rx.Component:
    return rx.heading(text, size="3", as_="h3")
