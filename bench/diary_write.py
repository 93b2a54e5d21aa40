"""Logging a meal on a full day against logging one on an empty day.

    python -m bench.diary_write [--url http://localhost:8080] [--meals 400] [--rounds 100]

Runs against a stack you started with `make up`. One user's day is filled with ``--meals``
meals of two SR28 foods each (with their ~40 micronutrients, as the picker logs them); then
the same write (one meal of two foods) goes, alternately, to that full day and to a new empty
day of another user, ``--rounds`` times each, through the gateway. Each write answers with
the meal and the day's totals; the two columns should be alike. Results:
bench/results/diary_write.md and .json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import redis

from backend_services.stack.topology import StackSettings
from bench.harness.cli import BenchError, parser, run_main
from bench.harness.machine import machine_info, machine_line, redis_version
from bench.harness.report import RESULTS_DIR, percentiles_ms, save
from bench.harness.stack import forget_sessions, mint_token

MODULE = "diary_write"
DAY = dt.date.today().isoformat()


def _meal(day: str, foods: list[int]) -> dict[str, Any]:
    return {
        "date": day,
        "meal_type": "snack",
        "items": [{"food_id": food, "grams": 120} for food in foods],
    }


def _foods(http: httpx.Client) -> list[int]:
    answer = http.get("/api/nutrition/foods", params={"q": "apple raw", "limit": 2})
    answer.raise_for_status()
    foods = [int(item["id"]) for item in answer.json()["items"]]
    if len(foods) < 2:
        raise BenchError("the stack has no foods to log (is SR28 imported?)")
    return foods


def _write(http: httpx.Client, day: str, foods: list[int]) -> float:
    started = time.perf_counter()
    answer = http.post("/api/nutrition/meals", json=_meal(day, foods))
    elapsed = time.perf_counter() - started
    if answer.status_code != 201:
        raise BenchError(f"logging a meal answered {answer.status_code}: {answer.text[:200]}")
    return elapsed


def run(args: argparse.Namespace) -> int:
    settings = StackSettings()
    client = redis.Redis.from_url(settings.redis_url)
    full_user, sessions = str(uuid.uuid4()), []
    full_token, key = mint_token(settings.keys_dir, client, full_user)
    sessions.append(key)
    full = httpx.Client(
        base_url=args.url, timeout=30, headers={"Authorization": f"Bearer {full_token}"}
    )
    try:
        foods = _foods(full)
        print(f"filling {DAY} with {args.meals} meals ...", flush=True)
        for _ in range(args.meals):
            _write(full, DAY, foods)
        full_times, empty_times = [], []
        for _ in range(args.rounds):
            full_times.append(_write(full, DAY, foods))
            empty_token, key = mint_token(settings.keys_dir, client, str(uuid.uuid4()))
            sessions.append(key)
            with httpx.Client(
                base_url=args.url, timeout=30, headers={"Authorization": f"Bearer {empty_token}"}
            ) as empty:
                empty.get("/api/nutrition/foods", params={"q": "apple", "limit": 1})  # warm
                empty_times.append(_write(empty, DAY, foods))
    finally:
        full.close()
        forget_sessions(client, sessions)
    machine = machine_info(redis_version(client))
    report = {
        "meals_on_the_full_day": args.meals + args.rounds,
        "rounds": args.rounds,
        "full_day_ms": percentiles_ms(full_times),
        "empty_day_ms": percentiles_ms(empty_times),
        "machine": machine,
    }
    rows = [
        f"| a day with {args.meals} to {args.meals + args.rounds} meals | "
        + " | ".join(str(report["full_day_ms"][k]) for k in ("p50", "p95", "p99"))
        + " |",
        "| an empty day | "
        + " | ".join(str(report["empty_day_ms"][k]) for k in ("p50", "p95", "p99"))
        + " |",
    ]
    markdown = "\n".join(
        [
            "# Logging a meal: full day vs empty day (bench/diary_write.py)",
            "",
            f"One meal of two SR28 foods through the gateway, {args.rounds} writes each, "
            "alternating.",
            "",
            "| day | p50 ms | p95 ms | p99 ms |",
            "|---|---:|---:|---:|",
            *rows,
            "",
            machine_line(machine),
            "",
        ]
    )
    save(args.output, MODULE, report, markdown)
    return 0


def main() -> None:
    cli = parser(MODULE, __doc__)
    cli.add_argument("--url", default="http://localhost:8080", help="the gateway")
    cli.add_argument("--meals", type=int, default=400, help="meals on the full day (400)")
    cli.add_argument("--rounds", type=int, default=100, help="writes to each day (100)")
    cli.add_argument("--output", type=Path, default=RESULTS_DIR, help="results folder")
    raise SystemExit(run_main(MODULE, run, cli.parse_args()))


if __name__ == "__main__":
    main()
