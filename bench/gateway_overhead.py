"""Gateway overhead: a trivial authenticated GET straight to one service instance vs. via nginx.

    python -m bench.gateway_overhead [--port-shift 6000]          # or: make bench

Starts its own port-shifted stack (bench/harness/stack.py: .local/bench-gateway, database
fitledger_bench_gateway, Redis db 6, vhost fitledger_bench_gateway, no UI) with the gateway's
per-IP rate limits raised so the load is not answered with 429s, mints an access token with the
stack's signing key and registers its session in Redis, then drives ``wrk`` (same concurrency,
same machine, interleaved rounds) against:

* direct:  http://127.0.0.1:<users-1>/api/users/info       (one uvicorn instance, verifies JWT)
* gateway: http://127.0.0.1:<gateway>/api/users/info       (nginx: auth_request -> auth
  /internal/verify [Ed25519 verify + Redis session lookup], then proxy to users-1/users-2)
* verify:  http://127.0.0.1:<auth-1>/internal/verify        (the auth_request target alone)

Any non-2xx answer or socket error makes the run fail. The stack is always stopped afterwards.
Results: a markdown table on stdout and in bench/results/gateway_overhead.md, everything
(including every single run) in bench/results/gateway_overhead.json. Only 127.0.0.1 is loaded.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx

from bench.harness import cli
from bench.harness.cli import BenchError, run_main
from bench.harness.machine import ensure_wrk, machine_info
from bench.harness.processes import HOST, ProcessGroups, rss_mib
from bench.harness.report import save
from bench.harness.session import bench_session
from bench.harness.stack import BURST, DEFAULT_SHIFT, RATE_PER_SECOND, BenchStack
from bench.harness.wrk import Target, check_clean, run_wrk, summarize, wrk_line
from bench.reports.gateway_overhead import render_markdown

REDIS_DB = 6


def memory(procs: ProcessGroups) -> dict[str, Any]:
    master, *workers = procs.by_name["nginx"]
    per_worker = {str(pid): rss_mib(pid) for pid in workers}
    return {
        "nginx_master_mib": rss_mib(master),
        "nginx_workers_mib": per_worker,
        "nginx_workers_total_mib": round(sum(per_worker.values()), 1),
        "users_1_mib": rss_mib(procs.by_name["users"][0]),
        "auth_1_mib": rss_mib(procs.by_name["auth"][0]),
    }


def targets_of(stack: BenchStack, settings: Any) -> dict[str, Target]:
    from backend_services.stack.topology import SERVICES

    specs = {spec.name: spec for spec in SERVICES}
    users_port = settings.instance_ports(specs["users"])[0]
    auth_port = settings.instance_ports(specs["auth"])[0]
    return {
        "direct": Target("direct", "direct users-1", f"http://{HOST}:{users_port}/api/users/info"),
        "gateway": Target("gateway", "via nginx", f"{stack.gateway}/api/users/info"),
        "verify": Target("verify", "auth-1 verify", f"http://{HOST}:{auth_port}/internal/verify"),
    }


# ------------------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = cli.parser("gateway_overhead", __doc__)
    cli.add_port_shift(parser, DEFAULT_SHIFT)
    parser.add_argument("--seconds", type=int, default=15, help="length of each run (15)")
    parser.add_argument("--runs", type=int, default=3, help="runs per target (3)")
    parser.add_argument("--warmup", type=int, default=5, help="warm-up seconds per target (5)")
    parser.add_argument("--connections", type=int, default=16, help="concurrency (16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument(
        "--serial-seconds",
        type=int,
        default=5,
        help="extra 1-connection run per target for unloaded latency; 0 skips (5)",
    )
    cli.add_wait_and_output(parser)
    cli.add_no_install(parser)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return run_main("gateway_overhead", run, parse_args(argv))


def run(args: argparse.Namespace) -> int:
    wrk = ensure_wrk(install=not args.no_install)
    stack = BenchStack("gateway", args.port_shift, redis_db=REDIS_DB)
    with bench_session(stack, wait=args.wait) as session:
        settings, redis_client = session.settings, session.redis
        targets = targets_of(stack, settings)
        user_id = f"bench-{uuid.uuid4().hex[:12]}"
        token = session.token_for(user_id)
        _smoke(targets, token, user_id)
        procs = stack.processes("users", settings.instances)
        memory_before = memory(procs)

        def load(target: Target, seconds: int, connections: int, threads: int) -> dict[str, Any]:
            result = run_wrk(
                wrk,
                target,
                token,
                threads=threads,
                connections=connections,
                seconds=seconds,
                procs=procs,
                redis_client=redis_client,
            )
            check_clean(result, target)
            result.pop("raw_stdout", None)
            return result

        for target in targets.values():
            print(f"  warm-up {args.warmup} s: {target.url}", flush=True)
            load(target, args.warmup, args.connections, args.threads)
        runs: dict[str, list[dict[str, Any]]] = {key: [] for key in targets}
        for round_no in range(1, args.runs + 1):
            for target in targets.values():  # interleaved: drift hits every target alike
                result = load(target, args.seconds, args.connections, args.threads)
                runs[target.key].append(result)
                print(wrk_line(f"run {round_no}/{args.runs} {target.key}", result), flush=True)
        serial: dict[str, Any] = {}
        if args.serial_seconds > 0:
            for target in targets.values():
                serial[target.key] = load(target, args.serial_seconds, 1, 1)
                print(wrk_line(f"1 connection {target.key}", serial[target.key]), flush=True)
        memory_after = memory(procs)
        machine = machine_info(str(redis_client.info("server").get("redis_version", "unknown")))
    report: dict[str, Any] = {
        "finished_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "config": {
            "port_shift": args.port_shift,
            "seconds": args.seconds,
            "runs": args.runs,
            "warmup_seconds": args.warmup,
            "connections": args.connections,
            "threads": args.threads,
            "serial_seconds": args.serial_seconds,
            "instances": settings.instances,
            "gateway_rate_per_second": RATE_PER_SECOND,
            "gateway_burst": BURST,
            "targets": {key: t.url for key, t in targets.items()},
            "stack_env": stack.env(),
            "wall_seconds": session.wall_seconds(),
        },
        "machine": machine,
        **compared(runs),
        "memory": {"before": memory_before, "after": memory_after},
        "runs": runs,
    }
    if serial:
        report["serial"] = serial
    save(args.output, "gateway_overhead", report, render_markdown(report))
    return 0


def compared(runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Each target's summary and the gateway's cost against the direct call."""
    summary = {key: summarize(rs) for key, rs in runs.items()}
    d, g = summary["direct"], summary["gateway"]
    dl, gl = d["latency_ms_median_of_runs"], g["latency_ms_median_of_runs"]
    ratios = {
        **{p: round(gl[p] / dl[p], 3) for p in ("p50", "p95", "p99")},
        "throughput": round(g["rps_median"] / d["rps_median"], 3),
        "added_ms": {p: round(gl[p] - dl[p], 3) for p in ("p50", "p95", "p99")},
        "cpu_per_request": round(
            g["cpu_ms_per_request"]["stack"] / d["cpu_ms_per_request"]["stack"], 3
        ),
    }
    return {"summary": summary, "ratios": ratios}


def _smoke(targets: dict[str, Target], token: str, user_id: str) -> None:
    """One request per target: the token works and the gateway forwards the verified identity."""
    headers = {"Authorization": f"Bearer {token}"}
    for target in targets.values():
        response = httpx.get(target.url, headers=headers, timeout=10)
        if response.status_code != 200:
            raise BenchError(f"{target.url} answered {response.status_code}: {response.text}")
    body = httpx.get(targets["gateway"].url, headers=headers, timeout=10).json()
    if body.get("gateway_user_id") != user_id:
        raise BenchError(f"the gateway did not forward the verified identity: {body}")


if __name__ == "__main__":
    sys.exit(main())
