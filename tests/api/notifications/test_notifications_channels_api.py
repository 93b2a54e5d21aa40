"""Push subscriptions, e-mail and the admin routes through the gateway, against the stack's
worker, its SMTP catcher and the local Web Push receiver."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
from accounts import put_profile
from notifications_api_helpers import (
    meal,
    wait_for_feed,
    workout,
)
from polling import wait_until
from push_receiver import PushReceiver

from backend_services.kernel.messaging import Event

SUBS = "/api/notifications/push-subscriptions"
NORM_EVERYWHERE = {"daily_norm_exceeded": {"email": True, "push": True, "in_app": True}}


def test_vapid_public_key_is_a_p256_point(
    client: httpx.Client, register: Callable[..., Any]
) -> None:
    ann = register()
    answer = client.get("/api/notifications/push/vapid-public-key", headers=ann.headers)
    assert answer.status_code == 200
    key = answer.json()["public_key"]
    assert len(key) == 87 and key.startswith("B")  # base64url of 0x04 || X || Y


def test_push_subscription_crud_is_per_user(
    client: httpx.Client, register: Callable[..., Any], push_receiver: PushReceiver
) -> None:
    ann, bob = register(), register()
    device = push_receiver.subscribe()
    created = client.post(
        SUBS, json={**device.as_json(), "expirationTime": None}, headers=ann.headers
    )
    assert created.status_code == 201, created.text
    sub_id = created.json()["id"]
    assert [s["id"] for s in client.get(SUBS, headers=ann.headers).json()] == [sub_id]
    assert client.get(SUBS, headers=bob.headers).json() == []
    assert client.delete(f"{SUBS}/{sub_id}", headers=bob.headers).status_code == 404
    assert (
        client.delete(SUBS, params={"endpoint": device.endpoint}, headers=bob.headers).status_code
        == 404
    )
    assert len(client.get(SUBS, headers=ann.headers).json()) == 1
    assert client.delete(f"{SUBS}/{sub_id}", headers=ann.headers).status_code == 204
    assert client.get(SUBS, headers=ann.headers).json() == []
    assert client.delete(f"{SUBS}/{sub_id}", headers=ann.headers).status_code == 404


def test_push_subscription_bad_input(
    client: httpx.Client, register: Callable[..., Any], push_receiver: PushReceiver
) -> None:
    ann = register()
    good = push_receiver.subscribe().as_json()
    for body in (
        {},
        {"endpoint": good["endpoint"]},
        {**good, "endpoint": "not a url"},
        {**good, "keys": {"p256dh": "short", "auth": good["keys"]["auth"]}},
        {**good, "keys": {**good["keys"], "auth": "$$$$$$$$$$$$$$$$$$$$$$"}},
        {**good, "user_id": "someone-else"},
    ):
        answer = client.post(SUBS, json=body, headers=ann.headers)
        assert answer.status_code == 422, (body, answer.text)
    assert client.get(SUBS, headers=ann.headers).json() == []


def test_norm_warning_pushed_and_mailed_per_preferences_and_410_removes_the_device(
    client: httpx.Client,
    register: Callable[..., Any],
    publish_event: Callable[[Event], None],
    set_profile: Callable[..., None],
    push_receiver: PushReceiver,
    mailbox: Callable[..., Any],
) -> None:
    ann = register()
    device = push_receiver.subscribe()
    assert client.post(SUBS, json=device.as_json(), headers=ann.headers).status_code == 201
    set_profile(ann.user_id, target=1800, preferences=NORM_EVERYWHERE)
    publish_event(meal(ann.user_id, 1950))
    [message] = push_receiver.wait_for(device)
    assert message.problems == []
    assert message.payload["type"] == "daily_norm_exceeded"
    assert message.payload["data"] == {
        "date": "2026-03-10",
        "total_kcal": 1950.0,
        "target_kcal": 1800.0,
    }
    [feed_item] = wait_for_feed(client, ann, lambda f: f["items"])["items"]
    assert message.payload["notification_id"] == feed_item["id"]

    mails = mailbox(ann.email, subject="Over your daily norm")
    assert len(mails) == 1
    unsubscribe = mails[0]["List-Unsubscribe"].strip("<>")
    assert "/api/notifications/unsubscribe?token=" in unsubscribe

    # The device is gone at the push service: the next push removes it.
    device.status = 410
    publish_event(meal(ann.user_id, 1000))  # back under
    publish_event(meal(ann.user_id, 2000))  # and over again
    wait_until(lambda: len(push_receiver.received(device)) == 2)
    wait_until(lambda: client.get(SUBS, headers=ann.headers).json() == [])


def norm_by_email(client: httpx.Client, account: Any, on: bool) -> None:
    """The user's own choice in the users service (which publishes it to notifications)."""
    chosen = {"daily_norm_exceeded": {**NORM_EVERYWHERE["daily_norm_exceeded"], "email": on}}
    changed = client.patch(
        "/api/users/me",
        json={"notifications": {"preferences": chosen}},
        headers=account.headers,
    )
    assert changed.status_code == 200, changed.text


