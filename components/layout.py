"""The one layout of the signed-in app: a top bar on desktop, a bottom tab bar on phones."""

from __future__ import annotations

import reflex as rx

from app import routes
from app.i18n import LanguageState, t, tf
from app.state.notifications import POLL_MS, NotificationsState
from app.state.session import SessionState
from components.language_switch import language_switch
from components.native_form import native_form

# (label, icon, path): the main destinations, in the order both bars show them.
NAV_ITEMS: tuple[tuple[rx.Var[str], str, str], ...] = (
    (t("Today"), "house", routes.TODAY),
    (t("Diary"), "book-open", routes.DIARY),
    (t("Workouts"), "dumbbell", routes.WORKOUTS),
    (t("Progress"), "trending-up", routes.PROGRESS),
    (t("Profile"), "user", routes.PROFILE),
)
PHONE = ["flex", "flex", "none"]
DESKTOP = ["none", "none", "flex"]


def _is_current(path: str) -> rx.Var[bool]:
    current = rx.State.router.page.path
    if path == routes.TODAY:
        return current == "/"
    return current.startswith(path)


def sign_out_button(*, everywhere: bool = False, **props) -> rx.Component:
    label = t("Sign out everywhere") if everywhere else t("Sign out")
    return native_form(
        rx.el.input(type="hidden", name="everywhere", value="1" if everywhere else "0"),
        rx.button(label, type="submit", variant="soft", color_scheme="gray", **props),
        action=routes.SESSION_LOGOUT,
    )


def brand() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.image(src="/favicon.svg", width="28px", height="28px", alt=""),
            rx.text("FitLedger", weight="bold", size="5"),
            align="center",
            spacing="2",
        ),
        href=routes.TODAY,
        underline="none",
        color="inherit",
        aria_label=t("FitLedger, today"),
    )


def bell(unread: rx.Var[int] | int = 0) -> rx.Component:
    return rx.link(
        rx.box(
            rx.icon("bell", size=22),
            rx.cond(
                unread > 0,
                rx.badge(
                    unread,
                    color_scheme="tomato",
                    variant="solid",
                    radius="full",
                    position="absolute",
                    top="-6px",
                    right="-10px",
                    id="unread-count",
                ),
            ),
            position="relative",
            display="inline-flex",
        ),
        href=routes.NOTIFICATIONS,
        aria_label=rx.cond(
            unread > 0, tf("Notifications, {n} unread", n=unread), t("Notifications")
        ),
        color="inherit",
    )


def top_bar(unread: rx.Var[int] | int = 0) -> rx.Component:
    return rx.el.header(
        rx.hstack(
            brand(),
            rx.el.nav(
                rx.hstack(
                    *[
                        rx.link(
                            label,
                            href=path,
                            weight=rx.cond(_is_current(path), "bold", "regular"),
                            aria_current=rx.cond(_is_current(path), "page", "false"),
                            color_scheme=rx.cond(_is_current(path), "grass", "gray"),
                            underline="none",
                            size="3",
                        )
                        for label, _icon, path in NAV_ITEMS
                    ],
                    spacing="5",
                ),
                aria_label=t("Main"),
                display=DESKTOP,
            ),
            rx.spacer(),
            bell(unread),
            rx.cond(
                SessionState.is_admin,
                rx.link(
                    rx.icon("shield", size=22),
                    href=routes.ADMIN,
                    aria_label=t("Admin"),
                    color="inherit",
                    display="inline-flex",
                    id="admin-link",
                ),
            ),
            rx.link(
                rx.icon("settings", size=22),
                href=routes.SETTINGS,
                aria_label=t("Settings"),
                color="inherit",
                display="inline-flex",
                id="settings-link",
            ),
            rx.box(sign_out_button(size="2"), display=DESKTOP),
            align="center",
            spacing="5",
            width="100%",
            max_width="1100px",
            margin_x="auto",
            padding_x="1em",
            padding_y="0.6em",
        ),
        position="sticky",
        top="0",
        z_index="10",
        background_color=rx.color("gray", 1),
        border_bottom=f"1px solid {rx.color('gray', 5)}",
    )


