"""Brings the local stack up (and down) under supervisord, and waits until it is healthy."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx
import psycopg
from psycopg import sql

from backend_services.auth.keys import generate_signing_key, write_public_jwks
from backend_services.kernel import migrations
from backend_services.kernel.service_credentials import write_service_secret

from .render import installed_exporters, render_gateway, render_supervisord
from .topology import RABBITMQ_PROMETHEUS_PORT, SERVICE_SECRET_NAME, SERVICES, StackSettings


class StackError(RuntimeError):
    """The stack cannot start; the message says what to do."""


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2
        ):
            return True
    except OSError:
        return False


def check_dependencies(settings: StackSettings) -> None:
    missing = [
        name
        for name, url, port in (
            ("PostgreSQL (DATABASE_URL)", settings.database_url, 5432),
            ("Redis (REDIS_URL)", settings.redis_url, 6379),
            ("RabbitMQ (AMQP_URL)", settings.amqp_url, 5672),
        )
        if not _reachable(url, port)
    ]
    if missing:
        raise StackError(
            f"not reachable: {', '.join(missing)}. Start them (`make services`) or point the "
            "environment variables at running servers."
        )
    if shutil.which("nginx") is None:
        raise StackError("nginx is not installed (`make setup` installs it).")


def ensure_database(database_url: str) -> None:
    """Create the database named in DATABASE_URL if the server does not have it yet."""
    parsed = urlparse(database_url.replace("+psycopg", ""))
    name = parsed.path.lstrip("/") or "fitledger"
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            # Two processes may race here; the loser finds it made already.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def migrate(database_url: str) -> None:
    """Bring each PostgreSQL service's schema to its newest alembic revision."""
    for spec in SERVICES:
        if spec.postgres:
            migrations.upgrade(spec.name, database_url)


def seed_foods(settings: StackSettings) -> None:
    """Import USDA SR28 from ``FOOD_DATA_DIR`` (default: the shipped copy) on first start, i.e.
    when the food table is still empty, so a new user's first search finds food."""
    from backend_services.nutrition.importers.run import count_foods, import_foods

    if not settings.seed_foods or count_foods(settings.database_url) > 0:
        return
    print(f"importing USDA SR28 foods from {settings.food_data_dir} ...", flush=True)
    report = import_foods("sr28", settings.food_data_dir, settings.database_url)
    print(f"  {report.imported} foods imported, {report.rejected_total} rejected", flush=True)


def ensure_keys(keys_dir: Path) -> None:
    if not list(keys_dir.glob("*.pem")):
        generate_signing_key(keys_dir)
    else:
        write_public_jwks(keys_dir)
    if not (keys_dir / SERVICE_SECRET_NAME).exists():
        write_service_secret(keys_dir / SERVICE_SECRET_NAME)


def ensure_ui_gateway_key(path: Path) -> None:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)


