"""Admin · announcements (`/admin/announcements`): write one, choose its channels, see how
many users it would reach, send it; follow its batches and what became of each delivery."""

from __future__ import annotations

import dataclasses

import reflex as rx

from app.api.admin import Announcement
from app.api.errors import ApiError
from app.pages.admin.shell import admin_shell
from app.pages.admin.state import AdminState, when
from components.fields import form_alert

TITLE = "Announcements · Admin · FitLedger"
PROGRESS_POLL_MS = 2000
# (channel, label); the in-app feed always carries an announcement.
OPTIONAL_CHANNELS = (("email", "E-mail"), ("push", "Push on subscribed devices"))


@dataclasses.dataclass
class AnnouncementRow:
    id: str
    title: str
    body: str
    channels: str
    sent: str
    status: str
    progress: int  # percent of the audience looked at
    reached: str
    outcomes: str


def progress_percent(a: Announcement) -> int:
    if a.status == "done":
        return 100
    return min(99, round(100 * a.processed / a.audience)) if a.audience else 0


def describe_outcomes(a: Announcement) -> str:
    """ "email: 3 sent, 1 failed; push: 2 pending" or "in the feed only"."""
    if not a.outcomes:
        return "in the feed only"
    return "; ".join(
        f"{channel}: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        for channel, counts in sorted(a.outcomes.items())
    )


def announcement_rows(items: tuple[Announcement, ...]) -> list[AnnouncementRow]:
    return [
        AnnouncementRow(
            a.id,
            a.title,
            a.body,
            ", ".join(c.replace("in_app", "feed") for c in a.channels),
            when(a.created_at),
            "sending" if a.status == "pending" else "sent",
            progress_percent(a),
            f"{a.recipients} of {a.audience} users",
            describe_outcomes(a),
        )
        for a in items
    ]


class AdminAnnouncementsState(AdminState):
    title_text: str = ""
    body_text: str = ""
    email: bool = False
    push: bool = False
    audience: int = -1  # -1: not previewed for the current channels
    busy: bool = False
    rows: list[AnnouncementRow] = []
    field_errors: dict[str, str] = {}

    @rx.var
    def sending(self) -> bool:
        return any(r.status == "sending" for r in self.rows)

    @rx.var
    def audience_text(self) -> str:
        if self.audience < 0:
            return "Preview the audience before sending."
        return f"It would reach {self.audience} user{'s' if self.audience != 1 else ''} now."

    def _channels(self) -> list[str]:
        return ["in_app"] + [c for c, _ in OPTIONAL_CHANNELS if getattr(self, c)]

    async def _reload(self):
        self.rows = announcement_rows(await self.admin_api().announcements())

    @rx.event
    async def load(self):
        self.error, self.notice, self.audience = "", "", -1
        if not self.is_admin:
            return None
        try:
            await self._reload()
        except ApiError as error:
            return self.refused(error)
        return None

    @rx.event
    async def poll(self, _: str = ""):
        if self.is_admin and self.sending:
            try:
                await self._reload()
            except ApiError as error:
                return self.refused(error)
        return None

    @rx.event
    def set_title_text(self, value: str):
        self.title_text = value[:120]

    @rx.event
    def set_body_text(self, value: str):
        self.body_text = value[:2000]

    @rx.event
    def set_channel(self, channel: str, on: bool):
        if channel in dict(OPTIONAL_CHANNELS):
            setattr(self, channel, on)
            self.audience = -1

    @rx.event
    async def preview(self):
        self.busy, self.error = True, ""
        try:
            self.audience = await self.admin_api().audience(self._channels())
        except ApiError as error:
            return self.refused(error)
        finally:
            self.busy = False
        return None

    @rx.event
    async def send(self):
        self.busy, self.error, self.notice, self.field_errors = True, "", "", {}
        try:
            sent = await self.admin_api().announce(
                self.title_text.strip(), self.body_text.strip(), self._channels()
            )
            await self._reload()
        except ApiError as error:
            self.field_errors = {k.split(".")[-1]: v for k, v in error.fields.items()}
            return self.refused(error)
        finally:
            self.busy = False
        self.notice = f"“{sent.title}” is going out to {sent.audience} users in batches."
        self.title_text, self.body_text, self.audience = "", "", -1
        return None


