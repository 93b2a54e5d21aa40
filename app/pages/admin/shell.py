"""The frame of every admin page: the app's layout, the admin sections' bar, and the 403
page for a signed-in user who is not an administrator (the services refuse them anyway)."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import t
from app.pages.admin.sections import ADMIN_SECTIONS
from app.state.session import SessionState
from components.layout import app_shell


def _current(path: str) -> rx.Var[bool]:
    return rx.State.router.page.path.startswith(path)


def section_bar() -> rx.Component:
    return rx.el.nav(
        rx.flex(
            rx.link(
                t("Overview"),
                href=routes.ADMIN,
                aria_current=rx.cond(rx.State.router.page.path == routes.ADMIN, "page", "false"),
                weight=rx.cond(rx.State.router.page.path == routes.ADMIN, "bold", "regular"),
                color_scheme=rx.cond(rx.State.router.page.path == routes.ADMIN, "grass", "gray"),
                underline="none",
            ),
            *[
                rx.link(
                    rx.hstack(rx.icon(s.icon, size=16, aria_hidden="true"), s.label, spacing="1"),
                    href=s.path,
                    aria_current=rx.cond(_current(s.path), "page", "false"),
                    weight=rx.cond(_current(s.path), "bold", "regular"),
                    color_scheme=rx.cond(_current(s.path), "grass", "gray"),
                    underline="none",
                )
                for s in ADMIN_SECTIONS
            ],
            gap="1.2em",
            wrap="wrap",
            align="center",
        ),
        aria_label=t("Admin sections"),
        id="admin-sections",
        padding_bottom="0.6em",
        border_bottom=f"1px solid {rx.color('gray', 5)}",
    )


def pager(state: type, previous: rx.Var[str], next_: rx.Var[str]) -> rx.Component:
    """The previous/next buttons of a ``PagedList`` state."""
    return rx.hstack(
        rx.button(previous, on_click=state.previous, disabled=~state.has_previous, variant="soft"),
        rx.button(next_, on_click=state.next, disabled=~state.has_next, variant="soft"),
        spacing="3",
    )


def forbidden() -> rx.Component:
    return rx.vstack(
        rx.callout(
            t("This area is for administrators. Your account cannot open it."),
            icon="shield-alert",
            color_scheme="tomato",
            role="alert",
            id="admin-forbidden",
            width="100%",
        ),
        rx.text(t("Error 403: forbidden."), size="2", color_scheme="gray"),
        rx.link(t("Back to today"), href=routes.TODAY, id="forbidden-home"),
        spacing="3",
        align="start",
        width="100%",
    )


def admin_shell(*content: rx.Component, title: rx.Var[str]) -> rx.Component:
    """An admin page: the section bar and ``content`` for administrators, else the 403 page."""
    return app_shell(
        rx.cond(
            SessionState.is_admin,
            rx.vstack(section_bar(), *content, spacing="5", width="100%", align="stretch"),
            forbidden(),
        ),
        title=rx.cond(SessionState.is_admin, title, t("403 · Administrators only")),
    )
