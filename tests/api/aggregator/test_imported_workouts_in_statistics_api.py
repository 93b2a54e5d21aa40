"""Imported workouts are workouts to every consumer (issue 13, finding 4): an Apple Health
export uploaded through the gateway reaches the users statistics and the day and week
dashboards, as the workout list has them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from polling import wait_until

EXPORT = Path(__file__).resolve().parents[2] / "fixtures" / "apple_health" / "export.xml"
DAYS = ("2024-04-30", "2024-05-01", "2024-05-02")  # a run, a strength session, a ride


def import_export(client: httpx.Client, headers: dict[str, str]) -> None:
    job = client.post(
        "/api/workouts/imports/apple-health",
        files={"file": ("export.xml", EXPORT.read_bytes(), "application/xml")},
        headers=headers,
    )
    assert job.status_code == 202, job.text
    done = wait_until(
        lambda: (
            (state := client.get(f"/api/workouts/imports/{job.json()['id']}", headers=headers))
            .json()
            .get("status")
            in ("succeeded", "failed")
            and state.json()
        ),
        what="the import job to end",
    )
    assert done["status"] == "succeeded", done
    assert done["report"]["workouts_imported"] == 3


def kcal_per_day(client: httpx.Client, headers: dict[str, str]) -> dict[str, float]:
    """What the workout list says each day burned: the truth the statistics must show."""
    listed = client.get(
        "/api/workouts/workouts", params={"from": DAYS[0], "to": DAYS[-1]}, headers=headers
    ).json()["items"]
    assert [w["local_date"] for w in sorted(listed, key=lambda w: w["local_date"])] == list(DAYS)
    return {w["local_date"]: w["result"]["calories_kcal"] for w in listed}


def test_imported_workouts_count_in_the_statistics_and_the_dashboards(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    headers = {"Authorization": f"Bearer {make_token(user_id)}"}
    import_export(client, headers)
    burned = kcal_per_day(client, headers)
    assert all(kcal and kcal > 0 for kcal in burned.values()), burned  # the ride by MET

    def stats() -> list[dict[str, Any]] | None:
        days = client.get(
            "/api/users/me/stats", params={"from": DAYS[0], "to": DAYS[-1]}, headers=headers
        ).json()["days"]
        return days if all(d["workouts"] for d in days) else None

    days = wait_until(stats, what="the imported workouts in the statistics")
    assert [(d["workouts"], d["calories_out"]) for d in days] == [
        (1, pytest.approx(burned[day], abs=0.05)) for day in DAYS
    ]
    run = client.get(f"/api/dashboard/day/{DAYS[0]}", headers=headers).json()
    # no profile was set up, so only the targets are missing
    assert run["missing"] == ["targets"] and run["stale"] == []
    assert len(run["workouts"]["items"]) == 1
    assert run["stats"]["days"][0]["workouts"] == 1
    assert run["stats"]["days"][0]["calories_out"] == pytest.approx(burned[DAYS[0]], abs=0.05)
    week = client.get(f"/api/dashboard/week/{DAYS[0]}", headers=headers).json()
    assert week["missing"] == ["targets"]
    assert week["workouts"]["workouts"] == 3
    assert sum(d["workouts"] for d in week["stats"]["days"]) == 3
    assert week["stats"]["averages"]["calories_out"] == pytest.approx(
        sum(burned.values()) / 7, abs=0.1
    )
