"""A stateless badge showing whether one service is ready."""

import reflex as rx


def status_badge(name: rx.Var[str] | str, ready: rx.Var[bool] | bool) -> rx.Component:
    """`name` in a green badge when ready, red otherwise."""
    return rx.badge(
        rx.text(name, weight="bold"),
        rx.cond(ready, "ready", "not ready"),
        color_scheme=rx.cond(ready, "grass", "tomato"),
        variant="soft",
        size="2",
        data_testid="service-status",
    )
