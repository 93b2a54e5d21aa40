"""The event_pipeline benchmark's report."""

from __future__ import annotations

from typing import Any

from backend_services.kernel.contracts.queues import NOTIFICATIONS_ACTIVITY as ACTIVITY_QUEUE
from backend_services.kernel.contracts.queues import NOTIFICATIONS_AUDIT as AUDIT_QUEUE
from bench.harness.machine import machine_line


def _cpu_cell(cpu: dict[str, float]) -> str:
    return f"{cpu['machine_busy_pct']:.0f}% / {cpu['stack_cores']:.2f} / {cpu['loadavg_1m']:.1f}"


def render_markdown(report: dict[str, Any]) -> str:
    cfg = report["config"]
    lines = [
        "# Event pipeline: meal committed -> notification stored",
        "",
        f"{report['finished_at']}; `python -m bench.event_pipeline` (port shift "
        f"{cfg['port_shift']}, {cfg['instances']} instances of each service behind nginx, one "
        "notifications worker; every meal is one fresh user's first meal of the day and over "
        f"their target ({report['target_kcal']} kcal), so each gives exactly one "
        "`daily_norm_exceeded`).",
        "",
        "Latency = `notifications.notifications.created_at - nutrition.meals.created_at` "
        "(both `now()` = their transaction's start; joined on the user in PostgreSQL). "
        "Outbox lag = `nutrition.outbox.published_at - created_at` (an idle relay is woken "
        "by the commit's NOTIFY, and polls every 0.2 s as a fallback).",
        "",
        "## Steady load (open loop through the gateway)",
        "",
        "| meals/s | meals | pipeline p50 ms | p95 ms | p99 ms | max ms | outbox lag p50 / p95 ms "
        "| published -> stored p50 / p95 ms | POST p50 / p95 ms | machine busy / stack cores "
        "/ load 1m |",
        "|---:|---:|---:|---:|---:|---:|---|---|---|---|",
    ]
    for s in report["steady"]:
        p, o, h, c = s["pipeline_ms"], s["outbox_lag_ms"], s["http_ms"], s["after_publish_ms"]
        lines.append(
            f"| {s['achieved_rate']:.1f} (target {s['rate_per_second']:g}) | {s['meals']} "
            f"| {p['p50']:.0f} | {p['p95']:.0f} | {p['p99']:.0f} | {p['max']:.0f} "
            f"| {o['p50']:.0f} / {o['p95']:.0f} | {c['p50']:.0f} / {c['p95']:.0f} "
            f"| {h['p50']:.0f} / {h['p95']:.0f} | {_cpu_cell(s['cpu_while_sending'])} |"
        )
    b = report["backlog"]
    audit_done = next((s["t"] for s in b["queue_samples"] if s[AUDIT_QUEUE] == 0), None)
    lines += [
        "",
        "## Sustained consumer rate (backlog drain)",
        "",
        f"Notifications worker stopped; {b['meals']} meals of {b['meals']} fresh users logged "
        f"through the gateway at {b['post']['achieved_rate']:.0f}/s "
        f"({cfg['backlog_concurrency']} clients); queues before the restart: "
        + ", ".join(f"`{k}` {v}" for k, v in sorted(b["queue_before_restart"].items()) if v)
        + ".",
        "",
        "| events | drain s (first -> last notification) | events/s | first notification "
        "after start s | all done after start s | machine busy / stack cores / load 1m |",
        "|---:|---:|---:|---:|---:|---|",
        f"| {b['meals']} | {b['drain_seconds_first_to_last']:.1f} | {b['events_per_second']} "
        f"| {b['first_notification_after_start_s']:.1f} "
        f"| {b['drain_seconds_from_start']:.1f} | {_cpu_cell(b['cpu_while_draining'])} |",
        "",
        f"`{ACTIVITY_QUEUE}` depth after the restart (rabbitmqctl, seconds since start: "
        "messages; each call takes ~1 s under this load): "
        + ", ".join(
            f"{s['t']:.1f}: {s[ACTIVITY_QUEUE]}"
            for s in b["queue_samples"][:: max(1, len(b["queue_samples"]) // 12)]
        )
        + f". The worker drains `{AUDIT_QUEUE}` (every event, one log line + counter each) in "
        "another thread at the same time"
        + (f"; it was empty by the sample at {audit_done:.1f} s" if audit_done is not None else "")
        + ". Meanwhile nothing else loads the stack: this is the consumers' ceiling, not a rate "
        "sustained beside 100+ meal POSTs/s on the same cores.",
        "",
        "Before each phase every queue of the stack's vhost is empty. `machine busy` is the "
        "whole machine over the phase (sending, resp. draining); `stack cores` is this stack's "
        "supervised processes (not PostgreSQL or RabbitMQ, which are shared with other stacks); "
        "busy cores well above the stack's plus PostgreSQL's share mean other work (other "
        "stacks, test runs) competed for the same cores.",
        "",
        machine_line(report["machine"]),
        "",
    ]
    return "\n".join(lines)
