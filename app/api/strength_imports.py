"""Typed client of the workouts service's Strong and Hevy imports: upload a CSV export
(`/api/workouts/imports/strong|hevy`), poll its job, answer its review of the exercise
names that did not match (`/imports/{id}/review`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

from app.api import parsing as p
from app.api.gateway import Authorized

API = "/api/workouts/imports"
APPS = ("strong", "hevy")
FINISHED = ("succeeded", "failed")
NEW_EXERCISE = "new"  # a review choice: a custom exercise of the imported name


@dataclass(frozen=True)
class Suggestion:
    exercise_id: str
    name: str
    score: float


@dataclass(frozen=True)
class UnmatchedName:
    name: str
    sets: int
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class StrengthImportJob:
    id: str
    app: str  # "strong" | "hevy"
    file_name: str
    status: str  # "queued" | "running" | "needs_review" | "succeeded" | "failed"
    phase: str  # "queued" | "parsing" | "matching" | "review" | "storing" | "done"
    fraction: float
    counts: dict[str, int]  # the report's numbers (workouts_read, exercises_matched, ...)
    unmatched: tuple[UnmatchedName, ...]
    error: str | None

    @classmethod
    def from_json(cls, data: Any) -> StrengthImportJob:
        b = p.obj(data)
        progress, report = p.obj(b.get("progress")), p.obj(b.get("report"))
        return cls(
            id=p.text(b.get("id")),
            app=p.text(b.get("provider")),
            file_name=p.text(b.get("file_name")),
            status=p.text(b.get("status")),
            phase=p.text(progress.get("phase")),
            fraction=p.num(progress.get("fraction")),
            counts={
                str(k): p.whole(v)
                for k, v in report.items()
                if isinstance(v, int) and not isinstance(v, bool)
            },
            unmatched=tuple(
                UnmatchedName(
                    name=p.text(p.obj(u).get("name")),
                    sets=p.whole(p.obj(u).get("sets")),
                    suggestions=tuple(
                        Suggestion(
                            exercise_id=p.text(p.obj(s).get("exercise_id")),
                            name=p.text(p.obj(s).get("name")),
                            score=p.num(p.obj(s).get("score")),
                        )
                        for s in p.items(p.obj(u).get("suggestions"))
                    ),
                )
                for u in p.items(report.get("unmatched"))
            ),
            error=p.opt_text(b.get("error")),
        )

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def waiting_for_review(self) -> bool:
        return self.status == "needs_review"


class StrengthImportsApi:
    def __init__(self, api: Authorized):
        self.api = api

    async def upload(
        self,
        app: str,
        file_name: str,
        content: IO[bytes],
        *,
        weight_unit: str,
        utc_offset_minutes: int,
    ) -> StrengthImportJob:
        """Starts the background import (202). `weight_unit` (kg | lb) is Strong's only."""
        form = {"utc_offset_minutes": str(utc_offset_minutes)}
        if app == "strong":
            form["weight_unit"] = weight_unit
        body = await self.api.post(
            f"{API}/{app}", files={"file": (file_name, content, "text/csv")}, data=form
        )
        return StrengthImportJob.from_json(body)

    async def job(self, job_id: str) -> StrengthImportJob:
        return StrengthImportJob.from_json(await self.api.get(f"{API}/{job_id}"))

    async def review(self, job_id: str, choices: dict[str, str]) -> StrengthImportJob:
        """`choices`: imported name -> exercise id, or NEW_EXERCISE."""
        body = await self.api.post(
            f"{API}/{job_id}/review",
            json={
                "choices": [
                    {"name": name, "new_exercise": True}
                    if chosen == NEW_EXERCISE
                    else {"name": name, "exercise_id": chosen}
                    for name, chosen in choices.items()
                ]
            },
        )
        return StrengthImportJob.from_json(body)
