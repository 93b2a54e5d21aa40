"""Load from Python clients (for what wrk cannot script): client threads run together with
their CPU and the machine's load measured, and bounded sequential GETs."""

from __future__ import annotations

import resource
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from bench.harness.processes import machine_busy_ticks
from bench.harness.report import percentiles_ms


@dataclass(frozen=True)
class ClientRun:
    """What running the client threads took: wall time, this process's CPU, the machine."""

    seconds: float
    client_cpu_seconds: float
    machine_busy_pct: float

    @property
    def client_cores_used(self) -> float:
        return round(self.client_cpu_seconds / self.seconds, 2)


def run_clients(workers: list[Callable[[], None]]) -> ClientRun:
    """Each worker in its own thread, all at once, until every one has returned."""
    threads = [threading.Thread(target=worker) for worker in workers]
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    busy0, total0 = machine_busy_ticks()
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    busy1, total1 = machine_busy_ticks()
    return ClientRun(
        seconds=wall,
        client_cpu_seconds=(cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime),
        machine_busy_pct=round(100 * (busy1 - busy0) / max(1, total1 - total0), 1),
    )


def timed_gets(
    gateway: str, token: str, paths: list[str], timeout: float, budget_s: float
) -> dict[str, Any]:
    """One client, sequential, bounded by count and time. Error answers are counted (with
    their latency and status), not fatal: at a large collection they are the finding."""
    times: list[float] = []
    sizes: list[int] = []
    errors: dict[str, int] = {}
    deadline = time.monotonic() + budget_s
    with httpx.Client(
        base_url=gateway, headers={"Authorization": f"Bearer {token}"}, timeout=timeout
    ) as http:
        for path in paths:
            if times and time.monotonic() > deadline:
                break
            started = time.perf_counter()
            answer = http.get(path)
            times.append(time.perf_counter() - started)
            if answer.status_code != 200:
                key = f"{answer.status_code} {answer.text[:120]}"
                errors[key] = errors.get(key, 0) + 1
                continue
            body = answer.json()
            sizes.append(len(body.get("sessions", body.get("items", body.get("weeks", [])))))
    return {
        "requests": len(times),
        "ok": len(sizes),
        "errors": errors,
        "latency_ms": percentiles_ms(times),
        "items_per_answer": sizes,
        "bytes_note": "sessions/items/weeks per answer",
    }
