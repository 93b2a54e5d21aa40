"""Plotly charts of the last days (calories, macro split, weight) with a table of the numbers.

Plotly's 4.6 MB chunk is loaded by the browser only when an `rx.plotly` first renders
(Reflex imports it lazily), so pages show `chart_card`s only after their data has arrived:
the first paint never waits for it. The figure builders are pure and unit-tested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go
import reflex as rx

from app.i18n import t, tf, tr
from app.state.dashboard import DayRow, WeightRow
from app.state.preferences import PreferencesState
from app.state.progress_logic import MuscleWeeks, SessionRow
from app.state.units import METRIC, kg_to_shown, weight_unit

# Radix colour steps that read well on white (grass 9, orange 9, blue 9, amber 10, violet 9).
IN_COLOR = "#30a46c"
OUT_COLOR = "#f76b15"
TARGET_COLOR = "#60646c"
PROTEIN_COLOR = "#0090ff"
FAT_COLOR = "#ffba18"
CARB_COLOR = "#6e56cf"
WEIGHT_COLOR = "#8d8d8d"
TREND_COLOR = "#0090ff"
GOAL_COLOR = "#30a46c"
DAY_MS = 86_400_000  # a bar's width on a date axis is in milliseconds
E1RM_COLOR = "#0090ff"
VOLUME_COLOR = "#30a46c"
# One colour per muscle group, in the order the groups are listed (most trained first).
MUSCLE_COLORS = (
    "#0090ff",
    "#30a46c",
    "#f76b15",
    "#6e56cf",
    "#ffba18",
    "#e54666",
    "#12a594",
    "#8d8d8d",
    "#d6409f",
    "#3e63dd",
)
HEIGHT = 260
# A small template instead of Reflex's default (the full "plotly" template in every page).
TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": "system-ui, sans-serif", "size": 12, "color": "#1c2024"},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        xaxis={"gridcolor": "#e8e8ec", "linecolor": "#d9d9e0", "fixedrange": True},
        yaxis={"gridcolor": "#e8e8ec", "zeroline": False, "fixedrange": True},
    )
)
CONFIG = {"displayModeBar": False, "responsive": True, "scrollZoom": False}
# What a chart var holds while its chart is not on screen: built once, never drawn. With the
# small template: every hydrate serializes each chart var, and `go.Figure()` carries plotly's
# whole default template (7 KB of JSON, 1.1 ms to serialize; this: 0.35 KB, 0.08 ms).
NO_FIGURE = go.Figure(layout={"template": TEMPLATE})


def _layout(
    fig: go.Figure, *, y_title: str, barmode: str | None = None, language: str = "en"
) -> go.Figure:
    # Plotly writes month names in English: Russian dates on the axis are day.month.
    tickformat = "%-d.%m" if language == "ru" else "%-d %b"
    fig.update_layout(
        template="none",
        height=HEIGHT,
        margin={"l": 48, "r": 8, "t": 8, "b": 36},
        legend={"orientation": "h", "y": -0.2, "x": 0},
        hovermode="x unified",
        barmode=barmode,
        yaxis_title=y_title,
        xaxis={"type": "date", "tickformat": tickformat, "fixedrange": True},
        yaxis={"fixedrange": True, "rangemode": "tozero" if barmode else "normal"},
    )
    return fig


def calories_figure(rows: Sequence[DayRow], language: str = "en") -> go.Figure:
    """Eaten and burned per day as bars, the target as a dashed line."""
    x = [r.date for r in rows]
    fig = go.Figure(
        [
            go.Bar(
                x=x,
                y=[r.calories_in for r in rows],
                name=tr(language, "Eaten"),
                marker_color=IN_COLOR,
            ),
            go.Bar(
                x=x,
                y=[r.calories_out for r in rows],
                name=tr(language, "Burned (workouts)"),
                marker_color=OUT_COLOR,
            ),
            go.Scatter(
                x=x,
                y=[r.target for r in rows],
                name=tr(language, "Target"),
                mode="lines",
                line={"color": TARGET_COLOR, "dash": "dash", "width": 2},
            ),
        ]
    )
    return _layout(fig, y_title=tr(language, "kcal"), barmode="group", language=language)


def macros_figure(rows: Sequence[DayRow], language: str = "en") -> go.Figure:
    """Energy from protein, fat and carbohydrate per logged day, stacked."""
    x = [r.date for r in rows]
    parts = (
        (tr(language, "Protein"), [r.protein_kcal for r in rows], PROTEIN_COLOR),
        (tr(language, "Fat"), [r.fat_kcal for r in rows], FAT_COLOR),
        (tr(language, "Carbohydrate"), [r.carbohydrate_kcal for r in rows], CARB_COLOR),
    )
    fig = go.Figure([go.Bar(x=x, y=y, name=name, marker_color=color) for name, y, color in parts])
    return _layout(fig, y_title=tr(language, "kcal"), barmode="stack", language=language)


def _shown(values: Sequence[float | None], units: str) -> list[float | None]:
    """Weights (kg) on a chart in the user's unit; gaps stay gaps."""
    return [None if kg is None else round(kg_to_shown(kg, units), 2) for kg in values]


