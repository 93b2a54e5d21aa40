"""Food-diary imports through the gateway: upload a Cronometer export, review, import; the same
file again adds nothing; another user's import is invisible; bad files and bad decisions are
refused in the one error shape, changing nothing."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from reference_data import FIXTURES

pytestmark = pytest.mark.e2e
API = "/api/nutrition"
IMPORTS = f"{API}/imports/diary"
CRONOMETER = (FIXTURES / "diary_exports" / "cronometer_servings.csv").read_bytes()


def _headers(make_token: Callable[..., str], user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(user)}"}


def _upload(client: httpx.Client, headers: dict[str, str], data: bytes) -> httpx.Response:
    return client.post(IMPORTS, files={"file": ("servings.csv", data, "text/csv")}, headers=headers)


def _items(client: httpx.Client, headers: dict[str, str], day: str) -> list[dict[str, object]]:
    meals = client.get(f"{API}/diary/{day}", headers=headers).json()["meals"]
    return [item for meal in meals for item in meal["items"]]


def test_upload_review_import_and_the_same_file_again_adds_nothing(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    mine = _headers(make_token, user_id)
    other = _headers(make_token, user_id + "-other")
    uploaded = _upload(client, mine, CRONOMETER)
    assert uploaded.status_code == 201, uploaded.text
    job = uploaded.json()
    assert (job["status"], job["summary"]["matched"], job["summary"]["review"]) == ("review", 6, 2)
    review = {row["name"]: row for row in job["review"]}
    oats = review["Oats, Rolled, Dry"]
    assert oats["suggestions"][0]["name"].startswith("Cereals, oats")
    assert client.get(f"{IMPORTS}/{job['id']}", headers=mine).json()["summary"] == job["summary"]

    # another user can neither see nor import it
    assert client.get(f"{IMPORTS}/{job['id']}", headers=other).status_code == 404
    refused = client.post(f"{IMPORTS}/{job['id']}/import", json={}, headers=other)
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "not_found"

    # a decision for a row that is not in this import changes nothing
    bad = client.post(
        f"{IMPORTS}/{job['id']}/import",
        json={"decisions": [{"key": "cronometer:00ff", "action": "stated"}]},
        headers=mine,
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"] == {"decisions.0.key": "not a row of this import"}
    assert _items(client, mine, "2026-03-02") == []

    decisions = [
        {"key": oats["key"], "action": "food", "food_id": oats["suggestions"][0]["food_id"]},
        {"key": review["Grandma's Lentil Soup"]["key"], "action": "skip"},
    ]
    done = client.post(f"{IMPORTS}/{job['id']}/import", json={"decisions": decisions}, headers=mine)
    assert done.status_code == 200, done.text
    report = done.json()["report"]
    assert (report["imported"], report["skipped"], report["unmatched"], report["rejected"]) == (
        7,
        1,
        0,
        1,
    )
    assert len(_items(client, mine, "2026-03-02")) == 5
    assert _items(client, other, "2026-03-02") == []
    assert client.post(f"{IMPORTS}/{job['id']}/import", json={}, headers=mine).status_code == 409

    # the same file again: the imported rows are known; the skipped soup can still come in
    again = _upload(client, mine, CRONOMETER).json()
    assert again["summary"]["already_imported"] == 7
    assert [row["name"] for row in again["review"]] == ["Grandma's Lentil Soup"]
    second = client.post(f"{IMPORTS}/{again['id']}/import", json={}, headers=mine).json()
    assert (second["report"]["imported"], second["report"]["unmatched"]) == (0, 1)
    assert len(_items(client, mine, "2026-03-02")) == 5


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        (b"", 422, "empty_file"),
        (b"name,calories\nbanana,105\n", 422, "wrong_header"),
        (
            "Day,Group,Food Name,Amount,Energy (kcal)\n2026-03-02,Lunch,Crêpe,1,90\n".encode(
                "cp1252"
            ),
            422,
            "not_utf8",
        ),
        (b"Date,Meal,Calories\n" + b"2026-03-02,Lunch,400\n" * 95_000, 413, "payload_too_large"),
    ],
)
def test_bad_files_are_refused_with_their_reason(
    client: httpx.Client,
    make_token: Callable[..., str],
    user_id: str,
    data: bytes,
    status: int,
    code: str,
) -> None:
    answer = _upload(client, _headers(make_token, user_id), data)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"]["code"] == code
    assert answer.json()["error"]["message"]


def test_bad_requests_are_refused(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    mine = _headers(make_token, user_id)
    # a form value, not a file
    not_a_file = client.post(IMPORTS, files={"file": (None, b"Date,Meal,Calories")}, headers=mine)
    assert not_a_file.status_code == 422
    assert "file" in not_a_file.json()["error"]["fields"]
    as_json = client.post(IMPORTS, json={"file": "Date,Meal,Calories"}, headers=mine)
    assert as_json.status_code == 422
    assert client.get(f"{IMPORTS}/not-an-id", headers=mine).status_code == 422
    unknown = client.post(
        f"{IMPORTS}/00000000-0000-4000-8000-000000000000/import", json={}, headers=mine
    )
    assert unknown.status_code == 404
    extra = client.post(
        f"{IMPORTS}/00000000-0000-4000-8000-000000000000/import",
        json={"others": "stated", "everything": True},
        headers=mine,
    )
    assert extra.status_code == 422
    assert client.post(IMPORTS, files={"file": ("x.csv", CRONOMETER)}).status_code == 401
