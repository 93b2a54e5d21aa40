"""Login throughput at the configured bcrypt cost, through the gateway.

    python -m bench.auth_login [--port-shift 6000] [--seconds 20] [--concurrency 4]

Starts its own port-shifted stack (bench/harness/stack.py: .local/bench-auth, Redis db 10, the
gateway's rate limits and the auth rate limit raised), registers a pool of accounts, then signs
them in concurrently for a fixed time and reports p50/p95/p99 latency and logins per second.
Each login costs one bcrypt verification (cost 12), so on this machine the login ceiling is
the CPU: about cores / bcrypt-time logins per second.
Results: bench/results/auth_login.md and .json. Only 127.0.0.1 is loaded.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from functools import partial
from typing import Any

import httpx

from bench.harness import cli
from bench.harness.cli import BenchError, run_main
from bench.harness.clients import run_clients
from bench.harness.machine import machine_info, redis_version
from bench.harness.report import save
from bench.harness.session import bench_session
from bench.harness.stack import DEFAULT_SHIFT, BenchStack

PASSWORD = "benchmark pass phrase 42"
REDIS_DB = 10


def register_accounts(gateway: str, count: int) -> list[str]:
    emails = [f"bench-{uuid.uuid4().hex[:10]}@example.com" for _ in range(count)]
    with httpx.Client(base_url=gateway, timeout=30) as http:
        for email in emails:
            answer = http.post(
                "/api/auth/register",
                json={"email": email, "password": PASSWORD, "display_name": "B"},
            )
            if answer.status_code != 201:
                raise BenchError(f"registration failed: {answer.status_code} {answer.text}")
    return emails


def login_load(gateway: str, emails: list[str], seconds: float, concurrency: int) -> dict[str, Any]:
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> None:
        with httpx.Client(base_url=gateway, timeout=30) as http:
            i = offset
            while time.monotonic() < deadline:
                email = emails[i % len(emails)]
                i += concurrency
                started = time.perf_counter()
                answer = http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
                elapsed = time.perf_counter() - started
                with lock:
                    (
                        latencies.append(elapsed)
                        if answer.status_code == 200
                        else failures.append(answer.status_code)
                    )

    wall = run_clients([partial(worker, n) for n in range(concurrency)]).seconds
    if failures:
        raise BenchError(f"{len(failures)} logins failed: {sorted(set(failures))}")
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "logins": len(latencies),
        "seconds": round(wall, 2),
        "per_second": round(len(latencies) / wall, 2),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = cli.parser("auth_login", __doc__)
    cli.add_port_shift(parser, DEFAULT_SHIFT)
    parser.add_argument("--seconds", type=float, default=20, help="(20)")
    parser.add_argument("--concurrency", type=int, default=4, help="(4)")
    parser.add_argument("--accounts", type=int, default=40, help="(40)")
    cli.add_wait_and_output(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return run_main("auth_login", run, parse_args(argv))


def run(args: argparse.Namespace) -> int:
    stack = BenchStack(
        "auth",
        args.port_shift,
        redis_db=REDIS_DB,
        extra_env={"GATEWAY_AUTH_RATE_PER_MINUTE": "1000000"},
    )
    with bench_session(stack, wait=args.wait) as session:
        emails = register_accounts(stack.gateway, args.accounts)
        login_load(stack.gateway, emails, 3, args.concurrency)  # warm-up
        result = login_load(stack.gateway, emails, args.seconds, args.concurrency)
        machine = machine_info(redis_version(session.redis))
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "bcrypt_cost": 12,
        "concurrency": args.concurrency,
        **result,
        "port_shift": args.port_shift,
        "wall_seconds": session.wall_seconds(),
        "machine": machine,
    }
    summary = (
        f"logins through the gateway at bcrypt cost 12, {args.concurrency} concurrent: "
        f"{result['per_second']}/s, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
        f"p99 {result['p99_ms']} ms ({result['logins']} logins in {result['seconds']} s)"
    )
    save(args.output, "auth_login", report, f"# Login throughput\n\n{summary}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
