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
import shutil
import sys
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

import httpx

from bench.harness import cli
from bench.harness.cli import BenchError, run_main
from bench.harness.clients import run_clients, timed_gets
from bench.harness.machine import machine_info, redis_version
from bench.harness.processes import rss_mib
from bench.harness.report import percentiles_ms, save
from bench.harness.session import bench_session
from bench.harness.stack import DEFAULT_SHIFT, BenchStack
from bench.reports.workouts_history import render_markdown
from bench.seeding.workouts import HEAVY_FROM, PROGRESS_EXERCISE, explain_plans, seed

FLOW_EXERCISES = (
    "builtin:barbell-back-squat",
    "builtin:barbell-bench-press",
    "builtin:barbell-row",
)


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

    ran = run_clients([partial(worker, token) for token in tokens])
    wall = ran.seconds
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
        "client_cpu_seconds": round(ran.client_cpu_seconds, 2),
        "client_cores_used": ran.client_cores_used,
        "machine_busy_pct": ran.machine_busy_pct,
    }


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
