"""The daily targets explained: BMR (formula, inputs, source) → TDEE → goal → kcal and macros."""

from __future__ import annotations

import reflex as rx

from app.state.body import BodyFormState
from components.fields import form_alert, labelled_input


def _step(label: str, value, unit: str, *explanation: rx.Component, id: str) -> rx.Component:
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


def macro_tile(name: str, grams, rule, id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(name, size="2", color=rx.color("gray", 11)),
            rx.text(grams, " g", size="6", weight="bold", id=id),
            _small(rule),
            spacing="1",
        ),
        flex="1",
        min_width="9em",
    )


def targets_explained() -> rx.Component:
    """Reads BodyFormState.targets; loading, error and empty states included."""
    s = BodyFormState
    t = s.targets
    body = rx.vstack(
        _step(
            "Basal metabolic rate (BMR)",
            t.bmr_kcal,
            "kcal/day",
            rx.text(
                "Formula: ",
                rx.el.strong(t.formula_name),
                id="targets-formula",
                size="2",
            ),
            rx.cond(
                t.formula_equation != "",
                _small(t.formula_equation, " = ", t.bmr_kcal, id="targets-equation"),
            ),
            _small(
                "Your inputs: ",
                rx.foreach(
                    t.formula_inputs, lambda line, i: rx.text.span(rx.cond(i > 0, " · ", ""), line)
                ),
                id="targets-inputs",
            ),
            _small("Source: ", t.formula_source),
            rx.foreach(t.alternatives, lambda line: _small("For comparison: ", line)),
            id="targets-bmr",
        ),
        _step(
            "Daily energy use (TDEE)",
            t.tdee_kcal,
            "kcal/day",
            _small("BMR \u00d7 ", t.activity_factor, " for “", t.activity_name, "”"),
            id="targets-tdee",
        ),
        _step(
            "Goal adjustment",
            t.goal_adjustment_kcal,
            "kcal/day",
            _small(
                t.goal_name,
                rx.cond(t.goal_rate != "", rx.text.span(", ", t.goal_rate)),
                rx.cond(
                    t.goal_rate != "",
                    rx.text.span(": ", rx.text.span(t.goal_method, id="targets-goal-method")),
                ),
            ),
            id="targets-adjustment",
        ),
        rx.box(
            rx.hstack(
                rx.text("Your daily calorie target", weight="bold", flex="1", min_width="0"),
                rx.text(
                    t.calorie_target_kcal,
                    " kcal",
                    weight="bold",
                    size="6",
                    id="targets-calories",
                    white_space="nowrap",
                ),
                align="baseline",
                width="100%",
            ),
            rx.cond(
                t.floor_note != "",
                rx.callout(
                    t.floor_note,
                    color_scheme="amber",
                    icon="triangle_alert",
                    margin_top="0.5em",
                    id="targets-floor",
                ),
            ),
            padding_y="0.6em",
        ),
        rx.flex(
            macro_tile("Protein", t.protein_g, t.protein_rule, "targets-protein"),
            macro_tile("Fat", t.fat_g, t.fat_rule, "targets-fat"),
            macro_tile(
                "Carbohydrate", t.carbohydrate_g, "the rest of the energy", "targets-carbohydrate"
            ),
            spacing="3",
            wrap="wrap",
            width="100%",
        ),
        _small(t.macro_shares, id="targets-macro-shares"),
        rx.foreach(t.notes, lambda note: _small(note)),
        spacing="2",
        width="100%",
        align="stretch",
    )
    return rx.box(
        rx.cond(
            s.targets_loading & ~s.has_targets,
            rx.hstack(rx.spinner(), rx.text("Working out your targets…"), id="targets-loading"),
            rx.cond(
                s.has_targets,
                body,
                rx.callout(
                    rx.cond(s.targets_error != "", s.targets_error, "No targets yet."),
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
            "Set your own calorie target or macro split",
            cursor="pointer",
            font_weight="500",
            id="custom-targets-toggle",
        ),
        rx.vstack(
            rx.text(
                "Leave a box empty to let the formula decide. Your own target replaces the "
                "calculated one everywhere, including the over-target warnings.",
                size="2",
                color_scheme="gray",
                high_contrast=True,
            ),
            labelled_input(
                "Calories per day (kcal)",
                "custom_kcal",
                value=s.custom_kcal,
                on_change=lambda v: s.set_custom("kcal", v),
                input_mode="numeric",
                placeholder="e.g. 2000",
                error=s.custom_kcal_error,
                id="custom-kcal",
            ),
            rx.grid(
                labelled_input(
                    "Protein (g per " + BodyFormState.weight_unit + " of body weight)",
                    "custom_protein",
                    value=s.custom_protein,
                    on_change=lambda v: s.set_custom("protein", v),
                    input_mode="decimal",
                    placeholder=rx.cond(BodyFormState.units == "imperial", "e.g. 0.7", "e.g. 1.6"),
                    error=s.custom_protein_error,
                    id="custom-protein",
                ),
                labelled_input(
                    "Fat (% of energy)",
                    "custom_fat",
                    value=s.custom_fat,
                    on_change=lambda v: s.set_custom("fat", v),
                    input_mode="decimal",
                    placeholder="e.g. 30",
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
                    "Save my targets",
                    on_click=s.save_custom_targets,
                    loading=s.custom_saving,
                    size="3",
                    id="custom-targets-save",
                ),
                rx.button(
                    "Use the formula",
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
