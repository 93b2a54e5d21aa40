"""Admin · messaging (`/admin/messaging`): every dead-letter queue with its depth; a queue's
messages with why they failed (the event, producer, user, first and last failure, attempts,
the payload folded); replay or discard one message or all (discarding asks first)."""

from __future__ import annotations

import dataclasses

import reflex as rx

from app.api.admin import DeadLetter, DeadLetterQueue
from app.api.errors import ApiError
from app.i18n import t, tf, tr, trn
from app.pages.admin.shell import admin_shell
from app.pages.admin.state import AdminState
from components.confirm_dialog import confirm_dialog

TITLE = t("Messaging · Admin · FitLedger")
SHOWN = 100


@dataclasses.dataclass
class QueueRow:
    queue: str
    detail: str
    depth: int


@dataclasses.dataclass
class LetterRow:
    id: str
    type: str
    facts: str
    error: str
    first_error: str
    payload: str


def queue_rows(queues: tuple[DeadLetterQueue, ...], language: str = "en") -> list[QueueRow]:
    """The fullest queues first, then by name."""
    return [
        QueueRow(
            q.queue,
            f"{q.service} · {q.consumer_queue}"
            + ("" if q.declared else tr(language, " · not declared yet")),
            q.depth,
        )
        for q in sorted(queues, key=lambda q: (-q.depth, q.queue))
    ]


def letter_rows(letters: tuple[DeadLetter, ...], language: str = "en") -> list[LetterRow]:
    """A dead letter's facts; its event type, errors and payload are the broker's data."""
    rows = []
    for m in letters:
        facts = [
            tr(language, "id {id}", id=m.message_id or "—"),
            tr(language, "from {producer}", producer=m.producer or "—"),
            tr(language, "user {user}", user=m.user_id or "—"),
            tr(language, "occurred {when}", when=m.occurred_at or "—"),
            trn(language, m.attempts, "{n} failed delivery", "{n} failed deliveries"),
        ]
        if m.replayed:
            facts.append(tr(language, "replayed before"))
        rows.append(
            LetterRow(
                m.message_id,
                m.type or tr(language, "unknown event"),
                " · ".join(facts),
                m.error or "—",
                m.first_error if m.first_error and m.first_error != m.error else "",
                m.payload,
            )
        )
    return rows


class AdminMessagingState(AdminState):
    queues: list[QueueRow] = []
    queue: str = ""
    letters: list[LetterRow] = []
    loading: bool = True
    letters_loading: bool = False
    busy: bool = False

    @rx.var
    def queues_label(self) -> str:
        language = self.language
        if self.loading and not self.queues:
            return tr(language, "Loading…")
        if not self.queues:
            return tr(language, "No dead-letter queues.")
        waiting = sum(q.depth for q in self.queues)
        return tr(
            language,
            "{queues}, {letters} in all.",
            queues=trn(language, len(self.queues), "{n} queue", "{n} queues"),
            letters=trn(language, waiting, "{n} dead letter", "{n} dead letters"),
        )

    @rx.var
    def letters_label(self) -> str:
        language = self.language
        if not self.queue:
            return tr(language, "Choose a queue to see its messages.")
        if self.letters_loading:
            return tr(language, "Loading…")
        if not self.letters:
            return tr(language, "This queue is empty.")
        n = len(self.letters)
        count = trn(language, n, "{n} message", "{n} messages")
        return count + (tr(language, " (the oldest shown)") if n >= SHOWN else "")

    async def _reload(self):
        api = self.admin_api()
        self.queues = queue_rows(await api.dead_letter_queues(), self.language)
        if self.queue:
            self.letters = letter_rows(await api.dead_letters(self.queue, SHOWN), self.language)

    @rx.event
    async def load(self):
        self.error, self.notice, self.queue, self.letters = "", "", "", []
        if not self.is_admin:
            return None
        self.loading = True
        try:
            await self._reload()
        except ApiError as error:
            return self.refused(error)
        finally:
            self.loading = False
        return None

    @rx.event
    async def open_queue(self, queue: str):
        self.queue, self.letters, self.error, self.notice = queue, [], "", ""
        self.letters_loading = True
        try:
            self.letters = letter_rows(
                await self.admin_api().dead_letters(queue, SHOWN), self.language
            )
        except ApiError as error:
            return self.refused(error)
        finally:
            self.letters_loading = False
        return None

    async def _act(self, call, notice: str):
        self.busy, self.error, self.notice = True, "", ""
        try:
            await call
            await self._reload()
        except ApiError as error:
            return self.refused(error)
        finally:
            self.busy = False
        self.notice = notice
        return None

    @rx.event
    async def replay(self, message_id: str):
        api = self.admin_api()
        return await self._act(
            api.replay_dead_letter(self.queue, message_id),
            tr(self.language, "The message was sent back to its queue."),
        )

    @rx.event
    async def discard(self, message_id: str):
        api = self.admin_api()
        return await self._act(
            api.discard_dead_letter(self.queue, message_id),
            tr(self.language, "The message was discarded."),
        )

    @rx.event
    async def replay_all(self):
        api = self.admin_api()
        return await self._act(
            api.replay_all_dead_letters(self.queue),
            tr(self.language, "Every message was sent back to its queue."),
        )

    @rx.event
    async def discard_all(self):
        api = self.admin_api()
        return await self._act(
            api.discard_all_dead_letters(self.queue),
            tr(self.language, "Every message in the queue was discarded."),
        )


