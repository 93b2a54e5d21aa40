"""Runs a worker process's relays and consumers, each in its own thread with its own connection.

pika connections are not thread-safe, so nothing AMQP is shared between threads. SIGTERM or
SIGINT sets one stop event; every loop notices it within a second and closes cleanly.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Sequence
from typing import Protocol

from prometheus_client import start_http_server

from .metrics import metrics_registry

log = logging.getLogger("fitledger.worker")


class Runnable(Protocol):
    name: str

    def run(self, stop: threading.Event) -> None: ...


def run_until_stopped(
    runnables: Sequence[Runnable],
    *,
    metrics_port: int | None = None,
    stop: threading.Event | None = None,
) -> None:
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    if metrics_port:
        start_http_server(metrics_port, addr="127.0.0.1", registry=metrics_registry())
    threads = [
        threading.Thread(target=r.run, args=(stop,), name=r.name, daemon=True) for r in runnables
    ]
    for thread in threads:
        thread.start()
    log.info("worker started", extra={"threads": [t.name for t in threads]})
    while not stop.wait(1.0):
        dead = [t.name for t in threads if not t.is_alive()]
        if dead:
            log.error("worker thread died; stopping", extra={"threads": dead})
            stop.set()
    for thread in threads:
        thread.join(timeout=10)
    log.info("worker stopped")
