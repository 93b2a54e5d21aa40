"""A destructive action behind a confirmation (an alert dialog): the trigger opens it, "keep"
closes it, only the confirm button acts."""

from __future__ import annotations

import reflex as rx

from app.i18n import t


def confirm_dialog(
    trigger: rx.Component,
    *,
    title: rx.Var[str] | str,
    description: rx.Var[str] | str,
    confirm: rx.Var[str] | str,
    on_confirm: rx.EventHandler | rx.event.EventSpec,
    confirm_id: str,
    keep: rx.Var[str] | str | None = None,
) -> rx.Component:
    keep = t("Keep it") if keep is None else keep
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(trigger),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(description),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(keep, variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(confirm, color_scheme="tomato", on_click=on_confirm, id=confirm_id)
                ),
                justify="end",
                spacing="3",
                margin_top="1em",
            ),
            max_width="420px",
        ),
    )
