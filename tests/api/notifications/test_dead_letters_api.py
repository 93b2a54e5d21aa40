"""The messaging admin through the gateway, against the stack's notifications worker: every
subscription's dead-letter queue with its depth, a message's details, discard, and a dead
letter replayed to the real consumer processed once (a second copy replayed changes nothing);
each action reaches the audit log (notifications.admin_action.recorded, decision 0009)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pika
from notifications_api_helpers import wait_for_feed, workout
from polling import wait_until
from stack_env import STACK_ENV

from backend_services.kernel.messaging import Event
from backend_services.kernel.messaging.broker import confirmed_channel
from backend_services.stack.event_catalogue import dead_letter_queues

ADMIN = "/api/notifications/admin"
DLQ = "notifications.activity.dlq"


def dead_letter(event: Event, error: str = "OperationalError: the database was down") -> None:
    """Put ``event`` in the activity DLQ as the consumer does after its last attempt."""
    with confirmed_channel(STACK_ENV["AMQP_URL"], name="tests") as (_, channel):
        channel.basic_publish(
            "",
            DLQ,
            event.to_json(),
            pika.BasicProperties(
                content_type="application/json",
                delivery_mode=2,
                message_id=str(event.id),
                type=event.type,
                headers={
                    "x-error": error,
                    "x-first-error": "TimeoutError: first try",
                    "x-attempt": 5,
                    "x-original-queue": "notifications.activity",
                },
            ),
        )


def messages(client: httpx.Client, admin: Any) -> list[dict[str, Any]]:
    answer = client.get(f"{ADMIN}/dead-letters", params={"queue": DLQ}, headers=admin.headers)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def audited(client: httpx.Client, admin: Any, *wanted: tuple[str, str, int]) -> None:
    """Wait until the audit log (decision 0009: outbox -> audit consumer) shows each
    ``(action, target_id, messages)`` by this admin."""

    def shown() -> bool:
        page = client.get(
            "/api/notifications/admin/audit", params={"limit": 200}, headers=admin.headers
        )
        assert page.status_code == 200, page.text
        mine = {
            (e["action"], e["target_id"], e["detail"].get("messages"))
            for e in page.json()["items"]
            if e["actor_id"] == admin.user_id and e["producer"] == "notifications"
        }
        return set(wanted) <= mine

    assert wait_until(shown, what=f"audit entries {wanted}")


def test_non_admins_are_refused_every_messaging_route(
    client: httpx.Client, register: Callable[..., Any]
) -> None:
    ann = register()
    calls = [
        ("GET", f"{ADMIN}/dead-letter-queues"),
        ("GET", f"{ADMIN}/dead-letters"),
        ("POST", f"{ADMIN}/dead-letters/{DLQ}/replay"),
        ("POST", f"{ADMIN}/dead-letters/{DLQ}/replay-all"),
        ("DELETE", f"{ADMIN}/dead-letters/{DLQ}/messages/abc"),
        ("DELETE", f"{ADMIN}/dead-letters/{DLQ}/messages"),
    ]
    for method, path in calls:
        answer = client.request(method, path, headers=ann.headers)
        assert answer.status_code == 403, (method, path, answer.text)
        assert answer.json()["error"]["code"] == "forbidden"


def test_queues_are_every_subscriptions_with_depth(
    client: httpx.Client, admin_account: Any
) -> None:
    answer = client.get(f"{ADMIN}/dead-letter-queues", headers=admin_account.headers)
    assert answer.status_code == 200, answer.text
    listed = {q["queue"]: q for q in answer.json()["items"]}
    assert sorted(listed) == sorted(dead_letter_queues())
    activity = listed[DLQ]
    assert activity["service"] == "notifications"
    assert activity["consumer_queue"] == "notifications.activity"
    assert activity["declared"] is True and activity["depth"] >= 0
    before = activity["depth"]
    marker = workout(str(uuid.uuid4()))
    dead_letter(marker)
    again = client.get(f"{ADMIN}/dead-letter-queues", headers=admin_account.headers).json()
    assert {q["queue"]: q["depth"] for q in again["items"]}[DLQ] == before + 1
    gone = client.delete(
        f"{ADMIN}/dead-letters/{DLQ}/messages/{marker.id}", headers=admin_account.headers
    )
    assert gone.status_code == 200, gone.text


def test_bad_names_are_refused_and_change_nothing(client: httpx.Client, admin_account: Any) -> None:
    event = workout(str(uuid.uuid4()))
    dead_letter(event)
    for method, path, status in [
        ("GET", f"{ADMIN}/dead-letters?queue=users.activity", 422),
        ("GET", f"{ADMIN}/dead-letters?limit=0", 422),
        ("POST", f"{ADMIN}/dead-letters/not-a-dlq/replay-all", 422),
        ("POST", f"{ADMIN}/dead-letters/no.such.queue.dlq/replay-all", 404),
        ("DELETE", f"{ADMIN}/dead-letters/no.such.queue.dlq/messages", 404),
        ("DELETE", f"{ADMIN}/dead-letters/{DLQ}/messages/{uuid.uuid4()}", 404),
    ]:
        answer = client.request(method, path, headers=admin_account.headers)
        assert answer.status_code == status, (path, answer.text)
        assert set(answer.json()) == {"error"}
    assert str(event.id) in [m["message_id"] for m in messages(client, admin_account)]
    client.delete(f"{ADMIN}/dead-letters/{DLQ}/messages/{event.id}", headers=admin_account.headers)


def test_a_dead_letter_replayed_is_processed_once(
    client: httpx.Client,
    register: Callable[..., Any],
    admin_account: Any,
    publish_event: Callable[[Event], None],
) -> None:
    ann = register()
    finished = workout(ann.user_id)
    dead_letter(finished)
    [shown] = [m for m in messages(client, admin_account) if m["message_id"] == str(finished.id)]
    assert shown["type"] == "workouts.workout.completed"
    assert shown["producer"] == "workouts" and shown["user_id"] == ann.user_id
    assert shown["error"] == "OperationalError: the database was down"
    assert shown["first_error"] == "TimeoutError: first try"
    assert shown["attempts"] == 5
    assert shown["payload"]["data"] == finished.model_dump(mode="json")["data"]

    replayed = client.post(
        f"{ADMIN}/dead-letters/{DLQ}/replay",
        json={"message_id": str(finished.id)},
        headers=admin_account.headers,
    )
    assert replayed.status_code == 200, replayed.text
    assert replayed.json()["replayed_to"] == "notifications.activity"
    wait_for_feed(client, ann, lambda f: f["items"])

    # the same event dead-lettered again (a redelivered copy) and every message replayed
    dead_letter(finished)
    everything = client.post(
        f"{ADMIN}/dead-letters/{DLQ}/replay-all", headers=admin_account.headers
    )
    assert everything.status_code == 200, everything.text
    assert str(finished.id) in [m["message_id"] for m in everything.json()["items"]]
    later = workout(ann.user_id)  # behind the copy in the same queue: once it shows, the copy ran
    publish_event(later)
    feed = wait_for_feed(client, ann, lambda f: len(f["items"]) >= 2)
    congratulations = [i for i in feed["items"] if i["type"] == "workout_completed"]
    assert len(congratulations) == 2, "the replayed copy was processed twice"

    audited(
        client,
        admin_account,
        ("dead_letter.replayed", str(finished.id), 1),
        ("dead_letter_queue.replayed", DLQ, everything.json()["count"]),
    )


def test_discard_all_empties_the_queue(client: httpx.Client, admin_account: Any) -> None:
    for _ in range(2):
        dead_letter(workout(str(uuid.uuid4())))
    dropped = client.delete(f"{ADMIN}/dead-letters/{DLQ}/messages", headers=admin_account.headers)
    assert dropped.status_code == 200, dropped.text
    assert dropped.json()["count"] >= 2
    assert wait_until(lambda: messages(client, admin_account) == [])
    audited(client, admin_account, ("dead_letter_queue.discarded", DLQ, dropped.json()["count"]))
