"""The bell's unread count and the latest notifications, kept live on every private page.

Live updates: the layout renders a hidden `rx.moment(interval=POLL_MS, on_change=poll)`. The
timer lives in the page, so polling starts when a private page mounts and stops by itself when
the tab closes or navigates to a public page; browsers also throttle timers of hidden tabs. A
server-side background loop would go on polling for a tab nobody looks at, with no reliable
signal that it went away. `poll` is a background event so a slow answer never queues the
page's own events (typing in the food search) behind it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import reflex as rx

from app.api.errors import ApiError
from app.api.notifications import Notification, NotificationsApi
from app.i18n import tr, trn
from app.i18n.formats import fmt_date
from app.state.preferences import PreferencesState
from app.state.session import SessionState
from app.state.units import METRIC, in_units

POLL_MS = 5000
LATEST = 5


@dataclasses.dataclass
class NoticeRow:
    """A notification as the page shows it (plain strings, ready to render)."""

    id: str
    kind: str
    title: str
    body: str
    when: str
    unread: bool


def ago(moment: dt.datetime | None, now: dt.datetime, language: str = "en") -> str:
    """ "just now", "5 min ago", "3 h ago", "2 days ago", or the date after a week."""
    if moment is None:
        return ""
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return tr(language, "just now")
    if seconds < 3600:
        return tr(language, "{n} min ago", n=seconds // 60)
    if seconds < 86400:
        return tr(language, "{n} h ago", n=seconds // 3600)
    days = seconds // 86400
    if days < 7:
        return trn(language, days, "{n} day ago", "{n} days ago")
    if language != "ru":
        return moment.date().isoformat()
    return fmt_date(language, moment.date(), "date")


def notice_rows(
    items: tuple[Notification, ...], now: dt.datetime, units: str = METRIC, language: str = "en"
) -> list[NoticeRow]:
    """The services write their sentences in kg and km; they are read in the user's units.
    The sentences themselves are the notifications service's (its language)."""
    return [
        NoticeRow(
            id=n.id,
            kind=n.type,
            title=in_units(n.title or tr(language, "Notification"), units),
            body=in_units(n.body, units),
            when=ago(n.created_at, now, language),
            unread=n.unread,
        )
        for n in items
    ]


class NotificationsState(SessionState):
    """Shared by the layout (bell) and the today page (latest notifications)."""

    unread: int = 0
    latest: list[NoticeRow] = []
    latest_loaded: bool = False
    latest_error: str = ""

    @rx.event(background=True)
    async def poll(self, _now: str = ""):
        async with self:
            if not self._session_id:
                return
            api = NotificationsApi(self.api())
            units = (await self.get_state(PreferencesState)).units
            language = self.language
        try:
            feed = await api.feed(limit=LATEST)
        except ApiError as error:
            async with self:
                redirect = self.handle(error)
                if redirect is not None:
                    return redirect
                # Keep what is shown; say so only when nothing was ever loaded.
                if not self.latest_loaded:
                    self.latest_error = tr(language, "Notifications cannot be loaded right now.")
            return None
        rows = notice_rows(feed.items, dt.datetime.now(dt.UTC), units, language)
        async with self:
            # Assign only what changed: every assignment is a websocket delta, every 5 s.
            if self.unread != feed.unread_count:
                self.unread = feed.unread_count
            if self.latest != rows:
                self.latest = rows
            if not self.latest_loaded or self.latest_error:
                self.latest_loaded, self.latest_error = True, ""
        return None