def _queue(row: QueueRow) -> rx.Component:
    s = AdminMessagingState
    chosen = s.queue == row.queue
    return rx.el.li(
        rx.button(
            rx.vstack(
                rx.hstack(
                    rx.text(row.queue, weight="bold", word_break="break-all"),
                    rx.badge(
                        row.depth.to_string(),
                        color_scheme=rx.cond(row.depth > 0, "tomato", "gray"),
                        high_contrast=True,
                    ),
                    align="center",
                    wrap="wrap",
                ),
                rx.text(row.detail, size="1", color=rx.color("gray", 11), word_break="break-all"),
                spacing="1",
                align="start",
                width="100%",
            ),
            on_click=s.open_queue(row.queue),
            variant=rx.cond(chosen, "soft", "ghost"),
            aria_pressed=rx.cond(chosen, "true", "false"),
            width="100%",
            height="auto",
            padding="0.5em",
            justify="start",
            text_align="left",
        ),
        list_style="none",
        padding_y="0.2em",
    )


def _letter(row: LetterRow) -> rx.Component:
    s = AdminMessagingState
    return rx.el.li(
        rx.vstack(
            rx.text(row.type, weight="bold", word_break="break-all"),
            rx.text(
                row.facts,
                size="1",
                color=rx.color("gray", 11),
                word_break="break-word",
            ),
            rx.text(
                tf("Last failure: {error}", error=row.error), size="2", word_break="break-word"
            ),
            rx.cond(
                row.first_error != "",
                rx.text(
                    tf("First failure: {error}", error=row.first_error),
                    size="2",
                    word_break="break-word",
                ),
            ),
            rx.el.details(
                rx.el.summary(t("Payload"), cursor="pointer", font_weight="500"),
                rx.el.pre(
                    row.payload,
                    font_size="0.8em",
                    white_space="pre-wrap",
                    word_break="break-word",
                    padding="0.6em",
                    margin_top="0.4em",
                    background=rx.color("gray", 2),
                    border_radius="6px",
                ),
            ),
            rx.flex(
                rx.button(
                    t("Replay"),
                    on_click=s.replay(row.id),
                    loading=s.busy,
                    variant="soft",
                    size="2",
                    aria_label=tf("Replay {type} {id}", type=row.type, id=row.id),
                ),
                confirm_dialog(
                    rx.button(
                        t("Discard"),
                        variant="soft",
                        color_scheme="tomato",
                        size="2",
                        disabled=s.busy,
                        aria_label=tf("Discard {type} {id}", type=row.type, id=row.id),
                    ),
                    title=t("Discard this message?"),
                    description=t("It is dropped for good; its event is not applied."),
                    confirm=t("Discard"),
                    on_confirm=s.discard(row.id),
                    confirm_id="confirm-discard",
                ),
                gap="0.6em",
                wrap="wrap",
            ),
            spacing="2",
            align="stretch",
        ),
        padding_y="0.6em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def admin_messaging() -> rx.Component:
    s = AdminMessagingState
    return admin_shell(
        rx.cond(s.error != "", rx.callout(s.error, color_scheme="tomato", role="alert")),
        rx.cond(
            s.notice != "",
            rx.callout(s.notice, color_scheme="grass", role="status", id="admin-notice"),
        ),
        rx.grid(
            rx.el.section(
                rx.vstack(
                    rx.heading(t("Dead-letter queues"), size="4", as_="h2"),
                    rx.hstack(
                        rx.text(s.queues_label, size="2", id="queues-count", aria_live="polite"),
                        rx.cond(s.loading, rx.spinner(size="1")),
                        align="center",
                    ),
                    rx.el.ul(rx.foreach(s.queues, _queue), id="queues", padding="0", margin="0"),
                    spacing="2",
                    align="stretch",
                ),
                aria_label=t("Dead-letter queues"),
            ),
            rx.el.section(
                rx.vstack(
                    rx.heading(rx.cond(s.queue != "", s.queue, t("Messages")), size="4", as_="h2"),
                    rx.text(s.letters_label, size="2", id="letters-count", aria_live="polite"),
                    rx.cond(
                        s.letters.length() > 0,
                        rx.flex(
                            rx.button(
                                t("Replay all"), on_click=s.replay_all, loading=s.busy, size="2"
                            ),
                            confirm_dialog(
                                rx.button(
                                    t("Discard all"),
                                    color_scheme="tomato",
                                    variant="soft",
                                    disabled=s.busy,
                                    size="2",
                                ),
                                title=tf("Discard every message in {queue}?", queue=s.queue),
                                description=t(
                                    "They are dropped for good; their events are not applied."
                                ),
                                confirm=t("Discard all"),
                                on_confirm=s.discard_all,
                                confirm_id="confirm-discard-all",
                            ),
                            gap="0.6em",
                            wrap="wrap",
                        ),
                    ),
                    rx.el.ul(rx.foreach(s.letters, _letter), id="letters", padding="0", margin="0"),
                    spacing="2",
                    align="stretch",
                ),
                aria_label=t("Messages"),
                id="dead-letters",
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="5",
            align="start",
            width="100%",
        ),
        title=t("Messaging"),
    )
