"""Chart figures are not pickled into the Redis state (app/state/stored_state.py), and a
state read back builds them again from its rows when they are next asked for."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from app.state.dashboard import DayRow
from app.state.stored_state import without_figures

ROWS = [
    DayRow("2026-11-30", "Mon 30 Nov", 1850.0, 300.0, 2200.0, 400.0, 600.0, 850.0),
    DayRow("2026-12-01", "Tue 1 Dec", 2100.0, 0.0, 2200.0, 450.0, 700.0, 950.0),
]


def test_only_cached_figures_are_left_out():
    figure = go.Figure()
    fields = {"__cached_chart": figure, "__cached_total": 3, "day_rows": [figure], "units": "kg"}
    kept = without_figures(fields)
    assert kept == {"__cached_total": 3, "day_rows": [figure], "units": "kg"}
    assert "__cached_chart" in fields  # the live state keeps its cache


@pytest.fixture
def today():
    from reflex.state import State

    import app.app  # noqa: F401  (registers the page states)
    from app.state.today import TodayState

    root = State(_reflex_internal_init=True)
    return root.get_substate(TodayState.get_full_name().split(".")[1:])


def test_the_day_charts_wait_until_they_are_on_screen(today):
    from components.charts import NO_FIGURE

    today.day_rows = ROWS
    assert today.calories_chart is NO_FIGURE
    today.charts_visible = True
    assert [list(bar.y) for bar in today.calories_chart.data[:2]] == [[1850.0, 2100.0], [300, 0]]


def test_a_state_read_back_from_redis_builds_its_figure_again(today):
    today.day_rows, today.charts_visible = ROWS, True
    drawn = today.calories_chart
    assert any(name.startswith("__cached_") for name in vars(today))
    stored = type(today)._deserialize(today._serialize())
    assert not [n for n, v in vars(stored).items() if isinstance(v, go.Figure)]
    assert stored.day_rows == ROWS and stored.charts_visible
    assert stored.calories_chart.to_dict() == drawn.to_dict()


def test_a_chart_not_on_screen_is_small_on_the_wire():
    # Every hydrate serializes every chart var: the placeholder must not carry plotly's default
    # template (7 KB of JSON per var with `go.Figure()`).
    from reflex_base.utils.serializers import serialize

    from components.charts import NO_FIGURE

    assert len(json.dumps(serialize(NO_FIGURE))) < 1000
    assert len(json.dumps(serialize(go.Figure()))) > 5000  # what it was
