"""The infrastructure exporters: started by the local stack when installed, scraped by its
Prometheus on ports that move with the stack's port shift."""

from __future__ import annotations

import configparser
import shutil
from pathlib import Path

import pytest
import yaml

from backend_services.stack.render import render_gateway, render_supervisord
from backend_services.stack.runner import write_prometheus_config
from backend_services.stack.topology import EXPORTERS, StackSettings

installed = pytest.mark.skipif(
    any(shutil.which(spec.binary) is None for spec in EXPORTERS),
    reason="the exporters are not installed (`make system-packages` installs them)",
)


def shifted(tmp_path: Path) -> StackSettings:
    return StackSettings(
        FITLEDGER_DATA_DIR=tmp_path,
        exporter_port_base=12110,
        prometheus_port=12090,
        database_url="postgresql+psycopg://app:p%40ss@127.0.0.1:5432/fitledger_x",
        redis_url="redis://127.0.0.1:6379/7",
        amqp_url="amqp://guest:guest@127.0.0.1:5672/fitledger_e2e_3000",
    )


def scrape_jobs(settings: StackSettings) -> dict[str, dict]:
    settings.run_dir.mkdir(parents=True, exist_ok=True)
    write_prometheus_config(settings)
    config = yaml.safe_load((settings.run_dir / "prometheus.yml").read_text())
    return {job["job_name"]: job for job in config["scrape_configs"]}


@installed
def test_every_installed_exporter_runs_on_its_shifted_loopback_port(tmp_path: Path) -> None:
    settings = shifted(tmp_path)
    parser = configparser.RawConfigParser()
    parser.read_string(render_supervisord(settings, foreground=False))
    for spec in EXPORTERS:
        section = f"program:exporter-{spec.name}"
        command = parser.get(section, "command")
        assert f"127.0.0.1:{12110 + spec.offset}" in command
    assert "-nginx.scrape-uri http://127.0.0.1:12110/stub_status" in parser.get(
        "program:exporter-nginx", "command"
    )
    assert parser.get("program:exporter-redis", "command").endswith(
        "-redis.addr redis://127.0.0.1:6379"
    )
    # supervisord would expand a bare percent sign; the password's %40 must arrive intact.
    assert parser.get("program:exporter-postgres", "environment") == (
        'DATA_SOURCE_NAME="postgresql://app:p%%40ss@127.0.0.1:5432/fitledger_x?sslmode=disable"'
    )
    assert "--web.listen-address=127.0.0.1:12090" in parser.get("program:prometheus", "command")


@installed
def test_prometheus_scrapes_each_exporter_and_the_stacks_own_vhost(tmp_path: Path) -> None:
    jobs = scrape_jobs(shifted(tmp_path))
    for spec in EXPORTERS:
        assert jobs[spec.name]["static_configs"][0]["targets"] == [
            f"127.0.0.1:{12110 + spec.offset}"
        ]
    assert jobs["prometheus"]["static_configs"][0]["targets"] == ["127.0.0.1:12090"]
    assert jobs["rabbitmq"]["static_configs"][0]["targets"] == ["127.0.0.1:15692"]
    queues = jobs["rabbitmq-queues"]
    assert queues["metrics_path"] == "/metrics/detailed"
    assert queues["params"]["vhost"] == ["fitledger_e2e_3000"]


def test_a_remote_broker_is_not_scraped_as_the_local_plugin(tmp_path: Path) -> None:
    settings = StackSettings(FITLEDGER_DATA_DIR=tmp_path, amqp_url="amqp://u:p@mq.internal/%2F")
    assert settings.amqp_vhost == "/"
    jobs = scrape_jobs(settings)
    assert "rabbitmq" not in jobs and "rabbitmq-queues" not in jobs


def test_the_gateway_serves_stub_status_on_loopback_only_in_the_local_stack(
    tmp_path: Path,
) -> None:
    settings = shifted(tmp_path)
    local = render_gateway(settings)
    assert "listen 127.0.0.1:12110;" in local
    assert "location = /stub_status { stub_status; }" in local
    assert "stub_status" not in render_gateway(settings, standalone=False)
