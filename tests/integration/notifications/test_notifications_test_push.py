"""A test push asked for from settings: to that one device, through the real push worker and
the local push receiver (RFC 8291 decrypted there), whatever the preferences and quiet hours."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from notifications_factories import Users
from push_receiver import PushReceiver
from sqlalchemy import Engine

from backend_services.kernel.errors import Conflict, NotFound
from backend_services.notifications.channels import PushChannel
from backend_services.notifications.push import WebPushSender, load_or_create_vapid_key
from backend_services.notifications.schemas import PushSubscriptionIn
from backend_services.notifications.service import NotificationsService
from backend_services.notifications.settings import NotificationsSettings


def push_channel(engine: Engine, settings: NotificationsSettings) -> PushChannel:
    key = load_or_create_vapid_key(settings.vapid_private_key_file)
    sender = WebPushSender(
        key, settings.vapid_subject, ttl=60, allowed_test_origins=settings.push_allowed_test_origins
    )
    return PushChannel(engine, settings, sender)


@pytest.fixture
def service(engine: Engine, settings: NotificationsSettings) -> NotificationsService:
    return NotificationsService(engine, settings, vapid_public_key="test")


def test_a_test_push_reaches_only_that_device_even_in_quiet_hours(
    users: Users,
    engine: Engine,
    settings: NotificationsSettings,
    service: NotificationsService,
    push_receiver: PushReceiver,
    query: Callable[..., list[Any]],
) -> None:
    now = datetime.now(UTC)
    quiet = {
        "start": (now - timedelta(hours=1)).strftime("%H:%M"),
        "end": (now + timedelta(hours=1)).strftime("%H:%M"),
    }
    user = users.make(quiet=quiet)  # push is off by default for every type, too
    phone, laptop = push_receiver.subscribe(), push_receiver.subscribe()
    ids = [
        service.subscribe_push(user, PushSubscriptionIn.model_validate(d.as_json()))["id"]
        for d in (phone, laptop)
    ]
    assert service.test_push(user, ids[0]) == {"subscription_id": ids[0], "queued": True}
    with pytest.raises(Conflict):
        service.test_push(user, ids[0])  # one at a time per device

    assert push_channel(engine, settings).drain() >= 1
    [message] = push_receiver.received(phone)
    assert message.problems == []
    assert message.payload["type"] == "push_test"
    assert message.payload["title"] == "FitLedger test notification"
    assert push_receiver.received(laptop) == []
    assert query("SELECT 1 FROM notifications.notifications WHERE user_id = :u", u=user) == []
    sent = query(
        "SELECT status FROM notifications.deliveries WHERE user_id = :u AND kind = 'push_test'",
        u=user,
    )
    assert [r.status for r in sent] == ["sent"]
    service.test_push(user, ids[0])  # the last one went out: another may be asked for


def test_another_users_device_or_an_unknown_one_is_not_found_and_nothing_is_queued(
    users: Users,
    service: NotificationsService,
    push_receiver: PushReceiver,
    query: Callable[..., list[Any]],
) -> None:
    owner, other = users.make(), users.make()
    device = service.subscribe_push(
        owner, PushSubscriptionIn.model_validate(push_receiver.subscribe().as_json())
    )
    for user, subscription in ((other, device["id"]), (owner, uuid.uuid4())):
        with pytest.raises(NotFound):
            service.test_push(user, subscription)
    assert (
        query(
            "SELECT 1 FROM notifications.deliveries"
            " WHERE kind = 'push_test' AND user_id IN (:a, :b)",
            a=owner,
            b=other,
        )
        == []
    )
