"""The day's water: total against the goal, quick buttons, a typed amount, undo, the goal."""

from __future__ import annotations

import reflex as rx

from app.i18n import t, tf
from app.state.water_fasting import WaterFastingState as S
from components.fields import form_alert


def _goal_form() -> rx.Component:
    return rx.popover.root(
        rx.popover.trigger(
            rx.button(t("Goal"), variant="ghost", size="2", id="water-goal-edit"),
        ),
        rx.popover.content(
            rx.vstack(
                rx.el.label(
                    tf("Daily goal ({unit})", unit=S.water_unit),
                    html_for="water-goal-input",
                    font_weight="500",
                ),
                rx.input(
                    value=S.goal_input,
                    on_change=S.set_goal_input,
                    id="water-goal-input",
                    input_mode="numeric",
                    size="3",
                ),
                rx.cond(
                    S.suggested_goal != "",
                    rx.button(
                        S.suggested_goal,
                        on_click=S.use_suggested_goal,
                        variant="soft",
                        size="1",
                        id="water-goal-suggested",
                    ),
                ),
                rx.button(
                    t("Save goal"),
                    on_click=S.save_goal,
                    loading=S.water_busy,
                    id="water-goal-save",
                ),
                spacing="2",
                align="stretch",
            ),
        ),
        open=S.goal_open,
        on_open_change=S.set_goal_open,
    )


def water_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(t("Water"), size="4", as_="h2"),
                rx.spacer(),
                _goal_form(),
                align="center",
                width="100%",
            ),
            rx.text(
                rx.text.strong(S.total_text, " ", S.water_unit, id="water-total"),
                " / ",
                rx.text.span(S.goal_text, id="water-goal"),
                rx.cond(
                    S.goal_is_default,
                    rx.text.span(" ", t("(default goal)"), color_scheme="gray", size="1"),
                ),
            ),
            rx.progress(
                value=S.water_percent, max=100, width="100%", aria_label=t("Water against goal")
            ),
            rx.hstack(
                rx.foreach(
                    S.quick,
                    lambda q: rx.button(
                        q["label"],
                        on_click=S.add_quick(q["ml"]),
                        disabled=S.water_busy | ~S.can_log_water,
                        variant="soft",
                        size="2",
                        class_name="water-quick",
                    ),
                ),
                rx.button(
                    rx.icon("undo-2", size=16, aria_hidden="true"),
                    t("Undo"),
                    on_click=S.undo_drink,
                    disabled=~S.can_undo | S.water_busy,
                    variant="ghost",
                    size="2",
                    id="water-undo",
                ),
                wrap="wrap",
                spacing="2",
            ),
            rx.el.form(
                rx.hstack(
                    rx.el.label(
                        tf("Amount ({unit})", unit=S.water_unit),
                        html_for="water-amount",
                        class_name="visually-hidden",
                    ),
                    rx.input(
                        value=S.custom_amount,
                        on_change=S.set_custom_amount,
                        placeholder=tf("Other amount ({unit})", unit=S.water_unit),
                        id="water-amount",
                        name="amount",
                        input_mode="decimal",
                        size="2",
                        flex="1",
                    ),
                    rx.button(
                        t("Add"),
                        type="submit",
                        size="2",
                        loading=S.water_busy,
                        disabled=~S.can_log_water,
                    ),
                    width="100%",
                ),
                on_submit=S.add_custom,
                reset_on_submit=False,
                width="100%",
            ),
            form_alert(S.water_error, id="water-error"),
            spacing="3",
            width="100%",
            align="stretch",
        ),
        id="water-card",
        width="100%",
    )
