"""The admin area's sections, in the order the overview and the section bar show them.

One list: a new admin page (messaging, system health, food database) adds its entry here and
registers its route in app/app.py; the overview and every admin page's bar follow."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from app import routes
from app.i18n import t


@dataclass(frozen=True)
class AdminSection:
    label: rx.Var[str]  # in the page's language
    icon: str  # a lucide icon name
    path: str
    summary: rx.Var[str]


ADMIN_SECTIONS: tuple[AdminSection, ...] = (
    AdminSection(
        t("Users"),
        "users",
        routes.ADMIN_USERS,
        t("Find an account, see its sessions, disable it, change its role."),
    ),
    AdminSection(
        t("Announcements"),
        "megaphone",
        routes.ADMIN_ANNOUNCEMENTS,
        t("Write to every user, see how far it went out and what became of it."),
    ),
    AdminSection(
        t("Audit log"),
        "scroll-text",
        routes.ADMIN_AUDIT,
        t("Every administrator's action: who did what, to whom, when."),
    ),
    AdminSection(
        t("Food database"),
        "apple",
        routes.ADMIN_FOODS,
        t("What was imported, foods with quality flags, foods users reported."),
    ),
    AdminSection(
        t("System health"),
        "activity",
        routes.ADMIN_HEALTH,
        t("Each service's instances and whether they are ready; traffic, errors, queues."),
    ),
    AdminSection(
        t("Messaging"),
        "mail-warning",
        routes.ADMIN_MESSAGING,
        t("Dead-letter queues: why messages failed; replay or discard them."),
    ),
)
