"""Login throughput at the configured bcrypt cost, through the gateway.

    python -m bench.auth_login [--seconds 20] [--concurrency 4]

Starts its own stack (as bench.gateway_overhead does, with the auth rate limit raised),
registers a pool of accounts, then signs them in concurrently for a fixed time and reports
p50/p95/p99 latency and logins per second. Each login costs one bcrypt verification (cost 12),
so on this machine the login ceiling is the CPU: about cores / bcrypt-time logins per second.
Only 127.0.0.1 is loaded.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx

from bench import gateway_overhead as base
from bench.harness.cli import BenchError
from bench.harness.machine import machine_info
from bench.harness.processes import HOST, port_busy
from bench.harness.report import RESULTS_DIR

RESULTS = RESULTS_DIR / "auth_login.json"
GATEWAY = f"http://{HOST}:{base.GATEWAY_PORT}"
PASSWORD = "benchmark pass phrase 42"


def register_accounts(count: int) -> list[str]:
    emails = [f"bench-{uuid.uuid4().hex[:10]}@example.com" for _ in range(count)]
    with httpx.Client(base_url=GATEWAY, timeout=30) as http:
        for email in emails:
            answer = http.post(
                "/api/auth/register",
                json={"email": email, "password": PASSWORD, "display_name": "B"},
            )
            if answer.status_code != 201:
                raise BenchError(f"registration failed: {answer.status_code} {answer.text}")
    return emails


def login_load(emails: list[str], seconds: float, concurrency: int) -> dict[str, Any]:
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset: int) -> None:
        with httpx.Client(base_url=GATEWAY, timeout=30) as http:
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

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--accounts", type=int, default=40)
    args = parser.parse_args(argv)
    if port_busy(base.GATEWAY_PORT):
        print(f"port {base.GATEWAY_PORT} is in use: `make stop` first", file=sys.stderr)
        return 2
    base.STACK_ENV["GATEWAY_AUTH_RATE_PER_MINUTE"] = "1000000"
    started = base.fitledger_stack("up", "--detach")
    if started.returncode != 0:
        print(started.stdout, started.stderr, file=sys.stderr)
        return 1
    try:
        emails = register_accounts(args.accounts)
        login_load(emails, 3, args.concurrency)  # warm-up
        result = login_load(emails, args.seconds, args.concurrency)
    finally:
        base.fitledger_stack("down")
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "bcrypt_cost": 12,
        "concurrency": args.concurrency,
        **result,
        "machine": machine_info("n/a"),
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))
    print(
        f"logins through the gateway at bcrypt cost 12, {args.concurrency} concurrent: "
        f"{result['per_second']}/s, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
        f"p99 {result['p99_ms']} ms ({result['logins']} logins in {result['seconds']} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
