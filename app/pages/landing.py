"""The landing page for visitors: what FitLedger is, and the way in."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import t
from components.layout import public_shell

TITLE = t("FitLedger · calorie counting and workouts you can host yourself")
TAGLINE = "Calorie counting and workout tracking you can host yourself"

FEATURES: tuple[tuple[str, rx.Var[str], rx.Var[str]], ...] = (
    (
        "book-open",
        t("A food diary that finds real food"),
        t("8,700 USDA foods and barcoded products; typos forgiven; portions in grams or cups."),
    ),
    (
        "target",
        t("Targets you can check"),
        t("Your BMR and daily calories with the formula and numbers behind them."),
    ),
    (
        "dumbbell",
        t("Workouts that count"),
        t("Calories burned from the Compendium of Physical Activities and your own weight."),
    ),
    ("lock", t("Your data, your server"), t("Self-hosted, exportable, no ads, no tracking.")),
)


def _feature(icon: str, title: rx.Var[str], text: rx.Var[str]) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=26, color=rx.color("grass", 10), flex_shrink="0"),
        rx.vstack(
            rx.heading(title, size="3", as_="h2"),
            rx.text(text, size="2", color_scheme="gray"),
            spacing="1",
        ),
        align="start",
        spacing="3",
    )


def landing() -> rx.Component:
    return public_shell(
        rx.cond(
            # Sent here by /session/delete-account (app/session/export.py).
            rx.State.router.url.query.contains("account_deleted=1"),
            rx.callout(
                t("Your account and all of its data were deleted, and you are signed out."),
                icon="circle-check",
                color_scheme="grass",
                role="status",
                id="account-deleted",
            ),
        ),
        rx.heading("FitLedger", size="9", as_="h1", id="product-name"),
        rx.text(t("Calorie counting and workout tracking you can host yourself"), size="5"),
        rx.hstack(
            rx.link(rx.button(t("Create an account"), size="3"), href=routes.REGISTER),
            rx.link(rx.button(t("Sign in"), size="3", variant="outline"), href=routes.LOGIN),
            spacing="3",
            wrap="wrap",
        ),
        rx.vstack(*[_feature(*f) for f in FEATURES], spacing="4", padding_top="1em"),
    )
