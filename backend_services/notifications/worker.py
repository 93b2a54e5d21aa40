"""Notifications worker (run with `python -m`): outbox relay, event consumers, the e-mail and
Web Push delivery workers, the reminder scheduler (one active instance, by lock) and the
announcement fan-out, each in its own thread."""

from __future__ import annotations

import os

from backend_services.kernel.db import make_engine
from backend_services.kernel.email import SmtpMailer
from backend_services.kernel.logs import configure_logging
from backend_services.kernel.messaging import EventConsumer, OutboxRelay
from backend_services.kernel.workers import Runnable, run_until_stopped

from .channels import EmailChannel, PushChannel
from .events import SUBSCRIPTIONS
from .models import MESSAGING
from .push import WebPushSender, load_or_create_vapid_key
from .scheduler import AnnouncementFanout, ReminderScheduler
from .settings import NotificationsSettings


def build_runnables(settings: NotificationsSettings) -> list[Runnable]:
    assert settings.database_url and settings.amqp_url
    engine = make_engine(
        settings.database_url,
        application_name=f"{settings.service_name}-worker",
        pool_size=len(SUBSCRIPTIONS) + 6,
    )
    mailer = SmtpMailer(settings.smtp_url or "smtp://127.0.0.1:1025", settings.mail_from)
    sender = WebPushSender(
        load_or_create_vapid_key(settings.vapid_private_key_file),
        settings.vapid_subject,
        ttl=settings.push_ttl_seconds,
        allowed_test_origins=settings.push_allowed_test_origins,
    )
    runnables: list[Runnable] = [
        OutboxRelay(engine, MESSAGING, settings.amqp_url, settings.events_exchange)
    ]
    runnables += [
        EventConsumer(engine, MESSAGING, settings.amqp_url, settings.events_exchange, sub)
        for sub in SUBSCRIPTIONS
    ]
    runnables += [
        EmailChannel(engine, settings, mailer),
        PushChannel(engine, settings, sender),
        ReminderScheduler(engine, settings),
        AnnouncementFanout(engine, settings),
    ]
    return runnables


def main() -> None:
    settings = NotificationsSettings()
    configure_logging(f"{settings.service_name}-worker", settings.instance_id, settings.log_level)
    port = os.environ.get("METRICS_PORT")
    run_until_stopped(build_runnables(settings), metrics_port=int(port) if port else None)


if __name__ == "__main__":
    main()
