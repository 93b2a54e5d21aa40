"""CPU per call of the use cases behind the daily loop (the scale note in docs/operations.md):
the service's own Python CPU and the PostgreSQL backend's CPU, measured separately.

    python -m bench.service_cpu [--calls 200]

Each use case runs in this process against a fresh database on the local PostgreSQL (SR28
imported, one user's month of data). CPU time, unlike throughput, is the work a call costs
whatever else the machine runs, so this can be measured beside other work: the service's
share from ``time.process_time``, PostgreSQL's from ``/proc/<backend pid>/stat`` of the
connections the engine opened. HTTP, FastAPI and uvicorn are not in it: add the measured
~0.6 ms of a trivial route (bench/results/gateway_overhead.md).
"""

from __future__ import annotations

import argparse
import os
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, text

from backend_services.kernel import migrations
from backend_services.kernel.db import make_engine
from backend_services.notifications.service import NotificationsService
from backend_services.notifications.settings import NotificationsSettings
from backend_services.nutrition.importers.run import import_foods
from backend_services.nutrition.models import MealCreate
from backend_services.nutrition.service import NutritionService
from backend_services.stack.topology import SHIPPED_SR28
from backend_services.users.schemas import ProfilePatch
from backend_services.users.service import UsersService
from bench.harness.machine import machine_info, machine_line
from bench.harness.report import RESULTS_DIR, save

ADMIN_URL = os.environ.get(
    "FITLEDGER_BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres"
)
USER = str(uuid.uuid4())
TODAY = date(2026, 11, 28)
QUERIES = ["milk", "chicken breast", "oats", "banana", "brocoli", "greek yogurt", "rice", "egg"]
TICK = os.sysconf("SC_CLK_TCK")


def backend_cpu_seconds(engine: Engine, application_name: str) -> float:
    """CPU used so far by this engine's PostgreSQL backends (read from /proc)."""
    with engine.connect() as conn:
        pids = conn.execute(
            text("SELECT pid FROM pg_stat_activity WHERE application_name = :a"),
            {"a": application_name},
        ).scalars()
        total = 0
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def measure(
    name: str, engine: Engine, app: str, call: Callable[[int], Any], calls: int
) -> dict[str, Any]:
    for i in range(10):  # warm caches and the pool
        call(i)
    pg_before, cpu_before, wall_before = (
        backend_cpu_seconds(engine, app),
        time.process_time(),
        time.perf_counter(),
    )
    for i in range(calls):
        call(i)
    wall = time.perf_counter() - wall_before
    cpu = time.process_time() - cpu_before
    pg = backend_cpu_seconds(engine, app) - pg_before
    row = {
        "use case": name,
        "calls": calls,
        "service_cpu_ms": round(cpu / calls * 1000, 2),
        "postgres_cpu_ms": round(pg / calls * 1000, 2),
        "wall_ms": round(wall / calls * 1000, 2),
    }
    print(row, flush=True)
    return row