def weight_figure(
    rows: Sequence[WeightRow], units: str = METRIC, language: str = "en"
) -> go.Figure:
    """Weigh-ins as dots, the smoothed trend as a line, the goal pace dashed (kg or lb)."""
    x = [r.date for r in rows]
    fig = go.Figure(
        [
            go.Scatter(
                x=x,
                y=_shown([r.weight_kg for r in rows], units),
                name=tr(language, "Weigh-in"),
                mode="markers",
                marker={"color": WEIGHT_COLOR, "size": 7},
            ),
            go.Scatter(
                x=x,
                y=_shown([r.trend_kg for r in rows], units),
                name=tr(language, "Trend"),
                mode="lines",
                line={"color": TREND_COLOR, "width": 3},
                connectgaps=True,
            ),
            go.Scatter(
                x=x,
                y=_shown([r.goal_kg for r in rows], units),
                name=tr(language, "Goal pace"),
                mode="lines",
                line={"color": GOAL_COLOR, "dash": "dash", "width": 2},
            ),
        ]
    )
    return _layout(fig, y_title=weight_unit(units, language), language=language)


def pad_dates(fig: go.Figure, dates: Sequence[str], days: int) -> go.Figure:
    """A few bars on a date axis keep a bar's width (Plotly would stretch one bar across)."""
    if 0 < len(set(dates)) < 4:
        first, last = dt.date.fromisoformat(min(dates)), dt.date.fromisoformat(max(dates))
        pad = dt.timedelta(days=days)
        fig.update_xaxes(range=[(first - pad).isoformat(), (last + pad).isoformat()])
    return fig


def e1rm_figure(rows: Sequence[SessionRow], units: str = METRIC, language: str = "en") -> go.Figure:
    """The estimated 1RM per session as a line with dots; hovering shows the best set."""
    known = [r for r in rows if r.e1rm_kg is not None]
    fig = go.Figure(
        go.Scatter(
            x=[r.date for r in known],
            y=_shown([r.e1rm_kg for r in known], units),
            text=[r.best_set for r in known],
            name="e1RM",
            mode="lines+markers",
            line={"color": E1RM_COLOR, "width": 3},
            marker={"size": 8},
            hovertemplate="%{y:.1f} "
            + weight_unit(units, language)
            + tr(language, " (best set {best})", best="%{text}")
            + "<extra></extra>",
        )
    )
    fig = _layout(fig, y_title=weight_unit(units, language), language=language)
    return pad_dates(fig, [r.date for r in known], 3)


def session_volume_figure(
    rows: Sequence[SessionRow], units: str = METRIC, language: str = "en"
) -> go.Figure:
    """Volume (reps x weight of the working sets) per session, as bars."""
    fig = go.Figure(
        go.Bar(
            x=[r.date for r in rows],
            y=_shown([r.volume_kg for r in rows], units),
            name=tr(language, "Volume"),
            marker_color=VOLUME_COLOR,
            width=0.8 * DAY_MS,
        )
    )
    fig = _layout(fig, y_title=weight_unit(units, language), barmode="group", language=language)
    return pad_dates(fig, [r.date for r in rows], 3)


