"""The import page's pure logic: which export a file is, the job's progress and report in
words, imported workouts with their provenance ("Apple Health + Google Fit")."""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Iterable, Mapping
from typing import IO

from app.api.health_imports import ImportedWorkout, ImportJob
from app.i18n import tr
from app.i18n.formats import fmt_date
from app.state.workout_logic import distance_text, duration_text, number_text, unit_word

SOURCE_LABELS = {
    "apple_health": "Apple Health",
    "google_fit": "Google Fit",
    "strong": "Strong",
    "hevy": "Hevy",
}
PROVIDER_LABELS = {"apple-health": "Apple Health", "google-fit": "Google Fit"}


def not_an_export(language: str = "en") -> str:
    return tr(
        language,
        "This file is not a health export FitLedger can read. Upload Apple Health's export.zip "
        "(or the export.xml inside it) or a Google Fit Takeout zip.",
    )


# The gateway's and the importer's upload limit (GATEWAY_UPLOAD_MAX_BODY, import_max_bytes).
MAX_UPLOAD_BYTES = 512 * 1024 * 1024


def rejection_words(rejections: list[dict], language: str = "en") -> str:
    """Why the file chooser refused a file (react-dropzone's error codes), in plain words."""
    codes = {str(e.get("code")) for r in rejections for e in (r.get("errors") or [])}
    if "file-too-large" in codes:
        limit = MAX_UPLOAD_BYTES // (1024 * 1024)
        return tr(
            language,
            "This file is larger than {limit} MB, the most FitLedger imports at once.",
            limit=limit,
        )
    if "too-many-files" in codes:
        return tr(language, "Choose one export file.")
    return not_an_export(language)


def source_label(source: str, language: str = "en") -> str:
    if source in ("manual", "program"):
        return tr(language, "Logged in FitLedger")
    return SOURCE_LABELS.get(source, source.replace("_", " ").title())


def provider_of(file_name: str, zip_names: Iterable[str] | None) -> str | None:
    """Which importer reads this file: "apple-health", "google-fit", or None.

    An .xml is Apple's export.xml; in a zip Apple's has an `export.xml`, a Takeout has a
    `Fit/` folder (or, zipped at top level, sessions JSON / activities TCX / daily CSV).
    """
    name = file_name.lower()
    if name.endswith(".xml"):
        return "apple-health"
    if zip_names is None:
        return None
    names = [n.replace("\\", "/").lower() for n in zip_names]
    if any(n == "export.xml" or n.endswith("/export.xml") for n in names):
        return "apple-health"
    google = ("fit/", "all sessions/", "activities/", "daily activity metrics")
    if any(part in n for n in names for part in google) or any(
        n.endswith((".tcx", ".json")) for n in names
    ):
        return "google-fit"
    return None


def zip_member_names(content: IO[bytes]) -> list[str] | None:
    """The names inside a zip (read from its directory, not unpacked); None if not a zip."""
    try:
        with zipfile.ZipFile(content) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        content.seek(0)


def status_words(status: str, language: str = "en") -> str | None:
    """A job that has not started or has ended, in words (any import's job); else None."""
    if status == "queued":
        return tr(language, "Waiting to start…")
    if status == "failed":
        return tr(language, "The import stopped.")
    if status == "succeeded":
        return tr(language, "Done.")
    return None


def progress_words(job: ImportJob, language: str = "en") -> str:
    if (words := status_words(job.status, language)) is not None:
        return words
    share = f" {round(job.fraction * 100)} %"
    if job.phase == "storing":
        return tr(language, "Saving workouts…") + share
    return tr(language, "Reading the export…") + share


def progress_percent(job: ImportJob) -> int:
    """One bar over both phases: reading is the first 80 %, saving the rest."""
    if job.status == "succeeded":
        return 100
    if job.phase == "storing":
        return 80 + round(job.fraction * 20)
    if job.phase == "parsing":
        return round(job.fraction * 80)
    return 0


@dataclasses.dataclass
class ReportLine:
    label: str
    count: str
    id: str


def report_lines(report: Mapping[str, int], language: str = "en") -> list[ReportLine]:
    """The job's counts in plain words (skips say why: already there)."""
    lines = (
        ("records_read", tr(language, "Health records read (steps, energy, weight)")),
        ("workouts_read", tr(language, "Workouts in the file")),
        ("workouts_imported", tr(language, "Imported as new workouts")),
        (
            "workouts_merged",
            tr(language, "Merged into a workout you already had (same session)"),
        ),
        ("workouts_already_present", tr(language, "Skipped: already imported before")),
        ("days_with_metrics", tr(language, "Days of steps and active energy")),
        ("body_mass_readings", tr(language, "Weigh-ins")),
    )
    return [
        ReportLine(label, str(report.get(key, 0)), f"report-{key.replace('_', '-')}")
        for key, label in lines
        if key in report
    ]


def failure_words(error: str | None, language: str = "en") -> str:
    """Why a job failed; the importer's reason stays in its own (English) words."""
    reason = (error or "").strip() or tr(language, "unknown reason")
    if reason.startswith("review expired"):  # workouts/import_retention.py
        return tr(
            language,
            "Nobody chose the exercises in time, so the uploaded file was deleted. Nothing was "
            "imported: upload the file again (the choices already made are remembered).",
        )
    if reason.startswith("internal error"):
        return tr(
            language,
            "Something went wrong on the server while importing. Nothing was saved; try again.",
        )
    return tr(
        language,
        "FitLedger could not read this export ({reason}). Nothing was imported.",
        reason=reason,
    )


def provenance(workout: ImportedWorkout, language: str = "en") -> str:
    """Where a workout's record(s) came from: "Apple Health + Google Fit"."""
    labels = [source_label(workout.source, language)]
    for other in workout.merged:
        label = source_label(other.source, language)
        if label not in labels:
            labels.append(label)
    return " + ".join(labels)


@dataclasses.dataclass
class ImportedRow:
    id: str
    name: str
    date: str
    facts: str
    provenance: str
    merged: bool
    href: str


@dataclasses.dataclass
class MergeRow:
    """One merged record a user can split off again."""

    workout_id: str
    external_id: str
    label: str  # "Google Fit: 310.5 kcal (device)"


def kcal_words(kcal: float | None, source: str, language: str = "en") -> str:
    if kcal is None:
        return tr(language, "no calories")
    amount = f"{number_text(round(kcal, 1), language)} {unit_word('kcal', language)}"
    if source == "device":
        return tr(language, "{kcal} from the device", kcal=amount)
    return tr(language, "{kcal} estimated from MET", kcal=amount)


def imported_row(
    workout: ImportedWorkout, units: str, href: str, language: str = "en"
) -> ImportedRow:
    facts = [duration_text(workout.duration_s, language)] if workout.duration_s else []
    if workout.distance_m:
        facts.append(distance_text(workout.distance_m, units, language))
    facts.append(kcal_words(workout.calories_kcal, workout.calorie_source, language))
    return ImportedRow(
        id=workout.id,
        name=workout.name,
        date=fmt_date(language, workout.local_date, "day_year") if workout.local_date else "",
        facts=" · ".join(facts),
        provenance=provenance(workout, language),
        merged=bool(workout.merged),
        href=href,
    )


def merge_rows(workouts: Iterable[ImportedWorkout], language: str = "en") -> list[MergeRow]:
    return [
        MergeRow(
            workout_id=w.id,
            external_id=m.external_id,
            label=f"{source_label(m.source, language)}: "
            f"{kcal_words(m.calories_kcal, m.calorie_source, language)}",
        )
        for w in workouts
        for m in w.merged
    ]
