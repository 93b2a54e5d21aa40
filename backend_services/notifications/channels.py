"""Delivery channels: e-mail and Web Push workers draining the ``deliveries`` task table.

Task queue design: a rule writes the feed row and one ``deliveries`` row per enabled channel
in the consumer's transaction; each channel worker claims due rows with ``FOR UPDATE SKIP
LOCKED`` (several workers can run side by side), sends, records the attempt and the new
status, and commits. A crash between sending and committing sends again (at least once);
an e-mail sent again carries the same Message-ID (the delivery's id), so it reads as one.
At send time the current projection decides: deleted user or channel now disabled ->
skipped; quiet hours -> deferred to the window's end; per-user hourly limit -> skipped
(rate_limited). Failures retry with exponential back-off up to ``delivery_max_attempts``.
Security mails (welcome, password reset) ignore preferences, quiet hours and the limit.
"""

from __future__ import annotations

import abc
import logging
import threading
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from prometheus_client import Counter
from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from backend_services.kernel.business_metrics import NOTIFICATIONS_SENT, on_commit
from backend_services.kernel.db import unit_of_work
from backend_services.kernel.email import SmtpMailer
from backend_services.kernel.messaging.broker import TRANSIENT_ERRORS

from . import domain
from . import repository as repo
from .models import deliveries, delivery_attempts, notifications, push_subscriptions
from .push import WebPushSender
from .settings import NotificationsSettings
from .templates import MailLinks, render_email
from .wording import reader_of

log = logging.getLogger("fitledger.notifications.delivery")
ATTEMPTS = Counter(
    "notification_delivery_attempts_total", "Delivery attempts by outcome.", ["channel", "outcome"]
)
TRANSACTIONAL = ("welcome", "password_reset")
# Sent as asked: security mails, and a test push the user requested.
UNGATED = (*TRANSACTIONAL, domain.PUSH_TEST)


class Outcome:
    """What one attempt at a delivery came to."""

    def __init__(self, status: str, outcome: str, error: str | None = None, retry: bool = False):
        self.status, self.outcome, self.error, self.retry = status, outcome, error, retry


