"""Notifications worker (run with `python -m`): outbox relay, event consumers, the e-mail and
Web Push delivery workers, the reminder scheduler (one active instance, by lock) and the
announcement fan-out, each in its own thread."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from backend_services.kernel.email import SmtpMailer
from backend_services.kernel.workers import Runnable, run_service_worker

from .channels import EmailChannel, PushChannel
from .events import SUBSCRIPTIONS
from .models import MESSAGING
from .push import WebPushSender, load_or_create_vapid_key
from .scheduler import AnnouncementFanout, ReminderScheduler
from .settings import NotificationsSettings

# The threads beside the relay and the consumers, each holding one connection at a time.
DELIVERY_THREADS = 4


def delivery_runnables(settings: NotificationsSettings, engine: Engine) -> Sequence[Runnable]:
    """The e-mail and push channels, the reminder scheduler and the announcement fan-out."""
    mailer = SmtpMailer(settings.require("smtp_url"), settings.mail_from)
    sender = WebPushSender(
        load_or_create_vapid_key(settings.vapid_private_key_file),
        settings.vapid_subject,
        ttl=settings.push_ttl_seconds,
        allowed_test_origins=settings.push_allowed_test_origins,
    )
    return [
        EmailChannel(engine, settings, mailer),
        PushChannel(engine, settings, sender),
        ReminderScheduler(engine, settings),
        AnnouncementFanout(engine, settings),
    ]


def main() -> None:
    settings = NotificationsSettings()
    run_service_worker(
        settings,
        MESSAGING,
        SUBSCRIPTIONS,
        extra=lambda engine: delivery_runnables(settings, engine),
        extra_connections=DELIVERY_THREADS,
    )


if __name__ == "__main__":
    main()
