"""Private, throw-away store servers for outage tests, and an in-process uvicorn runner.

Every server here listens on 127.0.0.1 on a port nobody else uses, keeps its files in a
temporary directory, and can be stopped (crashed) and started again on the same port and
data directory. ``close()`` kills whatever is still running and removes the files; call it
from a fixture's ``finally``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from polling import wait_until
from ports import free_port

from backend_services.kernel.settings import embedded_mongodb_uri

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
VENV_BIN = Path(sys.executable).parent
START_TIMEOUT = 30.0


def wait_for_port(port: int, timeout: float = START_TIMEOUT, proc: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited early with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def _kill_process(proc: subprocess.Popen | None, sig: int = signal.SIGKILL) -> None:
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(sig)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


class _PrivateServer:
    """A server on its own port, its files in a temporary directory that ``close`` removes."""

    KIND = ""  # in the temporary directory's name

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.base = Path(tempfile.mkdtemp(prefix=f"fitledger-outage-{self.KIND}-"))

    def start(self) -> None:
        raise NotImplementedError

    def first_start(self) -> None:
        """The first start: what a fresh server needs before ``start``, then ``start``."""
        self.start()

    def _halt(self) -> None:
        """Kill whatever of the server still runs."""
        raise NotImplementedError

    def close(self) -> None:
        try:
            self._halt()
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


class _PrivateProcess(_PrivateServer):
    """A server that is one subprocess: ``stop`` crashes it (SIGKILL unless told)."""

    def __init__(self, port: int | None = None):
        super().__init__(port)
        self.proc: subprocess.Popen | None = None

    def stop(self, sig: int = signal.SIGKILL) -> None:
        _kill_process(self.proc, sig)
        self.proc = None

    def _halt(self) -> None:
        self.stop()


Server = TypeVar("Server", bound=_PrivateServer)


@contextlib.contextmanager
def started(server: Server) -> Iterator[Server]:
    """``server`` after its first start, closed (killed, its files removed) afterwards."""
    try:
        server.first_start()
        yield server
    finally:
        server.close()


# --------------------------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------------------------


class PrivatePostgres(_PrivateServer):
    """A private PostgreSQL 15 cluster (initdb into a temp dir) on its own port.

    initdb/postgres refuse to run as root, so when we are root the binaries run as the
    ``postgres`` OS user through ``runuser`` and the temp dir is chowned to that user.
    """

    KIND = "pg"

    def __init__(self, port: int | None = None):
        super().__init__(port)
        self.data = self.base / "data"
        self.socket_dir = self.base / "sock"
        self.logfile = self.base / "postgres.log"
        self._as_postgres: list[str] = []
        if os.geteuid() == 0:
            import pwd

            pw = pwd.getpwnam("postgres")
            self._as_postgres = ["runuser", "-u", "postgres", "--"]
            self.socket_dir.mkdir()
            for path in (self.base, self.socket_dir):
                os.chown(path, pw.pw_uid, pw.pw_gid)
        else:
            self.socket_dir.mkdir()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def dsn(self) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres connect_timeout=2"

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self._as_postgres, *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.base,
        )

    def init(self) -> PrivatePostgres:
        self._run(
            str(PG_BIN / "initdb"),
            "-D", str(self.data),
            "-U", "postgres",
            "-A", "trust",
            "-E", "UTF8",
            "--no-locale",
            "--no-sync",
            "--no-instructions",
        )  # fmt: skip
        return self

    def first_start(self) -> None:
        self.init()
        self.start()

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c full_page_writes=off -c max_connections=40"
        )
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D", str(self.data),
            "-l", str(self.logfile),
            "-o", options,
            "-w", "-t", "30",
            "start",
        )  # fmt: skip
        wait_for_port(self.port)

    def stop(self, mode: str = "immediate") -> None:
        """``immediate`` is a crash as far as clients can tell: backends die mid-query."""
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def _halt(self) -> None:
        if self.running():
            try:
                self.stop("immediate")
            except Exception:
                pid_line = (self.data / "postmaster.pid").read_text().splitlines()[0]
                with contextlib.suppress(ProcessLookupError, ValueError):
                    os.kill(int(pid_line), signal.SIGKILL)


# --------------------------------------------------------------------------------------------
# Redis
# --------------------------------------------------------------------------------------------


class PrivateRedis(_PrivateProcess):
    """``redis-server`` on its own port with no persistence."""

    KIND = "redis"

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server") or "redis-server"
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.base), "--daemonize", "no"],
            stdout=(self.base / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for_port(self.port, proc=self.proc)


# --------------------------------------------------------------------------------------------
# MongoDB wire server (SecantusDB)
# --------------------------------------------------------------------------------------------


class PrivateMongo(_PrivateProcess):
    """``secantusd-py`` on its own port with a storage path that survives restarts."""

    KIND = "mongo"

    def __init__(self, port: int | None = None):
        super().__init__(port)
        self.storage = self.base / "data"

    def uri(self, database: str = "fitledger_outage") -> str:
        return embedded_mongodb_uri(self.port, database)

    def start(self) -> None:
        binary = VENV_BIN / "secantusd-py"
        self.proc = subprocess.Popen(
            [str(binary), "--host", "127.0.0.1", "--port", str(self.port),
             "--storage-path", str(self.storage), "--log-level", "WARNING"],
            stdout=(self.base / "secantusd.log").open("ab"),
            stderr=subprocess.STDOUT,
            cwd=self.base,  # never pick up a secantusd.toml from the repository
        )  # fmt: skip
        wait_for_port(self.port, timeout=60, proc=self.proc)


# --------------------------------------------------------------------------------------------
# The app under test, served over real HTTP
# --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def serve_in_thread(app: Any, port: int | None = None) -> Iterator[str]:
    """Run ``app`` with uvicorn in a background thread; yield its base URL; stop it after."""
    import uvicorn

    port = port or free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    try:
        wait_until(lambda: server.started, timeout=START_TIMEOUT, interval=0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