def prepare(settings: StackSettings, *, foreground: bool) -> Path:
    """Everything before processes start; returns the supervisord config path."""
    check_dependencies(settings)
    for directory in (
        settings.run_dir,
        settings.log_dir,
        settings.mail_dir,
        settings.run_dir / "nginx" / "logs",
    ):
        directory.mkdir(parents=True, exist_ok=True)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (settings.run_dir / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
    # prometheus-client's multiprocess files must not outlive the processes that wrote them.
    shutil.rmtree(settings.run_dir / "prom", ignore_errors=True)
    for spec in SERVICES:
        for i in range(1, settings.instances + 1):
            (settings.run_dir / "prom" / f"{spec.name}-{i}").mkdir(parents=True)
        (settings.run_dir / "prom" / f"{spec.name}-worker").mkdir(parents=True)
    ensure_database(settings.database_url)
    migrate(settings.database_url)
    seed_foods(settings)
    ensure_keys(settings.keys_dir)
    ensure_ui_gateway_key(settings.ui_gateway_key_file)
    (settings.run_dir / "nginx.conf").write_text(render_gateway(settings))
    write_prometheus_config(settings)
    _check_nginx(settings)
    conf = settings.run_dir / "supervisord.conf"
    conf.write_text(render_supervisord(settings, foreground=foreground))
    return conf


def write_prometheus_config(settings: StackSettings) -> None:
    """Scrape config for every service instance and worker (deploy/prometheus/*.j2)."""
    import jinja2

    templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(settings.root / "deploy" / "prometheus")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    (settings.data_dir / "prometheus").mkdir(parents=True, exist_ok=True)
    text = templates.get_template("prometheus.yml.j2").render(
        scrape_interval="5s",
        stack_name="local",
        rules_file=settings.root / "deploy" / "prometheus" / "rules.yml",
        prometheus_address=f"127.0.0.1:{settings.prometheus_port}",
        exporters=[
            {"name": spec.name, "target": f"127.0.0.1:{settings.exporter_port(spec)}"}
            for spec in installed_exporters()
        ],
        rabbitmq=(
            {"target": f"127.0.0.1:{RABBITMQ_PROMETHEUS_PORT}", "vhost": settings.amqp_vhost}
            if settings.local_broker
            else None
        ),
        services=[
            {
                "name": spec.name,
                "targets": [u.removeprefix("http://") for u in settings.instance_urls(spec)],
            }
            for spec in SERVICES
        ],
        workers=[
            {"name": spec.name, "target": f"127.0.0.1:{settings.worker_metrics_port(spec)}"}
            for spec in SERVICES
            if spec.worker
        ],
    )
    (settings.run_dir / "prometheus.yml").write_text(text)


def _check_nginx(settings: StackSettings) -> None:
    result = subprocess.run(
        [
            "nginx",
            "-t",
            "-q",
            "-p",
            str(settings.run_dir / "nginx"),
            "-c",
            str(settings.run_dir / "nginx.conf"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise StackError(f"generated nginx config is invalid:\n{result.stderr}")


def process_environment(settings: StackSettings) -> dict[str, str]:
    env = dict(os.environ)
    env.update(settings.shared_environment())
    env["SERVICE_URLS"] = json.dumps(settings.service_urls())
    # the admin health page: every instance, the aggregator's own too, and this Prometheus
    env["HEALTH_INSTANCE_URLS"] = json.dumps(
        {spec.name: settings.instance_urls(spec) for spec in SERVICES}
    )
    env["PROMETHEUS_URL"] = f"http://127.0.0.1:{settings.prometheus_port}"
    env["PUBLIC_URL"] = settings.public_url or f"http://localhost:{settings.gateway_port}"
    env["GATEWAY_INTERNAL_URL"] = settings.gateway_url
    env["UI_FRONTEND_PORT"] = str(settings.ui_frontend_port)
    env["UI_BACKEND_PORT"] = str(settings.ui_backend_port)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def wait_healthy(
    settings: StackSettings,
    timeout: float | None = None,
    alive: subprocess.Popen[bytes] | None = None,
) -> dict[str, object]:
    """Until the gateway's health and the UI answer; `timeout` defaults to the settings'."""
    timeout = settings.start_timeout_seconds if timeout is None else timeout
    deadline = time.monotonic() + timeout
    last: object = "no answer"
    while time.monotonic() < deadline:
        if alive is not None and alive.poll() is not None:
            raise StackError(f"supervisord exited early; see {settings.log_dir}")
        try:
            response = httpx.get(f"{settings.gateway_url}/api/health", timeout=3)
            last = response.json()
            if response.status_code == 200 and _ui_ready(settings):
                return response.json()
        except (httpx.HTTPError, ValueError) as exc:
            last = repr(exc)
        time.sleep(0.5)
    raise StackError(f"the stack did not become healthy in {timeout:.0f}s: {last}")


def _ui_ready(settings: StackSettings) -> bool:
    if not settings.with_ui:
        return True
    try:
        return httpx.get(f"{settings.gateway_url}/", timeout=3).status_code == 200
    except httpx.HTTPError:
        return False


def supervisorctl(settings: StackSettings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "supervisorctl"),
            "-c",
            str(settings.run_dir / "supervisord.conf"),
            *args,
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def reload_ui(settings: StackSettings) -> None:
    """Restart the UI servers (a new build) and reload nginx with a freshly rendered config."""
    if _supervisord_pid(settings) is None:
        raise StackError("the stack is not running (make up)")
    (settings.run_dir / "nginx.conf").write_text(render_gateway(settings))
    _check_nginx(settings)
    done = supervisorctl(settings, "restart", "ui:*")
    if done.returncode != 0:
        raise StackError(f"restarting the UI failed: {done.stdout}{done.stderr}")
    supervisorctl(settings, "signal", "HUP", "gateway")
    wait_healthy(settings, timeout=60)


def up(settings: StackSettings, *, detach: bool) -> None:
    if _supervisord_pid(settings):
        raise StackError("the stack is already running (`make stop` first)")
    conf = prepare(settings, foreground=not detach)
    supervisord = str(Path(sys.executable).parent / "supervisord")
    env = process_environment(settings)
    if detach:
        subprocess.run([supervisord, "-c", str(conf)], env=env, check=True)
        try:
            wait_healthy(settings)
        except StackError:
            down(settings)
            raise
        return
    # Own session, and no share of our terminal: Ctrl-C (or a closed terminal) reaches only
    # us, and we stop supervisord in order. Its output goes to its log file, never to a pipe
    # that could close under it (a SIGPIPE would kill it and orphan every child).
    process = subprocess.Popen(
        [supervisord, "-c", str(conf)],
        env=env,
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        wait_healthy(settings, alive=process)
        _say(
            f"\nFitLedger is up: {settings.gateway_url.replace('127.0.0.1', 'localhost')}/"
            f"\n  API health: {settings.gateway_url}/api/health"
            f"\n  logs: {settings.log_dir}\n  stop: Ctrl-C or `make stop`\n"
        )
        process.wait()
    except KeyboardInterrupt:
        _say("\nstopping FitLedger ...")
    finally:
        # Stopping must finish even if the terminal goes away meanwhile.
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=90)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _say("FitLedger stopped.")


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _say(text: str) -> None:
    """Print, unless our terminal or pipe is already gone."""
    with contextlib.suppress(OSError, ValueError):
        print(text, flush=True)


def _supervisord_pid(settings: StackSettings) -> int | None:
    pidfile = settings.run_dir / "supervisord.pid"
    try:
        pid = int(pidfile.read_text().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def down(settings: StackSettings, timeout: float = 60.0) -> bool:
    """Stop every process of the stack; True if something was running."""
    pid = _supervisord_pid(settings)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _supervisord_pid(settings):
        time.sleep(0.2)
    return True
