"""Nothing outlives a deleted account, not even writes that race its deletion.

Writers hammer every service that stores a user's data, on its own port and through the
gateway, while the account is deleted. Once every service's ``auth.user.deleted`` consumer
has processed the deletion and every writer is refused, no row or document of that user is
left in any store (PostgreSQL schemas of nutrition, users, notifications; the workouts
MongoDB database). Before the after-write check (kernel/account_erasure.py), writes that
passed their session check in the half second of the session cache could commit after the
handlers ran and stay forever.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import psycopg
import pytest
from accounts import put_profile
from polling import wait_until
from pymongo import MongoClient
from security_helpers import bearer, direct_url
from stack_env import GATEWAY, MONGODB_PORT, STACK_ENV

pytestmark = pytest.mark.e2e

TODAY = datetime.now(UTC).date().isoformat()
WRITES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("nutrition", "POST", "/api/nutrition/foods", {"name": "race food", "energy_kcal": 100}),
    (
        "nutrition",
        "POST",
        "/api/nutrition/meals",
        {
            "date": TODAY,
            "meal_type": "snack",
            "items": [{"quick_add": {"name": "race bar", "energy_kcal": 120}}],
        },
    ),
    ("workouts", "POST", "/api/workouts/workouts", {"name": "race workout"}),
    ("users", "POST", "/api/users/me/weights", {"weight_kg": 80}),
    ("notifications", "PUT", "/api/notifications/settings", {"goal_weight_kg": 70}),
]
# A writer stops once the deletion has answered and this many writes in a row were refused.
REFUSALS_TO_STOP = 10
SERVICE_SCHEMAS = ("nutrition", "users", "notifications")
CONSUMERS_OF_DELETION = {"nutrition", "users", "notifications", "workouts"}
PG_URL = STACK_ENV["DATABASE_URL"].replace("+psycopg", "")


class Writer(threading.Thread):
    """Repeats one write through one door until the deleted account is refused for good."""

    def __init__(self, base_url: str, write: tuple[str, str, str, dict[str, Any]], token: str):
        super().__init__(daemon=True)
        self.base_url, (_, self.method, self.path, self.body) = base_url, write
        self.token = token
        self.deleted = threading.Event()
        self.accepted = threading.Event()
        self.statuses: list[tuple[bool, int]] = []  # (after the deletion answered, status)

    def run(self) -> None:
        refused_in_a_row = 0
        with httpx.Client(base_url=self.base_url, timeout=10) as client:
            while refused_in_a_row < REFUSALS_TO_STOP:
                after = self.deleted.is_set()
                answer = client.request(
                    self.method, self.path, json=self.body, headers=bearer(self.token)
                )
                self.statuses.append((after, answer.status_code))
                if answer.status_code < 300:
                    self.accepted.set()
                    refused_in_a_row = 0
                elif after:
                    refused_in_a_row += 1


def _deletion_event_id(db: psycopg.Connection, user_id: str) -> str | None:
    row = db.execute(
        "SELECT event_id FROM auth.outbox WHERE type = 'auth.user.deleted'"
        " AND payload->>'user_id' = %s AND published_at IS NOT NULL",
        (user_id,),
    ).fetchone()
    return str(row[0]) if row else None


def _consumed_by(db: psycopg.Connection, mongo: Any, event_id: str) -> set[str]:
    done = {
        schema
        for schema in SERVICE_SCHEMAS
        if db.execute(
            f"SELECT 1 FROM {schema}.processed_events WHERE event_id = %s",
            (event_id,),
        ).fetchone()
    }
    if mongo.processed_events.find_one({"_id": f"workouts.auth-user-deleted:{event_id}"}):
        done.add("workouts")
    return done


def _left_over(db: psycopg.Connection, mongo: Any, user_id: str) -> dict[str, int]:
    """Rows and documents of ``user_id`` in every store (tombstones aside)."""
    found: dict[str, int] = {}
    columns = db.execute(
        "SELECT table_schema, table_name, column_name FROM information_schema.columns"
        " WHERE column_name IN ('user_id', 'owner_id') AND table_schema = ANY(%s)"
        " AND table_name <> 'deleted_users'",
        (list(SERVICE_SCHEMAS),),
    ).fetchall()
    assert columns, "no per-user tables found"
    for schema, table, column in columns:
        count = db.execute(
            f'SELECT count(*) FROM "{schema}"."{table}" WHERE "{column}"::text = %s',
            (user_id,),
        ).fetchone()
        if count and count[0]:
            found[f"{schema}.{table}"] = count[0]
    mine = {"$or": [{"user_id": user_id}, {"owner_id": user_id}, {"_id": user_id}]}
    for name in mongo.list_collection_names():
        if name not in ("processed_events", "deleted_users") and (
            count := mongo[name].count_documents(mine)
        ):
            found[f"mongo {name}"] = count
    return found


def test_writes_racing_an_account_deletion_leave_nothing(
    client: httpx.Client, register: Callable[..., Any]
) -> None:
    account = register()
    put_profile(client, account)
    writers = [
        Writer(door, write, account.access_token)
        for write in WRITES
        for door in (direct_url(write[0]), GATEWAY)
    ]
    for writer in writers:
        writer.start()
    try:
        for writer in writers:
            assert writer.accepted.wait(30), (writer.path, writer.statuses[-3:])
        deleted = client.request(
            "DELETE", "/api/auth/me", json={"password": account.password}, headers=account.headers
        )
        assert deleted.status_code == 204, deleted.text
    finally:  # the writers stop once refused for good, whatever happened here
        for writer in writers:
            writer.deleted.set()
    for writer in writers:
        writer.join(60)
        assert not writer.is_alive(), f"{writer.path} was never refused"

    mongo_client: MongoClient = MongoClient(
        f"mongodb://127.0.0.1:{MONGODB_PORT}/", serverSelectionTimeoutMS=5000
    )
    with psycopg.connect(PG_URL, autocommit=True) as db, mongo_client:
        mongo = mongo_client["fitledger"]
        event_id = wait_until(
            lambda: _deletion_event_id(db, account.user_id),
            60,
            what="auth.user.deleted published",
        )
        wait_until(
            lambda: _consumed_by(db, mongo, event_id) == CONSUMERS_OF_DELETION,
            60,
            what="every service consumed auth.user.deleted",
        )
        late = sum(1 for w in writers for after, status in w.statuses if after and status < 300)
        assert _left_over(db, mongo, account.user_id) == {}, f"{late} late writes accepted"
