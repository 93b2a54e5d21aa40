"""Rings for the day's energy and macros against their targets (diary and Today dashboard).

Stateless: give it two Vars of `{"kcal", "protein_g", "fat_g", "carbohydrate_g"}` numbers,
already rounded for display (`app.state.diary_logic.macro_amounts` does that). A target of
0 means "no target yet": the ring stays empty and says so.
"""

from __future__ import annotations

import reflex as rx

from app.i18n import t, tf
from components.bilingual import number_text

# (key, label, unit, colour, id suffix): the order the rings are shown in.
MACROS: tuple[tuple[str, rx.Var[str], rx.Var[str], str, str], ...] = (
    ("kcal", t("Calories"), t("kcal"), "grass", "kcal"),
    ("protein_g", t("Protein"), t("g"), "blue", "protein"),
    ("fat_g", t("Fat"), t("g"), "amber", "fat"),
    ("carbohydrate_g", t("Carbs"), t("g"), "violet", "carbs"),
)
RING_MAX = "112px"  # rings share the row equally and stop growing here


def ring(
    value: rx.Var,
    target: rx.Var,
    *,
    label: rx.Var[str],
    unit: rx.Var[str],
    color: str,
    ring_id: str,
    warn_over: bool = False,
    with_unit: bool = True,
) -> rx.Component:
    """One ring: the share of the target eaten, the number inside; with `warn_over` it
    turns red past the target (calories: protein over its target is no warning)."""
    has_target = target > 0
    percent = rx.cond(has_target, value / target * 100, 0)
    over = has_target & (value > target) & warn_over
    fill = rx.cond(over, rx.color("tomato", 9), rx.color(color, 9))
    track = rx.color("gray", 4)
    return rx.vstack(
        rx.box(
            rx.box(
                rx.text(number_text(value), weight="bold", size="3", line_height="1.1", id=ring_id),
                rx.text(
                    rx.cond(
                        has_target, tf("of {target}", target=number_text(target)), t("no target")
                    ),
                    size="1",
                    color_scheme="gray",
                    high_contrast=True,
                    line_height="1.1",
                ),
                display="flex",
                flex_direction="column",
                align_items="center",
                justify_content="center",
                width="calc(100% - 14px)",
                height="calc(100% - 14px)",
                border_radius="50%",
                background_color=rx.color("gray", 1),
            ),
            display="flex",
            align_items="center",
            justify_content="center",
            width="100%",
            max_width=RING_MAX,
            aspect_ratio="1",
            border_radius="50%",
            background=f"conic-gradient({fill} calc({percent} * 1%), {track} 0)",
            role="img",
            aria_label=rx.cond(
                has_target,
                tf(
                    "{label}: {value} of {target} {unit}",
                    label=label,
                    value=number_text(value),
                    target=number_text(target),
                    unit=unit,
                ),
                tf(
                    "{label}: {value} {unit}, no target yet",
                    label=label,
                    value=number_text(value),
                    unit=unit,
                ),
            ),
        ),
        rx.text(
            label,
            " ",
            rx.el.span(f"({unit})", style={"opacity": "0.85"}) if with_unit else "",
            size="2",
            weight="medium",
        ),
        align="center",
        spacing="1",
        min_width="0",
    )


def macro_rings(
    totals: rx.Var[dict[str, float]],
    targets: rx.Var[dict[str, float]],
    *,
    id_prefix: str = "day",
) -> rx.Component:
    """Four rings in a row (fits a 390 px phone); ids `{id_prefix}-kcal`, `-protein`, `-fat`,
    `-carbs` are on the eaten numbers (e.g. `#day-kcal` reads "523")."""
    return rx.grid(
        *[
            ring(
                totals[key].to(float),
                targets[key].to(float),
                label=label,
                unit=unit,
                color=color,
                ring_id=f"{id_prefix}-{suffix}",
                warn_over=key == "kcal",
                with_unit=key != "kcal",
            )
            for key, label, unit, color, suffix in MACROS
        ],
        grid_template_columns="repeat(4, minmax(0, 1fr))",
        width="100%",
        spacing="2",
        id=f"{id_prefix}-rings",
    )
