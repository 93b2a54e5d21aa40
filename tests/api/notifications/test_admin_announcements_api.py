"""Announcements as the admin page uses them, through the gateway (issue 11): channels, the
audience preview, the fan-out's progress and delivery outcomes, the audit entry, refusals."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from notifications_api_helpers import wait_for_feed
from polling import wait_until

pytestmark = pytest.mark.e2e

ANNOUNCEMENTS = "/api/notifications/admin/announcements"
OFF = {"announcement": {"in_app": False, "email": False, "push": False}}


def _announce(client: httpx.Client, admin: Any, channels: list[str]) -> dict[str, Any]:
    title = f"News {uuid.uuid4().hex[:8]}"
    sent = client.post(
        ANNOUNCEMENTS,
        json={"title": title, "body": "Something new in FitLedger.", "channels": channels},
        headers=admin.headers,
    )
    assert sent.status_code == 202, sent.text
    body: dict[str, Any] = sent.json()
    assert body["title"] == title and body["channels"] == channels
    return body


def _finished(client: httpx.Client, admin: Any, ident: str) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        body: dict[str, Any] = client.get(f"{ANNOUNCEMENTS}/{ident}", headers=admin.headers).json()
        return body if body["status"] == "done" else None

    return wait_until(done, what=f"announcement {ident} fanned out")


def test_the_audience_preview_counts_who_has_a_chosen_channel_on(
    client: httpx.Client, register: Callable[..., Any], admin_account: Any
) -> None:
    opted_out = register()
    before = client.get(
        f"{ANNOUNCEMENTS}/audience", params={"channels": ["in_app"]}, headers=admin_account.headers
    )
    assert before.status_code == 200, before.text
    assert before.json()["channels"] == ["in_app"] and before.json()["audience"] >= 1
    turned_off = client.patch(
        "/api/users/me",
        json={"notifications": {"preferences": OFF}},
        headers=opted_out.headers,
    )
    assert turned_off.status_code == 200, turned_off.text

    # The preference reaches the notifications service by an event: announce only once it
    # is there (before, the announcement could reach the user first).
    def notifications_know() -> bool:
        answer = client.get("/api/notifications/settings", headers=opted_out.headers)
        preferences = answer.json().get("preferences", {})
        return preferences.get("announcement", {}).get("in_app") is False

    wait_until(notifications_know, what="notifications knowing announcements are off")

    sent = _announce(client, admin_account, ["in_app"])
    done = _finished(client, admin_account, sent["id"])
    assert done["recipients"] >= 1 and done["processed"] >= done["recipients"]
    assert done["finished_at"]
    feed = client.get("/api/notifications/", params={"limit": 100}, headers=opted_out.headers)
    assert sent["title"] not in feed.text


def test_channels_decide_the_deliveries_and_the_outcomes_are_counted(
    client: httpx.Client,
    register: Callable[..., Any],
    admin_account: Any,
    mailbox: Callable[..., list[Any]],
) -> None:
    reader = register()
    wait_for_feed(client, reader, lambda feed: True)

    feed_only = _announce(client, admin_account, ["in_app"])
    with_mail = _announce(client, admin_account, ["in_app", "email"])
    feed_only = _finished(client, admin_account, feed_only["id"])
    wait_for_feed(
        client,
        reader,
        lambda feed: (
            {feed_only["title"], with_mail["title"]} <= {i["title"] for i in feed["items"]}
        ),
    )
    [mail] = mailbox(reader.email, subject=with_mail["title"])
    assert "Something new in FitLedger." in mail.get_body(("plain",)).get_content()
    assert "email" not in feed_only["outcomes"]  # no e-mail delivery was even queued

    def mailed() -> dict[str, Any] | None:
        body = client.get(f"{ANNOUNCEMENTS}/{with_mail['id']}", headers=admin_account.headers)
        outcomes = body.json()["outcomes"].get("email", {})
        return body.json() if outcomes.get("sent", 0) >= 1 else None

    assert wait_until(mailed, what="e-mail outcomes counted")["status"] == "done"
    recent = client.get(ANNOUNCEMENTS, params={"limit": 100}, headers=admin_account.headers)
    assert with_mail["id"] in [a["id"] for a in recent.json()["items"]]


def test_an_announcement_is_audited(client: httpx.Client, admin_account: Any) -> None:
    sent = _announce(client, admin_account, ["in_app", "push"])

    def entry() -> dict[str, Any] | None:
        log = client.get(
            "/api/notifications/admin/audit", params={"limit": 200}, headers=admin_account.headers
        ).json()["items"]
        return next((e for e in log if e["target_id"] == sent["id"]), None)

    found = wait_until(entry, what="the announcement's audit entry")
    assert found["action"] == "announcement.sent" and found["producer"] == "notifications"
    assert found["actor_id"] == admin_account.user_id
    assert found["detail"] == {"title": sent["title"], "channels": "in_app,push"}


@pytest.mark.parametrize(
    "channels",
    [["email"], ["in_app", "in_app"], ["in_app", "sms"], [], "in_app"],
    ids=["no-feed", "twice", "unknown", "none", "not-a-list"],
)
def test_bad_channels_are_refused_and_nothing_is_sent(
    client: httpx.Client, admin_account: Any, channels: Any
) -> None:
    title = f"Refused {uuid.uuid4().hex[:8]}"
    answer = client.post(
        ANNOUNCEMENTS,
        json={"title": title, "body": "x", "channels": channels},
        headers=admin_account.headers,
    )
    assert answer.status_code == 422, answer.text
    assert "channels" in str(answer.json()["error"]["fields"])
    recent = client.get(ANNOUNCEMENTS, params={"limit": 100}, headers=admin_account.headers)
    assert title not in recent.text


def test_audience_preview_refusals(
    client: httpx.Client, register: Callable[..., Any], admin_account: Any
) -> None:
    user = register()
    audience = f"{ANNOUNCEMENTS}/audience"
    assert (
        client.get(audience, params={"channels": ["in_app"]}, headers=user.headers).status_code
        == 403
    )
    for params in ({}, {"channels": ["sms"]}):
        answer = client.get(audience, params=params, headers=admin_account.headers)
        assert answer.status_code == 422 and answer.json()["error"]["code"], answer.text