def _field(label: str, name: str, control: rx.Component) -> rx.Component:
    """A labelled input with the API's message for it underneath."""
    errors = AdminAnnouncementsState.field_errors
    return rx.vstack(
        rx.el.label(label, html_for=f"announcement-{name}", font_weight="500"),
        control,
        rx.cond(
            errors.contains(name),
            rx.text(errors[name], color_scheme="tomato", size="2", role="alert"),
        ),
        spacing="1",
        width="100%",
    )


def _compose() -> rx.Component:
    s = AdminAnnouncementsState
    return rx.card(
        rx.vstack(
            rx.heading("New announcement", size="4", as_="h2"),
            _field(
                "Title",
                "title",
                rx.input(
                    id="announcement-title",
                    value=s.title_text,
                    on_change=s.set_title_text,
                    max_length=120,
                    width="100%",
                    size="3",
                ),
            ),
            _field(
                "Text",
                "body",
                rx.text_area(
                    id="announcement-body",
                    value=s.body_text,
                    on_change=s.set_body_text,
                    max_length=2000,
                    rows="4",
                    width="100%",
                ),
            ),
            rx.el.fieldset(
                rx.el.legend("Channels", font_weight="500"),
                rx.vstack(
                    rx.checkbox("In-app feed (always)", checked=True, disabled=True),
                    *[
                        rx.checkbox(
                            label,
                            checked=getattr(s, channel),
                            on_change=lambda on, c=channel: s.set_channel(c, on),
                            id=f"channel-{channel}",
                        )
                        for channel, label in OPTIONAL_CHANNELS
                    ],
                    spacing="2",
                ),
                border="none",
                padding="0",
                margin="0",
            ),
            rx.text(
                "Users get it on the chosen channels they have on for announcements "
                "(Settings → Notifications).",
                size="1",
                color=rx.color("gray", 11),
            ),
            rx.text(s.audience_text, size="2", id="audience", aria_live="polite"),
            rx.flex(
                rx.button(
                    "Preview audience",
                    on_click=s.preview,
                    variant="soft",
                    loading=s.busy,
                    id="preview-audience",
                ),
                rx.button(
                    "Send announcement",
                    on_click=s.send,
                    loading=s.busy,
                    disabled=(s.audience < 0) | (s.title_text == "") | (s.body_text == ""),
                    id="send-announcement",
                ),
                gap="0.8em",
                wrap="wrap",
            ),
            spacing="2",
            align="stretch",
        ),
        width="100%",
    )


def _sent(row: AnnouncementRow) -> rx.Component:
    return rx.el.li(
        rx.vstack(
            rx.hstack(
                rx.text(row.title, weight="bold"),
                rx.badge(
                    row.status,
                    color_scheme=rx.cond(row.status == "sent", "grass", "amber"),
                ),
                align="center",
                wrap="wrap",
            ),
            rx.text(row.body, size="2"),
            rx.progress(value=row.progress, max=100, aria_label="Sent: " + row.title),
            rx.text(
                row.sent,
                " · ",
                row.channels,
                " · reached ",
                row.reached,
                size="1",
                color=rx.color("gray", 11),
            ),
            rx.text("Deliveries: ", row.outcomes, size="1", color=rx.color("gray", 11)),
            spacing="1",
            align="stretch",
        ),
        padding_y="0.7em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def admin_announcements() -> rx.Component:
    s = AdminAnnouncementsState
    return admin_shell(
        form_alert(s.error),
        form_alert(s.notice, color="grass", id="admin-notice"),
        rx.grid(
            _compose(),
            rx.vstack(
                rx.heading("Sent", size="4", as_="h2"),
                rx.cond(
                    s.rows.length() == 0,
                    rx.text("No announcements yet.", size="2"),
                    rx.el.ul(
                        rx.foreach(s.rows, _sent), id="announcements", padding="0", margin="0"
                    ),
                ),
                # Always mounted, like the bell's timer; it asks only while one is sending.
                rx.box(
                    rx.moment(interval=PROGRESS_POLL_MS, on_change=s.poll, format="X"),
                    display="none",
                    aria_hidden="true",
                ),
                spacing="2",
                align="stretch",
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="5",
            align="start",  # the form keeps its own height beside a long list
            width="100%",
        ),
        title="Announcements",
    )
