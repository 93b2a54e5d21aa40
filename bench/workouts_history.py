"""Workouts on MongoDB (SecantusDB locally): history/summary/progress latency with a big history,
and workout completion throughput, through the gateway.

    python -m bench.workouts_history [--port-shift 6000] [--heavy 100000] [--total 1000000]

Starts its own port-shifted stack (bench/harness/stack.py: .local/bench-workouts with its own
embedded SecantusDB, wiped first unless --keep-data; Redis db 8, vhost
fitledger_bench_workouts, gateway rate limits raised), then

1. seeds the ``workouts`` collection through pymongo with completed workouts in the shape the
   service stores them (documents built with the service's own ``documents.new_entry`` and
   ``domain.compute_result``, events in the embedded outbox already sent): ``--heavy`` for one user
   over 25 years, then other users (300 each over two years) until ``--total`` documents or
   ``--seed-budget`` seconds, whichever comes first (the report says which);
2. times, for the heavy user, ``GET /api/workouts/workouts?from=&to=`` (month windows) and
   ``GET /api/workouts/summary?from=&to=`` (month and year windows), one client, sequential
   and bounded (on SecantusDB these queries scan the collection, so they take seconds: a
   concurrent fixed-time load would measure only timeouts);
3. times ``GET /api/workouts/progress/{exercise}`` for the heavy user (a few requests, bounded);
4. completes workouts from N fresh users concurrently (threaded httpx: start with three
   exercises, add 3 sets to each, complete): completions/s and latency per step, client CPU;
   then a few completions for the heavy user (completion reads the user's history);
5. records the RSS of the SecantusDB process and the workouts instances before and after.

Results: bench/results/workouts_history.md and .json. Only 127.0.0.1 is loaded; every phase is
bounded in time or count.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from bench.harness import cli
from bench.harness.cli import BenchError, run_main
from bench.harness.machine import machine_info, machine_line, redis_version
from bench.harness.processes import machine_busy_ticks, rss_mib
from bench.harness.report import percentiles_ms, save
from bench.harness.session import bench_session
from bench.harness.stack import DEFAULT_SHIFT, BenchStack

HEAVY_FROM = date(2001, 1, 1)
OTHER_WORKOUTS_PER_USER = 300
BATCH = 1000
PROGRESS_EXERCISE = "builtin:barbell-bench-press"
FLOW_EXERCISES = (
    "builtin:barbell-back-squat",
    "builtin:barbell-bench-press",
    "builtin:barbell-row",
)


# ------------------------------------------------------------------------------- seeding


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
            entry = new_entry(docs[rng.choice(cardio)])
            minutes = rng.randint(20, 60)
            entry["sets"] = [
                {
                    "id": uuid.uuid4().hex[:12],
                    "kind": "cardio",
                    "duration_s": minutes * 60,
                    "distance_m": float(rng.randint(3000, 12000)),
                    "avg_heart_rate": rng.randint(110, 160),
                }
            ]
            entries.append(entry)
        else:
            entry = new_entry(docs[rng.choice(sport)])
            minutes = rng.randint(45, 90)
            entry["sets"] = [
                {
                    "id": uuid.uuid4().hex[:12],
                    "kind": "sport",
                    "duration_s": minutes * 60,
                    "intensity": "moderate",
                }
            ]
            entries.append(entry)
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
    while inserted < total:
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


# ------------------------------------------------------------------------------- load


def month_windows(count: int, first: date, last: date, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for _ in range(count):
        year = rng.randint(first.year, last.year - 1)
        month = rng.randint(1, 12)
        start = date(year, month, 1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        out.append((start.isoformat(), end.isoformat()))
    return out


def year_windows(count: int, first: date, last: date, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for _ in range(count):
        year = rng.randint(first.year, last.year - 1)
        out.append((f"{year}-01-01", f"{year}-12-31"))
    return out


def timed_gets(
    gateway: str, token: str, paths: list[str], timeout: float, budget_s: float
) -> dict[str, Any]:
    """One client, sequential, bounded by count and time. Error answers are counted (with
    their latency and status), not fatal: at a large collection they are the finding."""
    times: list[float] = []
    sizes: list[int] = []
    errors: dict[str, int] = {}
    deadline = time.monotonic() + budget_s
    with httpx.Client(
        base_url=gateway, headers={"Authorization": f"Bearer {token}"}, timeout=timeout
    ) as http:
        for path in paths:
            if times and time.monotonic() > deadline:
                break
            started = time.perf_counter()
            answer = http.get(path)
            times.append(time.perf_counter() - started)
            if answer.status_code != 200:
                key = f"{answer.status_code} {answer.text[:120]}"
                errors[key] = errors.get(key, 0) + 1
                continue
            body = answer.json()
            sizes.append(len(body.get("sessions", body.get("items", body.get("weeks", [])))))
    return {
        "requests": len(times),
        "ok": len(sizes),
        "errors": errors,
        "latency_ms": percentiles_ms(times),
        "items_per_answer": sizes,
        "bytes_note": "sessions/items/weeks per answer",
    }


class FlowStats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {"start": [], "add_set": [], "complete": []}
        self.flows = 0
        self.failures: list[str] = []

    def add(self, step: str, seconds: float) -> None:
        with self.lock:
            self.times[step].append(seconds)


def completion_flow(http: httpx.Client, stats: FlowStats, sets_per_exercise: int) -> bool:
    """start (3 exercises) -> add sets -> complete; False on any non-2xx (recorded)."""
    started_at = (datetime.now(UTC) - timedelta(minutes=50)).isoformat()

    def call(step: str, method: str, path: str, body: dict[str, Any] | None) -> Any:
        t = time.perf_counter()
        answer = http.request(method, path, json=body)
        stats.add(step, time.perf_counter() - t)
        if answer.status_code not in (200, 201):
            with stats.lock:
                stats.failures.append(f"{method} {path}: {answer.status_code} {answer.text[:200]}")
            return None
        return answer.json()

    created = call(
        "start",
        "POST",
        "/api/workouts/workouts",
        {
            "name": "Bench day",
            "started_at": started_at,
            "body_weight_kg": 81.5,
            "exercises": [{"exercise_id": e} for e in FLOW_EXERCISES],
        },
    )
    if created is None:
        return False
    for entry in created["exercises"]:
        for k in range(sets_per_exercise):
            body = {
                "kind": "strength",
                "reps": 8 + k,
                "weight_kg": 60.0 + 2.5 * k,
                "set_type": "working",
            }
            path = f"/api/workouts/workouts/{created['id']}/exercises/{entry['id']}/sets"
            if call("add_set", "POST", path, body) is None:
                return False
    done = call("complete", "POST", f"/api/workouts/workouts/{created['id']}/complete", {})
    return bool(done and done.get("status") == "completed" and done["result"]["calories_kcal"])


def completion_load(
    gateway: str, tokens: list[str], seconds: float, sets_per_exercise: int, max_flows: int
) -> dict[str, Any]:
    stats = FlowStats()
    deadline = time.monotonic() + seconds
    per_thread = max(1, max_flows // len(tokens))

    def worker(token: str) -> None:
        with httpx.Client(
            base_url=gateway, headers={"Authorization": f"Bearer {token}"}, timeout=60
        ) as http:
            for _ in range(per_thread):
                if time.monotonic() > deadline:
                    break
                if completion_flow(http, stats, sets_per_exercise):
                    with stats.lock:
                        stats.flows += 1
                elif stats.failures:
                    return

    threads = [threading.Thread(target=worker, args=(t,)) for t in tokens]
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    busy0, total0 = machine_busy_ticks()
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - began
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    busy1, total1 = machine_busy_ticks()
    client_cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
    requests = sum(len(v) for v in stats.times.values())
    return {
        "clients": len(tokens),
        "seconds": round(wall, 1),
        "workouts_completed": stats.flows,
        "completions_per_second": round(stats.flows / wall, 2),
        "requests": requests,
        "requests_per_second": round(requests / wall, 1),
        "requests_per_workout": 2 + len(FLOW_EXERCISES) * sets_per_exercise,
        "latency_ms": {step: percentiles_ms(v) for step, v in stats.times.items() if v},
        "failures": stats.failures[:5],
        "non2xx": len(stats.failures),
        "client_cpu_seconds": round(client_cpu, 2),
        "client_cores_used": round(client_cpu / wall, 2),
        "machine_busy_pct": round(100 * (busy1 - busy0) / max(1, total1 - total0), 1),
    }


# ------------------------------------------------------------------------------- report


def render_markdown(report: dict[str, Any]) -> str:
    cfg, sd = report["config"], report["seed"]
    lines = [
        "# Workouts benchmark: big history on SecantusDB, completion throughput",
        "",
        f"{report['finished_at']}; `python -m bench.workouts_history` (port shift "
        f"{cfg['port_shift']}, {cfg['instances']} workouts instances behind nginx, embedded "
        f"SecantusDB {cfg['secantus_version']}; gateway rate limits raised).",
        "",
        "## Seeding (pymongo insert_many straight into `workouts`, service-shaped documents)",
        "",
        f"- {sd['inserted']:,} workouts inserted in {sd['seconds']:.0f} s = "
        f"**{sd['rate_per_second']:,.0f} documents/s** (batches of {sd['batch']}, "
        f"{sd['write_concern']}; the service's {len(sd['indexes_during_seed'])} indexes "
        "in place).",
        f"- heavy user: {sd['heavy_workouts']:,} workouts over 2001-01-01..today "
        f"(~{sd['heavy_workouts'] / max(1, (date.today() - HEAVY_FROM).days):.0f} a day) in "
        f"{sd['heavy_seconds']:.0f} s ({sd['heavy_rate_per_second'] or 0:,.0f}/s); other users: "
        f"{sd['other_users']:,} x {OTHER_WORKOUTS_PER_USER} over two years.",
        f"- collection: {sd['collection_count']:,} documents (target {sd['target_total']:,}: "
        f"**{sd['stopped_by']}**), collStats "
        + ", ".join(f"{k} {v}" for k, v in sd["coll_stats"].items())
        + ".",
        "",
        "## Reads for the heavy user (through the gateway)",
        "",
        "One client, one request at a time (bounded in count and time); with so few samples "
        "p95 is close to the max.",
        "",
        "| query | requests | ok | p50 ms | p95 ms | max ms | items per answer | errors |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    reads = {**report["reads"], f"progress `{PROGRESS_EXERCISE}`": report["progress"]}
    for label, r in reads.items():
        lat = r["latency_ms"]
        sizes = sorted(set(r["items_per_answer"])) or [0]
        errors = "; ".join(f"{n} x {e}" for e, n in r["errors"].items()) or "none"
        lines.append(
            f"| {label} | {r['requests']} | {r['ok']} | {lat['p50']:.0f} | {lat['p95']:.0f} "
            f"| {lat['max']:.0f} | {sizes[0]}-{sizes[-1]} | {errors} |"
        )
    pr = report["progress"]
    lines += [
        "",
        f"History: default limit 100 of the ~{report['heavy_per_month']:.0f} workouts in a "
        f"month window; summary: aggregation over every completed workout in the window "
        f"(month ~{report['heavy_per_month']:.0f}, year ~{report['heavy_per_month'] * 12:.0f} "
        f"documents); progress returned {pr['items_per_answer'][:1]} sessions per answer.",
        "",
        "## Completion throughput (start + 3 exercises x "
        f"{cfg['sets_per_exercise']} sets + complete = "
        f"{report['completion']['requests_per_workout']} requests per workout)",
        "",
        "| users | workouts/s | requests/s | start p50/p95 ms | add set p50/p95 ms "
        "| complete p50/p95 ms | workouts | non-2xx | client cores | machine busy |",
        "|---|---:|---:|---|---|---|---:|---:|---:|---:|",
    ]
    for label, c in (
        ("completion", report["completion"]),
        ("completion_heavy", report["completion_heavy"]),
    ):
        if not c:
            continue
        who = f"{c['clients']} fresh" if label == "completion" else "1 heavy (100k history)"
        lat = c["latency_ms"]
        lines.append(
            f"| {who} | {c['completions_per_second']:.2f} | {c['requests_per_second']:.1f} "
            + "".join(
                (f"| {lat[s]['p50']:.0f} / {lat[s]['p95']:.0f} " if s in lat else "| - ")
                for s in ("start", "add_set", "complete")
            )
            + f"| {c['workouts_completed']} | {c['non2xx']} | {c['client_cores_used']:.2f} "
            f"| {c['machine_busy_pct']:.0f}% |"
        )
        if c["failures"]:
            lines.append(f"\n{who}: first failure: `{c['failures'][0]}`\n")
    mem = report["memory"]
    lines += [
        "",
        "Memory (RSS MiB) empty -> seeded -> after the load: "
        + ", ".join(
            f"{name} {mem['empty'][name]} -> {mem['seeded'][name]} -> {mem['after'][name]}"
            for name in mem["after"]
        )
        + ".",
        "",
        "Query plans (SecantusDB explain, executionStats):",
        "",
    ]
    for name, plan in report["explain"].items():
        lines.append(f"- {name}: {plan}")
    lines += ["", machine_line(report["machine"]), ""]
    return "\n".join(lines)


# ------------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = cli.parser("workouts_history", __doc__)
    cli.add_port_shift(parser, DEFAULT_SHIFT)
    parser.add_argument("--heavy", type=int, default=100_000, help="heavy user's workouts")
    parser.add_argument("--total", type=int, default=1_000_000, help="documents in all")
    parser.add_argument(
        "--seed-budget", type=float, default=600, help="seconds of seeding at most (600)"
    )
    parser.add_argument("--read-requests", type=int, default=8, help="per read shape (8)")
    parser.add_argument(
        "--read-budget", type=float, default=120, help="seconds per read shape at most (120)"
    )
    parser.add_argument("--progress-requests", type=int, default=5, help="(5)")
    parser.add_argument("--flow-users", type=int, default=4, help="completion clients (4)")
    parser.add_argument("--flow-seconds", type=float, default=30, help="(30)")
    parser.add_argument("--sets-per-exercise", type=int, default=3, help="(3)")
    parser.add_argument("--heavy-completions", type=int, default=3, help="(3)")
    parser.add_argument("--keep-data", action="store_true", help="reuse the seeded store")
    parser.add_argument("--seed", type=int, default=7)
    cli.add_wait_and_output(parser)
    parser.add_argument("--tag", default="", help="suffix of the result files' names")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return run_main("workouts_history", run, parse_args(argv))


def _memory(stack: BenchStack, instances: int) -> dict[str, float]:
    workouts = [rss_mib(stack.pid(f"workouts-{i}")) for i in range(1, instances + 1)]
    return {
        "SecantusDB": rss_mib(stack.pid("mongodb")),
        "workouts-1": workouts[0],
        "workouts instances": round(sum(workouts), 1),
        "workouts worker": rss_mib(stack.pid("workouts-worker")),
    }


def run(args: argparse.Namespace) -> int:
    stack = BenchStack("workouts", args.port_shift, redis_db=8)
    if not args.keep_data:
        shutil.rmtree(stack.data_dir / "mongo", ignore_errors=True)
    rng = random.Random(args.seed)
    heavy_user = "bench-heavy-user"
    report: dict[str, Any] = {}
    with bench_session(stack, wait=args.wait) as session:
        settings = session.settings

        token_for = session.token_for

        memory_empty = _memory(stack, settings.instances)
        # ---- 1. seed
        from pymongo import MongoClient

        probe: MongoClient[dict[str, Any]] = MongoClient(stack.mongodb_uri)
        existing = probe.get_default_database()["workouts"].count_documents({"user_id": heavy_user})
        secantus_version = probe.server_info().get("version", "?")
        probe.close()
        if args.keep_data and existing >= args.heavy:
            print(f"  keeping the seeded store ({existing} heavy workouts)", flush=True)
            seeded: dict[str, Any] = {"kept": True, "heavy_workouts": existing}
        else:
            print(
                f"  seeding {args.heavy:,} workouts for one user, then up to "
                f"{args.total:,} in all (budget {args.seed_budget:.0f} s) ...",
                flush=True,
            )
            seeded = seed(
                stack.mongodb_uri,
                heavy_user,
                args.heavy,
                args.total,
                args.seed_budget,
                args.seed,
            )
            print(
                f"  seeded {seeded['inserted']:,} in {seeded['seconds']:.0f} s "
                f"({seeded['rate_per_second']:,.0f}/s; {seeded['stopped_by']})",
                flush=True,
            )
        memory_seeded = _memory(stack, settings.instances)
        explain = explain_plans(stack.mongodb_uri, heavy_user)
        for name, plan in explain.items():
            print(f"  explain {name}: {plan}", flush=True)

        # ---- 2. reads
        heavy_token = token_for(heavy_user)
        last = date.today()
        months = month_windows(200, HEAVY_FROM, last, rng)
        years = year_windows(50, HEAVY_FROM, last, rng)
        files = {
            "history, month window (limit 100)": [
                ("GET", f"/api/workouts/workouts?from={a}&to={b}", heavy_token, "")
                for a, b in months
            ],
            "summary, month window": [
                ("GET", f"/api/workouts/summary?from={a}&to={b}", heavy_token, "")
                for a, b in months
            ],
            "summary, year window": [
                ("GET", f"/api/workouts/summary?from={a}&to={b}", heavy_token, "") for a, b in years
            ],
        }
        with httpx.Client(
            base_url=stack.gateway,
            headers={"Authorization": f"Bearer {heavy_token}"},
            timeout=120,
        ) as http:
            a, b = months[0]
            answer = http.get(f"/api/workouts/workouts?from={a}&to={b}")
            if answer.status_code != 200 or not answer.json()["items"]:
                raise BenchError(
                    f"history for the heavy user: {answer.status_code} {answer.text[:300]}"
                )
            summary = http.get(f"/api/workouts/summary?from={a}&to={b}").json()
            heavy_per_month = summary["workouts"]
        # Sequential and bounded: on SecantusDB these shapes scan the whole collection
        # (see explain), so a request takes seconds and wrk's fixed-time runs would only
        # measure timeouts.
        reads: dict[str, Any] = {}
        for label, lines in files.items():
            paths = [path for _, path, _, _ in lines][: args.read_requests]
            reads[label] = timed_gets(
                stack.gateway, heavy_token, paths, timeout=300, budget_s=args.read_budget
            )
            print(f"    {label}: {reads[label]['latency_ms']}", flush=True)

        # ---- 3. progress (sequential, bounded)
        print("  progress for the heavy user ...", flush=True)
        progress = timed_gets(
            stack.gateway,
            heavy_token,
            [f"/api/workouts/progress/{PROGRESS_EXERCISE}"] * args.progress_requests,
            timeout=300,
            budget_s=120,
        )
        print(f"    {progress['latency_ms']} ({progress['items_per_answer']})", flush=True)

        # ---- 4. completion throughput
        users = [f"bench-flow-{i:02d}-{uuid.uuid4().hex[:6]}" for i in range(args.flow_users)]
        tokens = [token_for(u) for u in users]
        completion_load(stack.gateway, tokens[:2], 3, args.sets_per_exercise, 4)  # warm-up
        print(f"  completing workouts from {len(tokens)} users ...", flush=True)
        completion = completion_load(
            stack.gateway, tokens, args.flow_seconds, args.sets_per_exercise, 100_000
        )
        print(f"    {completion}", flush=True)
        heavy_completion: dict[str, Any] = {}
        if args.heavy_completions:
            print("  completing workouts for the heavy user ...", flush=True)
            heavy_completion = completion_load(
                stack.gateway,
                [heavy_token],
                120,
                args.sets_per_exercise,
                args.heavy_completions,
            )
            print(f"    {heavy_completion}", flush=True)
        memory_after = _memory(stack, settings.instances)
        report = {
            "finished_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "config": {
                "port_shift": args.port_shift,
                "instances": settings.instances,
                "secantus_version": secantus_version,
                "read_requests": args.read_requests,
                "read_budget_seconds": args.read_budget,
                "flow_users": args.flow_users,
                "flow_seconds": args.flow_seconds,
                "sets_per_exercise": args.sets_per_exercise,
                "stack_env": stack.env(),
            },
            "machine": machine_info(redis_version(session.redis)),
            "seed": seeded,
            "explain": explain,
            "heavy_per_month": heavy_per_month,
            "reads": reads,
            "progress": progress,
            "completion": completion,
            "completion_heavy": heavy_completion,
            "memory": {"empty": memory_empty, "seeded": memory_seeded, "after": memory_after},
        }
    report["config"]["wall_seconds"] = session.wall_seconds()
    stem = "workouts_history" + (f"_{args.tag}" if args.tag else "")
    save(args.output, stem, report, render_markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
