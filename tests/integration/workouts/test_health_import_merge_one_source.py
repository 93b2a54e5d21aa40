"""One session recorded twice in one export is one workout (issue 13, finding 1), and two
sessions of one activity on one day that do not overlap stay two."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from backend_services.workouts.importers.merge import separate
from backend_services.workouts.imports_api import run_import_job
from backend_services.workouts.reports import ReportService
from backend_services.workouts.repository import WorkoutsRepository
from backend_services.workouts.service import WorkoutService

EXPORT = Path(__file__).resolve().parents[2] / "fixtures" / "apple_health" / "export.xml"
WATCH_RUN = '<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="35.1'
# Strava wrote the same morning run to Health a minute later than the watch, with its own
# energy; then an evening run that is another session
STRAVA_RUN = (
    '<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="34.5" '
    'durationUnit="min" totalDistance="5.19" totalDistanceUnit="km" totalEnergyBurned="305.0" '
    'totalEnergyBurnedUnit="kcal" sourceName="Strava" sourceVersion="345" '
    'creationDate="2024-04-30 07:40:00 +0200" startDate="2024-04-30 07:02:00 +0200" '
    'endDate="2024-04-30 07:36:30 +0200"/>\n'
)
EVENING_RUN = (
    '<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="20" '
    'durationUnit="min" totalEnergyBurned="180.0" totalEnergyBurnedUnit="kcal" '
    'sourceName="Strava" sourceVersion="345" creationDate="2024-04-30 19:25:00 +0200" '
    'startDate="2024-04-30 19:00:00 +0200" endDate="2024-04-30 19:20:00 +0200"/>\n'
)


def export_with(tmp_path: Path, *workouts: str) -> Path:
    """The Apple Health fixture with more workouts before its watch run."""
    text = EXPORT.read_text(encoding="utf-8")
    assert text.count(WATCH_RUN) == 1
    at = text.index(WATCH_RUN)
    copy = tmp_path / "export.xml"
    copy.write_text(text[:at] + "".join(workouts) + text[at:], encoding="utf-8")
    return copy


def test_the_same_run_twice_in_one_export_is_one_workout_with_both_sources_and_can_be_split(
    service: WorkoutService, repo: WorkoutsRepository, reports: ReportService, tmp_path: Path
) -> None:
    repo.import_jobs.insert_many([{"_id": "a", "user_id": "u1"}, {"_id": "b", "user_id": "u1"}])
    report = run_import_job(
        repo, service, "a", "u1", "apple-health", export_with(tmp_path, STRAVA_RUN, EVENING_RUN)
    )
    assert (report["workouts_read"], report["workouts_imported"]) == (5, 4)
    assert report["workouts_merged"] == 1
    runs = list(
        repo.workouts.find({"user_id": "u1", "exercises.exercise_id": "builtin:running"}).sort(
            "started_at", 1
        )
    )
    morning, evening = runs  # the evening run does not overlap: a session of its own
    assert evening["result"]["calories_kcal"] == pytest.approx(180.0)
    assert evening.get("merged", []) == []
    # the first record read is kept and counted; the other is listed with its provenance
    assert morning["result"]["calories_kcal"] == pytest.approx(305.0)
    (copy,) = morning["merged"]
    assert (copy["source"], copy["device"]) == ("apple_health", "Anna\u2019s Apple Watch")
    assert copy["calories_kcal"] == pytest.approx(301.2)
    week = reports.summary("u1", date(2024, 4, 29), date(2024, 5, 5))["weeks"][0]
    assert week["workouts"] == 4
    # the merged copy's 301.2 kcal are not counted
    stored = [w["result"]["calories_kcal"] or 0.0 for w in repo.workouts.find({"user_id": "u1"})]
    assert week["calories_kcal"] == pytest.approx(sum(stored))
    assert 301.2 not in stored
    # the same export again: nothing new, nothing merged twice
    again = run_import_job(
        repo, service, "b", "u1", "apple-health", export_with(tmp_path, STRAVA_RUN, EVENING_RUN)
    )
    assert (again["workouts_imported"], again["workouts_merged"]) == (0, 0)
    assert again["workouts_already_present"] == 5
    # undone: the watch's record is a workout of its own, counted from then on
    split = separate(repo, "u1", morning["_id"], copy["external_id"], service.clock())
    assert split["result"]["calories_kcal"] == pytest.approx(301.2)
    assert repo.workouts.count_documents({"user_id": "u1"}) == 5
    assert reports.summary("u1", date(2024, 4, 29), date(2024, 5, 5))["weeks"][0]["workouts"] == 5
