"""The admin system-health route through the gateway, against the stack's real instances and
its own Prometheus: readiness per instance (an instance stopped shows, its service stays
ready), the key series drawn from Prometheus, and Prometheus stopped failing only the graphs."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from polling import wait_until

from backend_services.aggregator.system_series import KEY_SERIES
from backend_services.stack.topology import SERVICES

HEALTH = "/api/dashboard/admin/system"


def system(client: httpx.Client, admin: Any, **params: Any) -> dict[str, Any]:
    answer = client.get(HEALTH, params=params, headers=admin.headers)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


@pytest.fixture
def restart_after(supervisor: Callable[..., Any]) -> Iterator[list[str]]:
    stopped: list[str] = []
    yield stopped
    for name in stopped:
        assert supervisor("start", name).returncode == 0


def test_only_admins_get_it(client: httpx.Client, register: Callable[..., Any]) -> None:
    assert client.get(HEALTH).status_code == 401
    refused = client.get(HEALTH, headers=register().headers)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"


def test_bad_ranges_are_refused(client: httpx.Client, admin_account: Any) -> None:
    for minutes in ("4", "100000", "x"):
        answer = client.get(HEALTH, params={"minutes": minutes}, headers=admin_account.headers)
        assert answer.status_code == 422
        assert "minutes" in str(answer.json()["error"]["fields"])


def test_every_instance_of_every_service_and_a_stopped_one(
    client: httpx.Client,
    admin_account: Any,
    supervisor: Callable[..., Any],
    restart_after: list[str],
) -> None:
    body = system(client, admin_account)
    services = {s["service"]: s for s in body["services"]}
    assert sorted(services) == sorted(spec.name for spec in SERVICES)
    for name, entry in services.items():
        assert entry["ready"] is True, entry
        assert [i["instance"] for i in entry["instances"]] == ["1", "2"], name
        assert all(i["ready"] and i["error"] is None for i in entry["instances"])
    assert services["users"]["instances"][0]["checks"]["postgres"] == "ok"
    assert body["status"] == "ok"

    assert supervisor("stop", "users:users-2").returncode == 0
    restart_after.append("users:users-2")
    body = system(client, admin_account)
    users = {s["service"]: s for s in body["services"]}["users"]
    first, second = users["instances"]
    assert first["ready"] is True, first
    assert second["ready"] is False and second["error"].startswith("unreachable")
    assert users["ready"] is True, "one ready instance is enough for the service"
    assert body["status"] == "ok"


@pytest.mark.skipif(not shutil.which("prometheus"), reason="the stack has no Prometheus")
def test_key_series_come_from_prometheus(client: httpx.Client, admin_account: Any) -> None:
    def request_rates() -> list[dict[str, Any]] | None:
        client.get("/api/health")  # traffic of our own, so there is a rate to draw
        body = system(client, admin_account, minutes=15)
        assert body["graphs_error"] is None, body["graphs_error"]
        graphs = {g["name"]: g for g in body["graphs"]}
        assert list(graphs) == [s.name for s in KEY_SERIES]
        series: list[dict[str, Any]] = graphs["request_rate"]["series"]
        return series if any(s["points"] for s in series) else None

    series = wait_until(request_rates, timeout=120, what="a request rate in Prometheus")
    by_service = {s["labels"].get("service") for s in series}
    assert "aggregator" in by_service
    for one in series:
        assert all(value >= 0 for _, value in one["points"])
    body = system(client, admin_account, minutes=15)
    assert body["range"]["step_seconds"] == 15
    p95 = next(g for g in body["graphs"] if g["name"] == "p95_latency")
    assert p95["unit"] == "seconds" and "histogram_quantile(0.95" in p95["query"]


@pytest.mark.skipif(not shutil.which("prometheus"), reason="the stack has no Prometheus")
def test_prometheus_down_fails_only_the_graphs(
    client: httpx.Client,
    admin_account: Any,
    supervisor: Callable[..., Any],
    restart_after: list[str],
) -> None:
    assert supervisor("stop", "prometheus").returncode == 0
    restart_after.append("prometheus")
    body = system(client, admin_account)
    assert body["graphs"] == []
    assert body["graphs_error"]["code"] == "prometheus_unavailable"
    assert "cannot be reached" in body["graphs_error"]["message"]
    assert all(s["ready"] for s in body["services"]), "readiness no longer answered"
