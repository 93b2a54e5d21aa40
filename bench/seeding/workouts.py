"""A big workout history in the workouts service's MongoDB: service-shaped completed workouts
(built with the service's own documents and domain code) inserted in bulk, and the query plans
of the history's read shapes."""

from __future__ import annotations

import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

HEAVY_FROM = date(2001, 1, 1)
OTHER_WORKOUTS_PER_USER = 300
BATCH = 1000
PROGRESS_EXERCISE = "builtin:barbell-bench-press"


def timed(entry: dict[str, Any], minutes: int, **fields: Any) -> dict[str, Any]:
    """A cardio or sport ``entry`` with its one set: ``minutes`` long, with ``fields``."""
    set_ = {"id": uuid.uuid4().hex[:12], "kind": entry["kind"], "duration_s": minutes * 60}
    entry["sets"] = [{**set_, **fields}]
    return entry


def templates(count: int, seed: int) -> list[dict[str, Any]]:
    """Completed workouts built with the service's own code: strength (70 %), cardio (25 %),
    sport (5 %); the seeder stamps ids, user and dates onto copies of these."""
    from backend_services.workouts.catalog import BUILTIN_EXERCISES, exercise_document
    from backend_services.workouts.documents import new_entry
    from backend_services.workouts.domain import WeightUsed, compute_result

    rng = random.Random(seed)
    docs = {e.id: exercise_document(e) for e in BUILTIN_EXERCISES}
    strength = [i for i, d in docs.items() if d["kind"] == "strength" and "plank" not in i]
    cardio = [i for i, d in docs.items() if d["kind"] == "cardio"]
    sport = [i for i, d in docs.items() if d["kind"] == "sport"]
    out = []
    start = datetime(2024, 1, 1, 7, 0, tzinfo=UTC)
    for _ in range(count):
        roll = rng.random()
        entries = []
        if roll < 0.7:
            for ex_id in rng.sample(strength, rng.randint(3, 5)):
                entry = new_entry(docs[ex_id])
                weight = rng.choice([20, 40, 60, 80, 100])
                entry["sets"] = [
                    {
                        "id": uuid.uuid4().hex[:12],
                        "kind": "strength",
                        "reps": rng.randint(5, 12),
                        "weight_kg": float(weight + 2.5 * rng.randint(0, 4)),
                        "set_type": "working",
                    }
                    for _ in range(rng.randint(3, 4))
                ]
                entries.append(entry)
            minutes = rng.randint(40, 80)
        elif roll < 0.95:
            exercise, minutes = docs[rng.choice(cardio)], rng.randint(20, 60)
            entries.append(
                timed(
                    new_entry(exercise),
                    minutes,
                    distance_m=float(rng.randint(3000, 12000)),
                    avg_heart_rate=rng.randint(110, 160),
                )
            )
        else:
            exercise, minutes = docs[rng.choice(sport)], rng.randint(45, 90)
            entries.append(timed(new_entry(exercise), minutes, intensity="moderate"))
        doc: dict[str, Any] = {
            "status": "completed",
            "name": "Workout",
            "notes": None,
            "source": "manual",
            "started_at": start,
            "utc_offset_minutes": 60,
            "body_weight_kg": 80.0,
            "exercises": entries,
            "program": None,
        }
        ended = start + timedelta(minutes=minutes)
        result, bests = compute_result(doc, ended, WeightUsed(80.0, "workout"), {})
        result["personal_records"] = result["personal_records"][:1]  # PRs are rare later on
        doc["result"] = result
        doc["exercises"] = [{**e, "bests": bests.get(e["id"])} for e in entries]
        doc["minutes"] = minutes
        out.append(doc)
    return out


def stamp(
    template: dict[str, Any], user_id: str, started: datetime, created: datetime
) -> dict[str, Any]:
    """A stored workout from a template: what ``complete_workout`` leaves after the relay
    published its event (``outbox`` entries with ``sent_at``, no ``outbox_pending``)."""
    from backend_services.workouts import domain

    workout_id = uuid.uuid4().hex
    day = domain.local_day(started, template["utc_offset_minutes"])
    ended = started + timedelta(minutes=template["minutes"])
    doc = {k: v for k, v in template.items() if k != "minutes"}
    doc.update(
        _id=workout_id,
        user_id=user_id,
        started_at=started,
        ended_at=ended,
        local_date=day.local_date,
        iso_year=day.iso_year,
        iso_week=day.iso_week,
        created_at=started,
        updated_at=ended,
        version=2 + len(template["exercises"]) * 3,
        outbox=[
            {
                "id": str(uuid.uuid4()),
                "type": "workouts.workout.completed",
                "payload": {
                    "id": str(uuid.uuid4()),
                    "type": "workouts.workout.completed",
                    "producer": "workouts",
                    "user_id": user_id,
                    "occurred_at": ended.isoformat(),
                    "data": {
                        "workout_id": workout_id,
                        "local_date": day.local_date,
                        "iso_year": day.iso_year,
                        "iso_week": day.iso_week,
                        "duration_s": template["result"]["duration_s"],
                        "calories_kcal": template["result"]["calories_kcal"],
                        "volume_kg": template["result"]["volume_kg"],
                    },
                },
                "created_at": ended,
                "sent_at": ended + timedelta(seconds=1),
            }
        ],
    )
    return doc


