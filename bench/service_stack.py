"""A port-shifted benchmark stack of its own, for the per-service benchmarks.

Shared by bench/nutrition_search.py and bench/workouts_history.py; the primitives (starting
the stack, minting tokens, wrk, CPU and memory accounting, machine line) are those of
bench/gateway_overhead.py. Each benchmark gets its own data dir (.local/bench-<name>),
PostgreSQL database, Redis db and RabbitMQ vhost, and every port shifted by ``--port-shift``
(default 6000), so it runs beside a developer's stack and the e2e test stacks.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import gateway_overhead as base

DEFAULT_SHIFT = 6000
RATE_PER_SECOND = base.RATE_PER_SECOND
BURST = base.BURST


@dataclass
class BenchStack:
    """Where one benchmark's stack lives and how to reach it."""

    name: str  # e.g. "nutrition" -> .local/bench-nutrition, database fitledger_bench_nutrition
    shift: int
    redis_db: int
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return base.ROOT / ".local" / f"bench-{self.name}"

    @property
    def database(self) -> str:
        return f"fitledger_bench_{self.name}"

    @property
    def database_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:5432/{self.database}"

    @property
    def vhost(self) -> str:
        return f"fitledger_bench_{self.name}"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:6379/{self.redis_db}"

    @property
    def gateway_port(self) -> int:
        return 8080 + self.shift

    @property
    def gateway(self) -> str:
        return f"http://{base.HOST}:{self.gateway_port}"

    @property
    def mongodb_uri(self) -> str:
        return f"mongodb://127.0.0.1:{27017 + self.shift}/fitledger"

    def env(self) -> dict[str, str]:
        return {
            "FITLEDGER_DATA_DIR": str(self.data_dir),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "AMQP_URL": f"amqp://guest:guest@127.0.0.1:5672/{self.vhost}",
            "STACK_WITH_UI": "false",
            "GATEWAY_RATE_PER_SECOND": str(RATE_PER_SECOND),
            "GATEWAY_BURST": str(BURST),
            "GATEWAY_AUTH_RATE_PER_MINUTE": "100000",
            # The benchmarks import (and time) the food data themselves.
            "SEED_FOODS": "false",
            **base.port_shift_env(self.shift),
            **self.extra_env,
        }

    def settings(self) -> Any:
        """The launcher's view of this stack (reads the environment, so set it first)."""
        from backend_services.stack.topology import StackSettings

        os.environ.update(self.env())
        return StackSettings()

    def drop_database(self) -> None:
        """Start from an empty database (only ever this benchmark's own)."""
        import psycopg

        assert self.database.startswith("fitledger_bench_")
        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    @contextmanager
    def running(self, *, wait: int = 0) -> Iterator[Any]:
        """Start the stack (refusing if any of its ports is taken), yield its settings, and
        always stop it."""
        settings = self.settings()
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and base.busy_ports(settings):
            time.sleep(2)
        busy = base.busy_ports(settings)
        if busy:
            raise base.BenchError(
                f"ports the benchmark's stack needs are in use: {busy}; pick another "
                "--port-shift or stop what runs there"
            )
        base.ensure_amqp_vhost(self.vhost)
        # Fresh keys every run (tokens are minted per run anyway): a key file another
        # service left in the folder (e.g. a VAPID key) must not stop `stack up`.
        shutil.rmtree(self.data_dir / "keys", ignore_errors=True)
        (self.data_dir / "logs" / "nginx-access.log").unlink(missing_ok=True)
        print(
            f"starting a benchmark stack in {self.data_dir} (gateway {self.gateway}, database "
            f"{self.database}, Redis db {self.redis_db}, vhost {self.vhost}, no UI)",
            flush=True,
        )
        t0 = time.monotonic()
        try:
            started = base.fitledger_stack("up", "--detach", env=self.env())
            if started.returncode != 0:
                logs = sorted((self.data_dir / "logs").glob("*.log"))
                tails = "\n".join(f"== {p.name}\n{p.read_text()[-1500:]}" for p in logs)
                raise base.BenchError(
                    f"stack did not start:\n{started.stdout}\n{started.stderr}\n{tails}"
                )
            print(f"  stack healthy after {time.monotonic() - t0:.1f} s", flush=True)
            self.stop_prometheus()
            conf = (self.data_dir / "run" / "nginx.conf").read_text()
            if f"rate={RATE_PER_SECOND}r/s" not in conf:
                raise base.BenchError("the generated nginx.conf does not carry the raised limits")
            yield settings
        finally:
            stopped = base.fitledger_stack("down", env=self.env())
            print(
                f"  stack stopped ({stopped.stdout.strip() or stopped.stderr.strip()})", flush=True
            )

    def stop_prometheus(self) -> None:
        """The stack's Prometheus listens on the fixed 127.0.0.1:9090, which the port shift
        does not move: stop ours so it never takes that port from another stack (a benchmark
        needs no scraping)."""
        conf = self.data_dir / "run" / "supervisord.conf"
        if "[program:prometheus]" in conf.read_text():
            ctl = Path(sys.executable).parent / "supervisorctl"
            subprocess.run(
                [str(ctl), "-c", str(conf), "stop", "prometheus"],
                capture_output=True,
                check=False,
                timeout=60,
            )

    def pid(self, program: str) -> int:
        return base.supervisor_pid(program, self.data_dir)

    def processes(self, service: str, instances: int, *, mongodb: bool = False) -> ProcessGroups:
        """CPU groups for wrk runs: nginx, the service's instances, auth (the gateway's token
        check), [mongodb], and the rest of the stack. PostgreSQL is not a group: it is shared
        with other stacks and its parallel-query workers live shorter than a run, so per-pid
        accounting undercounts it; its time shows up in ``other``."""
        master = self.pid("gateway")
        groups: dict[str, list[int]] = {
            "nginx": [master, *base.children(master)],
            service: [self.pid(f"{service}-{i}") for i in range(1, instances + 1)],
            "auth": [self.pid(f"auth-{i}") for i in range(1, instances + 1)],
        }
        if mongodb:
            groups["mongodb"] = [self.pid("mongodb")]
        named = {pid for pids in groups.values() for pid in pids}
        supervisord = int((self.data_dir / "run" / "supervisord.pid").read_text().strip())
        groups["rest"] = [
            supervisord,
            *(p for p in base.descendants(supervisord) if p not in named),
        ]
        return ProcessGroups(groups)


