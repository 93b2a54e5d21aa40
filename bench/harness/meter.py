"""CPU over one phase of a scenario: the whole machine, the stack's supervised processes and
the load generator."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bench.harness.processes import cpu_seconds, descendants, machine_busy_ticks
from bench.harness.stack import BenchStack


class Meter:
    """CPU over one phase: the whole machine, this stack's supervised processes (without the
    shared PostgreSQL and RabbitMQ), and this process (the load generator)."""

    def __init__(self, stack: BenchStack) -> None:
        self.supervisord = int((stack.data_dir / "run" / "supervisord.pid").read_text().strip())
        self.started = time.monotonic()
        self.busy0 = machine_busy_ticks()
        self.cpu0 = self._cpu()
        self.own0 = cpu_seconds([os.getpid()])

    def _cpu(self) -> dict[int, float]:
        pids = [self.supervisord, *descendants(self.supervisord)]
        return {pid: cpu_seconds([pid]) for pid in pids}

    def done(self) -> dict[str, float]:
        wall = time.monotonic() - self.started
        busy1, cpu1 = machine_busy_ticks(), self._cpu()
        busy = (busy1[0] - self.busy0[0]) / max(1, busy1[1] - self.busy0[1])
        stack = sum(v - self.cpu0.get(pid, 0.0) for pid, v in cpu1.items())
        own = cpu_seconds([os.getpid()]) - self.own0
        return {
            "seconds": round(wall, 1),
            "machine_busy_pct": round(busy * 100, 1),
            "machine_busy_cores": round(busy * (os.cpu_count() or 1), 2),
            "stack_cores": round(stack / wall, 2),
            "load_generator_cores": round(own / wall, 2),
            "loadavg_1m": float(Path("/proc/loadavg").read_text().split()[0]),
        }
