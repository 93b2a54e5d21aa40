"""Admin · announcements (`/admin/announcements`): write one, choose its channels, see how
many users it would reach, send it; follow its batches and what became of each delivery."""

from __future__ import annotations

import dataclasses

import reflex as rx

from app.api.admin import Announcement
from app.api.errors import ApiError
from app.i18n import t, tf, tr, trn
from app.pages.admin.shell import admin_shell
from app.pages.admin.state import AdminState, when
from components.fields import form_alert

TITLE = t("Announcements · Admin · FitLedger")
PROGRESS_POLL_MS = 2000
# The in-app feed always carries an announcement; these are chosen.
OPTIONAL_CHANNELS = ("email", "push")


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


def channel_word(channel: str, language: str = "en") -> str:
    words = {
        "in_app": tr(language, "feed"),
        "email": tr(language, "email"),
        "push": tr(language, "push"),
    }
    return words.get(channel, channel)


def delivery_word(status: str, language: str = "en") -> str:
    """A delivery's status as the notifications service names it, in words."""
    words = {
        "sent": tr(language, "sent"),
        "failed": tr(language, "failed"),
        "pending": tr(language, "pending"),
        "skipped": tr(language, "skipped"),
    }
    return words.get(status, status)


def describe_outcomes(a: Announcement, language: str = "en") -> str:
    """ "email: 3 sent, 1 failed; push: 2 pending" or "in the feed only"."""
    if not a.outcomes:
        return tr(language, "in the feed only")
    return "; ".join(
        f"{channel_word(channel, language)}: "
        + ", ".join(
            f"{n} {delivery_word(status, language)}" for status, n in sorted(counts.items())
        )
        for channel, counts in sorted(a.outcomes.items())
    )


def announcement_rows(
    items: tuple[Announcement, ...], language: str = "en"
) -> list[AnnouncementRow]:
    return [
        AnnouncementRow(
            a.id,
            a.title,
            a.body,
            ", ".join(channel_word(c, language) for c in a.channels),
            when(a.created_at),
            "sending" if a.status == "pending" else "sent",  # a code: the page words it
            progress_percent(a),
            trn(
                language,
                a.audience,
                "{recipients} of {n} user",
                "{recipients} of {n} users",
                recipients=a.recipients,
            ),
            describe_outcomes(a, language),
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
        language = self.language
        if self.audience < 0:
            return tr(language, "Preview the audience before sending.")
        return trn(
            language, self.audience, "It would reach {n} user now.", "It would reach {n} users now."
        )

    def _channels(self) -> list[str]:
        return ["in_app"] + [c for c in OPTIONAL_CHANNELS if getattr(self, c)]

    async def _reload(self):
        self.rows = announcement_rows(await self.admin_api().announcements(), self.language)

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
        if channel in OPTIONAL_CHANNELS:
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
        self.notice = trn(
            self.language,
            sent.audience,
            "“{title}” is going out to {n} user in batches.",
            "“{title}” is going out to {n} users in batches.",
            title=sent.title,
        )
        self.title_text, self.body_text, self.audience = "", "", -1
        return None


def _field(label: rx.Var[str], name: str, control: rx.Component) -> rx.Component:
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
            rx.heading(t("New announcement"), size="4", as_="h2"),
            _field(
                t("Title"),
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
                t("Text"),
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
                rx.el.legend(t("Channels"), font_weight="500"),
                rx.vstack(
                    rx.checkbox(t("In-app feed (always)"), checked=True, disabled=True),
                    rx.checkbox(
                        t("E-mail"),
                        checked=s.email,
                        on_change=lambda on: s.set_channel("email", on),
                        id="channel-email",
                    ),
                    rx.checkbox(
                        t("Push on subscribed devices"),
                        checked=s.push,
                        on_change=lambda on: s.set_channel("push", on),
                        id="channel-push",
                    ),
                    spacing="2",
                ),
                border="none",
                padding="0",
                margin="0",
            ),
            rx.text(
                t(
                    "Users get it on the chosen channels they have on for announcements "
                    "(Settings → Notifications)."
                ),
                size="1",
                color=rx.color("gray", 11),
            ),
            rx.text(s.audience_text, size="2", id="audience", aria_live="polite"),
            rx.flex(
                rx.button(
                    t("Preview audience"),
                    on_click=s.preview,
                    variant="soft",
                    loading=s.busy,
                    id="preview-audience",
                ),
                rx.button(
                    t("Send announcement"),
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
                    rx.cond(row.status == "sent", t("sent"), t("sending")),
                    color_scheme=rx.cond(row.status == "sent", "grass", "amber"),
                ),
                align="center",
                wrap="wrap",
            ),
            rx.text(row.body, size="2"),
            rx.progress(
                value=row.progress, max=100, aria_label=tf("Sent: {title}", title=row.title)
            ),
            rx.text(
                row.sent,
                " · ",
                row.channels,
                " · ",
                tf("reached {count}", count=row.reached),
                size="1",
                color=rx.color("gray", 11),
            ),
            rx.text(
                tf("Deliveries: {outcomes}", outcomes=row.outcomes),
                size="1",
                color=rx.color("gray", 11),
            ),
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
                rx.heading(t("Sent"), size="4", as_="h2"),
                rx.cond(
                    s.rows.length() == 0,
                    rx.text(t("No announcements yet."), size="2"),
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
        title=t("Announcements"),
    )
