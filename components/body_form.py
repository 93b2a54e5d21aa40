"""Body data and goal fields (onboarding steps 1-2, the profile form), bound to BodyFormState."""

from __future__ import annotations

import reflex as rx

from app.i18n import LanguageState, t
from app.state.body import RATE_CHOICES, BodyFormState, rate_in_words
from components.bilingual import in_language
from components.fields import field_error, labelled_input

Text = rx.Var[str] | str
# The users service's activity levels: (value, name, one line about it, factor).
ACTIVITY_CHOICES: tuple[tuple[str, Text, Text, str], ...] = (
    ("sedentary", t("Sedentary"), t("Desk job, little walking, no planned exercise."), "1.2"),
    (
        "light",
        t("Lightly active"),
        t("Light exercise or long walks 1\u20133 days a week."),
        "1.375",
    ),
    (
        "moderate",
        t("Moderately active"),
        t("Moderate exercise or sport 3\u20135 days a week."),
        "1.55",
    ),
    ("very_active", t("Very active"), t("Hard exercise 6\u20137 days a week."), "1.725"),
    ("extra_active", t("Extra active"), t("Physical job plus daily hard training."), "1.9"),
)
GOAL_CHOICES: tuple[tuple[str, Text, Text], ...] = (
    ("lose", t("Lose weight"), t("Eat a little below what you burn.")),
    ("maintain", t("Keep my weight"), t("Eat about what you burn.")),
    ("gain", t("Gain weight"), t("Eat a little above what you burn.")),
)


def _rate_words(rate: str) -> rx.Var[str]:
    """A weekly rate in the page's language and the user's units."""
    imperial = BodyFormState.units == "imperial"
    return rx.cond(
        LanguageState.language == "ru",
        rx.cond(
            imperial,
            rate_in_words(rate, "imperial", "ru"),
            rate_in_words(rate, "metric", "ru"),
        ),
        rx.cond(imperial, rate_in_words(rate, "imperial"), rate_in_words(rate)),
    ).to(str)


def _factor_text(factor: str) -> rx.Var[str]:
    """ " (\u00d7 1.375)" / " (\u00d7 1,375)": the activity factor as each language writes it."""
    return in_language(f" (\u00d7 {factor})", f" (\u00d7 {factor.replace('.', ',')})")


def choice_group(
    legend: Text,
    name: str,
    choices: list[tuple[str, Text, Text]],
    *,
    value: rx.Var[str],
    on_change,
    error: rx.Var[str],
    columns=None,
) -> rx.Component:
    """Radio cards in a fieldset: (value, title, one line) each; ids `<name>-<value>`."""
    legend_id = f"{name}-legend"
    return rx.el.fieldset(
        rx.el.legend(
            legend, id=legend_id, font_weight="500", font_size="0.9em", margin_bottom="0.4em"
        ),
        rx.radio_cards.root(
            *[
                rx.radio_cards.item(
                    rx.vstack(
                        rx.text(title, weight="medium"),
                        rx.fragment()
                        if isinstance(line, str) and not line
                        else rx.text(line, size="2", color_scheme="gray"),
                        spacing="0",
                        align="start",
                        width="100%",
                    ),
                    value=choice,
                    id=f"{name}-{choice}",
                    justify="start",
                )
                for choice, title, line in choices
            ],
            value=value,
            on_value_change=on_change,
            columns=columns or rx.breakpoints(initial="1", sm="2"),
            gap="2",
            aria_labelledby=legend_id,
            aria_describedby=f"{name}-error",
            width="100%",
        ),
        field_error(error, name),
        border="none",
        padding="0",
        margin="0",
        min_width="0",
    )


def body_fields() -> rx.Component:
    """Sex, birth date, height, weight, activity level (in the user's units)."""
    s = BodyFormState
    imperial = s.units == "imperial"
    return rx.vstack(
        choice_group(
            t("Sex (the formulas differ)"),
            "sex",
            [("female", t("Female"), ""), ("male", t("Male"), "")],
            value=s.sex,
            on_change=s.set_sex,
            error=s.sex_error,
            columns="2",
        ),
        labelled_input(
            t("Birth date"),
            "birth_date",
            type="date",
            value=s.birth_date,
            on_change=s.set_birth_date,
            error=s.birth_date_error,
            auto_complete="bday",
        ),
        rx.grid(
            labelled_input(
                rx.cond(imperial, t("Height (ft in)"), t("Height (cm)")),
                "height_cm",
                input_mode=rx.cond(imperial, "text", "decimal"),
                value=s.height_cm,
                on_change=s.set_height_cm,
                error=s.height_cm_error,
                placeholder=rx.cond(imperial, "5 ft 7 in", "170"),
            ),
            labelled_input(
                rx.cond(imperial, t("Weight (lb)"), t("Weight (kg)")),
                "weight_kg",
                input_mode="decimal",
                value=s.weight_kg,
                on_change=s.set_weight_kg,
                error=s.weight_kg_error,
                placeholder=rx.cond(imperial, "155", "70"),
            ),
            columns="2",
            spacing="3",
            width="100%",
        ),
        activity_field(),
        spacing="4",
        width="100%",
        align="stretch",
    )


def activity_field() -> rx.Component:
    s = BodyFormState
    return choice_group(
        t("How active are you on a usual day?"),
        "activity_level",
        [
            (value, title + _factor_text(factor), line)
            for value, title, line, factor in ACTIVITY_CHOICES
        ],
        value=s.activity_level,
        on_change=s.set_activity_level,
        error=s.activity_level_error,
    )


def goal_fields() -> rx.Component:
    """Lose / maintain / gain and, unless maintaining, the weekly rate."""
    s = BodyFormState
    return rx.vstack(
        choice_group(
            t("Your goal"),
            "goal",
            list(GOAL_CHOICES),
            value=s.goal,
            on_change=s.set_goal,
            error=s.goal_error,
            columns=rx.breakpoints(initial="1", sm="3"),
        ),
        rx.cond(
            (s.goal == "lose") | (s.goal == "gain"),
            choice_group(
                t("How fast?"),
                "goal_rate",
                [(rate, _rate_words(rate), "") for rate in RATE_CHOICES],
                value=s.goal_rate,
                on_change=s.set_goal_rate,
                error=s.goal_rate_error,
            ),
        ),
        spacing="4",
        width="100%",
        align="stretch",
    )
