"""The daily targets explained: BMR (formula, inputs, source) → TDEE → goal → kcal and macros."""

from __future__ import annotations

import reflex as rx

from app.i18n import t, tf
from app.state.body import BodyFormState
from components.fields import form_alert, labelled_input


def _step(
    label: rx.Var[str], value, unit: rx.Var[str], *explanation: rx.Component, id: str
) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(label, weight="medium", flex="1", min_width="0"),
            rx.text(value, " ", unit, weight="bold", size="4", id=id, white_space="nowrap"),
            align="baseline",
            spacing="3",
            width="100%",
        ),
        *explanation,
        padding_y="0.6em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
    )


def _small(*children, **props) -> rx.Component:
    return rx.text(*children, size="2", color=rx.color("gray", 11), **props)


def macro_tile(name: rx.Var[str], grams, rule, id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(name, size="2", color=rx.color("gray", 11)),
            rx.text(grams, " ", t("g"), size="6", weight="bold", id=id),
            _small(rule),
            spacing="1",
        ),
        flex="1",
        min_width="9em",
    )


def targets_explained() -> rx.Component:
    """Reads BodyFormState.targets; loading, error and empty states included."""
    s = BodyFormState
    v = s.targets
    body = rx.vstack(
        _step(
            t("Basal metabolic rate (BMR)"),
            v.bmr_kcal,
            t("kcal/day"),
            rx.text(
                t("Formula:"),
                " ",
                rx.el.strong(v.formula_name),
                id="targets-formula",
                size="2",
            ),
            rx.cond(
                v.formula_equation != "",
                _small(v.formula_equation, " = ", v.bmr_kcal, id="targets-equation"),
            ),
            _small(
                t("Your inputs:"),
                " ",
                rx.foreach(
                    v.formula_inputs, lambda line, i: rx.text.span(rx.cond(i > 0, " · ", ""), line)
                ),
                id="targets-inputs",
            ),
            _small(t("Source:"), " ", v.formula_source),
            rx.foreach(v.alternatives, lambda line: _small(t("For comparison:"), " ", line)),
            id="targets-bmr",
        ),
        _step(
            t("Daily energy use (TDEE)"),
            v.tdee_kcal,
            t("kcal/day"),
            _small(
                tf(
                    "BMR \u00d7 {factor} for “{activity}”",
                    factor=v.activity_factor,
                    activity=v.activity_name,
                )
            ),
            id="targets-tdee",
        ),
        _step(
            t("Goal adjustment"),
            v.goal_adjustment_kcal,
            t("kcal/day"),
            _small(
                v.goal_name,
                rx.cond(v.goal_rate != "", rx.text.span(", ", v.goal_rate)),
                rx.cond(
                    v.goal_rate != "",
                    rx.text.span(": ", rx.text.span(v.goal_method, id="targets-goal-method")),
                ),
            ),
            id="targets-adjustment",
        ),
        rx.box(
            rx.hstack(
                rx.text(t("Your daily calorie target"), weight="bold", flex="1", min_width="0"),
                rx.text(
                    v.calorie_target_kcal,
                    " ",
                    t("kcal"),
                    weight="bold",
                    size="6",
                    id="targets-calories",
                    white_space="nowrap",
                ),
                align="baseline",
                width="100%",
            ),
            rx.cond(
                v.floor_note != "",
                rx.callout(
                    v.floor_note,
                    color_scheme="amber",
                    icon="triangle_alert",
                    margin_top="0.5em",
                    id="targets-floor",
                ),
            ),
            padding_y="0.6em",
        ),
        rx.flex(
            macro_tile(t("Protein"), v.protein_g, v.protein_rule, "targets-protein"),
            macro_tile(t("Fat"), v.fat_g, v.fat_rule, "targets-fat"),
            macro_tile(
                t("Carbohydrate"),
                v.carbohydrate_g,
                t("the rest of the energy"),
                "targets-carbohydrate",
            ),
            spacing="3",
            wrap="wrap",
            width="100%",
        ),
        _small(v.macro_shares, id="targets-macro-shares"),
        rx.foreach(v.notes, lambda note: _small(note)),
        spacing="2",
        width="100%",
        align="stretch",
    )
    return rx.box(
        rx.cond(
            s.targets_loading & ~s.has_targets,
            rx.hstack(rx.spinner(), rx.text(t("Working out your targets…")), id="targets-loading"),
            rx.cond(
                s.has_targets,
                body,
                rx.callout(
                    rx.cond(s.targets_error != "", s.targets_error, t("No targets yet.")),
                    color_scheme="gray",
                    id="targets-empty",
                ),
            ),
        ),
        id="targets",
        aria_live="polite",
        width="100%",
    )


def custom_targets_form() -> rx.Component:
    """Set your own targets: calorie target, protein per kg, fat share; empty = formula."""
    s = BodyFormState
    return rx.el.details(
        rx.el.summary(
            t("Set your own calorie target or macro split"),
            cursor="pointer",
            font_weight="500",
            id="custom-targets-toggle",
        ),
        rx.vstack(
            rx.text(
                t(
                    "Leave a box empty to let the formula decide. Your own target replaces the "
                    "calculated one everywhere, including the over-target warnings."
                ),
                size="2",
                color_scheme="gray",
                high_contrast=True,
            ),
            labelled_input(
                t("Calories per day (kcal)"),
                "custom_kcal",
                value=s.custom_kcal,
                on_change=lambda v: s.set_custom("kcal", v),
                input_mode="numeric",
                placeholder=tf("e.g. {example}", example="2000"),
                error=s.custom_kcal_error,
                id="custom-kcal",
            ),
            rx.grid(
                labelled_input(
                    tf("Protein (g per {unit} of body weight)", unit=BodyFormState.weight_unit),
                    "custom_protein",
                    value=s.custom_protein,
                    on_change=lambda v: s.set_custom("protein", v),
                    input_mode="decimal",
                    placeholder=rx.cond(
                        BodyFormState.units == "imperial",
                        tf("e.g. {example}", example="0.7"),
                        tf("e.g. {example}", example="1.6"),
                    ),
                    error=s.custom_protein_error,
                    id="custom-protein",
                ),
                labelled_input(
                    t("Fat (% of energy)"),
                    "custom_fat",
                    value=s.custom_fat,
                    on_change=lambda v: s.set_custom("fat", v),
                    input_mode="decimal",
                    placeholder=tf("e.g. {example}", example="30"),
                    error=s.custom_fat_error,
                    id="custom-fat",
                ),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            form_alert(s.custom_notice, color="grass", id="custom-targets-notice"),
            rx.hstack(
                rx.button(
                    t("Save my targets"),
                    on_click=s.save_custom_targets,
                    loading=s.custom_saving,
                    size="3",
                    id="custom-targets-save",
                ),
                rx.button(
                    t("Use the formula"),
                    on_click=s.use_formula_targets,
                    variant="soft",
                    color_scheme="gray",
                    size="3",
                    id="custom-targets-clear",
                ),
                spacing="3",
                wrap="wrap",
            ),
            spacing="3",
            padding_top="1em",
            align="stretch",
        ),
        id="custom-targets",
    )
