"""Strong and Hevy imports through the gateway: upload -> review of unmatched names -> import
-> the same file again (in Strong's other, comma-separated layout) adds nothing; another user
can neither see nor answer the job; bad files get the error shape and start nothing (issue 17)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
import pytest
from polling import wait_until
from reference_data import FIXTURES

W = "/api/workouts"
LOGS = FIXTURES / "strength_logs"
STRONG = (LOGS / "strong_export.csv").read_bytes()
STRONG_COMMA = (LOGS / "strong_export_comma.csv").read_bytes()  # the same workouts
HEVY = (LOGS / "hevy_export.csv").read_bytes()


def _auth(make_token: Callable[..., str], user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(user)}"}


def _upload(
    client: httpx.Client, headers: dict, app: str, content: bytes, **form: str
) -> httpx.Response:
    return client.post(
        f"{W}/imports/{app}",
        files={"file": (f"{app}.csv", content, "text/csv")},
        data=form,
        headers=headers,
    )


def _wait(client: httpx.Client, headers: dict, job_id: str, *statuses: str) -> dict:
    def ended() -> dict | None:
        state = client.get(f"{W}/imports/{job_id}", headers=headers).json()
        return state if state["status"] in (*statuses, "failed") else None

    state = wait_until(ended, what=f"import job {job_id} in {statuses}")
    assert state["status"] in statuses, state
    return state


def test_upload_review_import_and_the_same_file_again(
    client: httpx.Client, make_token, user_id: str
) -> None:
    h, bob = _auth(make_token, user_id), _auth(make_token, f"b-{uuid.uuid4().hex[:8]}")
    started = _upload(client, h, "strong", STRONG, weight_unit="kg", utc_offset_minutes="60")
    assert started.status_code == 202, started.text
    job = started.json()
    assert (job["provider"], job["weight_unit"], "csv_zlib" in job) == ("strong", "kg", False)
    state = _wait(client, h, job["id"], "needs_review")
    [waiting] = state["report"]["unmatched"]
    assert waiting["name"] == "Zercher Lunge Hold" and waiting["suggestions"]
    assert client.get(f"{W}/workouts", headers=h).json()["items"] == []

    review = f"{W}/imports/{job['id']}/review"
    choice = {"name": "Zercher Lunge Hold", "exercise_id": waiting["suggestions"][0]["exercise_id"]}
    assert client.get(f"{W}/imports/{job['id']}", headers=bob).status_code == 404
    assert client.post(review, json={"choices": [choice]}, headers=bob).status_code == 404
    for bad in (
        {"choices": [{"name": "Plank", "exercise_id": "builtin:plank"}]},
        {"choices": [{"name": "Zercher Lunge Hold"}]},
        {"choices": [{**choice, "exercise_id": {"$ne": None}}]},
    ):
        refused = client.post(review, json=bad, headers=h)
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"]["code"] == "validation_error"
    assert client.get(f"{W}/imports/{job['id']}", headers=h).json()["status"] == "needs_review"

    answered = client.post(review, json={"choices": [choice]}, headers=h)
    assert answered.status_code == 202, answered.text
    report = _wait(client, h, job["id"], "succeeded")["report"]
    assert (report["workouts_imported"], report["sets_imported"]) == (2, 10)
    again = client.post(review, json={"choices": [choice]}, headers=h)
    assert again.status_code == 409 and again.json()["error"]["code"] == "import_not_in_review"
    listed = client.get(f"{W}/workouts", params={"from": "2024-05-01"}, headers=h).json()
    assert sorted((w["name"], w["source"]) for w in listed["items"]) == [
        ("Legs", "strong"),
        ("Push A", "strong"),
    ]
    assert client.get(f"{W}/workouts", headers=bob).json()["items"] == []

    # Strong's comma-separated, quoted variant of the same export: the same workouts
    second = _upload(client, h, "strong", STRONG_COMMA, weight_unit="kg", utc_offset_minutes="60")
    assert second.status_code == 202, second.text
    report = _wait(client, h, second.json()["id"], "succeeded")["report"]
    assert (report["workouts_imported"], report["workouts_already_present"]) == (0, 2)
    assert report["exercises_mapped"] == 1  # the review's answer, remembered
    listed = client.get(f"{W}/workouts", params={"from": "2024-05-01"}, headers=h).json()
    assert len(listed["items"]) == 2


def test_hevy_names_its_unmatched_exercises(client: httpx.Client, make_token, user_id) -> None:
    h = _auth(make_token, user_id)
    started = _upload(client, h, "hevy", HEVY)
    assert started.status_code == 202, started.text
    state = _wait(client, h, started.json()["id"], "needs_review")
    assert [u["name"] for u in state["report"]["unmatched"]] == ["Lateral Raise (Dumbbell)"]
    assert state["report"]["workouts_read"] == 2


@pytest.mark.parametrize(
    ("app", "content", "form", "status", "code"),
    [
        ("strong", HEVY, {"weight_unit": "kg"}, 422, "wrong_export"),
        ("hevy", STRONG, {}, 422, "wrong_export"),
        ("strong", b"Date,Meal,Calories\n2024-05-06,Lunch,600\n", {"weight_unit": "kg"}, 422,
         "wrong_export"),
        ("hevy", b"\xff\xfe\x00garbage", {}, 422, "wrong_export"),
        ("strong", b"", {"weight_unit": "kg"}, 400, "empty_file"),  # as the health imports
        ("strong", STRONG, {}, 422, "validation_error"),  # the unit is not optional
        ("strong", STRONG, {"weight_unit": "stone"}, 422, "validation_error"),
        ("hevy", HEVY, {"utc_offset_minutes": "100000"}, 422, "validation_error"),
        ("hevy", HEVY + b"x" * (16 * 1024 * 1024), {}, 413, "payload_too_large"),
    ],
)  # fmt: skip
def test_bad_files_get_the_error_shape_and_start_nothing(
    client: httpx.Client, make_token, user_id, app, content, form, status, code
) -> None:
    h = _auth(make_token, user_id)
    response = _upload(client, h, app, content, **form)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    assert client.get(f"{W}/workouts", headers=h).json()["items"] == []
