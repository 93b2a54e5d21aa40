"""Gateway overhead: a trivial authenticated GET straight to one service instance vs. via nginx.

    python -m bench.gateway_overhead            # or: make bench

Starts its own local stack (data in .local/bench, database fitledger_bench, Redis db 6, no UI)
with the gateway's per-IP rate limits raised so the load is not answered with 429s, mints an
access token with the stack's signing key and registers its session in Redis, then drives
``wrk`` (same concurrency, same machine, interleaved rounds) against:

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
import json
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bench.harness import cli
from bench.harness.cli import BenchError, restore_signals, run_main, stop_on_signals
from bench.harness.machine import ensure_wrk, machine_info
from bench.harness.processes import HOST, children, descendants, port_busy, rss_mib, supervisor_pid
from bench.harness.stack import (
    BURST,
    RATE_PER_SECOND,
    ROOT,
    fitledger_exe,
    forget_sessions,
    mint_token,
    stack_ports,
)
from bench.harness.wrk import Target, check_clean, run_wrk, summarize

DATA_DIR = ROOT / ".local" / "bench"
GATEWAY_PORT = 8080
STACK_ENV = {
    "FITLEDGER_DATA_DIR": str(DATA_DIR),
    "DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:5432/fitledger_bench",
    "REDIS_URL": "redis://127.0.0.1:6379/6",
    "STACK_WITH_UI": "false",
    "GATEWAY_RATE_PER_SECOND": str(RATE_PER_SECOND),
    "GATEWAY_BURST": str(BURST),
}


# --------------------------------------------------------------------------------------- tools


# ---------------------------------------------------------------------------------- the stack


def fitledger_stack(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``fitledger stack ARGS`` with ``env`` (default: this benchmark's STACK_ENV) on top."""
    return subprocess.run(
        [str(fitledger_exe()), "stack", *args],
        env={**os.environ, **(STACK_ENV if env is None else env)},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


@dataclass
class Processes:
    nginx_master: int
    nginx_workers: list[int]
    users: list[int]
    auth: list[int]
    rest: list[int]  # supervisord and the stack's other processes (workers, mongodb, ...)

    def groups(self) -> dict[str, list[int]]:
        return {
            "nginx": [self.nginx_master, *self.nginx_workers],
            "users": self.users,
            "auth": self.auth,
            "rest": self.rest,
        }

    def memory(self) -> dict[str, Any]:
        workers = {str(pid): rss_mib(pid) for pid in self.nginx_workers}
        return {
            "nginx_master_mib": rss_mib(self.nginx_master),
            "nginx_workers_mib": workers,
            "nginx_workers_total_mib": round(sum(workers.values()), 1),
            "users_1_mib": rss_mib(self.users[0]),
            "auth_1_mib": rss_mib(self.auth[0]),
        }


def find_processes(instances: int) -> Processes:
    master = supervisor_pid("gateway", DATA_DIR)
    procs = Processes(
        nginx_master=master,
        nginx_workers=children(master),
        users=[supervisor_pid(f"users-{i}", DATA_DIR) for i in range(1, instances + 1)],
        auth=[supervisor_pid(f"auth-{i}", DATA_DIR) for i in range(1, instances + 1)],
        rest=[],
    )
    named = {pid for pids in procs.groups().values() for pid in pids}
    supervisord = int((DATA_DIR / "run" / "supervisord.pid").read_text().strip())
    procs.rest = [supervisord, *(p for p in descendants(supervisord) if p not in named)]
    return procs


# ---------------------------------------------------------------------------------------- wrk


# ------------------------------------------------------------------------------------ reports


def _fmt(value: float) -> str:
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def render_markdown(report: dict[str, Any]) -> str:
    cfg = report["config"]
    m = report["machine"]
    s = report["summary"]
    r = report["ratios"]
    lines = [
        "# Gateway overhead",
        "",
        f"Measured {report['finished_at']} with `python -m bench.gateway_overhead`: "
        f"`GET /api/users/info` with a Bearer token, wrk {cfg['threads']} threads x "
        f"{cfg['connections']} connections, {cfg['runs']} interleaved runs x "
        f"{cfg['seconds']} s per target after a {cfg['warmup_seconds']} s warm-up; "
        "latencies are the median over the runs (range in brackets).",
        f"Gateway rate limits raised for the run: GATEWAY_RATE_PER_SECOND={RATE_PER_SECOND}, "
        f"GATEWAY_BURST={BURST} (defaults 50 r/s, burst 100 would answer 429).",
        "",
        "| target | p50 ms | p95 ms | p99 ms | req/s | requests | non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label in (
        ("direct", "direct: users-1 (one instance)"),
        ("gateway", "via nginx (auth_request + 2 instances)"),
        ("verify", "auth-1 /internal/verify direct"),
    ):
        t = s[key]
        lat, rng = t["latency_ms_median_of_runs"], t["latency_ms_range"]
        lines.append(
            f"| {label} "
            + "".join(
                f"| {_fmt(lat[p])} [{_fmt(rng[p][0])}-{_fmt(rng[p][1])}] "
                for p in ("p50", "p95", "p99")
            )
            + f"| {t['rps_median']:.0f} [{t['rps_range'][0]:.0f}-{t['rps_range'][1]:.0f}] "
            f"| {t['requests_total']} | {t['non2xx_total']} |"
        )
    lines += [
        "",
        "| gateway / direct | p50 | p95 | p99 | throughput |",
        "|---|---:|---:|---:|---:|",
        f"| ratio | {r['p50']:.2f}x | {r['p95']:.2f}x | {r['p99']:.2f}x | {r['throughput']:.2f}x |",
        f"| added latency (ms) | {r['added_ms']['p50']:.2f} | {r['added_ms']['p95']:.2f} "
        f"| {r['added_ms']['p99']:.2f} | |",
        "",
        "CPU time per request (ms, all runs; wrk = the load generator itself):",
        "",
        "| target | nginx | users | auth | redis | request path total | rest of stack | wrk "
        "| outside the benchmark | machine busy | wrk cores (max) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in ("direct", "gateway", "verify"):
        c = s[key]["cpu_ms_per_request"]
        lines.append(
            f"| {key} | {c['nginx']:.3f} | {c['users']:.3f} | {c['auth']:.3f} "
            f"| {c['redis']:.3f} | {c['stack']:.3f} | {c['rest']:.3f} | {c['wrk']:.3f} "
            f"| {c['other']:.3f} "
            f"| {s[key]['machine_busy_pct_median']:.0f}% | {s[key]['wrk_cores_used_max']:.2f} |"
        )
    lines.append(
        f"\nStack CPU per request, gateway / direct: {r['cpu_per_request']:.2f}x "
        "(on a CPU-bound machine this, not the network hop, sets the throughput ratio)."
    )
    mem = report["memory"]
    lines += [
        "",
        "Memory (RSS MiB) before -> after the load: "
        f"nginx workers {mem['before']['nginx_workers_total_mib']} -> "
        f"{mem['after']['nginx_workers_total_mib']} ({len(mem['after']['nginx_workers_mib'])} "
        f"workers; master {mem['after']['nginx_master_mib']}), "
        f"users-1 {mem['before']['users_1_mib']} -> {mem['after']['users_1_mib']}, "
        f"auth-1 {mem['before']['auth_1_mib']} -> {mem['after']['auth_1_mib']}.",
    ]
    if "serial" in report:
        ser = report["serial"]
        lines += [
            "",
            f"Unloaded latency (1 connection, {cfg['serial_seconds']} s each): "
            + ", ".join(
                f"{key} p50 {ser[key]['latency_us']['p50'] / 1000:.2f} ms / "
                f"p99 {ser[key]['latency_us']['p99'] / 1000:.2f} ms"
                for key in ("direct", "gateway", "verify")
            )
            + ".",
        ]
    tools = m["tools"]
    lines += [
        "",
        f"Machine: {m['cpu_model']}, {m['cpus_usable']} cores usable "
        f"({m['threads_per_core']} thread/core, hypervisor {m['hypervisor'] or 'none'}), "
        f"{m['ram_gib']} GiB RAM, {m['os']}, kernel {m['kernel']}. Load generator, nginx, "
        "services and Redis all share these cores.",
        f"Tools: {tools['wrk']}; {tools['nginx']}; Python {tools['python']}, "
        f"uvicorn {tools['uvicorn']}, FastAPI {tools['fastapi']}, PyJWT {tools['pyjwt']}, "
        f"cryptography {tools['cryptography']}; Redis {tools['redis-server']}.",
        f"Stack: {cfg['instances']} instances per service, nginx worker_processes auto "
        f"({len(mem['after']['nginx_workers_mib'])} workers), upstream keepalive 32, "
        "JSON access log on.",
        "",
    ]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = cli.parser("gateway_overhead", __doc__)
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
    parser.add_argument("--no-install", action="store_true", help="never apt-get install wrk")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return run_main("gateway_overhead", run, parse_args(argv))


def run(args: argparse.Namespace) -> int:
    wrk = ensure_wrk(install=not args.no_install)
    fitledger_exe()
    os.environ.update(STACK_ENV)  # StackSettings below reads the same values as the launcher

    import redis

    from backend_services.stack.topology import SERVICES, StackSettings

    settings = StackSettings()
    if settings.gateway_port != GATEWAY_PORT:
        raise BenchError(f"unexpected gateway port {settings.gateway_port}")
    deadline = time.monotonic() + args.wait
    while time.monotonic() < deadline and any(
        port_busy(port) for port in stack_ports(settings).values()
    ):
        time.sleep(2)
    if port_busy(GATEWAY_PORT):
        raise BenchError(
            f"port {GATEWAY_PORT} is in use: stop the running stack (`make stop`) or wait for "
            "the e2e tests to finish; the benchmark starts its own stack."
        )
    busy = {name: port for name, port in stack_ports(settings).items() if port_busy(port)}
    if busy:
        raise BenchError(f"ports the benchmark's stack needs are in use: {busy}")

    specs = {spec.name: spec for spec in SERVICES}
    users_port = settings.instance_ports(specs["users"])[0]
    auth_port = settings.instance_ports(specs["auth"])[0]
    targets = {
        "direct": Target("direct", "direct users-1", f"http://{HOST}:{users_port}/api/users/info"),
        "gateway": Target("gateway", "via nginx", f"http://{HOST}:{GATEWAY_PORT}/api/users/info"),
        "verify": Target("verify", "auth-1 verify", f"http://{HOST}:{auth_port}/internal/verify"),
    }

    old_handlers = stop_on_signals()
    print(
        f"starting a benchmark stack in {DATA_DIR} (database fitledger_bench, Redis db 6, no UI)"
        f"\n  gateway rate limits raised: GATEWAY_RATE_PER_SECOND={RATE_PER_SECOND} "
        f"GATEWAY_BURST={BURST}",
        flush=True,
    )
    # Every request through nginx writes an access-log line; do not let runs pile them up.
    (DATA_DIR / "logs" / "nginx-access.log").unlink(missing_ok=True)
    t0 = time.monotonic()
    redis_client = redis.Redis.from_url(STACK_ENV["REDIS_URL"], decode_responses=True)
    session_keys: list[str] = []  # the sessions mint_token registers, deleted at the end
    try:
        started = fitledger_stack("up", "--detach")
        if started.returncode != 0:
            logs = sorted((DATA_DIR / "logs").glob("*.log"))
            tails = "\n".join(f"== {p.name}\n{p.read_text()[-1500:]}" for p in logs)
            raise BenchError(f"stack did not start:\n{started.stdout}\n{started.stderr}\n{tails}")
        print(f"  stack healthy after {time.monotonic() - t0:.1f} s", flush=True)
        nginx_conf = (DATA_DIR / "run" / "nginx.conf").read_text()
        if f"rate={RATE_PER_SECOND}r/s" not in nginx_conf or f"burst={BURST}" not in nginx_conf:
            raise BenchError("the generated nginx.conf does not carry the raised rate limits")

        user_id = f"bench-{uuid.uuid4().hex[:12]}"
        token, key = mint_token(settings.keys_dir, redis_client, user_id)
        session_keys.append(key)
        _smoke(targets, token, user_id)

        procs = find_processes(settings.instances)
        memory_before = procs.memory()
        redis_version = str(redis_client.info("server").get("redis_version", "unknown"))

        def load(target: Target, seconds: int) -> dict[str, Any]:
            result = run_wrk(
                wrk,
                target,
                token,
                threads=args.threads,
                connections=args.connections,
                seconds=seconds,
                procs=procs,
                redis_client=redis_client,
            )
            check_clean(result, target)
            return result

        for target in targets.values():
            print(f"  warm-up {args.warmup} s: {target.url}", flush=True)
            load(target, args.warmup)

        runs: dict[str, list[dict[str, Any]]] = {key: [] for key in targets}
        for round_no in range(1, args.runs + 1):
            for target in targets.values():  # interleaved: drift hits every target alike
                result = load(target, args.seconds)
                runs[target.key].append(result)
                lat = result["latency_us"]
                print(
                    f"  run {round_no}/{args.runs} {target.key:8s} {result['rps']:8.0f} req/s  "
                    f"p50 {lat['p50'] / 1000:6.2f}  p95 {lat['p95'] / 1000:6.2f}  "
                    f"p99 {lat['p99'] / 1000:6.2f} ms  non-2xx {result['non2xx']}  "
                    f"wrk {result['wrk_cores_used']:.2f} cores  "
                    f"machine {result['machine_busy_pct']:.0f}% busy",
                    flush=True,
                )

        serial: dict[str, Any] = {}
        if args.serial_seconds > 0:
            for target in targets.values():
                result = run_wrk(
                    wrk,
                    target,
                    token,
                    threads=1,
                    connections=1,
                    seconds=args.serial_seconds,
                    procs=procs,
                    redis_client=redis_client,
                )
                check_clean(result, target)
                serial[target.key] = result
                print(
                    f"  1 connection {target.key:8s} {result['rps']:8.0f} req/s  p50 "
                    f"{result['latency_us']['p50'] / 1000:.2f} ms",
                    flush=True,
                )
        memory_after = procs.memory()
    finally:
        forget_sessions(redis_client, session_keys)
        stopped = fitledger_stack("down")
        print(f"  stack stopped ({stopped.stdout.strip() or stopped.stderr.strip()})", flush=True)
        restore_signals(old_handlers)

    summary = {key: summarize(rs) for key, rs in runs.items()}
    d, g = summary["direct"], summary["gateway"]
    dl, gl = d["latency_ms_median_of_runs"], g["latency_ms_median_of_runs"]
    ratios = {
        "p50": round(gl["p50"] / dl["p50"], 3),
        "p95": round(gl["p95"] / dl["p95"], 3),
        "p99": round(gl["p99"] / dl["p99"], 3),
        "throughput": round(g["rps_median"] / d["rps_median"], 3),
        "added_ms": {p: round(gl[p] - dl[p], 3) for p in ("p50", "p95", "p99")},
        "cpu_per_request": round(
            g["cpu_ms_per_request"]["stack"] / d["cpu_ms_per_request"]["stack"], 3
        ),
    }
    for rs in [*runs.values(), list(serial.values())]:
        for r in rs:
            r.pop("raw_stdout", None)
    report: dict[str, Any] = {
        "finished_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "config": {
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
            "stack_env": STACK_ENV,
            "wall_seconds": round(time.monotonic() - t0, 1),
        },
        "machine": machine_info(redis_version),
        "summary": summary,
        "ratios": ratios,
        "memory": {"before": memory_before, "after": memory_after},
        "runs": runs,
    }
    if serial:
        report["serial"] = serial
    markdown = render_markdown(report)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "gateway_overhead.md").write_text(markdown)
    (args.output / "gateway_overhead.json").write_text(json.dumps(report, indent=2) + "\n")
    print("\n" + markdown)
    print(
        f"written: {args.output / 'gateway_overhead.md'}, {args.output / 'gateway_overhead.json'}"
    )
    return 0


def _smoke(targets: dict[str, Target], token: str, user_id: str) -> None:
    """One request per target: the token works and the gateway forwards the verified identity."""
    import httpx

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
