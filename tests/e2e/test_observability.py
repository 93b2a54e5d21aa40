"""The stack's Prometheus: every process and every store of the stack is scraped."""

from __future__ import annotations

import time

import httpx
import pytest
from stack_env import AMQP_VHOST, OBSERVED, PROMETHEUS

from backend_services.stack.topology import EXPORTERS

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not OBSERVED, reason="Prometheus or an exporter is not installed"),
]
JOBS = {
    "prometheus",
    "fitledger-services",
    "fitledger-workers",
    "rabbitmq",
    "rabbitmq-queues",
    *(spec.name for spec in EXPORTERS),
}


def query(expr: str) -> list[dict]:
    answer = httpx.get(f"{PROMETHEUS}/api/v1/query", params={"query": expr}, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()["data"]["result"]


def wait_for(expr: str, seconds: float = 60) -> list[dict]:
    """The series of ``expr`` once it has any (a scrape every 5 s puts them there)."""
    deadline = time.monotonic() + seconds
    while not (result := query(expr)) and time.monotonic() < deadline:
        time.sleep(1)
    return result


def test_every_target_of_the_stack_is_scraped_and_up(stack: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        targets = httpx.get(f"{PROMETHEUS}/api/v1/targets", timeout=10).json()["data"]
        active = targets["activeTargets"]
        down = [
            (t["labels"]["job"], t["scrapeUrl"], t["lastError"])
            for t in active
            if t["health"] != "up"
        ]
        if not down or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert {t["labels"]["job"] for t in active} == JOBS
    assert down == []


@pytest.mark.parametrize(
    "expr",
    [
        "nginx_up == 1",
        "nginx_connections_accepted > 0",
        "pg_up == 1",
        "redis_up == 1",
        "node_load1",
        "rabbitmq_queues > 0",
        f'rabbitmq_detailed_queue_consumers{{vhost="{AMQP_VHOST}", queue="users.activity"}} > 0',
    ],
)
def test_each_exporter_reports_its_store(stack: str, expr: str) -> None:
    assert wait_for(expr), f"no series for {expr}"
