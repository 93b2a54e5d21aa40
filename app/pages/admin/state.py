"""What every admin page's state shares: the admin client and one way to show a refusal."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import reflex as rx

from app.api.admin import AdminApi
from app.api.errors import ApiError
from app.i18n import tr
from app.state.messages import explain
from app.state.session import SessionState


def when(moment: dt.datetime | None) -> str:
    """A moment as admins read it: UTC, to the minute."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


class AdminState(SessionState):
    """Page states of the admin area subclass this; they call nothing unless ``is_admin``."""

    error: str = ""
    notice: str = ""

    def admin_api(self) -> AdminApi:
        return AdminApi(self.api())

    def refused(self, error: ApiError) -> rx.event.EventSpec | None:
        self.error = explain(error)[0]
        return self.handle(error)


class PagedList(rx.State, mixin=True):
    """An admin list paged by offset, mixed into its page's state (``class S(PagedList,
    AdminState)``): a mixin, so its events run on that state (an inherited event would run
    on the parent's). The state sets PAGE and writes ``_fetch``."""

    PAGE: ClassVar[int] = 20
    total: int = 0
    offset: int = 0
    loading: bool = True  # until the first answer: no "nothing here" before it

    @rx.var
    def has_previous(self) -> bool:
        return self.offset > 0

    @rx.var
    def has_next(self) -> bool:
        return self.offset + self.PAGE < self.total

    def _range(self, language: str) -> str:
        """ "21 to 40 of 57" ("" when the list is empty); a computed var passes its
        `self.language`, so that it follows the page's language."""
        if self.loading and not self.total:
            return tr(language, "Loading…")
        if not self.total:
            return ""
        return tr(
            language,
            "{first} to {last} of {total}",
            first=self.offset + 1,
            last=min(self.offset + self.PAGE, self.total),
            total=self.total,
        )

    async def _fetch(self):
        raise NotImplementedError

    @rx.event
    async def load(self):
        self.offset = 0
        return await self._fetch()

    @rx.event
    async def previous(self):
        self.offset = max(0, self.offset - self.PAGE)
        return await self._fetch()

    @rx.event
    async def next(self):
        self.offset += self.PAGE
        return await self._fetch()
