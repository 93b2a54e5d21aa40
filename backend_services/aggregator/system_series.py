"""The key series of the admin system-health page: PromQL over the metric names the services
export (kernel/metrics.py: HTTP; kernel/messaging/relay.py: outbox; rabbitmq_prometheus:
queues; kernel/business_metrics.py: notifications), the same expressions as the recording
rules in deploy/prometheus/rules.yml, so the page and the alerts agree."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Series:
    name: str
    title: str
    unit: str
    query: str


KEY_SERIES: tuple[Series, ...] = (
    Series(
        "request_rate",
        "Requests per second, by service",
        "requests/s",
        "sum by (service) (rate(http_requests_total[5m]))",
    ),
    Series(
        "error_ratio",
        "Share of requests answered 5xx, by service",
        "ratio",
        'sum by (service) (rate(http_requests_total{status=~"5.."}[5m]))'
        " / sum by (service) (rate(http_requests_total[5m]))",
    ),
    Series(
        "p95_latency",
        "95th percentile latency, by service",
        "seconds",
        "histogram_quantile(0.95, sum by (service, le) ("
        'rate(http_request_duration_seconds_bucket{route!~"/(metrics|healthz|readyz)"}[5m])))',
    ),
    Series(
        "outbox_backlog",
        "Outbox events not yet published, by service schema",
        "events",
        "max by (schema) (outbox_backlog)",
    ),
    Series(
        "consumer_lag",
        "Messages waiting in each consumer queue",
        "messages",
        "sum by (queue) (rabbitmq_detailed_queue_messages_ready"
        '{queue!~".+\\\\.(dlq|retry\\\\..+)"})',
    ),
    Series(
        "notifications_sent",
        "Notifications sent per second, by channel",
        "notifications/s",
        "sum by (channel) (rate(fitledger_notifications_sent_total[5m]))",
    ),
)
