"""A box that fires `on_visible` once, when it first comes near the viewport.

Used to render heavy sections (plotly charts: a 4.6 MB chunk to parse) only when the user
gets to them: on a phone the charts are below the fold, so the first load never pays for
them. A plain IntersectionObserver in a React effect (no eval, so it is fine under the CSP);
browsers without it fire at once.
"""

from __future__ import annotations

import json

import reflex as rx
from reflex_base.event import no_args_event_spec
from reflex_base.vars.base import Var

# Start a little before the box scrolls into view, so the charts are drawn when it arrives.
ROOT_MARGIN = "50px"


class WhenVisible(rx.el.Div):
    on_visible: rx.EventHandler[no_args_event_spec]

    def add_imports(self):
        return {"react": [rx.ImportVar(tag="useEffect")]}

    def add_hooks(self) -> list[str | Var]:
        trigger = self.event_triggers.get("on_visible")
        if trigger is None or self.id is None:
            return []
        fire = Var.create(trigger)
        element_id = json.dumps(str(self.id))
        code = f"""useEffect(() => {{
    const fire = {fire};
    const el = document.getElementById({element_id});
    if (!el || !("IntersectionObserver" in window)) {{ fire(); return; }}
    const seen = new IntersectionObserver((entries) => {{
        if (entries.some((entry) => entry.isIntersecting)) {{ seen.disconnect(); fire(); }}
    }}, {{ rootMargin: {json.dumps(ROOT_MARGIN)} }});
    seen.observe(el);
    return () => seen.disconnect();
}}, []);"""
        return [Var(_js_expr=code, _var_data=fire._get_all_var_data())]

    def _exclude_props(self) -> list[str]:
        return ["on_visible"]


def when_visible(*children: rx.Component, on_visible, id: str, **props) -> rx.Component:
    """`children` (a placeholder) in a box that calls `on_visible` once it is near view."""
    return WhenVisible.create(*children, on_visible=on_visible, id=id, **props)
