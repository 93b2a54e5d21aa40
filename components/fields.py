"""Form fields with their label and the error text the API gave for them."""

from __future__ import annotations

from typing import Any

import reflex as rx

from app.i18n import t

Text = rx.Var[str] | str


def field_error(message: rx.Var[str] | str, field_id: str) -> rx.Component:
    return rx.cond(
        message != "",
        rx.text(message, color_scheme="tomato", size="2", id=f"{field_id}-error", role="alert"),
    )


def labelled_input(
    label: str | rx.Var[str],
    name: str,
    *,
    error: rx.Var[str] | str = "",
    hint: Text = "",
    **input_props: Any,
) -> rx.Component:
    """A labelled input; `error` shows under it and marks it invalid for screen readers."""
    field_id = input_props.pop("id", f"field-{name}")
    return rx.vstack(
        rx.el.label(label, html_for=field_id, font_weight="500", font_size="0.9em"),
        rx.input(
            name=name,
            id=field_id,
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=f"{field_id}-error",
            width="100%",
            size="3",
            **input_props,
        ),
        rx.fragment()
        if isinstance(hint, str) and not hint
        else rx.text(hint, size="1", color_scheme="gray"),
        field_error(error, field_id),
        spacing="1",
        width="100%",
        align="stretch",
    )


def labelled_select(
    label: Text,
    select_id: str,
    *options: rx.Component,
    value: rx.Var[str],
    on_change: Any,
    label_size: str | None = None,
) -> rx.Component:
    """A labelled native select that shares a row with other boxes (it takes the room left)."""
    size = {} if label_size is None else {"font_size": label_size}
    return rx.vstack(
        rx.el.label(label, html_for=select_id, **size, font_weight="500"),
        rx.el.select(
            *options,
            value=value,
            on_change=on_change,
            id=select_id,
            class_name="native-select",
        ),
        spacing="1",
        flex="1",
        min_width="0",
    )


def email_input(*, error: rx.Var[str] | str = "", **input_props: Any) -> rx.Component:
    """The account e-mail box of the sign-in, registration and password-reset forms."""
    return labelled_input(
        t("E-mail"),
        "email",
        error=error,
        type="email",
        auto_complete="email",
        required=True,
        **input_props,
    )


def form_alert(message: rx.Var[str] | str, *, color: str = "tomato", id: str = "form-alert"):
    return rx.cond(
        message != "",
        rx.callout(message, color_scheme=color, role="alert", id=id, width="100%"),
    )


def submit_button(label: Text, *, busy: rx.Var[bool] | bool = False, **props: Any) -> rx.Component:
    """A form's submit button, usable once the page has reached its server state.

    Reflex runs a page's load event when the websocket connects; a form sent before that
    finishes is answered first and its answer then wiped by the load (seen: a reset link
    "sent" and the confirmation gone a moment later). Until then the button is disabled."""
    return rx.button(
        label,
        type="submit",
        size=props.pop("size", "3"),
        width=props.pop("width", "100%"),
        loading=busy,
        disabled=~rx.State.is_hydrated,
        **props,
    )
