"""Load from wrk: one run against a target with its CPU accounting, replays of request
lists, and the summaries of several runs."""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.harness.cli import BenchError
from bench.harness.processes import CLK_TCK, HOST, ProcessGroups, cpu_seconds, machine_busy_ticks
from bench.harness.report import BENCH_DIR
from bench.harness.stack import BenchStack

LUA_SCRIPT = BENCH_DIR / "wrk_report.lua"
WRK_SCRIPT = BENCH_DIR / "wrk_requests.lua"


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


def write_requests(path: Path, lines: list[tuple[str, str, str, str]]) -> Path:
    """The request list wrk_requests.lua replays: method, path, token, JSON body."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as out:
        for method, target, token, body in lines:
            assert "\t" not in body and "\n" not in body
            out.write(f"{method}\t{target}\t{token}\t{body}\n")
    return path


def wrk_replay(
    wrk: str,
    stack: BenchStack,
    requests_file: Path,
    *,
    label: str,
    connections: int,
    threads: int,
    seconds: int,
    procs: ProcessGroups,
    redis_client: Any,
) -> dict[str, Any]:
    """One wrk run replaying ``requests_file`` against the stack's gateway; any non-2xx or
    socket error makes the measurement invalid."""
    target = Target(label, label, stack.gateway + "/")
    result = run_wrk(
        wrk,
        target,
        None,
        threads=min(threads, connections),
        connections=connections,
        seconds=seconds,
        procs=procs,
        redis_client=redis_client,
        script=WRK_SCRIPT,
        script_args=(str(requests_file),),
        timeout_s=30,
    )
    check_clean(result, target)
    result.pop("raw_stdout", None)
    return result


def wrk_line(label: str, result: dict[str, Any]) -> str:
    lat = result["latency_us"]
    return (
        f"  {label:28s} {result['rps']:8.1f} req/s  p50 {lat['p50'] / 1000:7.2f}  "
        f"p95 {lat['p95'] / 1000:7.2f}  p99 {lat['p99'] / 1000:7.2f} ms  "
        f"non-2xx {result['non2xx']}  wrk {result['wrk_cores_used']:.2f} cores  "
        f"machine {result['machine_busy_pct']:.0f}% busy"
    )
