"""Plotly charts of the last days (calories, macro split, weight) with a table of the numbers.

Plotly's 4.6 MB chunk is loaded by the browser only when an `rx.plotly` first renders
(Reflex imports it lazily), so pages show `chart_card`s only after their data has arrived:
the first paint never waits for it. The figure builders are pure and unit-tested.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import reflex as rx

from app.state.dashboard import DayRow, WeightRow

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


def _layout(fig: go.Figure, *, y_title: str, barmode: str | None = None) -> go.Figure:
    fig.update_layout(
        template="none",
        height=HEIGHT,
        margin={"l": 48, "r": 8, "t": 8, "b": 36},
        legend={"orientation": "h", "y": -0.2, "x": 0},
        hovermode="x unified",
        barmode=barmode,
        yaxis_title=y_title,
        xaxis={"type": "date", "tickformat": "%-d %b", "fixedrange": True},
        yaxis={"fixedrange": True, "rangemode": "tozero" if barmode else "normal"},
    )
    return fig


def calories_figure(rows: Sequence[DayRow]) -> go.Figure:
    """Eaten and burned per day as bars, the target as a dashed line."""
    x = [r.date for r in rows]
    fig = go.Figure(
        [
            go.Bar(x=x, y=[r.calories_in for r in rows], name="Eaten", marker_color=IN_COLOR),
            go.Bar(
                x=x,
                y=[r.calories_out for r in rows],
                name="Burned (workouts)",
                marker_color=OUT_COLOR,
            ),
            go.Scatter(
                x=x,
                y=[r.target for r in rows],
                name="Target",
                mode="lines",
                line={"color": TARGET_COLOR, "dash": "dash", "width": 2},
            ),
        ]
    )
    return _layout(fig, y_title="kcal", barmode="group")


def macros_figure(rows: Sequence[DayRow]) -> go.Figure:
    """Energy from protein, fat and carbohydrate per logged day, stacked."""
    x = [r.date for r in rows]
    parts = (
        ("Protein", [r.protein_kcal for r in rows], PROTEIN_COLOR),
        ("Fat", [r.fat_kcal for r in rows], FAT_COLOR),
        ("Carbohydrate", [r.carbohydrate_kcal for r in rows], CARB_COLOR),
    )
    fig = go.Figure([go.Bar(x=x, y=y, name=name, marker_color=color) for name, y, color in parts])
    return _layout(fig, y_title="kcal", barmode="stack")


def weight_figure(rows: Sequence[WeightRow]) -> go.Figure:
    """Weigh-ins as dots, the smoothed trend as a line, the goal pace dashed."""
    x = [r.date for r in rows]
    fig = go.Figure(
        [
            go.Scatter(
                x=x,
                y=[r.weight_kg for r in rows],
                name="Weigh-in",
                mode="markers",
                marker={"color": WEIGHT_COLOR, "size": 7},
            ),
            go.Scatter(
                x=x,
                y=[r.trend_kg for r in rows],
                name="Trend",
                mode="lines",
                line={"color": TREND_COLOR, "width": 3},
                connectgaps=True,
            ),
            go.Scatter(
                x=x,
                y=[r.goal_kg for r in rows],
                name="Goal pace",
                mode="lines",
                line={"color": GOAL_COLOR, "dash": "dash", "width": 2},
            ),
        ]
    )
    return _layout(fig, y_title="kg")


def numbers_table(
    headers: Sequence[str], rows: rx.Var[list[list[str]]], *, id: str, caption: str
) -> rx.Component:
    """The chart's text alternative: a collapsed table of the same numbers."""
    return rx.el.details(
        rx.el.summary("Show the numbers", cursor="pointer", font_size="0.9em", font_weight="500"),
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
    title: str,
    figure: rx.Var[go.Figure],
    *,
    id: str,
    description: rx.Var[str] | str,
    table: rx.Component,
    empty: rx.Var[bool],
    empty_text: str,
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
                    aria_label=f"{title} chart; the numbers are in the table below",
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
