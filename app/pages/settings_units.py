"""Settings: units (metric / imperial) and the first day of the week. Saved at once."""

from __future__ import annotations

import reflex as rx

from app.i18n import t
from app.state import units as u
from app.state.preferences import PreferencesState as P
from components.fields import form_alert
from components.section_card import section


def choice(label: rx.Var[str], name: str, value: rx.Var[str], on_change, options) -> rx.Component:
    return rx.vstack(
        rx.text(label, weight="medium", size="2", as_="div", id=f"{name}-label"),
        rx.segmented_control.root(
            *[rx.segmented_control.item(text, value=key) for key, text in options],
            value=value,
            on_change=on_change,
            size="3",
            width="100%",
            id=name,
            aria_labelledby=f"{name}-label",
        ),
        spacing="1",
        align="stretch",
        width="100%",
    )


def units_section() -> rx.Component:
    return section(
        t("Units and week"),
        choice(
            t("Units"),
            "units",
            P.units,
            P.save_units,
            ((u.METRIC, t("Metric (kg, cm)")), (u.IMPERIAL, t("Imperial (lb, ft in)"))),
        ),
        choice(
            t("Weeks start on"),
            "week-start",
            P.week_start,
            P.save_week_start,
            ((u.MONDAY, t("Monday")), (u.SUNDAY, t("Sunday"))),
        ),
        rx.text(
            t(
                "Everything is stored in kilograms and centimetres; this only changes what you "
                "see and type. Calories stay in kcal."
            ),
            size="1",
            color=rx.color("gray", 11),
        ),
        form_alert(P.units_error, id="units-error"),
        rx.cond(
            P.units_notice != "",
            rx.text(
                P.units_notice, color_scheme="grass", size="2", id="units-notice", role="status"
            ),
        ),
        id="settings-units",
    )
