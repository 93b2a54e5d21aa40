"""Admin · system health (`/admin/health`): each service's instances with their readiness
(and why one is not ready), and the six key graphs from Prometheus drawn with plotly, each
with its numbers in a table; Prometheus unreachable: its message, readiness still shown."""

from __future__ import annotations

import dataclasses
import datetime as dt

import plotly.graph_objects as go
import reflex as rx

from app.api.admin import ServiceHealth, SystemGraph
from app.api.errors import ApiError
from app.i18n import t, tf, tr
from app.pages.admin.shell import admin_shell
from app.pages.admin.state import AdminState
from components.charts import HEIGHT, MUSCLE_COLORS, NO_FIGURE, chart_card, numbers_table
from components.lazy import when_visible

TITLE = t("System health · Admin · FitLedger")
MINUTES = 60
# (name in the API, heading, what it shows), in the order the page shows them.
GRAPHS = (
    ("request_rate", t("Request rate"), t("Requests per second, by service.")),
    (
        "error_ratio",
        t("5xx share"),
        t("Share of requests answered with a server error, by service."),
    ),
    (
        "p95_latency",
        t("p95 latency"),
        t("95th percentile response time in seconds, by service."),
    ),
    ("outbox_backlog", t("Outbox backlog"), t("Events not yet published, by service schema.")),
    ("consumer_lag", t("Consumer lag"), t("Messages waiting in each consumer queue.")),
    ("notifications_sent", t("Notifications"), t("Notifications sent per second, by channel.")),
)
TABLE_HEADERS = [t("Series"), t("Latest"), t("Lowest"), t("Highest")]


@dataclasses.dataclass
class InstanceRow:
    service: str
    instance: str
    ready: bool
    problem: str


def instance_rows(services: tuple[ServiceHealth, ...], language: str = "en") -> list[InstanceRow]:
    """The services' instances; why one is not ready is the aggregator's own words."""
    return [
        InstanceRow(
            s.service,
            i.instance or i.url,
            i.ready,
            "" if i.ready else (i.problem or tr(language, "not ready")),
        )
        for s in services
        for i in s.instances
    ]


def number(value: float) -> str:
    """A graph's value as read in a table: 3 significant digits."""
    return f"{value:.3g}"


def graph_table(graph: SystemGraph | None) -> list[list[str]]:
    """One row per series: its label, latest, lowest and highest value in the range."""
    if graph is None:
        return []
    rows = []
    for s in graph.series:
        values = [v for _, v in s.points]
        if values:
            rows.append([s.label, number(values[-1]), number(min(values)), number(max(values))])
    return rows


def graph_figure(graph: SystemGraph | None) -> go.Figure:
    fig = go.Figure(
        [
            go.Scatter(
                x=[dt.datetime.fromtimestamp(t, dt.UTC).isoformat() for t, _ in s.points],
                y=[v for _, v in s.points],
                name=s.label,
                mode="lines",
                line={"color": MUSCLE_COLORS[n % len(MUSCLE_COLORS)], "width": 2},
            )
            for n, s in enumerate(graph.series if graph else ())
        ]
    )
    fig.update_layout(
        template="none",
        height=HEIGHT,
        margin={"l": 48, "r": 8, "t": 8, "b": 36},
        legend={"orientation": "h", "y": -0.2, "x": 0},
        hovermode="x unified",
        yaxis_title=graph.unit if graph else "",
        xaxis={"type": "date", "tickformat": "%H:%M", "fixedrange": True},
        yaxis={"fixedrange": True, "rangemode": "tozero"},
    )
    return fig


