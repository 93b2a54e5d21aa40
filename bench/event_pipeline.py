"""Event pipeline: meal committed -> "daily_norm_exceeded" notification stored.

    python -m bench.event_pipeline [--port-shift 10000] [--rates 10,25,50] [--seconds 20]
                                   [--backlog 2000]

Starts its own port-shifted stack (bench/harness/stack.py: .local/bench-events, database
fitledger_bench_events, dropped first, Redis db 9, vhost fitledger_bench_events), imports
USDA SR28 with the real CLI (for a real food to log), mints tokens for fresh users (no
registration: ``PUT /api/users/me`` creates the profile) and gives each a small sedentary
profile, so its calorie target is low; it waits until the notifications service knows every
target (its projection, filled from ``users.profile.updated``). Then, through the gateway:

1. **steady load**: at each fixed rate, one over-the-norm meal per fresh user
   (``POST /api/nutrition/meals``, open loop: sends follow the clock, not the answers).
   Latency per meal = ``notifications.notifications.created_at`` -
   ``nutrition.meals.created_at`` (same PostgreSQL database, joined on the user); both are
   ``now()`` of their transaction, i.e. its start, so the figure covers the rest of the
   nutrition transaction + commit, the outbox relay (woken by the commit's NOTIFY), RabbitMQ,
   and the consumer up to its transaction start (its own commit follows within ms).
   Outbox relay lag = ``nutrition.outbox.published_at - created_at`` of the same events.
2. **sustained rate**: the notifications worker is stopped, M meals of M fresh users are
   logged as fast as the gateway takes them (the queue builds up), the worker is started
   again, and the rate at which the backlog turns into notifications is measured (first to
   last ``created_at``); the queue depth is sampled with ``rabbitmqctl`` meanwhile.

Results: bench/results/event_pipeline.md and .json. Only 127.0.0.1 is loaded, every phase is
bounded in count and time, and the stack is always stopped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx

from backend_services.kernel.contracts.queues import NOTIFICATIONS_ACTIVITY as ACTIVITY_QUEUE
from backend_services.kernel.contracts.queues import NOTIFICATIONS_AUDIT as AUDIT_QUEUE
from bench.harness import cli
from bench.harness.cli import BenchError, run_main
from bench.harness.food_import import SR28_DIR, import_source
from bench.harness.machine import machine_info, redis_version
from bench.harness.meter import Meter
from bench.harness.polling import wait_for
from bench.harness.report import percentiles_ms, save
from bench.harness.session import bench_session
from bench.harness.stack import BenchStack
from bench.reports.event_pipeline import render_markdown

DEFAULT_SHIFT = 10_000
REDIS_DB = 9
WORKER = "notifications:notifications-worker"
# Small, sedentary, losing weight: a low target, so one lunch is over it.
PROFILE = {
    "sex": "female",
    "birth_date": "1950-01-01",
    "height_cm": 150,
    "weight_kg": 45,
    "activity_level": "sedentary",
    "goal": "maintain",
    "timezone": "UTC",
}
FOOD_QUERY = "Nuts, almonds"
OVER_FACTOR = 1.3  # meal energy / target


# ------------------------------------------------------------------------------ helpers


def queue_depths(vhost: str) -> dict[str, int]:
    ctl = shutil.which("rabbitmqctl") or "rabbitmqctl"
    done = subprocess.run(
        [ctl, "-q", "-p", vhost, "list_queues", "name", "messages"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    out: dict[str, int] = {}
    for line in done.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[1].strip().isdigit():
            out[parts[0]] = int(parts[1])
    return out


def count_known_targets(conn: Any, users: list[str]) -> int:
    row = conn.execute(
        "SELECT count(*) FROM notifications.recipients "
        "WHERE user_id = ANY(%s) AND calorie_target_kcal IS NOT NULL",
        (users,),
    ).fetchone()
    return int(row[0])


def count_warnings(conn: Any, users: list[str]) -> int:
    row = conn.execute(
        "SELECT count(*) FROM notifications.notifications "
        "WHERE user_id = ANY(%s) AND type = 'daily_norm_exceeded'",
        (users,),
    ).fetchone()
    return int(row[0])


def pipeline_rows(
    conn: Any, users: list[str]
) -> list[tuple[str, datetime, datetime | None, datetime | None]]:
    """Per user: meal created, first warning stored, its outbox event published."""
    rows = conn.execute(
        """SELECT m.user_id, m.created_at, min(n.created_at), min(o.published_at)
           FROM nutrition.meals m
           LEFT JOIN notifications.notifications n
             ON n.user_id = m.user_id AND n.type = 'daily_norm_exceeded'
           LEFT JOIN nutrition.outbox o
             ON o.payload->>'user_id' = m.user_id AND o.type = 'nutrition.meal.logged'
           WHERE m.user_id = ANY(%s)
           GROUP BY m.user_id, m.created_at""",
        (users,),
    ).fetchall()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def outbox_lags(conn: Any, users: list[str]) -> list[float]:
    rows = conn.execute(
        """SELECT extract(epoch FROM published_at - created_at) FROM nutrition.outbox
           WHERE type = 'nutrition.meal.logged' AND published_at IS NOT NULL
             AND payload->>'user_id' = ANY(%s)""",
        (users,),
    ).fetchall()
    return [float(r[0]) for r in rows]


def unpublished(conn: Any) -> int:
    row = conn.execute(
        "SELECT count(*) FROM nutrition.outbox WHERE published_at IS NULL"
    ).fetchone()
    return int(row[0])


def wait_quiet(stack: BenchStack, timeout: float = 180) -> float:
    """Until every queue of the stack's vhost is empty (the last phase's events, the profile
    events, the users service's stats consumer): each phase starts from an idle pipeline."""
    return wait_for(
        "the stack's queues to empty",
        lambda: sum(queue_depths(stack.vhost).values()) == 0,
        timeout=timeout,
        every=1.0,
    )


