"""The admin area's sections, in the order the overview and the section bar show them.

One list: a new admin page (messaging, system health, food database) adds its entry here and
registers its route in app/app.py; the overview and every admin page's bar follow."""

from __future__ import annotations

from dataclasses import dataclass

from app import routes


@dataclass(frozen=True)
class AdminSection:
    label: str
    icon: str  # a lucide icon name
    path: str
    summary: str


ADMIN_SECTIONS: tuple[AdminSection, ...] = (
    AdminSection(
        "Users",
        "users",
        routes.ADMIN_USERS,
        "Find an account, see its sessions, disable it, change its role.",
    ),
    AdminSection(
        "Announcements",
        "megaphone",
        routes.ADMIN_ANNOUNCEMENTS,
        "Write to every user, see how far it went out and what became of it.",
    ),
    AdminSection(
        "Audit log",
        "scroll-text",
        routes.ADMIN_AUDIT,
        "Every administrator's action: who did what, to whom, when.",
    ),
    AdminSection(
        "Food database",
        "apple",
        routes.ADMIN_FOODS,
        "What was imported, foods with quality flags, foods users reported.",
    ),
    AdminSection(
        "System health",
        "activity",
        routes.ADMIN_HEALTH,
        "Each service's instances and whether they are ready; traffic, errors, queues.",
    ),
    AdminSection(
        "Messaging",
        "mail-warning",
        routes.ADMIN_MESSAGING,
        "Dead-letter queues: why messages failed; replay or discard them.",
    ),
)
