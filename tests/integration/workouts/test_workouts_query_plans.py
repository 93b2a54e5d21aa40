"""The service's hot query shapes are index scans on SecantusDB (``explain``), not COLLSCANs.

SecantusDB plans a filter on an index only when its fields are exactly an index prefix
(equalities, then one range/``$in`` field); one extra predicate and it scans the whole
collection (~0.3 ms a document: seconds per request at 20k workouts, see
bench/results/workouts_history_20k.md). The shapes below are the ones repository.py, reports.py
and worker.py send; a change that adds a predicate to one of them fails here.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from backend_services.kernel.mongo import update_and_read
from backend_services.workouts import summary
from backend_services.workouts.repository import WorkoutsRepository, prefix_range

USER = "plan-user"
EXERCISE = "builtin:barbell-bench-press"
DOCS = 3000


def _workout(n: int, user: str) -> dict[str, Any]:
    day = datetime(2020, 1, 1, 12, tzinfo=UTC) + timedelta(days=n % 1500)
    exercise = EXERCISE if n % 3 == 0 else "builtin:barbell-back-squat"
    return {
        "_id": uuid.uuid4().hex,
        "user_id": user,
        "status": "completed",
        "started_at": day,
        "local_date": day.date().isoformat(),
        "iso_year": day.isocalendar()[0],
        "iso_week": day.isocalendar()[1],
        "exercises": [{"id": uuid.uuid4().hex[:12], "exercise_id": exercise, "sets": []}],
        "result": {"duration_s": 3600, "calories_kcal": 300.0, "volume_kg": 1000.0},
        "version": 2,
    }


@pytest.fixture
def seeded(repo: WorkoutsRepository) -> WorkoutsRepository:
    docs = [_workout(n, USER if n % 2 else f"other-{n % 17}") for n in range(DOCS)]
    repo.workouts.insert_many(docs)
    pending = _workout(DOCS, USER)
    pending["outbox_pending"] = datetime.now(UTC)
    repo.workouts.insert_one(pending)
    return repo


def _stages(plan: Any) -> list[str]:
    """Every stage name in a plan tree."""
    out: list[str] = []
    if isinstance(plan, dict):
        if isinstance(plan.get("stage"), str):
            out.append(plan["stage"])
        for value in plan.values():
            out.extend(_stages(value))
    elif isinstance(plan, list):
        for value in plan:
            out.extend(_stages(value))
    return out


def _winning_plans(answer: Any) -> list[Any]:
    """Every ``winningPlan`` in an explain answer (find: one; aggregate: under its stages)."""
    found: list[Any] = []
    if isinstance(answer, dict):
        for key, value in answer.items():
            if key == "winningPlan":
                found.append(value)
            else:
                found.extend(_winning_plans(value))
    elif isinstance(answer, list):
        for value in answer:
            found.extend(_winning_plans(value))
    return found


def _assert_index_scan(repo: WorkoutsRepository, command: dict[str, Any]) -> list[str]:
    answer = repo.db.command("explain", command, verbosity="queryPlanner")
    plans = _winning_plans(answer)
    assert plans, f"no winningPlan in {answer}"
    stages = [stage for plan in plans for stage in _stages(plan)]
    assert "COLLSCAN" not in stages, (command, stages)
    assert any(s in ("IXSCAN", "IDHACK", "EXPRESS_IXSCAN", "EXPRESS_IDHACK") for s in stages), (
        command,
        stages,
    )
    return stages


def test_hot_query_shapes_are_index_scans(seeded: WorkoutsRepository) -> None:
    repo = seeded
    one = repo.workouts.find_one({"user_id": USER})
    assert one is not None
    shapes: dict[str, dict[str, Any]] = {
        # repository.get_workout: by _id only; owner and hidden checked in Python.
        "get one workout": {"find": "workouts", "filter": {"_id": one["_id"]}},
        # repository.list_workouts
        "history by date range": {
            "find": "workouts",
            "filter": {
                "user_id": USER,
                "local_date": {"$gte": "2021-03-01", "$lte": "2021-03-31"},
            },
            "projection": {"outbox": 0},
            "sort": {"local_date": -1, "started_at": -1},
            "limit": 116,
        },
        # reports.summary: repository.completed_between (status and hidden checked in Python).
        "summary of a window": {
            "find": "workouts",
            "filter": {
                "user_id": USER,
                "local_date": {"$gte": "2021-01-01", "$lte": "2021-12-31"},
            },
            "projection": {**summary.FIELDS, "status": 1, "deleted": 1},
        },
        # reports.progress / programs.start_workout: one exercise, a date window.
        "progress per exercise": {
            "find": "workouts",
            "filter": {
                "user_id": USER,
                "exercises.exercise_id": EXERCISE,
                "local_date": {"$gte": "2021-01-01"},
            },
        },
        # service._history_bests: the bests documents ...
        "PR detection: bests": {
            "find": "exercise_bests",
            "filter": {"_id": {"$in": [f"{USER}|{EXERCISE}", f"{USER}|builtin:deadlift"]}},
        },
        # ... and, once per exercise with none yet, that exercise's history.
        "PR detection: rebuild from history": {
            "find": "workouts",
            "filter": {"user_id": USER, "exercises.exercise_id": EXERCISE},
        },
        # repository.last_program_workout
        "last program workout": {
            "find": "workouts",
            "filter": {"user_id": USER, "program.program_id": "builtin:stronglifts-5x5"},
            "sort": {"started_at": -1},
        },
        # repository.followed_program_workout: any program, newest first
        "followed program": {
            "find": "workouts",
            "filter": {"user_id": USER, "program.program_id": {"$gt": ""}},
            "sort": {"started_at": -1},
        },
        # mongo_outbox.MongoOutboxRelay._lease_next (as a find: same filter and sort) and backlog
        "outbox lease": {
            "find": "workouts",
            "filter": {"outbox_pending": {"$lte": datetime.now(UTC)}},
            "sort": {"outbox_pending": 1},
            "limit": 1,
        },
        "outbox backlog": {
            "find": "workouts",
            "filter": {"outbox_pending": {"$exists": True}},
        },
        # repository.search_exercises: with words, and browsing without.
        "exercise search": {
            "find": "exercises",
            "filter": {"search_keys": prefix_range("bench")},
        },
        "exercise browse": {
            "find": "exercises",
            "filter": {"owner_id": {"$in": [None, USER]}},
        },
    }
    for name, command in shapes.items():
        assert _assert_index_scan(repo, command), name


def test_no_find_and_modify_reaches_the_server() -> None:
    """SecantusDB's explain calls findAndModify an index scan, yet it runs as a collection
    scan whatever the filter (460-490 ms a call at 10,000 workouts, even by ``_id`` alone:
    kernel/mongo.update_and_read). Conditional writes are update_one + find_one by ``_id``."""
    root = Path(__file__).resolve().parents[3] / "backend_services"
    users = [
        f"{path.relative_to(root)}:{n}"
        for path in sorted(root.rglob("*.py"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\.find_one_and_(update|replace|delete)\(", line)
    ]
    assert users == []


def test_a_conditional_write_by_id_rides_the_id(seeded: WorkoutsRepository) -> None:
    one = seeded.workouts.find_one({"user_id": USER})
    assert one is not None
    where = {"_id": one["_id"], "user_id": USER, "version": 2, "deleted": {"$ne": True}}
    done = update_and_read(seeded.workouts, where, {"$set": {"name": "x"}, "$inc": {"version": 1}})
    assert done is not None and done["version"] == 3 and done["name"] == "x"
    assert update_and_read(seeded.workouts, where, {"$set": {"name": "y"}}) is None  # stale
    assert seeded.workouts.find_one({"_id": one["_id"]})["name"] == "x"


def test_the_old_shapes_were_collection_scans(seeded: WorkoutsRepository) -> None:
    """Why the shapes above look as they do (if SecantusDB learns to plan these, fine: drop)."""
    answer = seeded.db.command(
        "explain",
        {
            "find": "workouts",
            "filter": {
                "user_id": USER,
                "deleted": {"$ne": True},
                "local_date": {"$gte": "2021-03-01", "$lte": "2021-03-31"},
            },
        },
        verbosity="queryPlanner",
    )
    assert "COLLSCAN" in [s for p in _winning_plans(answer) for s in _stages(p)]
