"""A worker's /metrics endpoint listens where the settings say (METRICS_PORT, METRICS_HOST)."""

from __future__ import annotations

import threading

import httpx
import pytest
from polling import wait_until
from ports import free_port

from backend_services.kernel.settings import ServiceSettings
from backend_services.kernel.workers import run_until_stopped


class Idle:
    name = "idle"

    def run(self, stop: threading.Event) -> None:
        stop.wait()


def test_the_endpoint_listens_on_the_host_from_the_settings(monkeypatch: pytest.MonkeyPatch):
    port = free_port()
    monkeypatch.setenv("METRICS_PORT", str(port))
    monkeypatch.setenv("METRICS_HOST", "127.0.0.2")  # another loopback address
    settings = ServiceSettings()
    stop = threading.Event()
    # as every worker calls it: with its settings
    worker = threading.Thread(
        target=run_until_stopped, args=([Idle()], settings), kwargs={"stop": stop}
    )
    worker.start()
    try:
        answer = wait_until(
            lambda: httpx.get(f"http://127.0.0.2:{port}/metrics", timeout=2),
            what="the metrics endpoint on 127.0.0.2",
            retry_on=(httpx.TransportError,),
        )
        assert answer.status_code == 200 and "# HELP" in answer.text
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2)
    finally:
        stop.set()
        worker.join(timeout=10)
