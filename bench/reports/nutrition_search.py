"""The nutrition_search benchmark's report."""

from __future__ import annotations

import statistics
from typing import Any

from bench.harness.machine import machine_line


def render_markdown(report: dict[str, Any]) -> str:
    cfg, m = report["config"], report["machine"]
    lines = [
        "# Nutrition benchmark: food import, search, diary writes",
        "",
        f"{report['finished_at']}; `python -m bench.nutrition_search` "
        f"(port shift {cfg['port_shift']}, {cfg['instances']} nutrition instances behind nginx, "
        f"wrk {cfg['threads']} threads, {cfg['runs']} x {cfg['seconds']} s per point; gateway rate "
        "limits raised).",
        "",
        "## Import (real CLI, one transaction per file)",
        "",
        "| source | written | new | updated | rejected | seconds | rows written/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for imp in report.get("imports", []):
        lines.append(
            f"| {imp['kind']} (`{imp['path']}`) | {imp['imported'] + imp['updated']} "
            f"| {imp['imported']} | {imp['updated']} | {imp['rejected']} "
            f"| {imp['wall_seconds']:.1f} | {imp['rows_written_per_second']:.0f} |"
        )
    for imp in report.get("imports", []):
        if imp["report_lines"]:
            lines.append(f"\n{imp['kind']} report: " + "; ".join(imp["report_lines"]))
    t = report["table"]
    lines += [
        "",
        f"After import (and ANALYZE, {report.get('analyze_seconds', 0):.1f} s): "
        + ", ".join(f"{k} {v}" for k, v in t["foods_by_source"].items())
        + f"; nutrition.foods {t['foods_total_mib_with_indexes_and_toast']} MiB with indexes "
        + "("
        + ", ".join(f"{k} {v}" for k, v in t["relation_mib"].items())
        + " MiB).",
        "",
        "## Search latency under load (wrk, whole mix through the gateway)",
        "",
        f"Mix: {len(cfg['queries'])} text queries (common words, multi-word, typos, Russian) "
        f"equally often, plus {cfg['barcode_share']:.0%} barcode lookups over "
        f"{cfg['barcodes']} real OFF codes; default limit 20.",
        "",
        "| concurrency | req/s | p50 ms | p95 ms | p99 ms | requests | non-2xx | CPU ms/req "
        "(nginx / nutrition / auth / wrk / other incl. PostgreSQL) | machine busy |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for key, s in report["search_load"].items():
        lat, c = s["latency_ms_median_of_runs"], s["cpu_ms_per_request"]
        lines.append(
            f"| {key} | {s['rps_median']:.1f} | {lat['p50']:.1f} | {lat['p95']:.1f} "
            f"| {lat['p99']:.1f} | {s['requests_total']} | {s['non2xx_total']} "
            f"| {c['nginx']:.2f} / {c['nutrition']:.2f} / {c['auth']:.2f} / {c['wrk']:.2f}"
            f" / {c['other']:.2f} | {s['machine_busy_pct_median']:.0f}% |"
        )
    lines += [
        "",
        f"## Per query, unloaded (1 client, median of {cfg['serial_rounds']}; through the gateway)",
        "",
        "| query | kind | median ms | max ms | results | top hit |",
        "|---|---|---:|---:|---:|---|",
    ]
    serial = report["serial"]
    for row in [r for r in serial if r["kind"] != "barcode"]:
        more = "+" if row["more"] else ""
        lines.append(
            f"| {row['q']} | {row['kind']} | {row['median_ms']:.1f} | {row['max_ms']:.1f} "
            f"| {row['results']}{more} | {(row['top'] or '')[:60]} |"
        )
    codes = [r["median_ms"] for r in serial if r["kind"] == "barcode"]
    if codes:
        lines.append(
            f"| {len(codes)} barcodes | barcode | {statistics.median(codes):.1f} "
            f"| {max(codes):.1f} | 1 | (median over codes) |"
        )
    w = report["writes"]
    lat = w["summary"]["latency_ms_median_of_runs"]
    lines += [
        "",
        f"## Diary writes (`POST /api/nutrition/meals`, {cfg['write_users']} users, "
        f"{cfg['write_connections']} connections)",
        "",
        "| meals/s | p50 ms | p95 ms | p99 ms | requests | non-2xx | CPU ms/req "
        "(nginx / nutrition / auth / wrk / other incl. PostgreSQL) |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    c = w["summary"]["cpu_ms_per_request"]
    lines.append(
        f"| {w['summary']['rps_median']:.1f} | {lat['p50']:.1f} | {lat['p95']:.1f} "
        f"| {lat['p99']:.1f} | {w['summary']['requests_total']} | {w['summary']['non2xx_total']} "
        f"| {c['nginx']:.2f} / {c['nutrition']:.2f} / {c['auth']:.2f} / {c['wrk']:.2f} / "
        f"{c['other']:.2f} |"
    )
    lines += [
        "",
        f"Each meal: 1-4 items (by grams, by portion, branded, quick add), dates over the last "
        f"year. Stored afterwards: {w['meals_in_db']} meals, {w['items_in_db']} items, "
        f"{w['outbox_logged']} `nutrition.meal.logged` outbox rows (wrk counted "
        f"{w['summary']['requests_total']} + {w['smoke_meals']} smoke meals; requests still in "
        "flight when wrk stops are stored but not counted).",
        "",
        "Memory (RSS MiB) before -> after all load: "
        + ", ".join(
            f"{name} {report['memory']['before'][name]} -> {report['memory']['after'][name]}"
            for name in report["memory"]["after"]
        )
        + ".",
        "",
        *([f"Note: {cfg['note']}", ""] if cfg.get("note") else []),
        machine_line(m),
        "Other load on the machine during the run: see `machine busy` and `cpu_seconds.other` "
        "in the JSON (other engineers' stacks and tests share these cores).",
        "",
    ]
    return "\n".join(lines)
