"""Every Grafana panel's PromQL, evaluated against the stack's own Prometheus after both
reference scenarios ran: no query may fail, and none may come back empty where the traffic
made data (a few panels show only what this run has none of: they are named below, with why).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from polling import wait_until
from push_receiver import PushReceiver
from stack_env import OBSERVED, PROMETHEUS
from test_scenarios import after_both_scenarios

from backend_services.stack.topology import PROJECT_ROOT

DASHBOARDS = sorted((PROJECT_ROOT / "deploy" / "grafana" / "dashboards").glob("*.json"))
# (dashboard uid, panel title): why this run has no data for it.
MAY_BE_EMPTY = {
    ("fitledger-messaging", "Dead-letter queue depth"): "no message is dead-lettered",
    ("fitledger-overview", "Retried and dead-lettered by queue"): "no delivery fails",
    ("fitledger-business", "Import jobs by outcome in range"): "no health export is imported",
}
# Grafana's variables, as the dashboards' defaults resolve them.
VARIABLES = {"$__rate_interval": "1m", "$__range": "15m", "$service": ".*", "$route": ".*"}

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not OBSERVED, reason="Prometheus or an exporter is not installed"),
]


def panels() -> Iterator[tuple[str, dict]]:
    for path in DASHBOARDS:
        dashboard = json.loads(path.read_text())
        for panel in dashboard["panels"]:
            if panel["type"] != "row":
                yield dashboard["uid"], panel


def resolve(expr: str) -> str:
    for name, value in VARIABLES.items():
        expr = expr.replace(name, value)
    return expr


def query_range(expr: str) -> dict:
    now = time.time()
    return httpx.post(
        f"{PROMETHEUS}/api/v1/query_range",
        data={"query": expr, "start": now - 900, "end": now, "step": "15"},
        timeout=30,
    ).json()


def has_series(expr: str) -> bool:
    answer = query_range(expr)
    return answer["status"] == "success" and bool(answer["data"]["result"])


@pytest.fixture(scope="module")
def scenarios_ran(
    stack: str, client: httpx.Client, register: Callable, push_receiver: PushReceiver
) -> None:
    """Both reference scenarios and a failed sign-in, then until Prometheus holds them and
    the SLO rules have been evaluated over them."""
    account = after_both_scenarios(client, register, push_receiver)
    wrong = client.post("/api/auth/login", json={"email": account.email, "password": "nope nope"})
    assert wrong.status_code == 401
    for expr in (
        'fitledger_scenario_seconds_count{scenario="workout_congratulated"} > 0',
        'slo:error_ratio:rate5m{slo="meal_warning_within_2s"}',
        'fitledger_active_users{window="day"} > 0',
    ):
        wait_until(lambda e=expr: has_series(e), timeout=90, what=f"{expr} in Prometheus")


@pytest.fixture(scope="module")
def client(stack: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack, timeout=20) as http:
        yield http


@pytest.mark.parametrize(
    ("uid", "panel"), list(panels()), ids=[f"{uid}:{panel['title']}" for uid, panel in panels()]
)
def test_every_panel_query_answers(scenarios_ran: None, uid: str, panel: dict) -> None:
    results = []
    for target in panel["targets"]:
        answer = query_range(resolve(target["expr"]))
        assert answer["status"] == "success", f"{target['expr']}: {answer.get('error')}"
        results += answer["data"]["result"]
    if (uid, panel["title"]) not in MAY_BE_EMPTY:
        assert results, f"no data for {[t['expr'] for t in panel['targets']]}"


def test_the_allowed_empty_panels_exist() -> None:
    known = {(uid, panel["title"]) for uid, panel in panels()}
    assert set(MAY_BE_EMPTY) <= known


def test_every_dashboard_is_checked() -> None:
    assert {Path(p).stem for p in DASHBOARDS} >= {
        "fitledger-overview",
        "fitledger-slo",
        "fitledger-messaging",
        "fitledger-business",
        "fitledger-infrastructure",
    }
