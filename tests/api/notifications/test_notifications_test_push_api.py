"""A test push through the gateway: to the caller's own device, delivered by the stack's push
worker to the local receiver; another user's device or a bad id changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
from push_receiver import PushReceiver

SUBS = "/api/notifications/push-subscriptions"


def test_a_test_push_arrives_on_that_device_only(
    client: httpx.Client, register: Callable[..., Any], push_receiver: PushReceiver
) -> None:
    ann = register()
    phone, laptop = push_receiver.subscribe(), push_receiver.subscribe()
    ids = []
    for device in (phone, laptop):
        created = client.post(SUBS, json=device.as_json(), headers=ann.headers)
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
    answer = client.post(f"{SUBS}/{ids[0]}/test", headers=ann.headers)
    assert answer.status_code == 202, answer.text
    assert answer.json() == {"subscription_id": ids[0], "queued": True}
    [message] = push_receiver.wait_for(phone)
    assert message.problems == []
    assert message.payload["type"] == "push_test"
    assert push_receiver.received(laptop) == []
    feed = client.get("/api/notifications/", headers=ann.headers).json()
    assert all(item["type"] != "push_test" for item in feed["items"])


def test_a_test_push_to_another_users_device_or_a_bad_id_is_refused(
    client: httpx.Client, register: Callable[..., Any], push_receiver: PushReceiver
) -> None:
    ann, bob = register(), register()
    device = push_receiver.subscribe()
    sub_id = client.post(SUBS, json=device.as_json(), headers=ann.headers).json()["id"]
    taken = client.post(f"{SUBS}/{sub_id}/test", headers=bob.headers)
    assert taken.status_code == 404
    assert set(taken.json()["error"]) >= {"code", "message"}
    assert client.post(f"{SUBS}/{uuid.uuid4()}/test", headers=ann.headers).status_code == 404
    bad = client.post(f"{SUBS}/not-a-uuid/test", headers=ann.headers)
    assert bad.status_code == 422 and "subscription_id" in bad.json()["error"]["fields"]
    assert client.post(f"{SUBS}/{sub_id}/test").status_code == 401
    assert push_receiver.received(device) == []
