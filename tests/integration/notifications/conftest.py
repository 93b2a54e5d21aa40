"""Fixtures for the notifications integration tests: database ``fitledger_test_notifications``
(migrated to head, emptied before each test), real RabbitMQ on unique exchange and queue
names, a real SMTP server (the stack's own mail catcher on a free port) and the local Web
Push receiver."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from databases import database_url, emptied_engine
from event_bus import deliverer
from notifications_factories import Mailbox, Users
from push_receiver import PushReceiver
from sqlalchemy import Engine, text

from backend_services.kernel.messaging import Event
from backend_services.notifications.events import subscriptions
from backend_services.notifications.models import MESSAGING
from backend_services.notifications.settings import NotificationsSettings
from backend_services.stack.mail_catcher import MaildirHandler

TEST_DB_URL = database_url("fitledger_test_notifications")
TABLES = (
    "delivery_attempts",
    "deliveries",
    "notifications",
    "push_subscriptions",
    "daily_norm_state",
    "reminder_sends",
    "email_opt_outs",
    "deleted_users",
    "recipients",
    "announcements",
    "outbox",
    "processed_events",
)


@pytest.fixture(scope="session")
def notifications_database(migrated_database: Callable[[str], str]) -> str:
    return migrated_database("notifications")


@pytest.fixture
def engine(notifications_database: str) -> Iterator[Engine]:
    with emptied_engine(
        notifications_database, "notifications", TABLES, pool_size=8, application_name="notif-tests"
    ) as engine:
        yield engine


@pytest.fixture
def settings(tmp_path: Any, push_receiver: PushReceiver) -> NotificationsSettings:
    return NotificationsSettings(
        environment="test",
        push_allowed_test_origins=(push_receiver.origin,),
        database_url=TEST_DB_URL,
        public_url="https://fit.example",
        vapid_private_key_file=str(tmp_path / "vapid.pem"),
        announcement_batch_size=2,
    )


@pytest.fixture
def deliver(engine: Engine) -> Callable[[Event], bool]:
    """Apply an event the way the worker's consumer does (dedupe + handler, one transaction)."""
    return deliverer(engine, MESSAGING, subscriptions()[1:])


@pytest.fixture
def query(engine: Engine) -> Callable[..., list[Any]]:
    def run(statement: str, **params: object) -> list[Any]:
        with engine.connect() as conn:
            return list(conn.execute(text(statement), params).all())

    return run


@pytest.fixture
def push_receiver() -> Iterator[PushReceiver]:
    with PushReceiver() as receiver:
        yield receiver


@pytest.fixture
def users(deliver: Callable[[Event], bool]) -> Users:
    return Users(deliver)


@pytest.fixture
def smtp(tmp_path: Path) -> Iterator[Mailbox]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(MaildirHandler(tmp_path / "mail"), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield Mailbox(f"smtp://127.0.0.1:{port}", tmp_path / "mail")
    finally:
        controller.stop()
