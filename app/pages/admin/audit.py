"""Admin · audit log (`/admin/audit`): every administrator's action, newest first, paged."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

import reflex as rx

from app.api.admin import AuditEntry
from app.api.errors import ApiError
from app.i18n import t, tr
from app.pages.admin.shell import admin_shell, pager
from app.pages.admin.state import AdminState, PagedList, when

TITLE = t("Audit log · Admin · FitLedger")
PAGE = 25
# Actions arrive through the bus about a second after they happen: the newest page follows.
LIVE_MS = 3000


def action_words(action: str, language: str = "en") -> str:
    """An action in words; one not listed yet (a new service's) shows as it is named."""
    words = {
        "user.disabled": tr(language, "disabled the account of"),
        "user.enabled": tr(language, "enabled the account of"),
        "user.role_changed": tr(language, "changed the role of"),
        "session.ended": tr(language, "ended a session"),
        "sessions.ended": tr(language, "ended every session of"),
        "announcement.sent": tr(language, "sent the announcement"),
    }
    return words.get(action, action)


@dataclasses.dataclass
class AuditRow:
    when: str
    actor: str
    action: str
    target: str
    detail: str


def describe_target(entry: AuditEntry) -> str:
    """A user by e-mail, an announcement by its title; a session is named by its details."""
    if entry.target_type == "session":
        return ""
    if entry.target_type == "announcement" and entry.detail.get("title"):
        return f"“{entry.detail['title']}”"
    return entry.target


def describe_detail(entry: AuditEntry) -> str:
    shown = {k: v for k, v in entry.detail.items() if not (k == "title" and describe_target(entry))}
    return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in sorted(shown.items()))


def audit_rows(entries: tuple[AuditEntry, ...], language: str = "en") -> list[AuditRow]:
    return [
        AuditRow(
            when(e.occurred_at),
            e.actor,
            action_words(e.action, language),
            describe_target(e),
            describe_detail(e),
        )
        for e in entries
    ]


class AdminAuditState(PagedList, AdminState):
    PAGE: ClassVar[int] = PAGE
    rows: list[AuditRow] = []

    @rx.var
    def page_label(self) -> str:
        language = self.language
        return self._range(language) or tr(language, "No administrator actions yet.")

    @rx.event
    async def follow(self, _: str = ""):
        """The live refresh of the newest page (older pages stay as they are)."""
        if self.offset == 0 and not self.loading:
            return await self._fetch(quiet=True)
        return None

    async def _fetch(self, quiet: bool = False):
        if not self.is_admin:
            return None
        self.loading, self.error = not quiet, ""
        try:
            page = await self.admin_api().audit(PAGE, self.offset)
        except ApiError as error:
            return self.refused(error)
        finally:
            self.loading = False
        self.rows, self.total = audit_rows(page.items, self.language), page.total
        return None


def _row(row: AuditRow) -> rx.Component:
    return rx.el.li(
        rx.vstack(
            rx.text(
                rx.text.strong(row.actor),
                " ",
                row.action,
                " ",
                rx.text.strong(row.target),
                size="2",
                word_break="break-word",
            ),
            rx.text(
                row.when,
                rx.cond(row.detail != "", " · " + row.detail, ""),
                size="1",
                color=rx.color("gray", 11),
                word_break="break-word",
            ),
            spacing="0",
            align="start",
        ),
        padding_y="0.55em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def admin_audit() -> rx.Component:
    s = AdminAuditState
    return admin_shell(
        rx.cond(s.error != "", rx.callout(s.error, color_scheme="tomato", role="alert")),
        rx.hstack(
            rx.text(s.page_label, size="2", id="audit-count", aria_live="polite"),
            rx.cond(s.loading, rx.spinner(size="1")),
            align="center",
            width="100%",
        ),
        rx.el.ul(rx.foreach(s.rows, _row), id="audit-list", padding="0", margin="0"),
        rx.box(
            rx.moment(interval=LIVE_MS, on_change=s.follow, format="X"),
            display="none",
            aria_hidden="true",
        ),
        pager(s, t("Newer"), t("Older")),
        title=t("Audit log"),
    )
