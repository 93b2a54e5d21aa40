"""Response schemas of the aggregator's admin system-health route."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class InstanceReadiness(BaseModel):
    url: str
    ready: bool
    instance: str | None = Field(description="The instance id it reported.")
    checks: dict[str, str] = Field(description="Its dependency checks: `ok` or the failure.")
    error: str | None = Field(description="Why it is not ready when no check says so.")


class ServiceReadiness(BaseModel):
    service: str
    ready: bool = Field(description="At least one instance is ready.")
    instances: list[InstanceReadiness]


class TimeRange(BaseModel):
    start: datetime
    end: datetime
    step_seconds: int


class SeriesOut(BaseModel):
    labels: dict[str, str]
    points: list[tuple[float, float]] = Field(description="[unix seconds, value] pairs.")


class Graph(BaseModel):
    name: str
    title: str
    unit: str
    query: str = Field(description="The PromQL it was drawn from.")
    series: list[SeriesOut]


class GraphsError(BaseModel):
    code: Literal["prometheus_unavailable"]
    message: str


class SystemHealthDetail(BaseModel):
    status: Literal["ok", "degraded"]
    services: list[ServiceReadiness]
    range: TimeRange
    graphs: list[Graph]
    graphs_error: GraphsError | None
