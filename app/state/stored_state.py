"""What a page state keeps in Redis between events.

Reflex pickles every state with the cached values of its computed vars. A plotly figure
pickles as its dict and unpickles through plotly's validators, which cost more than building
the figure: profiled on a cold load of `/`, unpickling the day's three chart figures was about
a third of the UI backend's CPU per event, paid again on every later event of that tab. A
figure is therefore never stored: when its inputs change Reflex computes it anyway, and a
hydrate asks for every var afresh.
"""

from __future__ import annotations

from typing import Any

from plotly.basedatatypes import BaseFigure

CACHED_VAR_PREFIX = "__cached_"  # reflex_base.vars.base.ComputedVar._cache_attr


def without_figures(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields to pickle: all but the cached values of computed vars that are figures."""
    return {
        name: value
        for name, value in fields.items()
        if not (name.startswith(CACHED_VAR_PREFIX) and isinstance(value, BaseFigure))
    }


def set_changed(state: Any, **values: Any) -> None:
    """Assign only the fields of ``state`` whose value differs. Reflex marks a field changed on
    any assignment and then computes again every var that reads it, in every page state it
    loads: what each page load re-reads (session, language, units) goes through here. For
    fields sent to the page (no computed var reads a backend ``_`` field)."""
    for name, value in values.items():
        if getattr(state, name) != value:
            setattr(state, name, value)
