"""One set of an exercise in the tracker, made for one thumb: big boxes and a 48 px tick.

Strength: weight (kg or lb), reps, RPE, set type; cardio/sport: minutes and distance (km or mi,
the user's units; the box ids keep the metric names). Every box
has a stable id by the set's number in the workout (`set-<n>-weight`, `set-<n>-reps`,
`set-<n>-rpe`, `set-<n>-type`, `set-<n>-minutes`, `set-<n>-km`, `set-<n>-done`).
"""

from __future__ import annotations

import reflex as rx

from app.i18n import t, tf
from app.state.preferences import PreferencesState as P
from app.state.tracker import TrackerState as S

SET_TYPE_LABELS = (
    ("warm_up", t("Warm-up")),
    ("working", t("Working")),
    ("drop", t("Drop")),
    ("failure", t("Failure")),
)


def unit_label(unit: rx.Var) -> rx.Var:
    """A unit var as the page's language writes it: кг, км in Russian; lb and mi stay."""
    return rx.cond(unit == "kg", t("kg"), rx.cond(unit == "km", t("km"), unit)).to(str)


def _box(row: rx.Var, field: str, suffix: str, label: rx.Var[str], **props) -> rx.Component:
    props.setdefault("input_mode", "decimal")
    return rx.el.input(
        value=row[field],
        on_change=lambda value: S.set_field(row["key"], field, value),
        on_blur=S.save_row(row["key"]),
        id="set-" + row["n"] + "-" + suffix,
        aria_label=label,
        aria_invalid=rx.cond(row["error_field"] == field, "true", "false"),
        auto_complete="off",
        disabled=S.completed,
        class_name="set-input",
        **props,
    )


def _tick(row: rx.Var) -> rx.Component:
    return rx.el.button(
        rx.icon("check", size=26, aria_hidden="true"),
        on_click=S.toggle_done(row["key"]),
        id="set-" + row["n"] + "-done",
        aria_label=rx.cond(
            row["done"] == "1",
            tf("Set {n} done, tap to undo", n=row["label"]),
            tf("Mark set {n} done", n=row["label"]),
        ),
        aria_pressed=rx.cond(row["done"] == "1", "true", "false"),
        disabled=S.completed,
        class_name=rx.cond(row["done"] == "1", "set-tick set-tick-done", "set-tick"),
    )


def _strength_boxes(row: rx.Var) -> rx.Component:
    return rx.fragment(
        _box(
            row,
            "weight",
            "weight",
            tf("Set {n} weight in {unit}", n=row["label"], unit=unit_label(P.weight_unit)),
            placeholder=unit_label(P.weight_unit),
        ),
        _box(
            row,
            "reps",
            "reps",
            tf("Set {n} reps", n=row["label"]),
            placeholder=t("reps"),
            input_mode="numeric",
        ),
        _box(
            row,
            "rpe",
            "rpe",
            tf("Set {n} RPE (1 to 10, optional)", n=row["label"]),
            placeholder=rx.cond(S.completed, "", "RPE"),
        ),
    )


def _cardio_boxes(row: rx.Var) -> rx.Component:
    return rx.fragment(
        _box(
            row,
            "duration",
            "minutes",
            tf("Set {n} time in minutes", n=row["label"]),
            placeholder=t("min"),
        ),
        rx.cond(
            row["kind"] == "cardio",
            _box(
                row,
                "distance",
                "km",
                tf(
                    "Set {n} distance in {unit} (optional)",
                    n=row["label"],
                    unit=unit_label(P.distance_unit),
                ),
                placeholder=rx.cond(S.completed, "", unit_label(P.distance_unit)),
            ),
        ),
    )


def set_row(row: rx.Var) -> rx.Component:
    """`row` is one of `TrackerState.rows[entry_id]`."""
    return rx.el.li(
        rx.el.div(
            rx.text(row["label"], class_name="set-number", aria_hidden="true"),
            rx.cond(row["kind"] == "strength", _strength_boxes(row), _cardio_boxes(row)),
            _tick(row),
            class_name=rx.cond(row["kind"] == "strength", "set-line", "set-line set-line-cardio"),
        ),
        rx.el.div(
            rx.cond(
                row["kind"] == "strength",
                rx.el.select(
                    *[rx.el.option(label, value=value) for value, label in SET_TYPE_LABELS],
                    value=row["set_type"],
                    on_change=lambda value: S.set_field(row["key"], "set_type", value),
                    on_blur=S.save_row(row["key"]),
                    id="set-" + row["n"] + "-type",
                    aria_label=tf("Set {n} type", n=row["label"]),
                    disabled=S.completed,
                    class_name="set-type",
                ),
            ),
            rx.cond(
                row["hint"] != "",
                rx.text(
                    tf("Last time {set}", set=row["hint"]),
                    size="1",
                    color_scheme="gray",
                    high_contrast=True,
                    id="set-" + row["n"] + "-hint",
                ),
            ),
            # In the summary only: during the workout the row has room for last time's set.
            rx.cond(
                S.completed & (row["e1rm"] != ""),
                rx.text(row["e1rm"], size="1", weight="medium", id="set-" + row["n"] + "-e1rm"),
            ),
            rx.spacer(),
            rx.cond(
                ~S.completed,
                rx.el.button(
                    rx.icon("trash-2", size=18, aria_hidden="true"),
                    on_click=S.remove_row(row["key"]),
                    id="set-" + row["n"] + "-remove",
                    aria_label=tf("Remove set {n}", n=row["label"]),
                    class_name="set-remove",
                ),
            ),
            class_name="set-meta",
        ),
        rx.cond(
            row["error"] != "",
            rx.text(
                row["error"],
                color_scheme="tomato",
                size="2",
                role="alert",
                id="set-" + row["n"] + "-error",
            ),
        ),
        class_name=rx.cond(row["done"] == "1", "set-row set-row-done", "set-row"),
        data_set=row["n"],
    )
