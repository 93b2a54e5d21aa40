"""The workouts_history benchmark's report."""

from __future__ import annotations

from datetime import date
from typing import Any

from bench.harness.machine import machine_line
from bench.seeding.workouts import HEAVY_FROM, OTHER_WORKOUTS_PER_USER, PROGRESS_EXERCISE


def render_markdown(report: dict[str, Any]) -> str:
    cfg, sd = report["config"], report["seed"]
    lines = [
        "# Workouts benchmark: big history on SecantusDB, completion throughput",
        "",
        f"{report['finished_at']}; `python -m bench.workouts_history` (port shift "
        f"{cfg['port_shift']}, {cfg['instances']} workouts instances behind nginx, embedded "
        f"SecantusDB {cfg['secantus_version']}; gateway rate limits raised).",
        "",
        "## Seeding (pymongo insert_many straight into `workouts`, service-shaped documents)",
        "",
        f"- {sd['inserted']:,} workouts inserted in {sd['seconds']:.0f} s = "
        f"**{sd['rate_per_second']:,.0f} documents/s** (batches of {sd['batch']}, "
        f"{sd['write_concern']}; the service's {len(sd['indexes_during_seed'])} indexes "
        "in place).",
        f"- heavy user: {sd['heavy_workouts']:,} workouts over 2001-01-01..today "
        f"(~{sd['heavy_workouts'] / max(1, (date.today() - HEAVY_FROM).days):.0f} a day) in "
        f"{sd['heavy_seconds']:.0f} s ({sd['heavy_rate_per_second'] or 0:,.0f}/s); other users: "
        f"{sd['other_users']:,} x {OTHER_WORKOUTS_PER_USER} over two years.",
        f"- collection: {sd['collection_count']:,} documents (target {sd['target_total']:,}: "
        f"**{sd['stopped_by']}**), collStats "
        + ", ".join(f"{k} {v}" for k, v in sd["coll_stats"].items())
        + ".",
        "",
        "## Reads for the heavy user (through the gateway)",
        "",
        "One client, one request at a time (bounded in count and time); with so few samples "
        "p95 is close to the max.",
        "",
        "| query | requests | ok | p50 ms | p95 ms | max ms | items per answer | errors |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    reads = {**report["reads"], f"progress `{PROGRESS_EXERCISE}`": report["progress"]}
    for label, r in reads.items():
        lat = r["latency_ms"]
        sizes = sorted(set(r["items_per_answer"])) or [0]
        errors = "; ".join(f"{n} x {e}" for e, n in r["errors"].items()) or "none"
        lines.append(
            f"| {label} | {r['requests']} | {r['ok']} | {lat['p50']:.0f} | {lat['p95']:.0f} "
            f"| {lat['max']:.0f} | {sizes[0]}-{sizes[-1]} | {errors} |"
        )
    pr = report["progress"]
    lines += [
        "",
        f"History: default limit 100 of the ~{report['heavy_per_month']:.0f} workouts in a "
        f"month window; summary: every completed workout in the window, read and summed "
        f"(month ~{report['heavy_per_month']:.0f}, year ~{report['heavy_per_month'] * 12:.0f} "
        f"documents); progress returned {pr['items_per_answer'][:1]} sessions per answer.",
        "",
        "## Completion throughput (start + 3 exercises x "
        f"{cfg['sets_per_exercise']} sets + complete = "
        f"{report['completion']['requests_per_workout']} requests per workout)",
        "",
        "| users | workouts/s | requests/s | start p50/p95 ms | add set p50/p95 ms "
        "| complete p50/p95 ms | workouts | non-2xx | client cores | machine busy |",
        "|---|---:|---:|---|---|---|---:|---:|---:|---:|",
    ]
    for label, c in (
        ("completion", report["completion"]),
        ("completion_heavy", report["completion_heavy"]),
    ):
        if not c:
            continue
        who = (
            f"{c['clients']} fresh"
            if label == "completion"
            else (f"1 heavy ({sd['heavy_workouts']:,} in its history)")
        )
        lat = c["latency_ms"]
        lines.append(
            f"| {who} | {c['completions_per_second']:.2f} | {c['requests_per_second']:.1f} "
            + "".join(
                (f"| {lat[s]['p50']:.0f} / {lat[s]['p95']:.0f} " if s in lat else "| - ")
                for s in ("start", "add_set", "complete")
            )
            + f"| {c['workouts_completed']} | {c['non2xx']} | {c['client_cores_used']:.2f} "
            f"| {c['machine_busy_pct']:.0f}% |"
        )
        if c["failures"]:
            lines.append(f"\n{who}: first failure: `{c['failures'][0]}`\n")
    mem = report["memory"]
    lines += [
        "",
        "Memory (RSS MiB) empty -> seeded -> after the load: "
        + ", ".join(
            f"{name} {mem['empty'][name]} -> {mem['seeded'][name]} -> {mem['after'][name]}"
            for name in mem["after"]
        )
        + ".",
        "",
        "Query plans (SecantusDB explain, executionStats):",
        "",
    ]
    for name, plan in report["explain"].items():
        lines.append(f"- {name}: {plan}")
    lines += ["", machine_line(report["machine"]), ""]
    return "\n".join(lines)
