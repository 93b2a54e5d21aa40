"""The current page's parameters, from the router's public fields.

``RouterData.page`` is deprecated since Reflex 0.8.1, and its deprecation check is expensive
where it first runs: it resolves the paths of every standard-library module (~0.5 s of CPU per
calling module in each process, on the first page loads after each start). ``route_id`` is
the matched route ("/workouts/[id]") and ``url`` the address the browser shows, so the dynamic
segments are read by lining the two up.
"""

from __future__ import annotations

from urllib.parse import unquote

from reflex.istate.data import RouterData


def page_param(router: RouterData, name: str, default: str = "") -> str:
    """A dynamic segment of the page's route (``[name]``), else a query parameter ``name``."""
    route = router.route_id.strip("/").split("/")
    path = router.url.path.strip("/").split("/")
    if len(route) == len(path):
        for pattern, segment in zip(route, path, strict=True):
            if pattern == f"[{name}]":
                return unquote(segment)
    return router.url.query_parameters.get(name, default)
