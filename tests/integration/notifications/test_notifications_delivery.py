"""Channel workers against real servers: SMTP (the stack's mail catcher), the local Web Push
receiver (decrypts with the subscription's keys, checks VAPID), PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from notifications_factories import Mailbox, Users, meal_event
from push_receiver import DeviceSubscription, PushReceiver
from sqlalchemy import Engine, text

from backend_services.kernel.email import OutgoingEmail, SmtpMailer
from backend_services.kernel.messaging import Event
from backend_services.notifications.channels import EmailChannel, PushChannel
from backend_services.notifications.push import (
    WebPushSender,
    load_or_create_vapid_key,
    vapid_public_key,
)
from backend_services.notifications.settings import NotificationsSettings

NORM_EVERYWHERE = {"daily_norm_exceeded": {"email": True, "push": True, "in_app": True}}


@dataclass
class Delivery:
    """One test's notifications database and settings: the events it delivers, the channel
    workers that drain them, the rows they leave."""

    engine: Engine
    settings: NotificationsSettings
    deliver: Callable[[Event], bool]
    query: Callable[..., list[Any]]

    def subscribe(self, user_id: str, device: DeviceSubscription) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO notifications.push_subscriptions"
                    " (id, user_id, endpoint, p256dh, auth) VALUES (:id, :u, :e, :p, :a)"
                ),
                {
                    "id": uuid.uuid4(),
                    "u": user_id,
                    "e": device.endpoint,
                    "p": device.p256dh,
                    "a": device.auth,
                },
            )

    def attempts(self, user_id: str) -> list[tuple[str, str]]:
        return [
            (r.channel, r.outcome)
            for r in self.query(
                "SELECT channel, outcome FROM notifications.delivery_attempts WHERE user_id = :u "
                "ORDER BY id",
                u=user_id,
            )
        ]

    def email_channel(
        self, smtp: Mailbox, settings: NotificationsSettings | None = None
    ) -> EmailChannel:
        settings = settings or self.settings
        return EmailChannel(self.engine, settings, SmtpMailer(smtp.url, settings.mail_from))

    def push_channel(self) -> PushChannel:
        key = load_or_create_vapid_key(self.settings.vapid_private_key_file)
        sender = WebPushSender(
            key,
            self.settings.vapid_subject,
            ttl=60,
            allowed_test_origins=self.settings.push_allowed_test_origins,
        )
        return PushChannel(self.engine, self.settings, sender)


@pytest.fixture
def delivery(
    engine: Engine,
    settings: NotificationsSettings,
    deliver: Callable[[Event], bool],
    query: Callable[..., list[Any]],
) -> Delivery:
    return Delivery(engine, settings, deliver, query)


def test_norm_warning_goes_out_by_email_with_a_working_unsubscribe_token(
    users: Users,
    delivery: Delivery,
    smtp: Mailbox,
) -> None:
    user = users.make(preferences=NORM_EVERYWHERE)
    delivery.deliver(meal_event(user, 2450))
    assert delivery.email_channel(smtp).drain() == 2  # welcome + the warning
    address = f"{user[:8]}@example.com"
    subjects = sorted(m["Subject"] for m in smtp.messages(address))
    assert subjects == ["Over your daily norm", "Welcome to FitLedger"]
    [warning] = [m for m in smtp.messages(address) if m["Subject"] == "Over your daily norm"]
    token = delivery.query(
        "SELECT unsubscribe_token FROM notifications.recipients WHERE user_id = :u", u=user
    )[0][0]
    assert token in warning["List-Unsubscribe"]
    assert warning["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "2,450 kcal" in warning.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "2,450 kcal" in warning.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert delivery.attempts(user) == [("email", "sent"), ("email", "sent")]


def test_push_arrives_encrypted_and_signed_and_decrypts_to_the_notification(
    users: Users,
    delivery: Delivery,
    push_receiver: PushReceiver,
) -> None:
    user = users.make(preferences=NORM_EVERYWHERE)
    phone, laptop = push_receiver.subscribe(), push_receiver.subscribe()
    delivery.subscribe(user, phone)
    delivery.subscribe(user, laptop)
    delivery.deliver(meal_event(user, 2450))
    assert delivery.push_channel().drain() == 1
    note = delivery.query("SELECT id FROM notifications.notifications WHERE user_id = :u", u=user)[
        0
    ]
    public = vapid_public_key(load_or_create_vapid_key(delivery.settings.vapid_private_key_file))
    for device in (phone, laptop):
        [message] = push_receiver.received(device)
        assert message.problems == []
        assert message.vapid_key == public
        assert (
            message.vapid_claims and message.vapid_claims["sub"] == delivery.settings.vapid_subject
        )
        assert message.payload["notification_id"] == str(note.id)
        assert message.payload["type"] == "daily_norm_exceeded"
        assert message.payload["title"] == "Over your daily norm"
        assert message.payload["data"]["total_kcal"] == 2450.0
    assert delivery.attempts(user) == [("push", "sent"), ("push", "sent")]


def test_an_expired_subscription_is_removed_and_the_others_still_get_it(
    users: Users,
    delivery: Delivery,
    push_receiver: PushReceiver,
) -> None:
    user = users.make(preferences=NORM_EVERYWHERE)
    gone, live = push_receiver.subscribe(), push_receiver.subscribe()
    gone.status = 410
    delivery.subscribe(user, gone)
    delivery.subscribe(user, live)
    delivery.deliver(meal_event(user, 2450))
    delivery.push_channel().drain()
    endpoints = [
        r.endpoint
        for r in delivery.query(
            "SELECT endpoint FROM notifications.push_subscriptions WHERE user_id = :u", u=user
        )
    ]
    assert endpoints == [live.endpoint]
    assert len(push_receiver.received(live)) == 1
    assert sorted(delivery.attempts(user)) == [("push", "expired"), ("push", "sent")]
    status = delivery.query(
        "SELECT status FROM notifications.deliveries WHERE user_id = :u AND channel='push'", u=user
    )
    assert status[0].status == "sent"


def test_quiet_hours_defer_email_and_push_but_store_the_feed_row(
    users: Users,
    delivery: Delivery,
    smtp: Mailbox,
) -> None:
    # A window covering every hour but one minute: it is quiet now, whatever the time.
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    start = (now - timedelta(hours=1)).strftime("%H:%M")
    end = (now + timedelta(hours=1)).strftime("%H:%M")
    user = users.make(preferences=NORM_EVERYWHERE, quiet={"start": start, "end": end})
    delivery.deliver(meal_event(user, 2450))
    delivery.email_channel(smtp).drain()
    address = f"{user[:8]}@example.com"
    assert [m["Subject"] for m in smtp.messages(address)] == ["Welcome to FitLedger"]
    assert ("email", "deferred_quiet_hours") in delivery.attempts(user)
    pending = delivery.query(
        "SELECT not_before FROM notifications.deliveries WHERE user_id = :u AND kind = "
        "'notification' AND channel = 'email' AND status = 'pending'",
        u=user,
    )
    assert len(pending) == 1 and pending[0].not_before > now + timedelta(minutes=30)
    assert (
        len(delivery.query("SELECT 1 FROM notifications.notifications WHERE user_id = :u", u=user))
        == 1
    )


def test_email_rate_limit_per_user(users: Users, delivery: Delivery, smtp: Mailbox) -> None:
    limited = delivery.settings.model_copy(update={"email_per_hour": 2})
    user = users.make(preferences=NORM_EVERYWHERE)
    for n in range(4):  # four warnings: over, back under, over again ...
        delivery.deliver(meal_event(user, 2500 if n % 2 == 0 else 1000, day="2026-03-10"))
        delivery.deliver(meal_event(user, 2500, day=f"2026-03-1{n + 1}"))
    delivery.email_channel(smtp, limited).drain()
    outcomes = [o for c, o in delivery.attempts(user) if c == "email"]
    # the welcome mail is a security/transactional mail and does not count
    notification_mails = [
        m
        for m in smtp.messages(f"{user[:8]}@example.com")
        if m["Subject"] != "Welcome to FitLedger"
    ]
    assert len(notification_mails) == 2
    assert outcomes.count("rate_limited") >= 1


def test_smtp_down_retries_later_and_logs_the_failure(users: Users, delivery: Delivery) -> None:
    user = users.make()
    channel = EmailChannel(
        delivery.engine,
        delivery.settings,
        SmtpMailer("smtp://127.0.0.1:9", delivery.settings.mail_from, timeout=2),
    )
    assert channel.drain() == 1
    [row] = delivery.query(
        "SELECT status, attempts, not_before > now() AS later"
        " FROM notifications.deliveries WHERE user_id = :u",
        u=user,
    )
    assert (row.status, row.attempts, row.later) == ("pending", 1, True)
    assert delivery.attempts(user) == [("email", "failed")]


class WorkerDied(BaseException):
    """The process ends between the SMTP server's "250 OK" and the worker's commit."""


class DiesAfterSending(SmtpMailer):
    def send(self, mail: OutgoingEmail) -> None:
        super().send(mail)
        raise WorkerDied


def test_a_crash_after_sending_sends_again_as_the_same_message(
    users: Users, delivery: Delivery, smtp: Mailbox
) -> None:
    user = users.make()
    address = f"{user[:8]}@example.com"
    dying = EmailChannel(
        delivery.engine, delivery.settings, DiesAfterSending(smtp.url, delivery.settings.mail_from)
    )
    with pytest.raises(WorkerDied):
        dying.deliver_one()
    assert delivery.attempts(user) == []  # nothing committed: the task is still due
    assert delivery.email_channel(smtp).drain() == 1
    [[task_id]] = delivery.query(
        "SELECT id FROM notifications.deliveries WHERE user_id = :u", u=user
    )
    first, again = smtp.messages(address)
    domain = delivery.settings.mail_from.rpartition("@")[2].rstrip(">")
    assert first["Message-ID"] == again["Message-ID"] == f"<fitledger.delivery.{task_id}@{domain}>"
    assert again["Subject"] == first["Subject"] == "Welcome to FitLedger"
    assert first["Date"] is not None
    assert delivery.attempts(user) == [("email", "sent")]