def bottom_tabs() -> rx.Component:
    return rx.el.nav(
        rx.hstack(
            *[
                rx.link(
                    rx.vstack(
                        rx.icon(icon, size=22),
                        rx.text(label, size="1"),
                        align="center",
                        spacing="0",
                    ),
                    href=path,
                    aria_current=rx.cond(_is_current(path), "page", "false"),
                    color_scheme=rx.cond(_is_current(path), "grass", "gray"),
                    underline="none",
                    flex="1",
                    padding_y="0.45em",
                    text_align="center",
                )
                for label, icon, path in NAV_ITEMS
            ],
            width="100%",
            justify="between",
            spacing="0",
        ),
        aria_label=t("Main"),
        display=PHONE,
        position="fixed",
        bottom="0",
        left="0",
        right="0",
        z_index="10",
        background_color=rx.color("gray", 1),
        border_top=f"1px solid {rx.color('gray', 5)}",
        padding_bottom="env(safe-area-inset-bottom)",
    )


def live_updates() -> rx.Component:
    """A hidden timer that keeps the bell and the latest notifications fresh: it runs only
    while a private page is open (app/state/notifications.py says why a page timer)."""
    return rx.box(
        rx.moment(interval=POLL_MS, on_change=NotificationsState.poll, format="X"),
        display="none",
        aria_hidden="true",
    )


def back_link(label: str | rx.Var[str], href: str, *, id: str | None = None) -> rx.Component:
    """ "← Workouts": the page above this one."""
    return rx.link(
        rx.hstack(rx.icon("arrow-left", size=16, aria_hidden="true"), label, spacing="1"),
        href=href,
        size="2",
        id=id,
    )


def offline_banner() -> rx.Component:
    """Shown by assets/offline.js (`<html data-offline>`): the page's state needs the
    connection, so offline a page shows this instead of a spinner that never ends."""
    return rx.callout.root(
        rx.callout.icon(rx.icon("wifi-off")),
        rx.callout.text(
            rx.text(t("You are offline."), " ", weight="bold", as_="span"),
            t(
                "Your diary shows the last day you opened, and food you add there is sent "
                "when you are back online."
            ),
            " ",
            rx.link(t("Open the diary"), href=routes.DIARY),
        ),
        color_scheme="amber",
        role="status",
        id="offline-banner",
        class_name="offline-only",
        width="100%",
        margin_bottom="1em",
    )


def app_shell(
    *content: rx.Component,
    title: str | rx.Var[str],
    unread: rx.Var[int] | int | None = None,
    offline: rx.Component | None = None,
) -> rx.Component:
    """A private page: bars around `content`, shown only once the session is confirmed.
    The bell shows the live unread count unless a page passes its own `unread`.
    `offline`: what the page shows without a connection (plain markup that page JavaScript
    fills; it is outside the session check, which cannot pass offline)."""
    if unread is None:
        unread = NotificationsState.unread
    return rx.box(
        rx.el.a(t("Skip to content"), href="#main", class_name="skip-link"),
        top_bar(unread),
        rx.el.main(
            offline_banner(),
            *([offline] if offline is not None else []),
            rx.cond(
                SessionState.signed_in,
                rx.vstack(
                    live_updates(),
                    rx.heading(title, size="7", as_="h1"),
                    *content,
                    spacing="5",
                    width="100%",
                    align="stretch",
                    class_name="online-only",
                ),
                rx.center(
                    rx.spinner(size="3"),
                    padding_y="4em",
                    aria_label=t("Loading"),
                    class_name="online-only",
                ),
            ),
            id="main",
            max_width="1100px",
            margin_x="auto",
            padding_x="1em",
            padding_top="1.2em",
            padding_bottom="6em",
        ),
        bottom_tabs(),
        min_height="100vh",
        lang=LanguageState.language,
    )


def public_shell(*content: rx.Component) -> rx.Component:
    """Sign-in pages and the landing page: the brand and one centred column."""
    return rx.box(
        rx.el.header(
            rx.hstack(
                brand(),
                rx.spacer(),
                language_switch(),
                align="center",
                padding="1em",
                max_width="1100px",
                margin_x="auto",
            ),
        ),
        rx.el.main(
            rx.vstack(*content, spacing="5", width="100%", align="stretch"),
            id="main",
            max_width="440px",
            margin_x="auto",
            padding_x="1.2em",
            padding_y="1.5em",
        ),
        min_height="100vh",
        lang=LanguageState.language,
    )
