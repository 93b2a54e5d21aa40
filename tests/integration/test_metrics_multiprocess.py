"""/metrics counts every worker process's requests, not just the one that answers the scrape."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from ports import free_port
from prometheus_client.parser import text_string_to_metric_families


@pytest.fixture
def two_worker_service(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    multiproc = tmp_path / "prom"
    multiproc.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(multiproc), "SERVICE_URLS": "{}"}
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "uvicorn"),
            "backend_services.aggregator.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--no-access-log",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("service with two workers did not start")
        yield url
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=20)


def healthz_count(metrics_text: str) -> float:
    for family in text_string_to_metric_families(metrics_text):
        if family.name == "http_requests":
            return sum(
                s.value
                for s in family.samples
                if s.name == "http_requests_total" and s.labels["route"] == "/healthz"
            )
    return 0.0


def test_counts_are_summed_over_worker_processes(two_worker_service: str) -> None:
    baseline = healthz_count(httpx.get(f"{two_worker_service}/metrics").text)
    # New connections each time, so both workers take some of the requests.
    for _ in range(60):
        assert httpx.get(f"{two_worker_service}/healthz").status_code == 200
    scrapes = {
        healthz_count(httpx.get(f"{two_worker_service}/metrics").text) - baseline for _ in range(6)
    }
    assert scrapes == {60.0}
