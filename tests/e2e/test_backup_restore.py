"""`fitledger backup` / `fitledger restore` on a filled stack: back up, wipe every store,
restore, and every answer the user saw is the same again. A damaged archive or one from
another schema revision is refused and changes nothing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from polling import wait_until
from push_receiver import PushReceiver
from pymongo import MongoClient
from stack_env import MONGODB_PORT, ROOT, STACK_ENV
from test_scenarios import after_both_scenarios, day_stats, today

from backend_services.backup.run import POSTGRES_SCHEMAS

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery staple"  # the register fixture's default


def fitledger(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "fitledger"), *args],
        env={**os.environ, **STACK_ENV},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def sign_in(client: httpx.Client, email: str) -> httpx.Response:
    return client.post("/api/auth/login", json={"email": email, "password": PASSWORD})


def answers(client: httpx.Client, token: str) -> dict[str, Any]:
    """What the user sees on every page that shows stored data."""
    headers = {"Authorization": f"Bearer {token}"}
    day = today()
    pages = {
        "account": "/api/auth/me",
        "profile": "/api/users/me",
        "targets": "/api/users/me/targets",
        "stats": f"/api/users/me/stats?from={day}&to={day}",
        "diary": f"/api/nutrition/diary/{day}",
        "workouts": "/api/workouts/workouts",
        "notifications": "/api/notifications/?limit=100",
        "notification settings": "/api/notifications/settings",
        "dashboard": f"/api/dashboard/day/{day}",
    }
    seen = {}
    for name, path in pages.items():
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, f"{path}: {answer.text}"
        seen[name] = answer.json()
    return seen


def rewritten(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of the archive ``source`` with each member's bytes passed through ``change``."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = change(member.name, old.extractfile(member).read())  # type: ignore[union-attr]
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    return target


def wipe() -> None:
    """The disaster: every service's rows and documents gone."""
    url = STACK_ENV["DATABASE_URL"].replace("+psycopg", "")
    with psycopg.connect(url) as conn:
        for schema in POSTGRES_SCHEMAS:
            tables = conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s"
                " AND table_type = 'BASE TABLE' AND table_name <> 'alembic_version'",
                (schema,),
            ).fetchall()
            for (table,) in tables:
                conn.execute(f'TRUNCATE "{schema}"."{table}" CASCADE')
    with MongoClient(f"mongodb://127.0.0.1:{MONGODB_PORT}/") as mongo:
        db = mongo["fitledger"]
        for name in db.list_collection_names():
            db[name].delete_many({})


@pytest.fixture(scope="module")
def filled(
    stack: str, register: Callable, push_receiver: PushReceiver, mailbox: Callable
) -> dict[str, Any]:
    """A user who went through both scenarios, with every effect settled."""
    with httpx.Client(base_url=stack, timeout=20) as client:
        account = after_both_scenarios(client, register, push_receiver)
        wait_until(lambda: day_stats(client, account)["workouts"] == 1, what="the stats")
        mailbox(account.email, subject="Over your daily norm", timeout=30)
        return {"account": account, "answers": answers(client, account.access_token)}


def test_restore_after_a_wipe_gives_every_answer_back(
    filled: dict[str, Any], client: httpx.Client, tmp_path: Path
) -> None:
    account = filled["account"]
    archive = tmp_path / "backup.tar.gz"
    made = fitledger("backup", "--output", str(archive))
    assert made.returncode == 0, made.stderr
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert set(manifest["postgres"]) == set(POSTGRES_SCHEMAS)
    assert manifest["mongodb"]["collections"]["workouts"]["documents"] >= 1

    wipe()
    assert sign_in(client, account.email).status_code == 401  # the account is gone

    restored = fitledger("restore", str(archive), "--yes")
    assert restored.returncode == 0, restored.stderr
    login = sign_in(client, account.email)
    assert login.status_code == 200, login.text
    assert answers(client, login.json()["access_token"]) == filled["answers"]


def damaged(name: str, data: bytes) -> bytes:
    return data.replace(b"lunch", b"snack") if name.endswith("/meals.copy") else data


def from_another_release(name: str, data: bytes) -> bytes:
    if name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["postgres"]["nutrition"]["revision"] = "0000_from_another_release"
    return json.dumps(manifest).encode()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (damaged, "does not match its checksum"),
        (from_another_release, "the archive at 0000_from_another_release"),
    ],
    ids=["damaged", "another-revision"],
)
def test_a_refused_restore_changes_nothing(
    filled: dict[str, Any],
    client: httpx.Client,
    tmp_path: Path,
    change: Callable[[str, bytes], bytes],
    reason: str,
) -> None:
    good = tmp_path / "good.tar.gz"
    assert fitledger("backup", "--output", str(good)).returncode == 0
    bad = rewritten(good, tmp_path / "bad.tar.gz", change)
    before = answers(client, sign_in(client, filled["account"].email).json()["access_token"])

    refused = fitledger("restore", str(bad), "--yes")
    assert refused.returncode == 1
    assert reason in refused.stderr
    after = answers(client, sign_in(client, filled["account"].email).json()["access_token"])
    assert after == before
