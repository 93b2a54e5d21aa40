"""The export zip: the JSON document and one CSV per kind of record."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from app.session.export_csv import export_zip

DOCUMENT = {
    "format": "fitledger-export/1",
    "services": {
        "nutrition": {
            "export": {
                "diary": [
                    {
                        "date": "2026-11-30",
                        "meals": [
                            {
                                "meal_type": "breakfast",
                                "items": [
                                    {
                                        "name": "Porridge, with a comma",
                                        "quantity": 1,
                                        "grams": 250.0,
                                        "nutrients": {
                                            "energy_kcal": 321.0,
                                            "protein_g": 10.5,
                                            "micronutrients": {"iron_mg": 1.2},
                                        },
                                    }
                                ],
                            }
                        ],
                    }
                ],
                "water": {
                    "goal_ml": 2400,
                    "drinks": [
                        {
                            "id": "d1",
                            "date": "2026-11-30",
                            "amount_ml": 500,
                            "logged_at": "2026-11-30T08:10:00Z",
                        },
                    ],
                },
                "fasts": [
                    {
                        "id": "f1",
                        "protocol": "16:8",
                        "target_hours": 16,
                        "started_at": "2026-11-29T20:00:00Z",
                        "ended_at": "2026-11-30T12:30:00Z",
                    },
                ],
            }
        },
        "users": {
            "weights": {"entries": [{"date": "2026-11-30", "weight_kg": 72.5, "trend_kg": 72.6}]}
        },
        "workouts": {
            "workouts": {
                "items": [
                    {
                        "id": "w1",
                        "local_date": "2024-04-30",
                        "name": "Running (Apple Health)",
                        "status": "completed",
                        "source": "apple_health",
                        "merged": [{"source": "google_fit"}],
                        "result": {"duration_s": 2107, "calories_kcal": 301.2},
                        "exercises": [
                            {
                                "name": "Running",
                                "sets": [
                                    {"kind": "cardio", "duration_s": 2107, "distance_m": 5213}
                                ],
                            }
                        ],
                    }
                ]
            }
        },
        "notifications": {"feed": {"items": [{"type": "workout_completed", "title": "Well done"}]}},
    },
    "incomplete": [],
}


def read(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode())))


def test_the_zip_holds_the_json_and_a_csv_per_kind() -> None:
    archive = zipfile.ZipFile(io.BytesIO(export_zip(DOCUMENT, "fitledger-export-2026-12-01.json")))
    assert sorted(archive.namelist()) == [
        "diary.csv",
        "fasts.csv",
        "fitledger-export-2026-12-01.json",
        "notifications.csv",
        "sets.csv",
        "water.csv",
        "weights.csv",
        "workouts.csv",
    ]
    assert read(archive, "water.csv") == [
        {"date": "2026-11-30", "amount_ml": "500", "logged_at": "2026-11-30T08:10:00Z"}
    ]
    [fast] = read(archive, "fasts.csv")
    assert (fast["protocol"], fast["target_hours"], fast["ended_at"]) == (
        "16:8",
        "16",
        "2026-11-30T12:30:00Z",
    )
    assert json.loads(archive.read("fitledger-export-2026-12-01.json")) == DOCUMENT
    [item] = read(archive, "diary.csv")
    assert (item["date"], item["food"], item["energy_kcal"], item["protein_g"]) == (
        "2026-11-30",
        "Porridge, with a comma",
        "321.0",
        "10.5",
    )
    assert "micronutrients" not in item
    assert read(archive, "weights.csv") == [
        {"date": "2026-11-30", "weight_kg": "72.5", "trend_kg": "72.6"}
    ]
    [run] = read(archive, "workouts.csv")
    assert (run["source"], run["merged_from"], run["calories_kcal"]) == (
        "apple_health",
        "google_fit",
        "301.2",
    )
    [done] = read(archive, "sets.csv")
    assert (done["workout_id"], done["exercise"], done["set"], done["distance_m"]) == (
        "w1",
        "Running",
        "1",
        "5213",
    )
    assert read(archive, "notifications.csv")[0]["title"] == "Well done"


def test_an_empty_account_gives_headers_only() -> None:
    archive = zipfile.ZipFile(io.BytesIO(export_zip({"services": {}}, "x.json")))
    assert archive.read("diary.csv").decode().splitlines() == ["date,meal_type,food,quantity,grams"]
    assert read(archive, "workouts.csv") == []