class ChannelWorker(abc.ABC):
    channel: str = ""

    def __init__(self, engine: Engine, settings: NotificationsSettings):
        self.engine, self.settings = engine, settings
        self.name = f"notifications-{self.channel}"

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                busy = self.deliver_one()
            except TRANSIENT_ERRORS as exc:
                log.warning(
                    "delivery loop error", extra={"channel": self.channel, "error": repr(exc)}
                )
                busy = False
                stop.wait(2.0)
            if not busy:
                stop.wait(self.settings.delivery_poll_seconds)

    def drain(self, limit: int = 1000) -> int:
        """Deliver everything due now (tests and one-off runs); returns how many were handled."""
        handled = 0
        while handled < limit and self.deliver_one():
            handled += 1
        return handled

    def deliver_one(self) -> bool:
        with unit_of_work(self.engine) as session:
            task = session.execute(
                select(deliveries)
                .where(
                    deliveries.c.channel == self.channel,
                    deliveries.c.status == "pending",
                    deliveries.c.not_before <= func.now(),
                )
                .order_by(deliveries.c.not_before, deliveries.c.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if task is None:
                return False
            now = repo.now(session)
            recipient = repo.recipient(session, task.user_id)
            if task.kind not in UNGATED:
                gate = self._gate(session, task, recipient, now)
                if gate is not None:
                    return True
            result = self.send(session, task, recipient)
            self._finish(session, task, result, now)
        return True

    def _gate(
        self, session: Session, task: Row[Any], recipient: Row[Any] | None, now: datetime
    ) -> Outcome | None:
        """Skip, defer or rate-limit a notification delivery; None lets it through."""
        if recipient is None or repo.is_deleted(session, task.user_id):
            return self._finish(session, task, Outcome("skipped", "no_recipient"), now)
        kind = self._notification_type(session, task)
        opted_out = repo.opted_out_types(session, task.user_id) if self.channel == "email" else []
        if kind is None or self.channel not in domain.enabled_channels(
            recipient.preferences, kind, opted_out
        ):
            return self._finish(session, task, Outcome("skipped", "disabled"), now)
        quiet_end = domain.quiet_hours_end(
            now, recipient.timezone, recipient.quiet_start, recipient.quiet_end
        )
        if quiet_end is not None:
            session.execute(
                update(deliveries).where(deliveries.c.id == task.id).values(not_before=quiet_end)
            )
            self._log(session, task, "deferred_quiet_hours", None, None)
            return Outcome("pending", "deferred_quiet_hours")
        if self._sent_last_hour(session, task.user_id, now) >= self._hourly_limit():
            return self._finish(session, task, Outcome("skipped", "rate_limited"), now)
        return None

    def _notification_type(self, session: Session, task: Row[Any]) -> str | None:
        if task.notification_id is None:
            return None
        kind: str | None = session.execute(
            select(notifications.c.type).where(notifications.c.id == task.notification_id)
        ).scalar_one_or_none()
        return kind

    def _hourly_limit(self) -> int:
        return (
            self.settings.email_per_hour if self.channel == "email" else self.settings.push_per_hour
        )

    def _sent_last_hour(self, session: Session, user_id: str, now: datetime) -> int:
        return int(
            session.execute(
                select(func.count(func.distinct(delivery_attempts.c.delivery_id))).where(
                    delivery_attempts.c.user_id == user_id,
                    delivery_attempts.c.channel == self.channel,
                    delivery_attempts.c.outcome == "sent",
                    # security mails neither wait for nor use up the allowance
                    delivery_attempts.c.notification_id.is_not(None),
                    delivery_attempts.c.at > now - timedelta(hours=1),
                )
            ).scalar_one()
        )

    def _finish(self, session: Session, task: Row[Any], result: Outcome, now: datetime) -> Outcome:
        attempts = task.attempts + 1
        values: dict[str, Any] = {"attempts": attempts}
        if result.retry and attempts < self.settings.delivery_max_attempts:
            values["not_before"] = now + timedelta(seconds=min(3600, 5 * 4 ** (attempts - 1)))
        else:
            values["status"] = "failed" if result.retry else result.status
            values["finished_at"] = now
            if task.kind == "password_reset":
                values["payload"] = {}  # the reset link is a bearer secret: keep it no longer
        session.execute(update(deliveries).where(deliveries.c.id == task.id).values(**values))
        if result.outcome not in ("sent_per_target",):
            self._log(session, task, result.outcome, None, result.error)
        return result

    def _log(
        self, session: Session, task: Row[Any], outcome: str, target: str | None, error: str | None
    ) -> None:
        ATTEMPTS.labels(self.channel, outcome).inc()
        kind = self._notification_type(session, task) or task.kind
        on_commit(session, NOTIFICATIONS_SENT.labels(kind, self.channel, outcome).inc)
        session.execute(
            insert(delivery_attempts).values(
                delivery_id=task.id,
                notification_id=task.notification_id,
                user_id=task.user_id,
                channel=self.channel,
                target=target,
                outcome=outcome,
                error=error,
            )
        )

    @abc.abstractmethod
    def send(self, session: Session, task: Row[Any], recipient: Row[Any] | None) -> Outcome:
        """Deliver one task over this channel."""


class EmailChannel(ChannelWorker):
    channel = "email"

    def __init__(self, engine: Engine, settings: NotificationsSettings, mailer: SmtpMailer):
        super().__init__(engine, settings)
        self.mailer = mailer
        self.links = MailLinks(settings.public_url)

    def send(self, session: Session, task: Row[Any], recipient: Row[Any] | None) -> Outcome:
        reader = reader_of(recipient)
        if task.kind in TRANSACTIONAL:
            payload = dict(task.payload)
            to = payload.pop("to", None)
            if not to:
                return Outcome("skipped", "no_address")
            mail = render_email(task.kind, to, payload, self.links, reader=reader)
        else:
            if recipient is None or not recipient.email:
                return Outcome("skipped", "no_address")
            note = session.execute(
                select(notifications).where(notifications.c.id == task.notification_id)
            ).first()
            if note is None:
                return Outcome("skipped", "notification_gone")
            mail = render_email(
                "notification",
                recipient.email,
                {"body": note.body, "display_name": recipient.display_name or ""},
                self.links,
                subject=note.title,
                unsubscribe=(recipient.unsubscribe_token, note.type),
                reader=reader,
            )
        try:
            self.mailer.send(replace(mail, key=f"delivery.{task.id}"))
        except Exception as exc:  # SMTP down or refusing: retried with back-off
            return Outcome("failed", "failed", f"{type(exc).__name__}: {exc}"[:300], retry=True)
        return Outcome("sent", "sent")


class PushChannel(ChannelWorker):
    channel = "push"

    def __init__(self, engine: Engine, settings: NotificationsSettings, sender: WebPushSender):
        super().__init__(engine, settings)
        self.sender = sender

    def send(self, session: Session, task: Row[Any], recipient: Row[Any] | None) -> Outcome:
        targets = repo.push_subscriptions_of(session, task.user_id)
        if task.kind == domain.PUSH_TEST:
            device = str(task.payload.get("subscription_id", ""))
            targets = [sub for sub in targets if str(sub.id) == device]
            payload: dict[str, Any] = domain.push_test_message(reader_of(recipient))
        else:
            note = session.execute(
                select(notifications).where(notifications.c.id == task.notification_id)
            ).first()
            if note is None:
                return Outcome("skipped", "notification_gone")
            payload = {
                "notification_id": str(note.id),
                "type": note.type,
                "title": note.title,
                "body": note.body,
                "data": note.data,
                "url": domain.push_page(note.type),
            }
        if not targets:
            return Outcome("skipped", "no_subscription")
        delivered = failed = 0
        for sub in targets:
            result = self.sender.send(
                {"endpoint": sub.endpoint, "keys": {"p256dh": sub.p256dh, "auth": sub.auth}},
                payload,
            )
            self._log(session, task, result.outcome, str(sub.id), result.error)
            if result.outcome == "sent":
                delivered += 1
                session.execute(
                    update(push_subscriptions)
                    .where(push_subscriptions.c.id == sub.id)
                    .values(last_success_at=func.now())
                )
            elif result.outcome in ("expired", "refused"):  # a refused one never will be
                session.execute(
                    push_subscriptions.delete().where(push_subscriptions.c.id == sub.id)
                )
            else:
                failed += 1
        if delivered or not failed:
            status = "sent" if delivered else "skipped"
            return Outcome(status, "sent_per_target")
        # Every live device failed for a transient reason: try the whole task again later
        # (a device that got it would get it twice; the payload's id lets the app dedupe).
        return Outcome("failed", "sent_per_target", retry=True)
