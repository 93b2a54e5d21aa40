"""Typed client of the workouts service's health imports (`/api/workouts/imports/*`): upload
an Apple Health or Google Fit export, poll its background job, list what was imported with
each workout's provenance, and undo a merge (`/workouts/{id}/separate`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import IO, Any

from app.api import parsing as p
from app.api.gateway import Authorized

API = "/api/workouts"
PROVIDERS = ("apple-health", "google-fit")
# The sources imported workouts carry (HealthData.source; Strong's and Hevy's CSV).
IMPORT_SOURCES = ("apple_health", "google_fit", "strong", "hevy")
LIST_MAX = 500
FINISHED = ("succeeded", "failed")


@dataclass(frozen=True)
class ImportJob:
    id: str
    provider: str  # "apple-health" | "google-fit"
    file_name: str
    status: str  # "queued" | "running" | "succeeded" | "failed"
    phase: str  # "queued" | "parsing" | "storing" | "done"
    fraction: float  # 0..1 of the phase
    report: dict[str, int]  # counts once succeeded (workouts_imported, workouts_merged, ...)
    error: str | None

    @classmethod
    def from_json(cls, data: Any) -> ImportJob:
        b = p.obj(data)
        progress = p.obj(b.get("progress"))
        return cls(
            id=p.text(b.get("id")),
            provider=p.text(b.get("provider")),
            file_name=p.text(b.get("file_name")),
            status=p.text(b.get("status")),
            phase=p.text(progress.get("phase")),
            fraction=p.num(progress.get("fraction")),
            report={str(k): p.whole(v) for k, v in p.obj(b.get("report")).items()},
            error=p.opt_text(b.get("error")),
        )

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


@dataclass(frozen=True)
class MergedSession:
    """Another record of the same session that was merged into a workout (not counted)."""

    source: str
    external_id: str
    device: str | None
    calories_kcal: float | None
    calorie_source: str


@dataclass(frozen=True)
class ImportedWorkout:
    id: str
    name: str
    source: str  # "apple_health", "google_fit", or "manual"/"program" with a merged import
    device: str | None
    local_date: dt.date | None
    started_at: dt.datetime | None
    duration_s: int
    calories_kcal: float | None
    calorie_source: str  # "device" | "met_estimate" | ...
    distance_m: float | None
    merged: tuple[MergedSession, ...]

    @classmethod
    def from_json(cls, data: Any) -> ImportedWorkout:
        b = p.obj(data)
        result = p.obj(b.get("result"))
        sets = [
            p.obj(s) for e in p.items(b.get("exercises")) for s in p.items(p.obj(e).get("sets"))
        ]
        distances = [p.num(s.get("distance_m")) for s in sets if s.get("distance_m")]
        return cls(
            id=p.text(b.get("id")),
            name=p.text(b.get("name")),
            source=p.text(b.get("source")),
            device=p.opt_text(b.get("device")),
            local_date=p.opt_day(b.get("local_date")),
            started_at=p.opt_instant(b.get("started_at")),
            duration_s=p.whole(result.get("duration_s")),
            calories_kcal=p.opt_num(result.get("calories_kcal")),
            calorie_source=p.text(result.get("calorie_source")),
            distance_m=sum(distances) if distances else None,
            merged=tuple(
                MergedSession(
                    source=p.text(p.obj(m).get("source")),
                    external_id=p.text(p.obj(m).get("external_id")),
                    device=p.opt_text(p.obj(m).get("device")),
                    calories_kcal=p.opt_num(p.obj(m).get("calories_kcal")),
                    calorie_source=p.text(p.obj(m).get("calorie_source")),
                )
                for m in p.items(b.get("merged"))
            ),
        )

    @property
    def imported(self) -> bool:
        return self.source in IMPORT_SOURCES or bool(self.merged)


class HealthImportsApi:
    def __init__(self, api: Authorized):
        self.api = api

    async def upload(self, provider: str, file_name: str, content: IO[bytes]) -> ImportJob:
        """Starts the background import (202); `content` is streamed, not read into memory."""
        body = await self.api.post(
            f"{API}/imports/{provider}",
            files={"file": (file_name, content, "application/octet-stream")},
        )
        return ImportJob.from_json(body)

    async def job(self, job_id: str) -> ImportJob:
        return ImportJob.from_json(await self.api.get(f"{API}/imports/{job_id}"))

    async def imported_workouts(self, limit: int = LIST_MAX) -> tuple[ImportedWorkout, ...]:
        """The newest completed workouts that came from an export or hold a merged one."""
        params = {"from": p.EARLIEST_DAY.isoformat(), "limit": min(limit, LIST_MAX)}
        body = await self.api.get(f"{API}/workouts", params=params)
        found = (ImportedWorkout.from_json(x) for x in p.items(p.obj(body).get("items")))
        return tuple(w for w in found if w.imported)

    async def separate(self, workout_id: str, external_id: str) -> ImportedWorkout:
        """Undo a merge: the merged session becomes its own workout (answered)."""
        body = await self.api.post(
            f"{API}/workouts/{workout_id}/separate", json={"external_id": external_id}
        )
        return ImportedWorkout.from_json(body)
