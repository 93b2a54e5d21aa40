"""A benchmark's own stack: started and stopped through `fitledger stack`, port-shifted
beside other stacks, with its own data dir, database, Redis db and RabbitMQ vhost; tokens for it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backend_services.kernel.settings import embedded_mongodb_uri
from bench.harness import processes
from bench.harness.cli import BenchError
from bench.harness.processes import ProcessGroups, port_busy

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHIFT = 6000
# The gateway's per-address limits, raised so the load is not answered with 429s.
RATE_PER_SECOND = 100_000
BURST = 100_000
TOKEN_TTL_SECONDS = 3600


def fitledger_exe() -> Path:
    exe = Path(sys.executable).parent / "fitledger"
    if not exe.exists():
        raise BenchError(
            f"{exe} not found: run with the project's virtualenv "
            "(`make bench` or `.venv/bin/python -m bench.gateway_overhead`)"
        )
    return exe


def fitledger_stack(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``fitledger stack ARGS`` with ``env`` on top of this process's environment."""
    return subprocess.run(
        [str(fitledger_exe()), "stack", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def stack_ports(settings: Any) -> dict[str, int]:
    from backend_services.stack.topology import EXPORTERS, SERVICES

    ports = {
        "gateway": settings.gateway_port,
        "smtp": settings.smtp_port,
        "nginx status": settings.nginx_status_port,
        "prometheus": settings.prometheus_port,
        **{f"exporter-{spec.name}": settings.exporter_port(spec) for spec in EXPORTERS},
    }
    if settings.embedded_mongodb:
        ports["mongodb"] = settings.mongodb_port
    for spec in SERVICES:
        for i, port in enumerate(settings.instance_ports(spec), start=1):
            ports[f"{spec.name}-{i}"] = port
        if spec.worker:
            ports[f"{spec.name}-worker metrics"] = settings.worker_metrics_port(spec)
    return ports


def busy_ports(settings: Any) -> dict[str, int]:
    """The stack's ports (gateway, instances, workers, exporters, mongodb, smtp) already taken."""
    return {name: port for name, port in stack_ports(settings).items() if port_busy(port)}


def forget_sessions(redis_client: Any, session_keys: list[str]) -> None:
    """Delete the sessions ``mint_token`` registered and close the client (best effort: the
    run is over, a Redis error must not hide its result)."""
    import redis

    try:
        if session_keys:
            redis_client.delete(*session_keys)
        redis_client.close()
    except redis.RedisError:
        pass


def port_shift_env(shift: int) -> dict[str, str]:
    """Environment that moves every port of a stack by ``shift`` (as the e2e stacks do), so a
    benchmark stack runs beside a developer's stack or a test stack."""
    return {
        "GATEWAY_PORT": str(8080 + shift),
        "SERVICE_PORT_BASE": str(8100 + shift),
        "WORKER_METRICS_BASE": str(9100 + shift),
        # nginx's status listener for its exporter is the first of these: unshifted, a stack
        # at shift 0 holding 127.0.0.1:9110 kept the benchmark's gateway from starting
        "EXPORTER_PORT_BASE": str(9110 + shift),
        "PROMETHEUS_PORT": str(9090 + shift),
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


@dataclass
class BenchStack:
    """Where one benchmark's stack lives and how to reach it."""

    name: str  # e.g. "nutrition" -> .local/bench-nutrition, database fitledger_bench_nutrition
    shift: int
    redis_db: int
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return ROOT / ".local" / f"bench-{self.name}"

    @property
    def database(self) -> str:
        return f"fitledger_bench_{self.name}"

    @property
    def database_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:5432/{self.database}"

    @property
    def psycopg_url(self) -> str:
        """The database for ``psycopg.connect`` (no SQLAlchemy driver prefix)."""
        return self.database_url.replace("postgresql+psycopg://", "postgresql://")

    def supervisorctl(self, *args: str) -> str:
        """A supervisorctl command against this stack's processes; its output."""
        ctl = Path(sys.executable).parent / "supervisorctl"
        conf = self.data_dir / "run" / "supervisord.conf"
        done = subprocess.run(
            [str(ctl), "-c", str(conf), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=90,
        )
        return (done.stdout + done.stderr).strip()

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
        return f"http://{processes.HOST}:{self.gateway_port}"

    @property
    def mongodb_uri(self) -> str:
        return embedded_mongodb_uri(27017 + self.shift)

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
            **port_shift_env(self.shift),
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
        while time.monotonic() < deadline and busy_ports(settings):
            time.sleep(2)
        busy = busy_ports(settings)
        if busy:
            raise BenchError(
                f"ports the benchmark's stack needs are in use: {busy}; pick another "
                "--port-shift or stop what runs there"
            )
        ensure_amqp_vhost(self.vhost)
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
            started = fitledger_stack("up", "--detach", env=self.env())
            if started.returncode != 0:
                logs = sorted((self.data_dir / "logs").glob("*.log"))
                tails = "\n".join(f"== {p.name}\n{p.read_text()[-1500:]}" for p in logs)
                raise BenchError(
                    f"stack did not start:\n{started.stdout}\n{started.stderr}\n{tails}"
                )
            print(f"  stack healthy after {time.monotonic() - t0:.1f} s", flush=True)
            self.stop_prometheus()
            conf = (self.data_dir / "run" / "nginx.conf").read_text()
            if f"rate={RATE_PER_SECOND}r/s" not in conf:
                raise BenchError("the generated nginx.conf does not carry the raised limits")
            yield settings
        finally:
            stopped = fitledger_stack("down", env=self.env())
            print(
                f"  stack stopped ({stopped.stdout.strip() or stopped.stderr.strip()})", flush=True
            )

    def stop_prometheus(self) -> None:
        """Stop the stack's Prometheus: a benchmark needs no scraping, and it would take CPU
        from the measurement."""
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
        return processes.supervisor_pid(program, self.data_dir)

    def processes(self, service: str, instances: int, *, mongodb: bool = False) -> ProcessGroups:
        """CPU groups for wrk runs: nginx, the service's instances, auth (the gateway's token
        check), [mongodb], and the rest of the stack. PostgreSQL is not a group: it is shared
        with other stacks and its parallel-query workers live shorter than a run, so per-pid
        accounting undercounts it; its time shows up in ``other``."""
        master = self.pid("gateway")
        groups: dict[str, list[int]] = {
            "nginx": [master, *processes.children(master)],
            service: [self.pid(f"{service}-{i}") for i in range(1, instances + 1)],
            "auth": [self.pid(f"auth-{i}") for i in range(1, instances + 1)],
        }
        if mongodb:
            groups["mongodb"] = [self.pid("mongodb")]
        named = {pid for pids in groups.values() for pid in pids}
        supervisord = int((self.data_dir / "run" / "supervisord.pid").read_text().strip())
        groups["rest"] = [
            supervisord,
            *(p for p in processes.descendants(supervisord) if p not in named),
        ]
        return ProcessGroups(groups)


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
        cwd=ROOT,
    )
