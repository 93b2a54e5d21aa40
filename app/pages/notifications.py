"""Notifications (`/notifications`): the in-app feed, newest first; mark one or all as read."""

from __future__ import annotations

import datetime as dt

import reflex as rx

from app.api.errors import ApiError
from app.api.notifications import NotificationsApi
from app.i18n import t, tf
from app.state.messages import explain
from app.state.notifications import NoticeRow, NotificationsState, notice_rows
from app.state.preferences import PreferencesState
from app.state.session import SessionState
from components.layout import app_shell

TITLE = t("Notifications · FitLedger")
PAGE = 20


def mark_row_read(rows: list[NoticeRow], notification_id: str) -> list[NoticeRow]:
    return [
        NoticeRow(**{**vars(r), "unread": False}) if r.id == notification_id else r for r in rows
    ]


class NotificationsPageState(SessionState):
    rows: list[NoticeRow] = []
    loading: bool = True
    loading_more: bool = False
    busy: bool = False
    error: str = ""
    _cursor: str = ""
    has_more: bool = False

    async def _share_unread(self, count: int) -> None:
        """The bell shows the same number at once (no wait for its next poll)."""
        (await self.get_state(NotificationsState)).unread = count

    @rx.event
    async def load(self):
        self.loading, self.error, self.rows = True, "", []
        try:
            feed = await NotificationsApi(self.api()).feed(limit=PAGE)
        except ApiError as error:
            self.error = explain(error)[0]
            return self.handle(error)
        finally:
            self.loading = False
        units = (await self.get_state(PreferencesState)).units
        self.rows = notice_rows(feed.items, dt.datetime.now(dt.UTC), units, self.language)
        self._cursor, self.has_more = feed.next_cursor or "", feed.next_cursor is not None
        await self._share_unread(feed.unread_count)
        return None

    @rx.event
    async def more(self):
        if not self._cursor:
            return None
        self.loading_more, self.error = True, ""
        try:
            feed = await NotificationsApi(self.api()).feed(limit=PAGE, cursor=self._cursor)
        except ApiError as error:
            self.error = explain(error)[0]
            return self.handle(error)
        finally:
            self.loading_more = False
        units = (await self.get_state(PreferencesState)).units
        self.rows = self.rows + notice_rows(
            feed.items, dt.datetime.now(dt.UTC), units, self.language
        )
        self._cursor, self.has_more = feed.next_cursor or "", feed.next_cursor is not None
        return None

    @rx.event
    async def mark_read(self, notification_id: str):
        self.error = ""
        try:
            await NotificationsApi(self.api()).mark_read(notification_id)
        except ApiError as error:
            self.error = explain(error)[0]
            return self.handle(error)
        self.rows = mark_row_read(self.rows, notification_id)
        shared = await self.get_state(NotificationsState)
        shared.unread = max(0, shared.unread - 1)
        return None

    @rx.event
    async def mark_all_read(self):
        self.busy, self.error = True, ""
        try:
            result = await NotificationsApi(self.api()).mark_all_read()
        except ApiError as error:
            self.error = explain(error)[0]
            return self.handle(error)
        finally:
            self.busy = False
        self.rows = [NoticeRow(**{**vars(r), "unread": False}) for r in self.rows]
        await self._share_unread(result.unread_count)
        return None


def feed_item(row: NoticeRow) -> rx.Component:
    s = NotificationsPageState
    warning = row.kind == "daily_norm_exceeded"
    return rx.el.li(
        rx.hstack(
            rx.cond(
                warning,
                rx.icon("triangle_alert", size=18, flex_shrink="0"),
                rx.icon("bell", size=18, flex_shrink="0"),
            ),
            rx.vstack(
                rx.text(row.title, weight=rx.cond(row.unread, "bold", "medium")),
                rx.cond(row.body != "", rx.text(row.body, size="2")),
                rx.text(
                    row.when,
                    rx.cond(row.unread, t(" · unread"), ""),
                    size="1",
                    color=rx.color("gray", 11),
                ),
                spacing="1",
                align="start",
                flex="1",
            ),
            rx.cond(
                row.unread,
                rx.button(
                    t("Mark read"),
                    on_click=s.mark_read(row.id),
                    variant="surface",
                    color_scheme="gray",
                    high_contrast=True,
                    size="1",
                    aria_label=tf("Mark read: {title}", title=row.title),
                    id="mark-read-" + row.id,
                ),
            ),
            align="start",
            spacing="3",
            width="100%",
        ),
        padding="0.8em",
        border_radius="var(--radius-3)",
        background_color=rx.cond(
            row.unread,
            rx.cond(warning, rx.color("amber", 3), rx.color("grass", 2)),
            rx.color("gray", 2),
        ),
        border_left=rx.cond(
            row.unread, f"4px solid {rx.color('grass', 9)}", "4px solid transparent"
        ),
        list_style_type="none",
        data_unread=rx.cond(row.unread, "true", "false"),
        id="notification-" + row.id,
    )


def notifications() -> rx.Component:
    s = NotificationsPageState
    unread = NotificationsState.unread
    return app_shell(
        rx.hstack(
            rx.text(
                rx.cond(unread > 0, tf("{n} unread", n=unread.to_string()), t("All read")),
                id="notifications-unread",
                color=rx.color("gray", 11),
            ),
            rx.spacer(),
            rx.button(
                t("Mark all read"),
                on_click=s.mark_all_read,
                loading=s.busy,
                disabled=unread == 0,
                variant="soft",
                id="mark-all-read",
            ),
            align="center",
            width="100%",
        ),
        rx.cond(
            s.error != "",
            rx.callout(s.error, color_scheme="tomato", role="alert", id="notifications-error"),
        ),
        rx.cond(
            s.loading,
            rx.center(
                rx.spinner(size="3"),
                padding_y="3em",
                role="status",
                aria_label=t("Loading notifications"),
            ),
            rx.cond(
                s.rows.length() > 0,
                rx.el.ul(
                    rx.foreach(s.rows, feed_item),
                    display="flex",
                    flex_direction="column",
                    gap="0.6em",
                    padding="0",
                    margin="0",
                    id="notifications-feed",
                ),
                rx.center(
                    rx.text(
                        t(
                            "No notifications yet. Warnings about your daily norm, workout "
                            "congratulations and records will show up here."
                        )
                    ),
                    padding_y="3em",
                    id="notifications-empty",
                ),
            ),
        ),
        rx.cond(
            s.has_more,
            rx.button(
                t("Show older"),
                on_click=s.more,
                loading=s.loading_more,
                variant="soft",
                color_scheme="gray",
                id="notifications-more",
            ),
        ),
        title=t("Notifications"),
    )