# ------------------------------------------------------------------------------ users


async def _setup_profiles(gateway: str, tokens: list[str], concurrency: int) -> None:
    sem = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=gateway, timeout=30) as http:

        async def one(token: str) -> None:
            async with sem:
                answer = await http.put(
                    "/api/users/me", headers={"Authorization": f"Bearer {token}"}, json=PROFILE
                )
                if answer.status_code != 200:
                    raise BenchError(f"PUT /api/users/me: {answer.status_code} {answer.text[:300]}")

        await asyncio.gather(*(one(t) for t in tokens))


def meal_body(food_id: int, grams: float) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).date().isoformat(),
        "meal_type": "lunch",
        "items": [{"food_id": food_id, "grams": grams}],
    }


async def _post_meals(
    gateway: str,
    tokens: list[str],
    body: dict[str, Any],
    *,
    rate: float | None,
    concurrency: int,
) -> dict[str, Any]:
    """One meal per token. With ``rate``: open loop, request i sent at t0 + i / rate.
    Without: ``concurrency`` clients, each sending as soon as its last answer came."""
    latencies: list[float] = []
    late: list[float] = []
    sent: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=gateway, timeout=60, limits=limits) as http:

        async def one(token: str) -> None:
            started = time.perf_counter()
            sent.append(started)
            answer = await http.post(
                "/api/nutrition/meals", headers={"Authorization": f"Bearer {token}"}, json=body
            )
            latencies.append(time.perf_counter() - started)
            if answer.status_code != 201:
                errors.append(f"{answer.status_code} {answer.text[:200]}")

        t0 = time.perf_counter()
        if rate:
            tasks = []
            for i, token in enumerate(tokens):
                due = t0 + i / rate
                delay = due - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                else:
                    late.append(-delay)
                tasks.append(asyncio.create_task(one(token)))
            await asyncio.gather(*tasks)
        else:
            queue = list(reversed(tokens))

            async def client() -> None:
                while queue:
                    await one(queue.pop())

            await asyncio.gather(*(client() for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    if errors:
        raise BenchError(f"{len(errors)} meals refused, e.g. {errors[0]}")
    span = max(sent) - min(sent) if len(sent) > 1 else 0.0
    return {
        "meals": len(tokens),
        "send_seconds": round(wall, 2),
        # requests started per second, first to last start (open loop: the schedule's rate)
        "achieved_rate": round((len(sent) - 1) / span, 1) if span > 0 else float(len(sent)),
        "http_ms": percentiles_ms(latencies),
        "sends_late_over_50ms": sum(1 for s in late if s > 0.05),
    }


# ------------------------------------------------------------------------------ phases


def steady_phase(
    stack: BenchStack,
    conn: Any,
    tokens: list[str],
    users: list[str],
    body: dict[str, Any],
    rate: float,
) -> dict[str, Any]:
    wait_quiet(stack)
    print(f"  steady load: {len(users)} meals at {rate:g}/s ...", flush=True)
    meter = Meter(stack)
    http = asyncio.run(_post_meals(stack.gateway, tokens, body, rate=rate, concurrency=64))
    cpu = meter.done()
    wait_for(
        f"{len(users)} notifications",
        lambda: count_warnings(conn, users) >= len(users),
        timeout=120,
    )
    rows = pipeline_rows(conn, users)
    lat = [(n - m).total_seconds() for _, m, n, _ in rows if n is not None]
    consumed = [(n - p).total_seconds() for _, _, n, p in rows if n is not None and p is not None]
    if len(lat) != len(users):
        raise BenchError(f"{len(lat)} notifications for {len(users)} over-the-norm meals")
    result = {
        "rate_per_second": rate,
        **http,
        "pipeline_ms": percentiles_ms(lat),
        # broker + consumer: notification stored - event published by the relay
        "after_publish_ms": percentiles_ms(consumed),
        "pipeline_mean_ms": round(statistics.fmean(lat) * 1000, 2),
        "outbox_lag_ms": percentiles_ms(outbox_lags(conn, users)),
        "notifications": len(lat),
        "cpu_while_sending": cpu,
    }
    p = result["pipeline_ms"]
    print(
        f"    sent at {http['achieved_rate']:.1f}/s; pipeline p50 {p['p50']:.0f} p95 "
        f"{p['p95']:.0f} p99 {p['p99']:.0f} max {p['max']:.0f} ms; outbox lag p50 "
        f"{result['outbox_lag_ms']['p50']:.0f} ms, publish->stored p50 "
        f"{result['after_publish_ms']['p50']:.0f} ms; POST p50 {http['http_ms']['p50']:.0f} ms; "
        f"machine {cpu['machine_busy_pct']:.0f}% busy (stack {cpu['stack_cores']:.2f} cores, "
        f"load 1m {cpu['loadavg_1m']})",
        flush=True,
    )
    return result


def backlog_phase(
    stack: BenchStack,
    conn: Any,
    tokens: list[str],
    users: list[str],
    body: dict[str, Any],
    concurrency: int,
) -> dict[str, Any]:
    m = len(users)
    wait_quiet(stack)
    print(f"  backlog: stopping the notifications worker, logging {m} meals ...", flush=True)
    stopped = stack.supervisorctl("stop", WORKER)
    if "stopped" not in stopped.lower() and "not running" not in stopped.lower():
        raise BenchError(f"could not stop {WORKER}: {stopped}")
    try:
        http = asyncio.run(
            _post_meals(stack.gateway, tokens, body, rate=None, concurrency=concurrency)
        )
        print(
            f"    {m} meals accepted at {http['achieved_rate']:.1f}/s "
            f"(POST p50 {http['http_ms']['p50']:.0f} ms)",
            flush=True,
        )
        wait_for("the nutrition outbox to drain", lambda: unpublished(conn) == 0, timeout=120)
        wait_for(
            f"{m} messages in {ACTIVITY_QUEUE}",
            lambda: queue_depths(stack.vhost).get(ACTIVITY_QUEUE, 0) >= m,
            timeout=60,
        )
        before = queue_depths(stack.vhost)
        if count_warnings(conn, users):
            raise BenchError("notifications appeared while the worker was stopped")
    finally:
        started_at = datetime.now(UTC)
        started_mono = time.monotonic()
        restarted = stack.supervisorctl("start", WORKER)
    if "started" not in restarted.lower() and "already" not in restarted.lower():
        raise BenchError(f"could not start {WORKER}: {restarted}")
    nonzero = {k: v for k, v in sorted(before.items()) if v}
    print(f"    worker started again; queues: {nonzero}", flush=True)

    samples: list[dict[str, Any]] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            depths = queue_depths(stack.vhost)
            samples.append(
                {
                    "t": round(time.monotonic() - started_mono, 2),
                    ACTIVITY_QUEUE: depths.get(ACTIVITY_QUEUE),
                    AUDIT_QUEUE: depths.get(AUDIT_QUEUE),
                }
            )
            done.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    meter = Meter(stack)
    sampler.start()
    try:
        wait_for(
            f"{m} notifications from the backlog",
            lambda: count_warnings(conn, users) >= m,
            timeout=max(120, m / 5),
            every=0.25,
        )
    finally:
        done.set()
        sampler.join(timeout=30)
    cpu = meter.done()
    rows = pipeline_rows(conn, users)
    stored = sorted(n for _, _, n, _ in rows if n is not None)
    if len(stored) != m:
        raise BenchError(f"{len(stored)} notifications for {m} backlogged meals")
    span = (stored[-1] - stored[0]).total_seconds()
    result = {
        "meals": m,
        "post": http,
        "queue_before_restart": before,
        "first_notification_after_start_s": round((stored[0] - started_at).total_seconds(), 2),
        "drain_seconds_first_to_last": round(span, 2),
        "events_per_second": round((m - 1) / span, 1) if span > 0 else None,
        "drain_seconds_from_start": round((stored[-1] - started_at).total_seconds(), 2),
        "queue_samples": samples,
        "cpu_while_draining": cpu,
    }
    print(
        f"    drained {m} in {span:.1f} s = {result['events_per_second']} events/s "
        f"(first notification {result['first_notification_after_start_s']} s after start); "
        f"machine {cpu['machine_busy_pct']:.0f}% busy (stack {cpu['stack_cores']:.2f} cores, "
        f"load 1m {cpu['loadavg_1m']})",
        flush=True,
    )
    return result


# ------------------------------------------------------------------------------ main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = cli.parser("event_pipeline", __doc__)
    cli.add_port_shift(parser, DEFAULT_SHIFT)
    parser.add_argument(
        "--rates", default="10,25,50", help="steady meals/s, comma-separated (10,25,50)"
    )
    parser.add_argument("--seconds", type=float, default=20, help="length of each rate (20)")
    parser.add_argument("--backlog", type=int, default=2000, help="meals in the backlog (2000)")
    parser.add_argument("--backlog-concurrency", type=int, default=16, help="(16)")
    cli.add_wait_and_output(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return run_main("event_pipeline", run, parse_args(argv))


def run(args: argparse.Namespace) -> int:
    import psycopg

    if not SR28_DIR.exists():
        raise BenchError(f"FOOD_DATA_DIR={SR28_DIR} is missing")
    rates = [float(r) for r in args.rates.split(",") if r.strip()]
    stack = BenchStack("events", args.port_shift, redis_db=REDIS_DB)
    stack.drop_database()
    report: dict[str, Any] = {}
    with bench_session(stack, wait=args.wait) as session:
        settings = session.settings
        sr28 = import_source(stack, "sr28", SR28_DIR, 900)
        with psycopg.connect(stack.psycopg_url, autocommit=True) as conn:
            row = conn.execute(
                "SELECT id, name, energy_kcal FROM nutrition.foods "
                "WHERE source = 'usda-sr28' AND name ILIKE %s AND energy_kcal > 0 "
                "ORDER BY length(name) LIMIT 1",
                (FOOD_QUERY + "%",),
            ).fetchone()
        if row is None:
            raise BenchError(f"no SR28 food like {FOOD_QUERY!r}")
        food_id, food_name, kcal_100g = int(row[0]), str(row[1]), float(row[2])

        # ---- users: tokens + profiles, until notifications knows every target
        run_id = uuid.uuid4().hex[:6]
        per_rate = [max(1, round(r * args.seconds)) for r in rates]
        groups = [
            [f"bench-ev-{run_id}-r{i}-{n:05d}" for n in range(count)]
            for i, count in enumerate([*per_rate, args.backlog])
        ]
        everyone = [u for g in groups for u in g]
        tokens = {user: session.token_for(user) for user in everyone}
        print(f"  {len(everyone)} users: setting profiles ...", flush=True)
        started = time.monotonic()
        asyncio.run(_setup_profiles(stack.gateway, [tokens[u] for u in everyone], 16))
        with psycopg.connect(stack.psycopg_url, autocommit=True) as conn:
            waited = wait_for(
                "the notifications service to know every target",
                lambda: count_known_targets(conn, everyone) == len(everyone),
                timeout=300,
            )
            targets = conn.execute(
                "SELECT min(calorie_target_kcal), max(calorie_target_kcal) "
                "FROM notifications.recipients WHERE user_id = ANY(%s)",
                (everyone,),
            ).fetchone()
        assert targets is not None
        target = float(targets[1])
        with httpx.Client(base_url=stack.gateway, timeout=30) as http:
            known = http.get(
                "/api/notifications/settings",
                headers={"Authorization": f"Bearer {tokens[everyone[0]]}"},
            ).json()
        if known.get("calorie_target_kcal") is None:
            raise BenchError(f"GET /api/notifications/settings knows no target: {known}")
        setup_s = time.monotonic() - started
        print(
            f"  profiles set and targets known in {setup_s:.1f} s (projection caught up "
            f"{waited:.1f} s after the last PUT); target {targets[0]}-{targets[1]} kcal",
            flush=True,
        )
        grams = round(OVER_FACTOR * target / kcal_100g * 100)
        body = meal_body(food_id, grams)

        # ---- 1. steady load, 2. backlog
        with psycopg.connect(stack.psycopg_url, autocommit=True) as conn:
            steady = [
                steady_phase(stack, conn, [tokens[u] for u in g], g, body, rate)
                for g, rate in zip(groups[:-1], rates, strict=True)
            ]
            backlog = backlog_phase(
                stack,
                conn,
                [tokens[u] for u in groups[-1]],
                groups[-1],
                body,
                args.backlog_concurrency,
            )
        report = {
            "finished_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "config": {
                "port_shift": args.port_shift,
                "rates": rates,
                "seconds_per_rate": args.seconds,
                "backlog": args.backlog,
                "backlog_concurrency": args.backlog_concurrency,
                "instances": settings.instances,
                "profile": PROFILE,
                "stack_env": stack.env(),
            },
            "machine": machine_info(redis_version(session.redis)),
            "sr28_import": sr28,
            "food": {"id": food_id, "name": food_name, "kcal_per_100g": kcal_100g},
            "meal_grams": grams,
            "target_kcal": float(targets[0]),
            "setup": {"users": len(everyone), "seconds": round(setup_s, 1)},
            "steady": steady,
            "backlog": backlog,
        }
    report["config"]["wall_seconds"] = session.wall_seconds()
    save(args.output, "event_pipeline", report, render_markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
