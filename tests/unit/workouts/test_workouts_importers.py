"""Apple Health and Google Fit parsers on realistic fixture files (no database)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from backend_services.workouts.importers.apple_health import parse_apple_health
from backend_services.workouts.importers.google_fit import parse_google_fit
from backend_services.workouts.importers.health_common import HealthImportError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
APPLE = FIXTURES / "apple_health"
GOOGLE = FIXTURES / "google_fit"


def test_apple_health_xml() -> None:
    data = parse_apple_health(APPLE / "export.xml")
    assert data.steps == {"2024-04-29": 3514, "2024-04-30": 5120}
    assert data.active_energy_kcal["2024-04-30"] == pytest.approx(301.2)
    assert data.body_mass == {"2024-04-29": 64.2}
    run, strength, ride = data.workouts
    assert run.exercise_id == "builtin:running"
    assert run.distance_m == pytest.approx(5213)
    assert run.duration_s == pytest.approx(2107, abs=1)
    assert run.utc_offset_minutes == 120
    assert strength.energy_kcal == pytest.approx(212.7)  # from WorkoutStatistics (iOS 16+)
    assert strength.exercise_id == "builtin:strength-training"
    assert ride.distance_m == pytest.approx(24500)
    assert ride.duration_s == 3600


def test_apple_health_zip(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(APPLE / "export.xml", "apple_health_export/export.xml")
    progress: list[tuple[int, int]] = []
    data = parse_apple_health(archive, lambda done, total: progress.append((done, total)))
    assert len(data.workouts) == 3
    assert progress


def test_truncated_apple_export_is_an_error() -> None:
    with pytest.raises(HealthImportError, match="not valid XML"):
        parse_apple_health(APPLE / "truncated_export.xml")


def test_apple_export_with_entity_expansion_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "export.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE HealthData [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><HealthData>&b;</HealthData>'
    )
    with pytest.raises(HealthImportError):
        parse_apple_health(bomb)


def test_not_an_apple_export(tmp_path: Path) -> None:
    other = tmp_path / "export.xml"
    other.write_text("<gpx><trk/></gpx>")
    with pytest.raises(HealthImportError, match="HealthData"):
        parse_apple_health(other)


def test_google_fit_takeout_zip(tmp_path: Path) -> None:
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in GOOGLE.iterdir():
            folder = "Daily activity metrics" if f.suffix == ".csv" else "All Sessions"
            z.write(f, f"Takeout/Fit/{folder}/{f.name}")
    data = parse_google_fit(archive)
    assert data.steps == {"2024-04-29": 6840, "2024-04-30": 11021, "2024-05-01": 2210}
    running = next(w for w in data.workouts if w.activity == "running")
    assert running.energy_kcal == pytest.approx(310.52)
    assert running.distance_m == pytest.approx(5210.4)
    assert running.duration_s == 2107
    # generic strength training is the Compendium's resistance-training session, not a lift
    assert {w.exercise_id for w in data.workouts} == {
        "builtin:running",
        "builtin:strength-training",
    }


TCX = """<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities>
    <Activity Sport="{sport}">
      <Id>{start}</Id>
      <Lap StartTime="{start}">
        <TotalTimeSeconds>1200.0</TotalTimeSeconds><DistanceMeters>3000.0</DistanceMeters>
        <Calories>180</Calories>
      </Lap>
      <Lap StartTime="{start}">
        <TotalTimeSeconds>907.0</TotalTimeSeconds><DistanceMeters>2210.4</DistanceMeters>
        <Calories>130</Calories>
      </Lap>
    </Activity>
  </Activities>
</TrainingCenterDatabase>
"""


@pytest.mark.parametrize("prefix", ["", "Fit/", "Takeout/Fit/"])
def test_google_fit_takeout_layouts_wherever_they_sit_in_the_zip(
    tmp_path: Path, prefix: str
) -> None:
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in GOOGLE.iterdir():
            folder = "Daily activity metrics/" if f.suffix == ".csv" else "All Sessions/"
            z.write(f, f"{prefix}{folder}{f.name}" if prefix else f.name)
        # a ride only Activities/ has, and the run again as an activity (the same session)
        z.writestr(
            f"{prefix}Activities/2024-05-02T10_00_00Z_Biking.tcx",
            TCX.format(sport="Biking", start="2024-05-02T10:00:00.000Z"),
        )
        z.writestr(
            f"{prefix}Activities/2024-04-30T05_01_03Z_Running.tcx",
            TCX.format(sport="Running", start="2024-04-30T05:01:03.500Z"),
        )
        z.writestr(f"{prefix}All Data/derived_com.google.step_count.delta.json", '{"Data": []}')
    data = parse_google_fit(archive)
    assert data.steps["2024-04-30"] == 11021
    assert sorted(w.exercise_id for w in data.workouts) == [
        "builtin:cycling",
        "builtin:running",
        "builtin:strength-training",
    ]
    ride = next(w for w in data.workouts if w.exercise_id == "builtin:cycling")
    assert ride.duration_s == 2107 and ride.distance_m == pytest.approx(5210.4)
    assert ride.energy_kcal == 310
    running = next(w for w in data.workouts if w.exercise_id == "builtin:running")
    assert running.energy_kcal == pytest.approx(310.52)  # the session JSON, read once


def test_a_single_tcx_file_and_a_broken_one(tmp_path: Path) -> None:
    one = tmp_path / "activity.tcx"
    one.write_text(TCX.format(sport="Running", start="2024-04-30T05:01:03Z"))
    (run,) = parse_google_fit(one).workouts
    assert run.exercise_id == "builtin:running" and run.duration_s == 2107
    broken = tmp_path / "broken.tcx"
    broken.write_text("<TrainingCenterDatabase><Activities>")
    with pytest.raises(HealthImportError, match="TCX"):
        parse_google_fit(broken)


def test_google_fit_daily_weight_is_the_days_body_mass(tmp_path: Path) -> None:
    daily = tmp_path / "Daily activity metrics.csv"
    daily.write_text(
        "Date,Step count,Average weight (kg),Max weight (kg),Min weight (kg)\n"
        "2024-04-29,6840,64.237,64.5,64.0\n"
        "2024-04-30,11021,,,\n"
    )
    data = parse_google_fit(daily)
    assert data.body_mass == {"2024-04-29": 64.24}
    assert data.steps == {"2024-04-29": 6840, "2024-04-30": 11021}
    daily.write_text("Date,Step count,Average weight (kg)\n2024-04-29,6840,heavy\n")
    with pytest.raises(HealthImportError, match="bad weight"):
        parse_google_fit(daily)


def test_google_fit_bad_csv(tmp_path: Path) -> None:
    bad = tmp_path / "Daily activity metrics.csv"
    bad.write_text("Date,Step count\n2024-04-29,-5\n")
    with pytest.raises(HealthImportError, match="impossible"):
        parse_google_fit(bad)
