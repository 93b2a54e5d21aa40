"""The stack's processes seen from outside: pids, memory, CPU time, busy ports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.harness.cli import BenchError

HOST = "127.0.0.1"  # the only address a benchmark ever sends load to
CLK_TCK = os.sysconf("SC_CLK_TCK")


def port_busy(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((HOST, port)) == 0


def supervisor_pid(name: str, data_dir: Path) -> int:
    """Pid of a supervised program (``users-1`` runs in group ``users`` as ``users:users-1``)
    of the stack whose data dir is ``data_dir``."""
    conf = data_dir / "run" / "supervisord.conf"
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


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        kids = children(queue.pop())
        found += kids
        queue += kids
    return found


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
class ProcessGroups:
    by_name: dict[str, list[int]]

    def groups(self) -> dict[str, list[int]]:
        return self.by_name

    def rss_mib(self, name: str) -> list[float]:
        return [rss_mib(pid) for pid in self.by_name[name]]