class AdminHealthState(AdminState):
    instances: list[InstanceRow] = []
    status: str = ""
    graphs_error: str = ""
    loading: bool = True
    charts_visible: bool = False
    _graphs: dict[str, SystemGraph] = {}
    tables: dict[str, list[list[str]]] = {}

    @rx.var
    def not_ready(self) -> int:
        return sum(1 for i in self.instances if not i.ready)

    @rx.var
    def summary(self) -> str:
        language = self.language
        if self.loading and not self.instances:
            return tr(language, "Loading…")
        if not self.instances:
            return tr(language, "No services answered.")
        bad = sum(1 for i in self.instances if not i.ready)
        total = len(self.instances)
        if bad:
            return tr(language, "{bad} of {total} instances not ready.", bad=bad, total=total)
        return tr(language, "All {total} instances ready.", total=total)

    @rx.event
    async def load(self):
        self.error = ""
        if not self.is_admin:
            return None
        self.loading = True
        try:
            health = await self.admin_api().system_health(MINUTES)
        except ApiError as error:
            return self.refused(error)
        finally:
            self.loading = False
        self.instances = instance_rows(health.services, self.language)
        self.status = health.status
        self.graphs_error = health.graphs_error
        self._graphs = {g.name: g for g in health.graphs}
        self.tables = {name: graph_table(self._graphs.get(name)) for name, _, _ in GRAPHS}
        return None

    @rx.event
    def show_charts(self):
        self.charts_visible = True

    @rx.var
    def request_rate_chart(self) -> go.Figure:
        if not self.charts_visible:
            return NO_FIGURE
        return graph_figure(self._graphs.get("request_rate"))

    @rx.var
    def error_ratio_chart(self) -> go.Figure:
        if not self.charts_visible:
            return NO_FIGURE
        return graph_figure(self._graphs.get("error_ratio"))

    @rx.var
    def p95_latency_chart(self) -> go.Figure:
        if not self.charts_visible:
            return NO_FIGURE
        return graph_figure(self._graphs.get("p95_latency"))

    @rx.var
    def outbox_backlog_chart(self) -> go.Figure:
        if not self.charts_visible:
            return NO_FIGURE
        return graph_figure(self._graphs.get("outbox_backlog"))

    @rx.var
    def consumer_lag_chart(self) -> go.Figure:
        if not self.charts_visible:
            return NO_FIGURE
        return graph_figure(self._graphs.get("consumer_lag"))

    @rx.var
    def notifications_sent_chart(self) -> go.Figure:
        if not self.charts_visible:
            return NO_FIGURE
        return graph_figure(self._graphs.get("notifications_sent"))


def _instance(row: InstanceRow) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.badge(
                rx.cond(row.ready, t("ready"), t("not ready")),
                color_scheme=rx.cond(row.ready, "grass", "tomato"),
            ),
            rx.text(rx.text.strong(row.service), " · ", row.instance, size="2"),
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            row.problem != "",
            rx.text(row.problem, size="1", color_scheme="tomato", word_break="break-word"),
        ),
        padding_y="0.45em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def _chart(name: str, heading: rx.Var[str], description: rx.Var[str]) -> rx.Component:
    s = AdminHealthState
    table = s.tables[name].to(list[list[str]])
    return chart_card(
        heading,
        getattr(s, f"{name}_chart"),
        id=f"chart-{name.replace('_', '-')}",
        description=description,
        table=numbers_table(
            TABLE_HEADERS,
            table,
            id=f"chart-{name.replace('_', '-')}-table",
            caption=tf("{graph}, last {n} minutes", graph=heading, n=MINUTES),
        ),
        empty=table.length() == 0,
        empty_text=t("No data in the last hour."),
    )


def admin_health() -> rx.Component:
    s = AdminHealthState
    return admin_shell(
        rx.cond(s.error != "", rx.callout(s.error, color_scheme="tomato", role="alert")),
        rx.el.section(
            rx.vstack(
                rx.heading(t("Services"), size="4", as_="h2"),
                rx.hstack(
                    rx.text(s.summary, size="2", id="health-summary", aria_live="polite"),
                    rx.cond(s.loading, rx.spinner(size="1")),
                    rx.button(t("Refresh"), on_click=s.load, variant="soft", size="1"),
                    align="center",
                    wrap="wrap",
                ),
                rx.el.ul(
                    rx.foreach(s.instances, _instance), id="instances", padding="0", margin="0"
                ),
                spacing="2",
                align="stretch",
            ),
            aria_label=t("Services"),
        ),
        rx.el.section(
            rx.vstack(
                rx.heading(tf("Last {n} minutes", n=MINUTES), size="4", as_="h2"),
                rx.cond(
                    s.graphs_error != "",
                    rx.callout(
                        tf("The graphs are unavailable: {reason}", reason=s.graphs_error),
                        color_scheme="amber",
                        role="alert",
                        id="graphs-error",
                    ),
                    rx.cond(
                        s.charts_visible & ~s.loading,
                        rx.grid(
                            *[_chart(*g) for g in GRAPHS],
                            columns=rx.breakpoints(initial="1", md="2"),
                            spacing="4",
                            width="100%",
                        ),
                        when_visible(
                            rx.text(t("Loading the graphs…"), size="2"),
                            on_visible=s.show_charts,
                            id="graphs-sentinel",
                        ),
                    ),
                ),
                spacing="2",
                align="stretch",
            ),
            aria_label=t("Graphs"),
            id="graphs",
        ),
        title=t("System health"),
    )
