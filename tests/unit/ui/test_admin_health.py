"""What the system-health admin page shows, from the aggregator's answer (no I/O): each
instance's readiness and why not, the graphs' figures and their tables, Prometheus' error."""

from __future__ import annotations

from app.api.admin import SystemHealth
from app.pages.admin.health import graph_figure, graph_table, instance_rows

ANSWER = {
    "status": "degraded",
    "services": [
        {
            "service": "auth",
            "ready": True,
            "instances": [
                {"url": "http://a1", "ready": True, "instance": "1", "checks": {"db": "ok"}},
                {
                    "url": "http://a2",
                    "ready": False,
                    "instance": None,
                    "checks": {"db": "connection refused", "redis": "ok"},
                    "error": None,
                },
            ],
        },
        {
            "service": "users",
            "ready": False,
            "instances": [{"url": "http://u1", "ready": False, "checks": {}, "error": "timeout"}],
        },
    ],
    "range": {"start": "2026-12-01T12:00:00Z", "end": "2026-12-01T13:00:00Z", "step_seconds": 60},
    "graphs": [
        {
            "name": "request_rate",
            "title": "Requests per second, by service",
            "unit": "requests/s",
            "query": "...",
            "series": [
                {"labels": {"service": "auth"}, "points": [[1764590400, 1.5], [1764590460, 0.25]]},
                {"labels": {}, "points": []},
            ],
        }
    ],
    "graphs_error": None,
}


def test_each_instance_shows_its_readiness_and_why_it_is_not_ready() -> None:
    rows = instance_rows(SystemHealth.from_json(ANSWER).services)
    assert [(r.service, r.instance, r.ready) for r in rows] == [
        ("auth", "1", True),
        ("auth", "http://a2", False),
        ("users", "http://u1", False),
    ]
    assert rows[0].problem == ""
    assert rows[1].problem == "db: connection refused"
    assert rows[2].problem == "timeout"


def test_a_graph_becomes_lines_and_a_table_of_its_series() -> None:
    health = SystemHealth.from_json(ANSWER)
    assert health.graphs_error == ""
    [graph] = health.graphs
    assert graph_table(graph) == [["auth", "0.25", "0.25", "1.5"]]  # an empty series: no row
    fig = graph_figure(graph)
    assert [t.name for t in fig.data] == ["auth", "all"]
    assert list(fig.data[0].y) == [1.5, 0.25]
    assert fig.data[0].x[0].startswith("2025-12-01T12:00:00")
    assert fig.layout.yaxis.title.text == "requests/s"
    assert graph_table(None) == [] and len(graph_figure(None).data) == 0


def test_prometheus_unavailable_gives_its_message_and_no_graphs() -> None:
    down = SystemHealth.from_json(
        {
            **ANSWER,
            "graphs": [],
            "graphs_error": {"code": "prometheus_unavailable", "message": "no answer"},
        }
    )
    assert down.graphs_error == "no answer" and down.graphs == ()
    assert len(down.services) == 2
