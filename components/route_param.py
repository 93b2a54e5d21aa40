"""A dynamic route's argument as the browser sees it, before any event reaches the server.

A page's state outlives the page: opening `/programs/b` after editing `/programs/a` renders
a's form until b's load event has answered. Comparing the id the state's form was loaded for
with this value shows the form only when it belongs to the page's address."""

from __future__ import annotations

from reflex.vars.base import Var, VarData


def route_param(name: str) -> Var[str]:
    """The `[name]` part of the current address (React Router's useParams), "" if absent."""
    return Var(
        _js_expr=f"(routeParams[{name!r}] ?? '')",
        _var_data=VarData(
            hooks={"const routeParams = useParams();": None},
            imports={"react-router": ["useParams"]},
        ),
    ).to(str)
