"""The gateway_overhead benchmark's report."""

from __future__ import annotations

from typing import Any

from bench.harness.machine import machine_line, tools_line
from bench.harness.stack import BURST, RATE_PER_SECOND


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
    lines += [
        "",
        machine_line(m),
        tools_line(m),
        f"Stack: {cfg['instances']} instances per service, nginx worker_processes auto "
        f"({len(mem['after']['nginx_workers_mib'])} workers), upstream keepalive 32, "
        "JSON access log on.",
        "",
    ]
    return "\n".join(lines)
