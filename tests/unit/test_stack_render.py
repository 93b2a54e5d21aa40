"""The gateway and process-manager configs rendered from the topology."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import pytest

from backend_services.stack.render import programs, render_gateway, render_supervisord
from backend_services.stack.topology import SERVICES, StackSettings


@pytest.fixture
def settings(tmp_path: Path) -> StackSettings:
    return StackSettings(FITLEDGER_DATA_DIR=tmp_path, SERVICE_INSTANCES=2)


def location_block(config: str, prefix: str) -> str:
    match = re.search(rf"location {re.escape(prefix)} \{{(.*?)\n        \}}", config, re.S)
    assert match, f"no location {prefix}"
    return match.group(1)


def test_every_service_has_an_upstream_of_each_instance(settings: StackSettings) -> None:
    config = render_gateway(settings)
    for spec in SERVICES:
        upstream = re.search(rf"upstream {spec.name} \{{(.*?)\}}", config, re.S)
        assert upstream, spec.name
        ports = re.findall(r"server 127\.0\.0\.1:(\d+)", upstream.group(1))
        assert [int(p) for p in ports] == settings.instance_ports(spec)


def test_protected_prefixes_check_the_token_and_auth_does_not(settings: StackSettings) -> None:
    config = render_gateway(settings)
    for prefix in ("users", "nutrition", "workouts", "notifications", "dashboard", "aggregator"):
        block = location_block(config, f"/api/{prefix}/")
        assert "auth_request /_auth;" in block
        assert "proxy_set_header X-User-Id $fl_user_id;" in block
    auth = location_block(config, "/api/auth/")
    assert "auth_request" not in auth
    assert 'proxy_set_header X-User-Id "";' in auth


def test_dashboard_and_ledger_go_to_the_aggregator(settings: StackSettings) -> None:
    for prefix in ("/api/dashboard/", "/api/aggregator/"):
        assert "proxy_pass http://aggregator;" in location_block(render_gateway(settings), prefix)


def test_deployment_rendering_takes_other_addresses(settings: StackSettings) -> None:
    config = render_gateway(
        settings,
        standalone=False,
        upstream_servers={spec.name: [f"{spec.name}:8000"] for spec in SERVICES},
    )
    assert "server users:8000" in config
    assert "worker_processes" not in config and "daemon off" not in config


def test_nginx_errors_use_the_api_error_shape(settings: StackSettings) -> None:
    config = render_gateway(settings)
    for code in (401, 404, 413, 429, 502, 503, 504):
        assert f"error_page {code} = @e{code};" in config
        block = location_block(config, f"@e{code}")
        assert "default_type application/json;" in block
        assert re.search(rf"return {code} '\{{\"error\":\{{\"code\":", block)


def test_supervisord_runs_two_instances_and_a_worker_per_service(
    settings: StackSettings,
) -> None:
    parser = configparser.RawConfigParser()
    parser.read_string(render_supervisord(settings, foreground=False))
    names = {
        section.removeprefix("program:")
        for section in parser.sections()
        if section.startswith("program:")
    }
    for spec in SERVICES:
        assert {f"{spec.name}-1", f"{spec.name}-2"} <= names
        assert (f"{spec.name}-worker" in names) == spec.worker
    assert {"gateway", "mail", "mongodb", "ui-backend", "ui-frontend"} <= names
    for section in parser.sections():
        if section.startswith("program:"):
            assert parser.get(section, "stopasgroup") == "true"
            assert parser.get(section, "killasgroup") == "true"


def test_external_mongodb_is_not_started(tmp_path: Path) -> None:
    settings = StackSettings(
        FITLEDGER_DATA_DIR=tmp_path, mongodb_uri="mongodb://db.example:27017/fitledger"
    )
    assert "mongodb" not in {p.name for p in programs(settings)}
    assert settings.shared_environment()["MONGODB_URI"] == "mongodb://db.example:27017/fitledger"


def test_processes_get_the_public_url_from_the_settings(tmp_path: Path) -> None:
    from backend_services.stack.runner import process_environment

    local = StackSettings(FITLEDGER_DATA_DIR=tmp_path, GATEWAY_PORT=9080, PUBLIC_URL=None)
    assert process_environment(local)["PUBLIC_URL"] == "http://localhost:9080"
    public = StackSettings(FITLEDGER_DATA_DIR=tmp_path, PUBLIC_URL="https://fit.example.org")
    assert process_environment(public)["PUBLIC_URL"] == "https://fit.example.org"
