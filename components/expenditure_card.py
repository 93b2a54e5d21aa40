"""The profile's "What you really burn" card: the adaptive estimate, where it came from, and the
weekly check-in with a button to take the suggested target."""

from __future__ import annotations

import reflex as rx

from app.i18n import t, tf
from app.state.expenditure import ExpenditureState as S
from components.fields import form_alert
from components.section_card import section


def _excluded() -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            tf("{n} days left out, and why", n=S.excluded_count), id="energy-excluded-toggle"
        ),
        rx.el.ul(
            rx.foreach(
                S.excluded,
                lambda row: rx.el.li(rx.text(row["day"], ": ", row["reason"], size="2")),
            ),
            class_name="picker-list",
        ),
    )


def _estimate() -> rx.Component:
    return rx.vstack(
        rx.text(S.energy["headline"], size="6", weight="bold", id="energy-headline"),
        rx.text(S.energy["source"], size="2", id="energy-source"),
        rx.cond(S.energy["trend"] != "", rx.text(S.energy["trend"], size="2")),
        rx.vstack(
            rx.progress(
                value=S.completeness_pct,
                max=100,
                width="100%",
                aria_label=t("Logging completeness"),
                aria_describedby="energy-completeness",
            ),
            rx.text(S.energy["completeness"], size="1", id="energy-completeness"),
            spacing="1",
            width="100%",
        ),
        rx.cond(S.excluded_count > 0, _excluded()),
        rx.callout(S.energy["check_in"], icon="calendar-check", id="energy-check-in"),
        rx.cond(
            S.energy["can_accept"] != "",
            rx.button(
                tf("Use {kcal} kcal as my target", kcal=S.energy["suggested_text"]),
                on_click=S.accept_target,
                loading=S.accepting,
                id="energy-accept",
            ),
        ),
        rx.cond(
            S.energy_notice != "",
            rx.text(S.energy_notice, color_scheme="grass", role="status", id="energy-notice"),
        ),
        rx.text(S.energy["method"], size="1", color=rx.color("gray", 11), id="energy-method"),
        spacing="3",
        width="100%",
        align="stretch",
    )


def expenditure_card() -> rx.Component:
    card = section(
        t("What you really burn"),
        form_alert(S.energy_error, id="energy-error"),
        rx.cond(
            S.energy_loading,
            rx.center(
                rx.spinner(size="3"), role="status", aria_label=t("Loading your expenditure")
            ),
            rx.cond(S.energy.contains("headline"), _estimate()),
        ),
        id="profile-energy",
    )
    return rx.box(card, on_mount=S.load_energy, width="100%")