def test_unsubscribe_link_stops_that_type_of_email_until_the_user_turns_it_on(
    client: httpx.Client,
    register: Callable[..., Any],
    publish_event: Callable[[Event], None],
    mailbox: Callable[..., Any],
) -> None:
    ann = register()
    # a real profile with an 1800 kcal target, the norm by e-mail: the users service publishes
    # it, and publishes it again when it hears of the unsubscribe
    put_profile(client, ann, custom_calorie_target_kcal=1800)
    norm_by_email(client, ann, True)
    wait_until(
        lambda: notification_settings(client, ann)["preferences"]["daily_norm_exceeded"]["email"],
        what="the preferences in the notifications service",
    )
    publish_event(meal(ann.user_id, 1950))
    [mail] = mailbox(ann.email, subject="Over your daily norm")
    link = httpx.URL(mail["List-Unsubscribe"].strip("<>"))
    # Through the gateway, without a token: the link must work from any mail client.
    page = httpx.get(client.base_url.join(link.raw_path.decode()))
    assert page.status_code == 200 and "no longer get" in page.text
    assert notification_settings(client, ann)["email_opted_out"] == ["daily_norm_exceeded"]
    forged = httpx.get(client.base_url.join("/api/notifications/unsubscribe?token=" + "x" * 32))
    assert forged.status_code == 404
    # one truth: the profile's own choice says e-mail off too (issue 13)
    wait_until(
        lambda: (
            not client.get("/api/users/me", headers=ann.headers).json()["notifications"][
                "preferences"
            ]["daily_norm_exceeded"]["email"]
        ),
        what="the unsubscribe in the users service's preferences",
    )
    # over again (after dropping under): the feed gets it, the mailbox does not
    publish_event(meal(ann.user_id, 1000))
    publish_event(meal(ann.user_id, 2100))
    wait_for_feed(client, ann, lambda f: len(f["items"]) == 2)
    publish_event(workout(ann.user_id))
    wait_for_feed(client, ann, lambda f: len(f["items"]) == 3)
    subjects = [m["Subject"] for m in mailbox(ann.email, at_least=2)]
    assert subjects.count("Over your daily norm") == 1
    # the user turns it on again in the settings: the next one is mailed
    norm_by_email(client, ann, True)
    wait_until(
        lambda: notification_settings(client, ann)["email_opted_out"] == [],
        what="the opt-out lifted",
    )
    publish_event(meal(ann.user_id, 1000))
    publish_event(meal(ann.user_id, 2200))
    assert len(mailbox(ann.email, subject="Over your daily norm", at_least=2)) == 2


def notification_settings(client: httpx.Client, account: Any) -> dict[str, Any]:
    found = client.get("/api/notifications/settings", headers=account.headers)
    assert found.status_code == 200, found.text
    return found.json()  # type: ignore[no-any-return]


def test_welcome_mail_arrives_after_registration(
    register: Callable[..., Any], mailbox: Callable[..., Any]
) -> None:
    ann = register()
    [welcome] = mailbox(ann.email, subject="Welcome to FitLedger")
    assert welcome.get_body(("html",)) is not None
    assert "Welcome to FitLedger" in welcome.get_body(("plain",)).get_content()


def test_admin_routes_refuse_users(client: httpx.Client, register: Callable[..., Any]) -> None:
    ann = register()
    assert (
        client.get("/api/notifications/admin/dead-letters", headers=ann.headers).status_code == 403
    )
    refused = client.post(
        "/api/notifications/admin/announcements",
        json={"title": "Hi", "body": "There"},
        headers=ann.headers,
    )
    assert refused.status_code == 403
    replay = client.post(
        "/api/notifications/admin/dead-letters/users.activity.dlq/replay", headers=ann.headers
    )
    assert replay.status_code == 403


def test_admin_announcement_reaches_users_feeds(
    client: httpx.Client, register: Callable[..., Any], admin_account: Any
) -> None:
    ann = register()
    title = f"New feature {uuid.uuid4().hex[:6]}"
    for bad in ({"title": "", "body": "x"}, {"title": "x"}, {"title": "x", "body": "y", "z": 1}):
        answer = client.post(
            "/api/notifications/admin/announcements", json=bad, headers=admin_account.headers
        )
        assert answer.status_code == 422
    created = client.post(
        "/api/notifications/admin/announcements",
        json={"title": title, "body": "Recipes are here.", "url": "https://fit.example/recipes"},
        headers=admin_account.headers,
    )
    assert created.status_code == 202, created.text
    ident = created.json()["id"]
    done = wait_until(
        lambda: (
            client.get(
                f"/api/notifications/admin/announcements/{ident}", headers=admin_account.headers
            ).json()["status"]
            == "done"
        )
    )
    assert done
    feed = wait_for_feed(client, ann, lambda f: f["items"])
    assert [i["title"] for i in feed["items"] if i["type"] == "announcement"] == [title]


def test_admin_sees_and_replays_a_poison_event(
    client: httpx.Client,
    register: Callable[..., Any],
    admin_account: Any,
    publish_event: Callable[[Event], None],
) -> None:
    ann = register()
    poison = Event(
        type="nutrition.meal.logged",
        producer="nutrition",
        user_id=ann.user_id,
        data={"date": "not-a-date", "day_totals": {"energy_kcal": 10}},
    )
    publish_event(poison)

    def listed() -> list[dict[str, Any]]:
        answer = client.get("/api/notifications/admin/dead-letters", headers=admin_account.headers)
        assert answer.status_code == 200, answer.text
        return [m for m in answer.json()["items"] if m["message_id"] == str(poison.id)]

    # an event that breaks its contract goes to the DLQ on its first delivery
    found = wait_until(listed, timeout=90)
    assert {m["queue"] for m in found} >= {"notifications.activity.dlq"}
    mine = next(m for m in found if m["queue"] == "notifications.activity.dlq")
    assert "date: Value error, expected a date as YYYY-MM-DD" in mine["error"]
    replayed = client.post(
        "/api/notifications/admin/dead-letters/notifications.activity.dlq/replay",
        json={"message_id": str(poison.id)},
        headers=admin_account.headers,
    )
    assert replayed.status_code == 200, replayed.text
    assert replayed.json()["replayed_to"] == "notifications.activity"
    missing = client.post(
        "/api/notifications/admin/dead-letters/no.such.dlq/replay",
        json={"message_id": "x"},
        headers=admin_account.headers,
    )
    assert missing.status_code == 404