@dataclass
class ProcessGroups:
    by_name: dict[str, list[int]]

    def groups(self) -> dict[str, list[int]]:
        return self.by_name

    def rss_mib(self, name: str) -> list[float]:
        return [base.rss_mib(pid) for pid in self.by_name[name]]


def percentiles_ms(seconds: list[float]) -> dict[str, float]:
    if len(seconds) < 2:
        value = round(seconds[0] * 1000, 2) if seconds else 0.0
        return {"p50": value, "p95": value, "p99": value, "max": value}
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return {
        "p50": round(cuts[49] * 1000, 2),
        "p95": round(cuts[94] * 1000, 2),
        "p99": round(cuts[98] * 1000, 2),
        "max": round(max(seconds) * 1000, 2),
    }


def write_requests(path: Path, lines: list[tuple[str, str, str, str]]) -> Path:
    """The request list wrk_requests.lua replays: method, path, token, JSON body."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as out:
        for method, target, token, body in lines:
            assert "\t" not in body and "\n" not in body
            out.write(f"{method}\t{target}\t{token}\t{body}\n")
    return path


WRK_SCRIPT = base.BENCH_DIR / "wrk_requests.lua"


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
    target = base.Target(label, label, stack.gateway + "/")
    result = base.run_wrk(
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
    base.check_clean(result, target)
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


def save(output: Path, stem: str, report: dict[str, Any], markdown: str) -> None:
    output.mkdir(parents=True, exist_ok=True)
    (output / f"{stem}.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    (output / f"{stem}.md").write_text(markdown)
    print("\n" + markdown)
    print(f"written: {output / (stem + '.md')}, {output / (stem + '.json')}")


def machine_line(machine: dict[str, Any]) -> str:
    return (
        f"Machine: {machine['cpu_model']}, {machine['cpus_usable']} cores usable "
        f"({machine['threads_per_core']} thread/core, hypervisor "
        f"{machine['hypervisor'] or 'none'}), {machine['ram_gib']} GiB RAM, {machine['os']}, "
        f"kernel {machine['kernel']}; load generator, gateway, services and databases share "
        "these cores."
    )


def redis_version(client: Any) -> str:
    return str(client.info("server").get("redis_version", "unknown"))


def run_quiet(
    cmd: list[str], env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        cwd=base.ROOT,
    )
