"""The admin area's start page (`/admin`): one card per section."""

from __future__ import annotations

import reflex as rx

from app.i18n import t
from app.pages.admin.sections import ADMIN_SECTIONS, AdminSection
from app.pages.admin.shell import admin_shell

TITLE = t("Admin · FitLedger")


def _card(section: AdminSection) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon(section.icon, size=24, aria_hidden="true"),
                rx.vstack(
                    rx.text(section.label, weight="bold", size="4"),
                    rx.text(section.summary, size="2", color=rx.color("gray", 11)),
                    spacing="1",
                    align="start",
                ),
                spacing="3",
                align="start",
            ),
            width="100%",
        ),
        href=section.path,
        underline="none",
        color="inherit",
        width="100%",
    )


def overview() -> rx.Component:
    return admin_shell(
        rx.grid(
            *[_card(s) for s in ADMIN_SECTIONS],
            columns=rx.breakpoints(initial="1", md="3"),
            spacing="4",
            width="100%",
        ),
        title=t("Admin"),
    )
