"""The upgrade path for workouts (issue 16): MongoDB has no migrations, so the previous
release's own code (the 2026-11-30 release, ``git archive`` of its commit) logs workouts
into a database on the real wire server, and this release's code starts on it, reads them
and finishes the workout left in progress, as after a rolling update."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from backend_services.kernel.mongo import make_mongo_client
from backend_services.workouts.main import prepare_database
from backend_services.workouts.models import WorkoutComplete
from backend_services.workouts.reports import ReportService
from backend_services.workouts.repository import WorkoutsRepository
from backend_services.workouts.service import WorkoutService

ROOT = Path(__file__).resolve().parents[3]
RELEASE_COMMIT = "34326a1"  # the 2026-11-30 release (tests/integration/previous_release.py)
LOGGER = Path(__file__).with_name("previous_release_workouts.py")
USER = "5b0c6a2e-7d1f-4a8e-9c3b-2f6d8e1a4c70"
BENCH = "builtin:barbell-bench-press"


@pytest.fixture(scope="module")
def previous_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", RELEASE_COMMIT, "backend_services"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        pytest.skip(f"commit {RELEASE_COMMIT} is not in this clone: {archive.stderr.decode()}")
    folder = tmp_path_factory.mktemp("previous-release")
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


@pytest.fixture
def logged_by_previous_release(
    secantus_uri: str, previous_code: Path
) -> Iterator[tuple[WorkoutsRepository, dict[str, str]]]:
    """A database the previous release wrote, opened by this release as it starts."""
    name = f"wt_prev_{uuid.uuid4().hex[:10]}"
    done = subprocess.run(
        [sys.executable, str(LOGGER), secantus_uri, name],
        env={**os.environ, "PYTHONPATH": str(previous_code)},
        cwd=previous_code,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    ids = json.loads(done.stdout.strip().splitlines()[-1])
    client = make_mongo_client(secantus_uri)
    try:
        repository = WorkoutsRepository(client[name])
        prepare_database(repository)  # this release's start: its indexes, its catalog
        yield repository, ids
    finally:
        client.drop_database(name)
        client.close()


def test_the_previous_release_ran_from_its_own_code(previous_code: Path) -> None:
    # The logger must import that release's package, not this checkout's.
    probe = subprocess.run(
        [sys.executable, "-c", "import backend_services; print(backend_services.__file__)"],
        env={**os.environ, "PYTHONPATH": str(previous_code)},
        cwd=previous_code,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip().startswith(str(previous_code))


def test_workouts_of_the_previous_release_read_and_continue(
    logged_by_previous_release: tuple[WorkoutsRepository, dict[str, str]],
) -> None:
    repo, ids = logged_by_previous_release
    service = WorkoutService(repo, clock=lambda: datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    reports = ReportService(repo, service)

    week = service.list_workouts(USER, date(2026, 11, 23), date(2026, 11, 29), 50)
    assert sorted(w["name"] for w in week) == ["Friday run", "Push A", "Push B"]
    push_b = service.get_workout(USER, ids["Push B"])
    assert push_b["status"] == "completed"
    assert push_b["result"]["calories_kcal"] > 0
    assert push_b["result"]["volume_kg"] == 1050.0  # 3 x 5 x 70 kg

    # The run started before the upgrade is finished after it, by this release's code.
    run = service.get_workout(USER, ids["in progress"])
    finished = service.complete_workout(
        USER,
        run["_id"],
        WorkoutComplete(ended_at=run["started_at"] + timedelta(minutes=20), body_weight_kg=64.5),
    )
    assert finished["status"] == "completed"
    assert finished["result"]["calories_kcal"] > 0

    summary = reports.summary(USER, date(2026, 11, 23), date(2026, 11, 29))
    assert summary["workouts"] == 3
    assert summary["volume_kg"] == pytest.approx(1050.0 + 8 * 60 * 2 + 6 * 65)
    progress = reports.progress(USER, BENCH, date(2026, 11, 1))
    assert len(progress["sessions"]) == 2
    assert [s["volume_kg"] for s in progress["sessions"]] == [1350.0, 1050.0]
