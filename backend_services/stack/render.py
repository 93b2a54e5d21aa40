"""Renders the gateway and process-manager configs from the topology."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from backend_services.kernel.identity import ACCESS_COOKIE

from .topology import EXPORTERS, SERVICES, ExporterSpec, StackSettings

ERROR_PAGES = (
    (400, "bad_request", "The request is malformed."),
    (401, "unauthorized", "Sign in to continue."),
    (403, "forbidden", "You are not allowed to do this."),
    (404, "not_found", "There is nothing here."),
    (413, "payload_too_large", "The request body is too large."),
    (414, "uri_too_long", "The request address is too long."),
    (429, "rate_limited", "Too many requests; slow down and retry shortly."),
    (500, "internal_error", "Something went wrong on our side."),
    (502, "bad_gateway", "The service is unavailable; retry shortly."),
    (503, "service_unavailable", "The service is unavailable; retry shortly."),
    (504, "gateway_timeout", "The service took too long to answer."),
)

# Reflex 0.10 backend routes (state websocket, uploads, health); everything else is the frontend.
# `session` holds the UI's own sign-in routes (app/session/http.py), which set its cookie.
UI_BACKEND_PATHS = ("_event", "_upload", "ping", "_health", "auth-codespace", "session")


# A signed-in request counts against its user: the access token's subject, read unverified
# from the first 60 characters of the token's payload, which encode exactly `{"sub":"<uuid>"`
# (auth issues "sub" first; base64 turns each 3 bytes into 4 characters, and those 45 bytes
# are 60). A made-up subject gains nothing: the request still fails the token check, and
# every address has its own ceiling as well. One pattern for the bearer header, one for the
# cookie, matched against "<Authorization>|<access cookie>".
_PAYLOAD_PREFIX = r"[A-Za-z0-9_-]+\.([A-Za-z0-9_-]{60})"
RATE_SUBJECT_PATTERNS = (rf"^Bearer {_PAYLOAD_PREFIX}", rf"\|{_PAYLOAD_PREFIX}")


@dataclass(frozen=True)
class Program:
    name: str
    command: str
    environment: str = ""
    priority: int = 50
    startsecs: int = 1
    stopsignal: str = "TERM"


def _templates(root: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(root / "deploy")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_gateway(
    settings: StackSettings,
    *,
    standalone: bool = True,
    upstream_servers: dict[str, list[str]] | None = None,
    access_log: str | None = None,
    ui_key: str | None = None,
) -> str:
    """The nginx config. For deployment, ``upstream_servers`` gives other addresses (any of
    the services and ``ui_frontend``/``ui_backend``) and ``access_log`` another log target."""
    servers = {
        spec.name: [url.removeprefix("http://") for url in settings.instance_urls(spec)]
        for spec in SERVICES
    }
    if settings.with_ui:
        servers["ui_frontend"] = [f"127.0.0.1:{settings.ui_frontend_port}"]
        servers["ui_backend"] = [f"127.0.0.1:{settings.ui_backend_port}"]
    servers.update(upstream_servers or {})
    upstreams = [{"name": name, "servers": addrs} for name, addrs in servers.items()]
    services = [
        {"prefix": spec.name, "upstream": spec.name, "public": spec.public}
        for spec in SERVICES
        if spec.name != "aggregator"
    ]
    # the aggregator answers under two prefixes: the dashboards and its own (the ledger)
    services.append({"prefix": "dashboard", "upstream": "aggregator", "public": False})
    services.append({"prefix": "aggregator", "upstream": "aggregator", "public": False})
    text = (
        _templates(settings.root)
        .get_template("nginx/gateway.conf.j2")
        .render(
            standalone=standalone,
            proxy_source=settings.gateway_source_address if standalone else None,
            run_dir=settings.run_dir,
            log_dir=settings.log_dir,
            access_log=access_log or f"{settings.log_dir}/nginx-access.log",
            conf_dir=settings.root / "deploy" / "nginx",
            mime_types="/etc/nginx/mime.types",
            listen=f"{settings.gateway_host}:{settings.gateway_port}",
            upstreams=upstreams,
            services=services,
            with_ui=settings.with_ui,
            ui_backend_paths="|".join(UI_BACKEND_PATHS),
            api_rate_per_second=settings.api_rate_per_second,
            api_burst=settings.api_burst,
            address_rate_per_second=settings.address_rate_per_second,
            address_burst=settings.address_burst,
            rate_subject_patterns=RATE_SUBJECT_PATTERNS,
            access_cookie=ACCESS_COOKIE,
            auth_rate_per_minute=settings.auth_rate_per_minute,
            max_body=settings.max_body,
            upload_max_body=settings.upload_max_body,
            error_pages=ERROR_PAGES,
            ui_key=ui_key,
            status_listen=f"127.0.0.1:{settings.nginx_status_port}" if standalone else None,
        )
    )
    if standalone:
        text = "daemon off;\n" + text
    return text


def programs(settings: StackSettings) -> list[Program]:
    venv_bin = Path(sys.executable).parent
    python = venv_bin / "python"
    prom = settings.run_dir / "prom"
    result: list[Program] = []
    if settings.embedded_mongodb:
        result.append(
            Program(
                "mongodb",
                f"{venv_bin}/secantusd-py --host 127.0.0.1 --port {settings.mongodb_port}"
                f" --storage-path {settings.data_dir / 'mongo'} --log-level WARNING",
                priority=10,
                startsecs=2,
            )
        )
    result.append(
        Program(
            "mail",
            f"{python} -m backend_services.stack.mail_catcher --host 127.0.0.1"
            f" --port {settings.smtp_port} --directory {settings.mail_dir}",
            priority=10,
        )
    )
    for spec in SERVICES:
        for instance, port in enumerate(settings.instance_ports(spec), start=1):
            name = f"{spec.name}-{instance}"
            result.append(
                Program(
                    name,
                    f"{venv_bin}/uvicorn backend_services.{spec.name}.main:create_app --factory"
                    f" --host 127.0.0.1 --port {port} --no-access-log"
                    f" --timeout-graceful-shutdown 10",
                    environment=(
                        f'INSTANCE_ID="{instance}",PROMETHEUS_MULTIPROC_DIR="{prom / name}"'
                    ),
                    priority=20,
                    startsecs=2,
                )
            )
        if spec.worker:
            name = f"{spec.name}-worker"
            result.append(
                Program(
                    name,
                    f"{python} -m backend_services.{spec.name}.worker",
                    environment=(
                        f'INSTANCE_ID="worker",METRICS_PORT="{settings.worker_metrics_port(spec)}",'
                        f'PROMETHEUS_MULTIPROC_DIR="{prom / name}"'
                    ),
                    priority=30,
                    startsecs=2,
                )
            )
    if settings.with_ui:
        ui = settings.root / "deploy/local/ui.sh"
        result.append(
            Program(
                "ui-backend",
                f"bash {ui} run-backend",
                environment=f'UI_GATEWAY_KEY_FILE="{settings.ui_gateway_key_file}"',
                priority=40,
                startsecs=5,
            )
        )
        result.append(Program("ui-frontend", f"bash {ui} run-frontend", priority=40, startsecs=2))
    result += exporter_programs(settings)
    result += prometheus_program(settings)
    result.append(
        Program(
            "gateway",
            f"nginx -p {settings.run_dir / 'nginx'} -c {settings.run_dir / 'nginx.conf'}",
            priority=50,
            stopsignal="QUIT",
        )
    )
    return result


def prometheus_program(settings: StackSettings) -> list[Program]:
    """Prometheus on 127.0.0.1:PROMETHEUS_PORT (9090) when the binary is installed (Debian
    `prometheus`, which `make setup` installs).

    Its config is rendered into run_dir by the runner; short retention, since local data is
    throwaway.
    """
    binary = shutil.which("prometheus")
    if binary is None:
        return []
    return [
        Program(
            "prometheus",
            f"{binary} --config.file={settings.run_dir / 'prometheus.yml'}"
            f" --storage.tsdb.path={settings.data_dir / 'prometheus'}"
            " --storage.tsdb.retention.time=2d"
            f" --web.listen-address=127.0.0.1:{settings.prometheus_port}"
            " --web.enable-lifecycle --log.level=warn",
            priority=60,
            startsecs=2,
        )
    ]


def installed_exporters() -> list[ExporterSpec]:
    return [spec for spec in EXPORTERS if shutil.which(spec.binary)]


def exporter_programs(settings: StackSettings) -> list[Program]:
    """The infrastructure exporters whose Debian packages are installed (`make setup`)."""
    programs = []
    for spec in installed_exporters():
        listen = f"127.0.0.1:{settings.exporter_port(spec)}"
        command, environment = _exporter_command(spec.name, settings, listen)
        programs.append(
            Program(
                f"exporter-{spec.name}",
                f"{shutil.which(spec.binary)} {command}",
                environment=environment,
                priority=55,
            )
        )
    return programs


def _exporter_command(name: str, settings: StackSettings, listen: str) -> tuple[str, str]:
    if name == "nginx":
        status = f"http://127.0.0.1:{settings.nginx_status_port}/stub_status"
        return f"-web.listen-address {listen} -nginx.scrape-uri {status}", ""
    if name == "redis":
        redis = urlsplit(settings.redis_url)._replace(path="").geturl()
        return f"-web.listen-address {listen} -redis.addr {redis}", ""
    if name == "postgres":
        dsn = settings.database_url.replace("+psycopg", "")
        if "sslmode=" not in dsn:  # lib/pq asks for TLS unless told otherwise
            dsn += ("&" if "?" in dsn else "?") + "sslmode=disable"
        return f"--web.listen-address={listen}", f'DATA_SOURCE_NAME="{_supervisor_escape(dsn)}"'
    if name == "node":  # Debian enables the systemd collector, which needs systemd's bus
        return f"--web.listen-address={listen} --no-collector.systemd", ""
    return f"--web.listen-address={listen}", ""


def _supervisor_escape(value: str) -> str:
    """supervisord expands ``%(...)s`` in its values: a literal percent sign is doubled."""
    return value.replace("%", "%%")


def render_supervisord(settings: StackSettings, *, foreground: bool) -> str:
    progs = programs(settings)
    groups: dict[str, list[str]] = {}
    for program in progs:
        groups.setdefault(program.name.split("-")[0], []).append(program.name)
    groups = {group: members for group, members in groups.items() if len(members) > 1}
    return (
        _templates(settings.root)
        .get_template("local/supervisord.conf.j2")
        .render(
            run_dir=settings.run_dir,
            log_dir=settings.log_dir,
            root=settings.root,
            foreground=foreground,
            programs=progs,
            groups=groups,
        )
    )
