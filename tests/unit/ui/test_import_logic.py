"""The import page's logic: which export a file is, progress and report words, provenance."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from app.api.health_imports import ImportedWorkout, ImportJob, MergedSession
from app.state import import_logic as logic
from backend_services.workouts.import_retention import EXPIRED


def zip_of(*names: str) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    ("file_name", "members", "provider"),
    [
        ("export.xml", None, "apple-health"),
        (
            "export.zip",
            ("apple_health_export/export.xml", "apple_health_export/export_cda.xml"),
            "apple-health",
        ),
        ("export.zip", ("export.xml",), "apple-health"),
        (
            "takeout-2024.zip",
            ("Takeout/Fit/All Sessions/2024-04-30T07_01_03+02_00_RUNNING.json",),
            "google-fit",
        ),
        ("takeout.zip", ("Takeout/Fit/Activities/2024-04-30.tcx",), "google-fit"),
        (
            "fit.zip",
            ("2024-05-01T18_00_00+02_00_STRENGTH_TRAINING.json", "Daily activity metrics.csv"),
            "google-fit",
        ),
        ("photos.zip", ("IMG_0001.jpg",), None),
        ("notes.txt", None, None),
    ],
)
def test_the_provider_is_read_from_the_file(
    file_name: str, members: tuple[str, ...] | None, provider: str | None
) -> None:
    names = None if members is None else logic.zip_member_names(zip_of(*members))
    assert logic.provider_of(file_name, names) == provider


def test_a_file_that_is_not_a_zip_has_no_members_and_is_rewound() -> None:
    content = io.BytesIO(b"<HealthData/>")
    content.read(3)
    assert logic.zip_member_names(content) is None
    assert content.tell() == 0


def job(**fields: object) -> ImportJob:
    base: dict[str, object] = {
        "id": "j1",
        "provider": "apple-health",
        "file_name": "export.zip",
        "status": "running",
        "phase": "parsing",
        "fraction": 0.5,
        "report": {},
        "error": None,
    }
    return ImportJob(**{**base, **fields})  # type: ignore[arg-type]


def test_progress_runs_over_both_phases() -> None:
    assert (logic.progress_words(job()), logic.progress_percent(job())) == (
        "Reading the export… 50 %",
        40,
    )
    storing = job(phase="storing", fraction=0.25)
    assert (logic.progress_words(storing), logic.progress_percent(storing)) == (
        "Saving workouts… 25 %",
        85,
    )
    done = job(status="succeeded", phase="done", fraction=1.0)
    assert (logic.progress_words(done), logic.progress_percent(done)) == ("Done.", 100)
    assert logic.progress_words(job(status="queued", phase="queued")) == "Waiting to start…"


def test_the_report_says_what_happened_to_each_workout() -> None:
    lines = logic.report_lines(
        {
            "workouts_read": 3,
            "workouts_imported": 1,
            "workouts_merged": 2,
            "workouts_already_present": 0,
            "records_read": 12,
        }
    )
    assert [(line.id, line.count) for line in lines] == [
        ("report-records-read", "12"),
        ("report-workouts-read", "3"),
        ("report-workouts-imported", "1"),
        ("report-workouts-merged", "2"),
        ("report-workouts-already-present", "0"),
    ]
    assert lines[-1].label == "Skipped: already imported before"


def test_a_failed_job_says_nothing_was_imported() -> None:
    assert "Nothing was imported" in logic.failure_words("empty export")
    assert "empty export" in logic.failure_words("empty export")
    assert "server" in logic.failure_words("internal error (KeyError)")
    expired = EXPIRED  # the workouts service's words for a review nobody did
    assert logic.failure_words(expired).startswith("Nobody chose the exercises in time")
    assert logic.failure_words(expired, "ru").startswith("Упражнения не были выбраны вовремя")


def workout(**fields: object) -> ImportedWorkout:
    base: dict[str, object] = {
        "id": "w1",
        "name": "Running (Apple Health)",
        "source": "apple_health",
        "device": "Watch",
        "local_date": dt.date(2024, 4, 30),
        "started_at": None,
        "duration_s": 2107,
        "calories_kcal": 301.2,
        "calorie_source": "device",
        "distance_m": 5213.0,
        "merged": (),
    }
    return ImportedWorkout(**{**base, **fields})  # type: ignore[arg-type]


def test_a_merged_workout_names_both_sources_and_offers_each_merge_to_undo() -> None:
    google = MergedSession("google_fit", "google:run", None, 310.5, "device")
    merged = workout(merged=(google,))
    assert logic.provenance(merged) == "Apple Health + Google Fit"
    assert logic.provenance(workout()) == "Apple Health"
    row = logic.imported_row(merged, "imperial", "/workouts/w1")
    assert (row.merged, row.date, row.facts) == (
        True,
        "Tue 30 Apr 2024",
        "35 min · 3.2 mi · 301.2 kcal from the device",
    )
    assert logic.imported_row(merged, "metric", "").facts.split(" · ")[1] == "5.2 km"
    [undo] = logic.merge_rows([merged, workout(id="w2")])
    assert (undo.workout_id, undo.external_id, undo.label) == (
        "w1",
        "google:run",
        "Google Fit: 310.5 kcal from the device",
    )


def test_files_the_chooser_refuses_are_explained() -> None:
    too_big = [{"file": {"name": "export.zip"}, "errors": [{"code": "file-too-large"}]}]
    assert "larger than 512 MB" in logic.rejection_words(too_big)
    photo = [{"file": {"name": "a.jpg"}, "errors": [{"code": "file-invalid-type"}]}]
    assert logic.rejection_words(photo) == logic.not_an_export()