def seed(
    mongodb_uri: str,
    heavy_user: str,
    heavy: int,
    total: int,
    budget_s: float,
    seed_value: int,
) -> dict[str, Any]:
    """Insert ``heavy`` workouts for one user, then other users' until ``total`` or the time
    budget; returns counts, seconds and rates."""
    from pymongo import MongoClient

    rng = random.Random(seed_value)
    pool = templates(400, seed_value)
    client: MongoClient[dict[str, Any]] = MongoClient(mongodb_uri, tz_aware=True)
    coll = client.get_default_database()["workouts"]
    indexes = sorted(coll.index_information())
    started = time.perf_counter()
    deadline = started + budget_s
    inserted = 0
    heavy_done_at = None
    now = datetime.now(UTC).replace(microsecond=0)
    heavy_days = (now.date() - HEAVY_FROM).days
    progress_every = 50_000

    def flush(batch: list[dict[str, Any]]) -> None:
        nonlocal inserted
        coll.insert_many(batch, ordered=False)
        inserted += len(batch)
        if inserted % progress_every < len(batch):
            rate = inserted / (time.perf_counter() - started)
            print(f"    seeded {inserted:>9,} workouts ({rate:,.0f}/s)", flush=True)

    batch: list[dict[str, Any]] = []
    for n in range(heavy):
        # Spread evenly over 25 years (~11 a day), times of day varied.
        day = HEAVY_FROM + timedelta(days=n * heavy_days // heavy)
        at = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(
            minutes=rng.randint(5 * 60, 21 * 60)
        )
        batch.append(stamp(pool[n % len(pool)], heavy_user, at, at))
        if len(batch) >= BATCH:
            flush(batch)
            batch = []
    if batch:
        flush(batch)
        batch = []
    heavy_done_at = time.perf_counter()
    stopped_by = "total"
    users = 0
    while inserted + len(batch) < total:  # what waits in the batch counts: no empty spins
        if time.perf_counter() > deadline:
            stopped_by = "time budget"
            break
        user = f"bench-other-{users:06d}"
        users += 1
        for k in range(min(OTHER_WORKOUTS_PER_USER, total - inserted - len(batch))):
            at = now - timedelta(days=730 * k // OTHER_WORKOUTS_PER_USER, hours=rng.randint(1, 14))
            batch.append(stamp(pool[rng.randrange(len(pool))], user, at, at))
            if len(batch) >= BATCH:
                flush(batch)
                batch = []
    if batch:
        flush(batch)
    seconds = time.perf_counter() - started
    heavy_seconds = heavy_done_at - started
    count = coll.estimated_document_count()
    stats = client.get_default_database().command("collStats", "workouts")
    client.close()
    return {
        "heavy_user": heavy_user,
        "heavy_workouts": heavy,
        "other_users": users,
        "inserted": inserted,
        "collection_count": count,
        "target_total": total,
        "stopped_by": stopped_by if inserted < total else "total reached",
        "seconds": round(seconds, 1),
        "rate_per_second": round(inserted / seconds, 0),
        "heavy_seconds": round(heavy_seconds, 1),
        "heavy_rate_per_second": round(heavy / heavy_seconds, 0) if heavy else None,
        "batch": BATCH,
        "write_concern": "w:1, no journal (bulk seeding; the service writes with j:true)",
        "indexes_during_seed": indexes,
        "coll_stats": {
            k: stats.get(k)
            for k in ("count", "size", "avgObjSize", "storageSize", "totalIndexSize", "nindexes")
        },
    }


def explain_plans(mongodb_uri: str, heavy_user: str) -> dict[str, Any]:
    """What the server does for the service's query shapes (evidence for slow ones)."""
    from pymongo import MongoClient

    client: MongoClient[dict[str, Any]] = MongoClient(mongodb_uri, tz_aware=True)
    db = client.get_default_database()
    shapes = {
        "history month (list_workouts)": {
            "find": "workouts",
            "filter": {
                "user_id": heavy_user,
                "deleted": {"$ne": True},
                "local_date": {"$gte": "2020-03-01", "$lte": "2020-03-31"},
            },
            "sort": {"local_date": -1, "started_at": -1},
            "limit": 100,
        },
        "history of one exercise (completed_with_exercises)": {
            "find": "workouts",
            "filter": {
                "user_id": heavy_user,
                "status": "completed",
                "deleted": {"$ne": True},
                "exercises.exercise_id": {"$in": [PROGRESS_EXERCISE]},
            },
            "sort": {"local_date": 1},
        },
    }
    out: dict[str, Any] = {}
    for name, command in shapes.items():
        try:
            answer = db.command("explain", command, verbosity="executionStats")
        except Exception as exc:  # the server may not support a verbosity: say so
            out[name] = {"error": repr(exc)[:300]}
            continue
        out[name] = _plan_digest(answer)
    client.close()
    return out


def _plan_digest(answer: dict[str, Any]) -> dict[str, Any]:
    planner = answer.get("queryPlanner", {})
    stats = answer.get("executionStats", {})

    def stages(plan: Any) -> list[str]:
        found: list[str] = []
        while isinstance(plan, dict) and plan:
            name = plan.get("stage", "?")
            if plan.get("indexName"):
                name += f"({plan['indexName']})"
            found.append(name)
            plan = plan.get("inputStage") or (plan.get("inputStages") or [None])[0]
        return found

    return {
        "winning_plan": stages(planner.get("winningPlan")),
        "n_returned": stats.get("nReturned"),
        "docs_examined": stats.get("totalDocsExamined"),
        "keys_examined": stats.get("totalKeysExamined"),
        "millis": stats.get("executionTimeMillis"),
    }
