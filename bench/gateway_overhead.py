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
import platform
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
LUA_SCRIPT = BENCH_DIR / "wrk_report.lua"
DATA_DIR = ROOT / ".local" / "bench"
HOST = "127.0.0.1"  # the only address this benchmark ever sends load to
GATEWAY_PORT = 8080
RATE_PER_SECOND = 100_000
BURST = 100_000
STACK_ENV = {
    "FITLEDGER_DATA_DIR": str(DATA_DIR),
    "DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:5432/fitledger_bench",
    "REDIS_URL": "redis://127.0.0.1:6379/6",
    "STACK_WITH_UI": "false",
    "GATEWAY_RATE_PER_SECOND": str(RATE_PER_SECOND),
    "GATEWAY_BURST": str(BURST),
}
TOKEN_TTL_SECONDS = 3600
CLK_TCK = os.sysconf("SC_CLK_TCK")


class BenchError(RuntimeError):
    """The benchmark cannot run or its measurement is invalid; the message says why."""


# --------------------------------------------------------------------------------------- tools


def ensure_wrk(install: bool) -> str:
    """Path of ``wrk``; installs Debian's package when running as root and allowed to."""
    path = shutil.which("wrk")
    if path:
        return path
    how = "sudo apt-get install -y wrk   (Debian/Ubuntu package 'wrk')"
    if not install or os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise BenchError(f"wrk is not installed. Install it with:\n    {how}")
    print("wrk is missing: installing Debian's package (apt-get install wrk) ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    apt = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"]
    if subprocess.run(apt, env=env, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(apt, env=env, check=False)
    path = shutil.which("wrk")
    if not path:
        raise BenchError(f"could not install wrk. Install it with:\n    {how}")
    return path


def _first_line(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0].strip() if text else "unknown"


def _pkg_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine_info(redis_version: str) -> dict[str, Any]:
    lscpu: dict[str, str] = {}
    out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    for line in out.splitlines():
        key, _, value = line.partition(":")
        lscpu[key.strip()] = value.strip()
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    return {
        "cpu_model": lscpu.get("Model name", platform.processor() or "unknown"),
        "cpus_online": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "threads_per_core": lscpu.get("Thread(s) per core"),
        "hypervisor": lscpu.get("Hypervisor vendor"),
        "ram_gib": round(mem_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "os": _first_line(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "tools": {
            "wrk": _first_line(["wrk", "-v"]).split(" Copyright")[0],
            "nginx": _first_line(["nginx", "-v"]),
            "python": platform.python_version(),
            "uvicorn": _pkg_version("uvicorn"),
            "fastapi": _pkg_version("fastapi"),
            "pyjwt": _pkg_version("PyJWT"),
            "cryptography": _pkg_version("cryptography"),
            "redis-server": redis_version,
        },
    }


# ---------------------------------------------------------------------------------- the stack


def _port_busy(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((HOST, port)) == 0


def _fitledger_exe() -> Path:
    exe = Path(sys.executable).parent / "fitledger"
    if not exe.exists():
        raise BenchError(
            f"{exe} not found: run with the project's virtualenv "
            "(`make bench` or `.venv/bin/python -m bench.gateway_overhead`)"
        )
    return exe


def fitledger_stack(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``fitledger stack ARGS`` with ``env`` (default: this benchmark's STACK_ENV) on top."""
    return subprocess.run(
        [str(_fitledger_exe()), "stack", *args],
        env={**os.environ, **(STACK_ENV if env is None else env)},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def stack_ports(settings: Any) -> dict[str, int]:
    from backend_services.stack.topology import SERVICES

    ports = {"gateway": settings.gateway_port, "smtp": settings.smtp_port}
    if settings.embedded_mongodb:
        ports["mongodb"] = settings.mongodb_port
    for spec in SERVICES:
        for i, port in enumerate(settings.instance_ports(spec), start=1):
            ports[f"{spec.name}-{i}"] = port
        if spec.worker:
            ports[f"{spec.name}-worker metrics"] = settings.worker_metrics_port(spec)
    return ports


def supervisor_pid(name: str, data_dir: Path | None = None) -> int:
    """Pid of a supervised program (``users-1`` runs in group ``users`` as ``users:users-1``)
    of the stack whose data dir is ``data_dir`` (default: this benchmark's)."""
    conf = (data_dir or DATA_DIR) / "run" / "supervisord.conf"
    done = None
    for qualified in (f"{name.split('-')[0]}:{name}", name):
        done = subprocess.run(
            [str(Path(sys.executable).parent / "supervisorctl"), "-c", str(conf), "pid", qualified],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.stdout.strip().isdigit() and int(done.stdout.strip()) > 0:
            return int(done.stdout.strip())
    raise BenchError(f"no pid for {name}: {done and done.stdout} {done and done.stderr}")


def children(pid: int) -> list[int]:
    result = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                result.append(int(entry.name))
    return sorted(result)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / CLK_TCK


def machine_busy_ticks() -> tuple[int, int]:
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


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


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        kids = children(queue.pop())
        found += kids
        queue += kids
    return found


def find_processes(instances: int) -> Processes:
    master = supervisor_pid("gateway")
    procs = Processes(
        nginx_master=master,
        nginx_workers=children(master),
        users=[supervisor_pid(f"users-{i}") for i in range(1, instances + 1)],
        auth=[supervisor_pid(f"auth-{i}") for i in range(1, instances + 1)],
        rest=[],
    )
    named = {pid for pids in procs.groups().values() for pid in pids}
    supervisord = int((DATA_DIR / "run" / "supervisord.pid").read_text().strip())
    procs.rest = [supervisord, *(p for p in descendants(supervisord) if p not in named)]
    return procs


def mint_token(
    keys_dir: Path,
    redis_client: Any,
    user_id: str,
    *,
    session_id: str | None = None,
    ttl_seconds: int = TOKEN_TTL_SECONDS,
) -> tuple[str, str]:
    """An access token for ``user_id`` signed with the stack's newest key, with its session
    registered in Redis as a login would (the gateway's /internal/verify checks it).
    Returns (token, Redis session key); delete the key when done."""
    from backend_services.kernel.sessions import session_key
    from backend_services.stack.dev_tokens import mint_access_token

    minted = mint_access_token(
        keys_dir, redis_client, user_id, session_id=session_id, ttl_seconds=ttl_seconds
    )
    return minted.token, session_key(minted.session_id)


def port_shift_env(shift: int) -> dict[str, str]:
    """Environment that moves every port of a stack by ``shift`` (as the e2e stacks do), so a
    benchmark stack runs beside a developer's stack or a test stack."""
    return {
        "GATEWAY_PORT": str(8080 + shift),
        "SERVICE_PORT_BASE": str(8100 + shift),
        "WORKER_METRICS_BASE": str(9100 + shift),
        "MONGODB_PORT": str(27017 + shift),
        "SMTP_PORT": str(1025 + shift),
    }


def ensure_amqp_vhost(vhost: str) -> None:
    """A RabbitMQ vhost of the benchmark's own (another stack would take its events)."""
    ctl = shutil.which("rabbitmqctl")
    if ctl is None:
        raise BenchError("rabbitmqctl not found: cannot create the benchmark's vhost")
    for cmd in (
        [ctl, "-q", "add_vhost", vhost],
        [ctl, "-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"],
    ):
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=60)
        if done.returncode != 0 and "already_exists" not in done.stderr + done.stdout:
            raise BenchError(f"{' '.join(cmd)} failed: {done.stdout} {done.stderr}")


def busy_ports(settings: Any) -> dict[str, int]:
    """The stack's ports (gateway, instances, workers, mongodb, smtp) already taken."""
    return {name: port for name, port in stack_ports(settings).items() if _port_busy(port)}


# ---------------------------------------------------------------------------------------- wrk


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    url: str


def run_wrk(
    wrk: str,
    target: Target,
    token: str | None,
    *,
    threads: int,
    connections: int,
    seconds: int,
    procs: Any,
    redis_client: Any,
    script: Path = LUA_SCRIPT,
    script_args: tuple[str, ...] = (),
    timeout_s: int = 10,
) -> dict[str, Any]:
    """One wrk run against ``target``; ``procs`` is anything with ``groups()`` ->
    {name: [pids]} (CPU is reported per group; "rest" is not on the request path).
    ``token=None`` sends no Authorization header (a ``script`` that builds its own requests);
    ``script_args`` go to the script's ``init(args)``."""
    if not target.url.startswith(f"http://{HOST}:"):
        raise BenchError(f"refusing to load anything but {HOST}: {target.url}")
    auth = ["-H", f"Authorization: Bearer {token}"] if token is not None else []
    cmd = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        f"{timeout_s}s",
        "--latency",
        "-s",
        str(script),
        *auth,
        target.url,
        *(["--", *script_args] if script_args else []),
    ]
    groups = procs.groups()
    cpu_before = {name: cpu_seconds(pids) for name, pids in groups.items()}
    redis_before = _redis_cpu(redis_client)
    busy_before, total_before = machine_busy_ticks()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy_after, total_after = machine_busy_ticks()
    redis_after = _redis_cpu(redis_client)
    cpu_after = {name: cpu_seconds(pids) for name, pids in groups.items()}
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("WRK_JSON ")]
    if done.returncode != 0 or not lines:
        raise BenchError(f"wrk failed on {target.url}:\n{done.stdout}\n{done.stderr}")
    result: dict[str, Any] = json.loads(lines[-1].removeprefix("WRK_JSON "))
    seconds_run = result["duration_us"] / 1e6
    result["rps"] = round(result["requests"] / seconds_run, 1)
    cpu = {name: round(cpu_after[name] - cpu_before[name], 2) for name in groups}
    cpu["redis"] = round(redis_after - redis_before, 2)
    cpu["wrk"] = round(
        (children_after.ru_utime + children_after.ru_stime)
        - (children_before.ru_utime + children_before.ru_stime),
        2,
    )
    machine = (busy_after - busy_before) / CLK_TCK
    # The request path: every named group (nginx, users, auth, ...) but "rest", plus Redis.
    cpu["stack"] = round(sum(cpu[name] for name in groups if name != "rest") + cpu["redis"], 2)
    # Anything else on the machine (other engineers' stacks, tests, ...) competing for the cores.
    cpu["other"] = round(max(0.0, machine - cpu["stack"] - cpu["rest"] - cpu["wrk"]), 2)
    result["cpu_seconds"] = cpu
    result["wrk_cores_used"] = round(cpu["wrk"] / wall, 2)
    result["machine_busy_pct"] = round(
        100 * (busy_after - busy_before) / max(1, total_after - total_before), 1
    )
    result["raw_stdout"] = done.stdout
    return result


def _redis_cpu(client: Any) -> float:
    info = client.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def check_clean(result: dict[str, Any], target: Target) -> None:
    errors = {k: v for k, v in result["errors"].items() if v}
    if result["non2xx"] or errors:
        raise BenchError(
            f"INVALID MEASUREMENT for {target.label} ({target.url}): {result['non2xx']} non-2xx "
            f"answers, socket errors {errors or 'none'} out of {result['requests']} requests.\n"
            f"{result['raw_stdout']}"
        )


# ------------------------------------------------------------------------------------ reports


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def med(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    lat = {p: med([r["latency_us"][p] / 1000 for r in runs]) for p in ("p50", "p90", "p95", "p99")}
    rps = [r["rps"] for r in runs]
    requests = sum(r["requests"] for r in runs)
    cpu_names = runs[0]["cpu_seconds"].keys()
    cpu_ms_per_req = {
        name: round(1000 * sum(r["cpu_seconds"][name] for r in runs) / requests, 3)
        for name in cpu_names
    }
    return {
        "latency_ms_median_of_runs": lat,
        "latency_ms_range": {
            p: [
                round(min(r["latency_us"][p] for r in runs) / 1000, 3),
                round(max(r["latency_us"][p] for r in runs) / 1000, 3),
            ]
            for p in ("p50", "p95", "p99")
        },
        "rps_median": med(rps),
        "rps_range": [min(rps), max(rps)],
        "requests_total": requests,
        "non2xx_total": sum(r["non2xx"] for r in runs),
        "socket_errors_total": sum(sum(r["errors"].values()) for r in runs),
        "cpu_ms_per_request": cpu_ms_per_req,
        "wrk_cores_used_max": max(r["wrk_cores_used"] for r in runs),
        "machine_busy_pct_median": med([r["machine_busy_pct"] for r in runs]),
    }


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
    parser = argparse.ArgumentParser(
        prog="python -m bench.gateway_overhead",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    parser.add_argument(
        "--wait",
        type=int,
        default=0,
        help="seconds to wait for another stack to free the ports before refusing (0)",
    )
    parser.add_argument("--no-install", action="store_true", help="never apt-get install wrk")
    parser.add_argument("--output", type=Path, default=RESULTS_DIR, help="results folder")
    return parser.parse_args(argv)


def _terminate(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)  # unwinds through `finally`, which stops the stack


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except BenchError as exc:
        print(f"\nbench.gateway_overhead: {exc}", file=sys.stderr, flush=True)
        return 1


def run(args: argparse.Namespace) -> int:
    wrk = ensure_wrk(install=not args.no_install)
    _fitledger_exe()
    os.environ.update(STACK_ENV)  # StackSettings below reads the same values as the launcher

    import redis

    from backend_services.stack.topology import SERVICES, StackSettings

    settings = StackSettings()
    if settings.gateway_port != GATEWAY_PORT:
        raise BenchError(f"unexpected gateway port {settings.gateway_port}")
    deadline = time.monotonic() + args.wait
    while time.monotonic() < deadline and any(
        _port_busy(port) for port in stack_ports(settings).values()
    ):
        time.sleep(2)
    if _port_busy(GATEWAY_PORT):
        raise BenchError(
            f"port {GATEWAY_PORT} is in use: stop the running stack (`make stop`) or wait for "
            "the e2e tests to finish; the benchmark starts its own stack."
        )
    busy = {name: port for name, port in stack_ports(settings).items() if _port_busy(port)}
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

    old_handlers = {sig: signal.signal(sig, _terminate) for sig in (signal.SIGTERM, signal.SIGHUP)}
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
        try:
            if session_keys:
                redis_client.delete(*session_keys)
            redis_client.close()
        except redis.RedisError:
            pass
        stopped = fitledger_stack("down")
        print(f"  stack stopped ({stopped.stdout.strip() or stopped.stderr.strip()})", flush=True)
        for sig, handler in old_handlers.items():
            signal.signal(sig, handler)

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
