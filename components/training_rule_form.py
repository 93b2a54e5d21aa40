"""The training-day rule's form: what a training day (a completed workout, or a weekday the
followed program plans) adds to the target."""

from __future__ import annotations

import reflex as rx

from app.i18n import t
from app.state.training_rule import TrainingRuleState as S
from components.fields import form_alert, labelled_input


def training_rule_form() -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            t("More on training days"),
            cursor="pointer",
            font_weight="500",
            id="training-rule-toggle",
        ),
        rx.vstack(
            rx.text(
                t(
                    "On a training day (a day with a completed workout, or a weekday the program "
                    "you follow plans) the day's target grows by this much. Exercise counts net "
                    "of the resting energy your target already holds."
                ),
                size="2",
                color_scheme="gray",
                high_contrast=True,
            ),
            rx.el.label(
                t("Extra on a training day"),
                html_for="training-rule-kind",
                font_weight="500",
                font_size="0.9em",
            ),
            rx.el.select(
                rx.el.option(t("None"), value="none"),
                rx.el.option(t("Calories (kcal)"), value="kcal"),
                rx.el.option(t("Carbohydrate (g)"), value="carbohydrate"),
                rx.el.option(t("A share of the workout's net energy (%)"), value="add_back"),
                value=S.rule_kind,
                on_change=S.set_rule_kind,
                id="training-rule-kind",
                class_name="native-select",
            ),
            rx.cond(
                S.rule_kind != "none",
                labelled_input(
                    t("Amount"),
                    "training_rule_amount",
                    value=S.rule_amount,
                    on_change=S.set_rule_amount,
                    input_mode="numeric",
                    error=S.rule_error,
                    id="training-rule-amount",
                ),
            ),
            form_alert(S.rule_notice, color="grass", id="training-rule-notice"),
            rx.button(
                t("Save the training-day rule"),
                on_click=S.save_rule,
                loading=S.rule_saving,
                size="3",
                id="training-rule-save",
            ),
            spacing="3",
            padding_top="1em",
            align="stretch",
        ),
        on_mount=S.load_rule,
        id="training-rule",
    )