def muscle_figure(
    weeks: MuscleWeeks, *, measure: str, units: str = METRIC, language: str = "en"
) -> go.Figure:
    """Weekly working sets (`measure="sets"`) or volume per muscle group, stacked by week."""
    values: dict[str, list[int]] | dict[str, list[float | None]] = (
        weeks.sets if measure == "sets" else {m: _shown(v, units) for m, v in weeks.volume.items()}
    )
    fig = go.Figure(
        [
            go.Bar(
                x=weeks.weeks,
                y=values[muscle],
                name=muscle.capitalize(),
                marker_color=MUSCLE_COLORS[n % len(MUSCLE_COLORS)],
                width=5 * DAY_MS,
            )
            for n, muscle in enumerate(weeks.muscles)
        ]
    )
    y_title = tr(language, "sets") if measure == "sets" else weight_unit(units, language)
    fig = _layout(fig, y_title=y_title, barmode="stack", language=language)
    fig = pad_dates(fig, weeks.weeks, 7)
    if measure == "sets":
        most = max((sum(week) for week in zip(*values.values(), strict=True)), default=0)
        fig.update_yaxes(tickformat="d", dtick=1 if most <= 10 else None)  # whole sets
    return fig


def weight_headers() -> list[str | rx.Var[str]]:
    """The body-weight table's headers in the user's unit ("Weight (lb)")."""
    unit = PreferencesState.weight_unit
    return [
        t("Day"),
        tf("Weight ({unit})", unit=unit),
        tf("Trend ({unit})", unit=unit),
        tf("Goal pace ({unit})", unit=unit),
    ]


def numbers_table(
    headers: Sequence[str | rx.Var[str]],
    rows: rx.Var[list[list[str]]],
    *,
    id: str,
    caption: str | rx.Var[str],
) -> rx.Component:
    """The chart's text alternative: a collapsed table of the same numbers."""
    return rx.el.details(
        rx.el.summary(
            t("Show the numbers"), cursor="pointer", font_size="0.9em", font_weight="500"
        ),
        rx.box(
            rx.table.root(
                rx.el.caption(caption, style={"position": "absolute", "left": "-9999px"}),
                rx.table.header(
                    rx.table.row(*[rx.table.column_header_cell(h, scope="col") for h in headers])
                ),
                rx.table.body(
                    rx.foreach(
                        rows,
                        lambda row: rx.table.row(
                            rx.table.row_header_cell(row[0]),
                            *[rx.table.cell(row[i]) for i in range(1, len(headers))],
                        ),
                    )
                ),
                size="1",
                width="100%",
            ),
            overflow_x="auto",
            padding_top="0.5em",
        ),
        id=id,
    )


def chart_card(
    title: str | rx.Var[str],
    figure: rx.Var[go.Figure],
    *,
    id: str,
    description: rx.Var[str] | str,
    table: rx.Component,
    empty: rx.Var[bool],
    empty_text: str | rx.Var[str],
) -> rx.Component:
    """A titled chart (or its empty state) with the numbers below it."""
    return rx.card(
        rx.vstack(
            rx.heading(title, size="4", as_="h3"),
            rx.text(description, size="2", color=rx.color("gray", 11)),
            rx.cond(
                empty,
                rx.text(empty_text, size="2", padding_y="2em", id=f"{id}-empty"),
                rx.box(
                    rx.plotly(
                        data=figure,
                        config=CONFIG,
                        template=TEMPLATE,
                        use_resize_handler=True,
                        width="100%",
                        height=f"{HEIGHT}px",
                    ),
                    role="img",
                    aria_label=tf("{title} chart; the numbers are in the table below", title=title),
                    width="100%",
                ),
            ),
            table,
            spacing="2",
            width="100%",
            align="stretch",
        ),
        id=id,
        width="100%",
    )
