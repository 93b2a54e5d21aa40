"""Admin · users (`/admin/users`): search accounts by e-mail or name, page through them."""

from __future__ import annotations

import dataclasses
from typing import ClassVar

import reflex as rx

from app import routes
from app.api.admin import AdminUser
from app.api.errors import ApiError
from app.i18n import t, tf, tr
from app.pages.admin.shell import admin_shell, pager
from app.pages.admin.state import AdminState, PagedList, when

TITLE = t("Users · Admin · FitLedger")
PAGE = 20


@dataclasses.dataclass
class UserRow:
    id: str
    email: str
    name: str
    role: str
    disabled: bool
    created: str
    href: str


def user_rows(users: tuple[AdminUser, ...]) -> list[UserRow]:
    return [
        UserRow(
            u.id,
            u.email,
            u.display_name,
            u.role,
            u.disabled,
            when(u.created_at),
            routes.admin_user(u.id),
        )
        for u in users
    ]


class AdminUsersState(PagedList, AdminState):
    PAGE: ClassVar[int] = PAGE
    query: str = ""
    rows: list[UserRow] = []
    _asked: int = 0  # the newest search's number: older answers are dropped

    @rx.var
    def page_label(self) -> str:
        language = self.language
        if not self.total and not self.loading:
            if self.query:
                return tr(language, "No accounts match.")
            return tr(language, "No accounts yet.")
        return self._range(language)

    async def _fetch(self):
        if not self.is_admin:
            return None
        self._asked += 1
        asked = self._asked
        self.loading, self.error = True, ""
        try:
            page = await self.admin_api().users(self.query.strip(), PAGE, self.offset)
        except ApiError as error:
            return self.refused(error)
        finally:
            self.loading = False
        if asked == self._asked:
            self.rows, self.total = user_rows(page.items), page.total
        return None

    @rx.event
    async def search(self, query: str):
        self.query, self.offset = query[:100], 0
        return await self._fetch()


def _badge(row: UserRow) -> rx.Component:
    return rx.hstack(
        rx.cond(row.role == "admin", rx.badge(t("admin"), color_scheme="violet")),
        rx.cond(
            row.disabled,
            rx.badge(t("disabled"), color_scheme="tomato", high_contrast=True),
            rx.badge(t("active"), color_scheme="grass"),
        ),
        spacing="2",
    )


def _row(row: UserRow) -> rx.Component:
    return rx.el.li(
        rx.link(
            rx.flex(
                rx.vstack(
                    rx.text(row.email, weight="medium", word_break="break-all"),
                    rx.text(
                        rx.cond(row.name != "", row.name, t("(no name)")),
                        " · ",
                        tf("since {date}", date=row.created),
                        size="1",
                        color=rx.color("gray", 11),
                    ),
                    spacing="0",
                    align="start",
                    flex="1",
                ),
                _badge(row),
                gap="0.6em",
                align="center",
                wrap="wrap",
                width="100%",
            ),
            href=row.href,
            underline="none",
            color="inherit",
            display="block",
            padding="0.7em",
        ),
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def admin_users() -> rx.Component:
    s = AdminUsersState
    return admin_shell(
        rx.vstack(
            rx.el.label(t("Search by e-mail or name"), html_for="user-search", font_weight="500"),
            rx.input(
                id="user-search",
                value=s.query,
                on_change=s.search,
                debounce_timeout=300,
                placeholder=t("e.g. anna@ or Anna"),
                max_length=100,
                width="100%",
                size="3",
                type="search",
            ),
            spacing="1",
            width="100%",
        ),
        rx.cond(s.error != "", rx.callout(s.error, color_scheme="tomato", role="alert")),
        rx.hstack(
            rx.text(s.page_label, size="2", id="users-count", aria_live="polite"),
            rx.cond(s.loading, rx.spinner(size="1")),
            align="center",
        ),
        rx.el.ul(rx.foreach(s.rows, _row), id="user-list", padding="0", margin="0"),
        pager(s, t("Previous"), t("Next")),
        title=t("Users"),
    )
