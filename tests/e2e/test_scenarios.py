"""ARCHITECTURE.md's two reference scenarios, end to end, through the gateway only.

Everything is real: nginx, two instances of every service, the outbox relays, RabbitMQ, the
consumers of users and notifications, PostgreSQL, Redis, the MongoDB wire server, the SMTP
catcher, and a Web Push service on loopback that decrypts what our push worker sends.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import psycopg
import pytest
from accounts import put_profile
from polling import wait_until
from push_receiver import DeviceSubscription, PushReceiver
from pymongo import MongoClient
from stack_env import MONGODB_PORT, STACK_ENV

pytestmark = pytest.mark.e2e

ALL_CHANNELS = {"email": True, "push": True, "in_app": True}
PREFERENCES = {
    kind: ALL_CHANNELS for kind in ("daily_norm_exceeded", "workout_completed", "personal_record")
}


@pytest.fixture(scope="module")
def push_service(push_receiver: PushReceiver) -> PushReceiver:
    return push_receiver  # the stack may push only to that receiver's origin


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def feed(client: httpx.Client, account: Any, kind: str | None = None) -> list[dict[str, Any]]:
    answer = client.get("/api/notifications/", params={"limit": 100}, headers=account.headers)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return [n for n in items if kind in (None, n["type"])]


def day_stats(client: httpx.Client, account: Any) -> dict[str, Any]:
    answer = client.get(
        "/api/users/me/stats", params={"from": today(), "to": today()}, headers=account.headers
    )
    assert answer.status_code == 200, answer.text
    day: dict[str, Any] = answer.json()["days"][0]
    return day


def new_user(
    client: httpx.Client, register: Callable[..., Any], push_service: PushReceiver
) -> tuple[Any, float, DeviceSubscription]:
    """Registered, with a profile and target, every channel on, and one push device."""
    account = register()
    put_profile(client, account, notifications={"preferences": PREFERENCES})
    target = client.get("/api/users/me/targets", headers=account.headers).json()

    def notifications_know_the_profile() -> bool:
        known = client.get("/api/notifications/settings", headers=account.headers).json()
        wanted = all(known["preferences"].get(k) == v for k, v in PREFERENCES.items())
        return known["calorie_target_kcal"] is not None and wanted

    # Profile events and activity events come from different services: wait until the
    # notifications projection has the target and preferences before acting.
    wait_until(notifications_know_the_profile, what="the profile in the notifications service")
    device = push_service.subscribe()
    subscribed = client.post(
        "/api/notifications/push-subscriptions", headers=account.headers, json=device.as_json()
    )
    assert subscribed.status_code in (200, 201), subscribed.text
    return account, float(target["calorie_target_kcal"]), device


def food(client: httpx.Client, account: Any, query: str) -> dict[str, Any]:
    found = client.get(
        "/api/nutrition/foods", params={"q": query, "limit": 1}, headers=account.headers
    )
    assert found.status_code == 200 and found.json()["items"], found.text
    item: dict[str, Any] = found.json()["items"][0]
    return item


def log_meal(client: httpx.Client, account: Any, food_id: int, grams: float) -> dict[str, Any]:
    answer = client.post(
        "/api/nutrition/meals",
        headers=account.headers,
        json={
            "date": today(),
            "meal_type": "lunch",
            "items": [{"food_id": food_id, "grams": grams}],
        },
    )
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    return body


def finish_workout(client: httpx.Client, account: Any, weight_kg: float) -> dict[str, Any]:
    started = datetime.now(UTC) - timedelta(minutes=45)
    created = client.post(
        "/api/workouts/workouts",
        headers=account.headers,
        json={
            "name": "Push day",
            "started_at": started.isoformat().replace("+00:00", "Z"),
            "exercises": [
                {
                    "exercise_id": "builtin:barbell-bench-press",
                    "sets": [{"kind": "strength", "reps": 5, "weight_kg": weight_kg}] * 3,
                }
            ],
        },
    )
    assert created.status_code == 201, created.text
    done = client.post(
        f"/api/workouts/workouts/{created.json()['id']}/complete", headers=account.headers, json={}
    )
    assert done.status_code == 200, done.text
    body: dict[str, Any] = done.json()
    return body


def after_both_scenarios(
    client: httpx.Client, register: Callable[..., Any], push_service: PushReceiver
) -> Any:
    """A new user who logged two meals past the norm and finished a workout; returns the
    account once the warning and the congratulations are in its feed."""
    account, target, _ = new_user(client, register, push_service)
    almonds = food(client, account, "almonds")
    grams = round(0.6 * target / float(almonds["nutrients_per_100g"]["energy_kcal"]) * 100)
    log_meal(client, account, almonds["id"], grams)
    log_meal(client, account, almonds["id"], grams)
    finish_workout(client, account, 60)
    wait_until(lambda: feed(client, account, "daily_norm_exceeded"), what="the warning")
    wait_until(lambda: feed(client, account, "workout_completed"), what="the congratulations")
    return account


def test_add_a_meal(client: httpx.Client, register, mailbox, push_service: PushReceiver) -> None:
    account, target, device = new_user(client, register, push_service)
    almonds = food(client, account, "almonds")
    kcal_per_100g = float(almonds["nutrients_per_100g"]["energy_kcal"])
    grams = round(0.6 * target / kcal_per_100g * 100)

    first = log_meal(client, account, almonds["id"], grams)
    assert first["day_totals"]["energy_kcal"] < target
    second = log_meal(client, account, almonds["id"], grams)
    day_total = second["day_totals"]["energy_kcal"]
    assert day_total > target  # the 201 carries the day's new totals
    assert day_total == pytest.approx(
        first["day_totals"]["energy_kcal"] + second["meal"]["totals"]["energy_kcal"]
    )

    [warning] = wait_until(
        lambda: feed(client, account, "daily_norm_exceeded"), what="the in-app warning"
    )
    [mail] = mailbox(account.email, subject="Over your daily norm", timeout=30)
    assert str(round(target)) in mail.get_body(("plain",)).get_content().replace(",", "")
    [push] = push_service.wait_for(device)
    assert push.payload is not None and push.payload["type"] == "daily_norm_exceeded"
    assert push.payload["notification_id"] == warning["id"]
    stats = wait_until(
        lambda: (s := day_stats(client, account))["calories_in"] and s,
        what="calories in the statistics",
    )
    assert stats["calories_in"] == pytest.approx(day_total, abs=0.5)

    # One more meal: no second warning. A finished workout travels the same queue after it,
    # so once its congratulations arrive the meal has certainly been judged.
    log_meal(client, account, almonds["id"], 50)
    finish_workout(client, account, 40)
    wait_until(lambda: feed(client, account, "workout_completed"), what="the congratulations")
    assert len(feed(client, account, "daily_norm_exceeded")) == 1
    assert len(mailbox(account.email, subject="Over your daily norm", timeout=1)) == 1
    norm_pushes = [
        m
        for m in push_service.received(device)
        if m.payload and m.payload["type"] == "daily_norm_exceeded"
    ]
    assert len(norm_pushes) == 1


def test_finish_a_workout(
    client: httpx.Client, register, mailbox, push_service: PushReceiver
) -> None:
    account, _, device = new_user(client, register, push_service)
    done = finish_workout(client, account, 60)
    result = done["result"]
    # Calories from the weight the users service holds for today (80 kg), said so.
    assert result["weight_source"] == "users_service"
    assert result["weight_kg"] == 80
    assert result["calories_kcal"] > 0

    [congrats] = wait_until(
        lambda: feed(client, account, "workout_completed"), what="the congratulations"
    )
    assert str(round(result["calories_kcal"])) in congrats["body"]
    assert mailbox(account.email, subject=congrats["title"])
    push_service.wait_for(device)
    stats = wait_until(
        lambda: (s := day_stats(client, account))["calories_out"] and s,
        what="calories out in the statistics",
    )
    assert stats["calories_out"] == pytest.approx(result["calories_kcal"], abs=0.5)
    assert stats["workouts"] == 1

    heavier = finish_workout(client, account, 70)
    assert heavier["result"]["personal_records"]
    records = wait_until(
        lambda: feed(client, account, "personal_record"), what="the personal-record notification"
    )
    assert len(records) == 1
    assert "Bench" in records[0]["title"] + records[0]["body"]


def test_notifications_worker_killed_mid_stream_loses_and_repeats_nothing(
    client: httpx.Client, register, mailbox, supervisor, push_service: PushReceiver
) -> None:
    users = [new_user(client, register, push_service) for _ in range(8)]
    almonds = food(client, users[0][0], "almonds")
    kcal = float(almonds["nutrients_per_100g"]["energy_kcal"])
    pid = int(supervisor("pid", "notifications:notifications-worker").stdout.strip())
    for index, (account, target, _) in enumerate(users):
        log_meal(client, account, almonds["id"], round(1.2 * target / kcal * 100))
        if index == len(users) // 2:
            os.kill(pid, signal.SIGKILL)  # supervisord starts it again
    for account, _, _ in users:
        wait_until(
            lambda a=account: feed(client, a, "daily_norm_exceeded"),
            timeout=60,
            what=f"the warning for {account.email}",
        )
    new_pid = int(supervisor("pid", "notifications:notifications-worker").stdout.strip())
    assert new_pid != pid
    for account, _, _ in users:
        assert len(feed(client, account, "daily_norm_exceeded")) == 1
        mails = mailbox(account.email, subject="Over your daily norm")
        # A kill between the SMTP server's "250 OK" and the worker's commit sends the mail
        # again (at least once), as the same message: one Message-ID, shown once by clients.
        assert len({m["Message-ID"] for m in mails}) == 1, [m["Message-ID"] for m in mails]


def test_deleting_an_account_removes_its_data_everywhere(
    client: httpx.Client, register, push_service: PushReceiver
) -> None:
    account, _, _ = new_user(client, register, push_service)
    almonds = food(client, account, "almonds")
    log_meal(client, account, almonds["id"], 100)
    finish_workout(client, account, 50)
    wait_until(lambda: feed(client, account, "workout_completed"), what="the congratulations")

    database = STACK_ENV["DATABASE_URL"].replace("+psycopg", "")
    mongo = MongoClient(f"mongodb://127.0.0.1:{MONGODB_PORT}/", serverSelectionTimeoutMS=5000)
    queries = {
        "users": "SELECT count(*) FROM users.profiles WHERE user_id = %s",
        "nutrition": "SELECT count(*) FROM nutrition.meals WHERE user_id = %s",
        "notifications": "SELECT count(*) FROM notifications.notifications WHERE user_id = %s",
    }

    def left_over() -> dict[str, int]:
        with psycopg.connect(database) as conn:
            counts = {
                name: conn.execute(sql, (account.user_id,)).fetchone()[0]  # type: ignore[index]
                for name, sql in queries.items()
            }
        counts["workouts"] = mongo["fitledger"]["workouts"].count_documents(
            {"user_id": account.user_id}
        )
        return counts

    try:
        # There is data to remove everywhere: checked before the deletion, whose consumers may
        # have finished by the time the DELETE answers.
        assert all(left_over().values()), left_over()
        deleted = client.request(
            "DELETE", "/api/auth/me", headers=account.headers, json={"password": account.password}
        )
        assert deleted.status_code == 204
        wait_until(
            lambda: not any(left_over().values()),
            timeout=30,
            what="every service removing the user's data",
        )
    finally:
        mongo.close()
