"""The admin health page's series use metric names that exist and the same expressions as the
recording rules; the step keeps a graph near 120 points, never under the scrape interval."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from backend_services.aggregator.prometheus import _series
from backend_services.aggregator.system_health import step_for
from backend_services.aggregator.system_series import KEY_SERIES
from backend_services.kernel import business_metrics, metrics
from backend_services.kernel.messaging import relay

RULES = Path(__file__).resolve().parents[2] / "deploy" / "prometheus" / "rules.yml"
SAME_AS_RULE = {
    "request_rate": "service:http_requests:rate5m",
    "p95_latency": "service:http_request_duration_seconds:p95_5m",
    "consumer_lag": "queue:consumer_lag_messages",
}


def squeezed(expr: str) -> str:
    return re.sub(r"\s+", "", expr)


def recording_rules() -> dict[str, str]:
    groups = yaml.safe_load(RULES.read_text())["groups"]
    return {r["record"]: r["expr"] for g in groups for r in g["rules"] if "record" in r}


def test_series_match_the_recording_rules() -> None:
    rules = recording_rules()
    by_name = {s.name: s for s in KEY_SERIES}
    for name, record in SAME_AS_RULE.items():
        assert squeezed(by_name[name].query) == squeezed(rules[record]), name


def test_series_use_metrics_the_code_exports() -> None:
    exported = {
        c._name  # prometheus_client keeps a counter's name without _total
        for c in (
            metrics.HTTP_REQUESTS,
            metrics.HTTP_LATENCY,
            relay.OUTBOX_BACKLOG,
            business_metrics.NOTIFICATIONS_SENT,
        )
    }
    queries = " ".join(s.query for s in KEY_SERIES)
    for name in exported:
        assert name in queries, name
    assert [s.name for s in KEY_SERIES] == [
        "request_rate",
        "error_ratio",
        "p95_latency",
        "outbox_backlog",
        "consumer_lag",
        "notifications_sent",
    ]


def test_step_is_the_range_over_120_points_at_least_the_scrape() -> None:
    assert step_for(5) == 15
    assert step_for(60) == 30
    assert step_for(24 * 60) == 720


def test_nan_and_infinite_samples_are_left_out() -> None:
    result = {"metric": {"service": "users"}, "values": [[1, "0.5"], [2, "NaN"], [3, "+Inf"]]}
    assert _series(result) == {"labels": {"service": "users"}, "points": [[1.0, 0.5]]}
