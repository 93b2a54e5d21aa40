"""A private, throw-away RabbitMQ node for tests that stop the broker or cut its connections.

The shared broker on 5672 is never touched. The node gets its own name, AMQP and distribution
ports, data/log folders, config, erlang cookie (``HOME`` points into the temp folder) and an
empty env file, so nothing of ``/etc/rabbitmq`` (which pins the main node's name and port)
leaks in. It registers with the already running epmd, which is harmless.

It runs ``/usr/lib/rabbitmq/bin/rabbitmq-server`` directly (the ``/usr/sbin`` wrapper would
``su`` to the rabbitmq user and rewrite the environment) in its own process group, so that
``kill()`` can always end the whole tree (beam.smp, erl_child_setup, inet_gethost).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from ports import free_port

RABBIT_BIN = Path("/usr/lib/rabbitmq/bin")


def rabbitmq_available() -> str | None:
    """None if a private node can be started here, else why not."""
    for tool in ("rabbitmq-server", "rabbitmqctl"):
        if not (RABBIT_BIN / tool).exists():
            return f"{RABBIT_BIN / tool} not installed"
    if shutil.which("erl") is None and not Path("/usr/lib/erlang/bin/erl").exists():
        return "Erlang runtime (erl) not installed"
    return None


class PrivateRabbitNode:
    def __init__(self, base_dir: Path, name: str):
        self.base_dir = base_dir
        self.nodename = f"{name}@localhost"
        self.amqp_port = free_port()
        self.dist_port = free_port()
        self.amqp_url = f"amqp://guest:guest@127.0.0.1:{self.amqp_port}/%2F"
        self.process: subprocess.Popen[bytes] | None = None
        base_dir.mkdir(parents=True, exist_ok=True)
        (base_dir / "env.conf").write_text("")
        (base_dir / "enabled_plugins").write_text("[].\n")
        (base_dir / "rabbitmq.conf").write_text(
            f"listeners.tcp.default = 127.0.0.1:{self.amqp_port}\n"
            "loopback_users = none\n"
            "log.console = false\n"
        )
        self.env = {
            **os.environ,
            "HOME": str(base_dir),  # its own .erlang.cookie, shared with rabbitmqctl below
            "RABBITMQ_CONF_ENV_FILE": str(base_dir / "env.conf"),
            "RABBITMQ_NODENAME": self.nodename,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.amqp_port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_CONFIG_FILE": str(base_dir / "rabbitmq.conf"),
            "RABBITMQ_ADVANCED_CONFIG_FILE": str(base_dir / "advanced.config"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(base_dir / "enabled_plugins"),
            "RABBITMQ_MNESIA_BASE": str(base_dir / "mnesia"),
            "RABBITMQ_LOG_BASE": str(base_dir / "log"),
            "RABBITMQ_PID_FILE": str(base_dir / "node.pid"),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
        }

    # -- lifecycle --------------------------------------------------------------------------

    def start(self, timeout: float = 30.0) -> None:
        """Start the node (same data folder every time, so durable state survives)."""
        assert self.process is None or self.process.poll() is not None, "already running"
        pid_file = self.base_dir / "node.pid"
        pid_file.unlink(missing_ok=True)
        with open(self.base_dir / "server.out", "ab") as out:
            self.process = subprocess.Popen(
                [str(RABBIT_BIN / "rabbitmq-server")],
                env=self.env,
                cwd=self.base_dir,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"private rabbitmq exited early:\n{self.tail()}")
            if pid_file.exists():
                break
            time.sleep(0.1)
        waited = self.ctl(
            "wait",
            "--timeout",
            str(int(max(1, deadline - time.monotonic()))),
            str(pid_file),
            check=False,
        )
        if waited.returncode != 0 or not self._amqp_accepts():
            self.kill()
            raise RuntimeError(f"private rabbitmq did not start:\n{waited.stdout}\n{self.tail()}")

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the node the orderly way (messages confirmed to durable queues are on disk)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.ctl("stop", check=False, timeout=timeout)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """End the node's whole process group, whatever state it is in."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def cleanup(self) -> None:
        try:
            self.stop(timeout=15)
        finally:
            self.kill()
            shutil.rmtree(self.base_dir, ignore_errors=True)

    # -- helpers ----------------------------------------------------------------------------

    def ctl(
        self, *args: str, check: bool = True, timeout: float = 30.0
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(RABBIT_BIN / "rabbitmqctl"), "-n", self.nodename, *args],
            env=self.env,
            cwd=self.base_dir,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"rabbitmqctl {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
            )
        return result

    def close_all_connections(self, reason: str = "test") -> int:
        out = self.ctl("close_all_connections", reason).stdout
        # "Closed N connections"
        for line in out.splitlines():
            if line.startswith("Closed "):
                return int(line.split()[1])
        return 0

    def _amqp_accepts(self) -> bool:
        with socket.socket() as sock:
            sock.settimeout(2)
            return sock.connect_ex(("127.0.0.1", self.amqp_port)) == 0

    def tail(self, chars: int = 3000) -> str:
        texts = []
        for path in [self.base_dir / "server.out", *sorted((self.base_dir / "log").glob("*.log"))]:
            with contextlib.suppress(OSError):
                texts.append(f"== {path.name}\n{path.read_text(errors='replace')[-chars:]}")
        return "\n".join(texts)