def seed_users(service: UsersService, engine: Engine) -> None:
    service.patch_profile(
        USER,
        ProfilePatch.model_validate(
            {
                "sex": "female",
                "birth_date": "1990-05-01",
                "height_cm": 168,
                "weight_kg": 64.5,
                "activity_level": "moderate",
                "goal": "lose",
                "timezone": "Europe/Berlin",
            }
        ),
    )
    with engine.begin() as conn:
        for n in range(28):
            day = TODAY - timedelta(days=n)
            conn.execute(
                text(
                    "INSERT INTO users.daily_stats (user_id, local_date, calories_in, protein_g,"
                    " fat_g, carbohydrate_g, intake_as_of, weight_kg) VALUES (:u, :d, 2000, 100,"
                    " 70, 250, now(), 64.5 - :n * 0.02) ON CONFLICT (user_id, local_date) DO UPDATE"
                    " SET calories_in = 2000, protein_g = 100, fat_g = 70, carbohydrate_g = 250"
                ),
                {"u": USER, "d": day, "n": n},
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    database = f"fitledger_bench_cpu_{os.getpid()}"
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{database}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    load = os.getloadavg()
    rows: list[dict[str, Any]] = []
    try:
        for service in ("users", "nutrition", "notifications"):
            migrations.upgrade(service, url)
        import_foods("sr28", SHIPPED_SR28, url)
        engines = {
            s: make_engine(url, pool_size=1, application_name=f"bench-cpu-{s}")
            for s in ("users", "nutrition", "notifications")
        }
        users = UsersService(engines["users"], clock=lambda: datetime(2026, 11, 28, 20, tzinfo=UTC))
        seed_users(users, engines["users"])
        nutrition = NutritionService(engines["nutrition"])
        foods = [
            nutrition.search_foods(USER, q=q, category=None, source=None, limit=1, cursor=None)[
                "items"
            ][0]["id"]
            for q in QUERIES[:4]
        ]

        def log(i: int, day: date | None = None) -> Any:
            # One meal a day on days before TODAY, so each answer's day stays realistic.
            items = [
                {"food_id": foods[i % 4], "grams": 120},
                {"food_id": foods[(i + 1) % 4], "grams": 60},
            ]
            on = day or TODAY - timedelta(days=1 + i)
            body = {"date": on.isoformat(), "meal_type": "lunch", "items": items}
            return nutrition.log_meal(USER, MealCreate.model_validate(body))

        for i in range(5):  # TODAY: 5 meals, 10 items, as a logged day looks
            log(i, TODAY)

        settings = NotificationsSettings(
            environment="test", database_url=url, vapid_private_key_file="/dev/null"
        )
        notifications = NotificationsService(
            engines["notifications"], settings, vapid_public_key="bench"
        )
        with engines["notifications"].begin() as conn:
            for _ in range(30):
                conn.execute(
                    text(
                        "INSERT INTO notifications.notifications (id, user_id, type, title, body)"
                        " VALUES (:i, :u, 'daily_norm_exceeded', 'Over your norm', 'text')"
                    ),
                    {"i": uuid.uuid4(), "u": USER},
                )
        a = {s: f"bench-cpu-{s}" for s in engines}
        cases = [
            ("users: targets", "users", lambda i: users.targets(USER)),
            ("users: a day's statistics", "users", lambda i: users.stats(USER, TODAY, TODAY)),
            (
                "nutrition: food search",
                "nutrition",
                lambda i: nutrition.search_foods(
                    USER,
                    q=QUERIES[i % len(QUERIES)],
                    category=None,
                    source=None,
                    limit=20,
                    cursor=None,
                ),
            ),
            ("nutrition: log a meal (2 items)", "nutrition", log),
            ("nutrition: the day's diary", "nutrition", lambda i: nutrition.day(USER, TODAY)),
            (
                "notifications: feed (latest 5)",
                "notifications",
                lambda i: notifications.feed(USER, None, 5, False),
            ),
        ]
        for name, service, call in cases:
            rows.append(measure(name, engines[service], a[service], call, args.calls))
        for engine in engines.values():
            engine.dispose()
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    machine = machine_info("n/a")
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average": load,
        "calls": args.calls,
        "rows": rows,
        "machine": machine,
    }
    lines = [
        "# CPU per call of the daily loop's use cases",
        "",
        f"Measured {report['measured_at']} with `python -m bench.service_cpu --calls "
        f"{args.calls}`; load average at the start {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f} (other work on the machine). In-process service layer on the local "
        "PostgreSQL, SR28 imported; HTTP/FastAPI/uvicorn not included (~0.6 ms for a trivial "
        "route).",
        "",
        "| use case | service CPU ms | PostgreSQL CPU ms | wall ms |",
        "|---|---:|---:|---:|",
        *(
            f"| {r['use case']} | {r['service_cpu_ms']} | {r['postgres_cpu_ms']} | {r['wall_ms']} |"
            for r in rows
        ),
        "",
        machine_line(machine),
        "",
    ]
    save(RESULTS_DIR, "service_cpu", report, "\n".join(lines))


if __name__ == "__main__":
    main()
