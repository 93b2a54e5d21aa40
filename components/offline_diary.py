"""The diary without a connection: the saved day, adding food offline, the queue to send.

Plain markup with no state: Reflex state needs the websocket, so assets/offline.js fills and
drives these elements (ids below) and shows them through `<html data-offline>`.
"""

from __future__ import annotations

import reflex as rx

from app.api.diary import MEAL_TYPES
from app.i18n import t
from app.state.diary_logic import meal_label
from components.bilingual import in_language

PANEL = {"width": "100%", "margin_bottom": "1em"}


def _number(label: rx.Var[str], input_id: str, *, placeholder: str = "") -> rx.Component:
    return rx.el.label(
        label,
        rx.el.input(id=input_id, type="text", input_mode="decimal", placeholder=placeholder),
    )


def _fieldset(legend: rx.Var[str], prefix: str, *fields: rx.Component) -> rx.Component:
    """One way to add food offline: its inputs, the button `<prefix>-add`, the problem."""
    return rx.el.fieldset(
        rx.el.legend(legend, font_weight="600"),
        rx.el.div(
            *fields,
            rx.el.button(t("Add to queue"), type="button", id=f"{prefix}-add"),
            class_name="offline-form",
        ),
        rx.el.p(id=f"{prefix}-error", class_name="offline-error", role="alert"),
        border="0",
        padding="0",
        margin="0.8em 0 0",
    )


def queue_box(on_sent: rx.EventHandler) -> rx.Component:
    """The entries waiting on this device; shown offline and while any are left to send."""
    return rx.card(
        rx.text(t("Food added offline"), weight="bold", as_="p"),
        rx.el.p(id="offline-queue-status", role="status", aria_live="polite"),
        rx.el.ul(id="offline-queue-list", class_name="offline-meals"),
        rx.el.p(id="offline-queue-problem", class_name="offline-error", role="alert"),
        # assets/offline.js types here when entries were sent; the diary then reloads.
        rx.el.input(
            id="offline-sent-report",
            type="text",
            on_change=on_sent,
            aria_hidden="true",
            tab_index=-1,
            style={"position": "absolute", "width": "1px", "height": "1px", "opacity": "0"},
        ),
        id="offline-queue",
        class_name="queue-box",
        position="relative",
        **PANEL,
    )


def saved_day() -> rx.Component:
    return rx.card(
        rx.heading(t("Saved diary"), size="4", as_="h2"),
        rx.el.p(id="offline-day-title"),
        rx.el.ul(id="offline-day-meals", class_name="offline-meals"),
        id="offline-day",
        **PANEL,
    )


def add_offline() -> rx.Component:
    return rx.card(
        rx.heading(t("Add food offline"), size="4", as_="h2"),
        rx.el.div(
            rx.el.label(
                t("Meal"),
                rx.el.select(
                    *[
                        rx.el.option(
                            in_language(meal_label(kind), meal_label(kind, "ru")), value=kind
                        )
                        for kind in MEAL_TYPES
                    ],
                    id="offline-meal",
                    default_value="snack",
                ),
            ),
            class_name="offline-form",
        ),
        _fieldset(
            t("Quick add"),
            "offline-quick",
            rx.el.label(t("Name"), rx.el.input(id="offline-quick-name", type="text")),
            _number(t("Calories (kcal)"), "offline-quick-kcal"),
            _number(t("Protein (g)"), "offline-quick-protein", placeholder="0"),
            _number(t("Fat (g)"), "offline-quick-fat", placeholder="0"),
            _number(t("Carbs (g)"), "offline-quick-carbs", placeholder="0"),
        ),
        _fieldset(
            t("A recent food"),
            "offline-recent",
            rx.el.label(t("Food"), rx.el.select(id="offline-recent-food")),
            _number(t("Amount (g)"), "offline-recent-grams", placeholder="100"),
        ),
        id="offline-add",
        **PANEL,
    )


def offline_diary(on_sent: rx.EventHandler) -> rx.Component:
    return rx.box(
        queue_box(on_sent),
        rx.box(saved_day(), add_offline(), class_name="offline-only"),
        id="offline-diary",
        width="100%",
    )
