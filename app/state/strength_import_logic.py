"""The Strong/Hevy import's pure logic: its job in words, the review of unmatched exercise
names (a choice per name, the best suggestion preselected) and the report."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from app.api.strength_imports import NEW_EXERCISE, StrengthImportJob
from app.api.workouts import Exercise
from app.i18n import tr, trn
from app.state.import_logic import ReportLine, status_words

APP_LABELS = {"strong": "Strong", "hevy": "Hevy"}
WEIGHT_UNITS = ("kg", "lb")
MAX_CSV_BYTES = 16 * 1024 * 1024  # the workouts service's strength_import_max_bytes


def rejection_words(rejections: list[dict], language: str = "en") -> str:
    """Why the file chooser refused a file (react-dropzone's error codes)."""
    codes = {str(e.get("code")) for r in rejections for e in (r.get("errors") or [])}
    if "file-too-large" in codes:
        return tr(
            language,
            "This file is larger than {limit} MB, the most FitLedger imports at once.",
            limit=MAX_CSV_BYTES // (1024 * 1024),
        )
    return tr(language, "Choose one CSV file that Strong or Hevy exported.")


def progress_words(job: StrengthImportJob, language: str = "en") -> str:
    if (words := status_words(job.status, language)) is not None:
        return words
    if job.status == "needs_review":
        return tr(language, "Choose one of our exercises for each name we did not recognise.")
    if job.phase == "storing":
        return tr(language, "Saving workouts…") + f" {round(job.fraction * 100)} %"
    if job.phase == "matching":
        return tr(language, "Matching exercise names…")
    return tr(language, "Reading the export…")


def progress_percent(job: StrengthImportJob) -> int:
    """Reading and matching are the first 40 %, saving the rest; a review waits at 40 %."""
    if job.status == "succeeded":
        return 100
    if job.phase == "storing":
        return 40 + round(job.fraction * 60)
    return {"parsing": 10, "matching": 30, "review": 40}.get(job.phase, 0)


@dataclasses.dataclass
class ChoiceOption:
    value: str  # an exercise id, or NEW_EXERCISE
    label: str


@dataclasses.dataclass
class ReviewRow:
    """One unmatched name, what it can become, and what is chosen."""

    name: str
    sets: str  # "3 sets"
    options: list[ChoiceOption]
    chosen: str
    id: str


def review_rows(
    job: StrengthImportJob, catalog: Iterable[Exercise], language: str = "en"
) -> list[ReviewRow]:
    """Each unmatched name with its suggestions first (the best preselected), then the
    catalog, then a new exercise of that name (preselected when nothing was suggested)."""
    exercises = list(catalog)
    rows = []
    for n, unmatched in enumerate(job.unmatched):
        options = [
            ChoiceOption(
                s.exercise_id,
                tr(
                    language,
                    "{name} (suggested, {score} %)",
                    name=s.name,
                    score=round(s.score * 100),
                ),
            )
            for s in unmatched.suggestions
        ]
        suggested = {o.value for o in options}
        options += [
            ChoiceOption(x.id, x.name_in(language)) for x in exercises if x.id not in suggested
        ]
        options.append(
            ChoiceOption(NEW_EXERCISE, tr(language, "New exercise “{name}”", name=unmatched.name))
        )
        rows.append(
            ReviewRow(
                name=unmatched.name,
                sets=trn(language, unmatched.sets, "{n} set", "{n} sets"),
                options=options,
                chosen=options[0].value if unmatched.suggestions else NEW_EXERCISE,
                id=f"review-{n}",
            )
        )
    return rows


def choose(rows: list[ReviewRow], name: str, value: str) -> list[ReviewRow]:
    """The rows with ``value`` chosen for ``name`` (an unknown value changes nothing)."""
    return [
        dataclasses.replace(r, chosen=value)
        if r.name == name and any(o.value == value for o in r.options)
        else r
        for r in rows
    ]


def choices(rows: Iterable[ReviewRow]) -> dict[str, str]:
    return {r.name: r.chosen for r in rows}


def report_lines(counts: Mapping[str, int], language: str = "en") -> list[ReportLine]:
    lines = (
        ("workouts_read", tr(language, "Workouts in the file")),
        ("workouts_imported", tr(language, "Imported as new workouts")),
        ("workouts_already_present", tr(language, "Skipped: already imported before")),
        ("sets_imported", tr(language, "Sets imported")),
        ("exercises_matched", tr(language, "Exercise names matched to ours")),
        ("exercises_mapped", tr(language, "Exercise names matched by your choice")),
    )
    return [
        ReportLine(label, str(counts[key]), f"strength-report-{key.replace('_', '-')}")
        for key, label in lines
        if key in counts
    ]
