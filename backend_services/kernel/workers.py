"""Runs a worker process's relays and consumers, each in its own thread with its own connection.

pika connections are not thread-safe, so nothing AMQP is shared between threads. SIGTERM or
SIGINT sets one stop event; every loop notices it within a second and closes cleanly.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from prometheus_client import start_http_server
from sqlalchemy import Engine

from .messaging import MessagingTables, Subscription
from .metrics import metrics_registry
from .settings import ServiceSettings

log = logging.getLogger("fitledger.worker")


class Runnable(Protocol):
    name: str

    def run(self, stop: threading.Event) -> None: ...


def run_until_stopped(
    runnables: Sequence[Runnable],
    settings: ServiceSettings,
    *,
    stop: threading.Event | None = None,
) -> None:
    """Run each in its own thread until SIGTERM/SIGINT (or ``stop``), with the Prometheus
    endpoint where the settings say (METRICS_PORT, METRICS_HOST; none without a port)."""
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    if settings.metrics_port:
        start_http_server(
            settings.metrics_port, addr=settings.metrics_host, registry=metrics_registry()
        )
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


def run_service_worker(
    settings: ServiceSettings,
    tables: MessagingTables,
    subscriptions: Sequence[Subscription] = (),
    extra: Callable[[Engine], Sequence[Runnable]] = lambda _: (),
    extra_connections: int = 0,
) -> None:
    """A service's worker process: its outbox relay, one consumer thread per queue, and the
    ``extra`` threads made with its engine (``extra_connections``: what they hold at once)."""
    from .db import service_engine
    from .logs import configure_logging
    from .messaging import EventConsumer, OutboxRelay, Retention
    from .migrations import check_schema

    configure_logging(f"{settings.service_name}-worker", settings.instance_id, settings.log_level)
    amqp_url = settings.require("amqp_url")
    engine = service_engine(
        settings,
        application_name=f"{settings.service_name}-worker",
        pool_size=len(subscriptions) + 3 + extra_connections,
    )
    check_schema(tables.schema, engine)  # never on a schema a newer release migrated
    runnables: list[Runnable] = [
        OutboxRelay(
            engine, tables, amqp_url, settings.events_exchange, retention=Retention.of(settings)
        )
    ]
    runnables += [
        EventConsumer(
            engine,
            tables,
            amqp_url,
            settings.events_exchange,
            replace(sub, queue_type=settings.amqp_queue_type),
        )
        for sub in subscriptions
    ]
    runnables += extra(engine)
    run_until_stopped(runnables, settings)
