"""Reading an uploaded FitLedger export and splitting it into the services' import requests,
and the settings page's words for what was imported (pure: no servers)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from app.api.errors import ApiError
from app.api.gateway import Authorized, Gateway
from app.session.account_import import MAX_FILE_BYTES, import_requests, read_document, run_import
from app.session.export_csv import export_zip
from app.state.import_report import decode_report, report_lines

DOCUMENT = {
    "format": "fitledger-export/1",
    "exported_at": "2026-12-01T10:00:00+00:00",
    "services": {
        "auth": {"account": {"id": "old"}, "sessions": []},
        "users": {"profile": {"units": "imperial"}, "weights": {"entries": []}},
        "nutrition": {"export": {"format": "fitledger-export/1", "diary": [], "foods": []}},
        "workouts": {
            "workouts": {"items": [{"id": "w1"}]},
            "library": {"exercises": [{"id": "custom:1"}], "programs": []},
        },
        "notifications": {
            "settings": {"meal_reminder_times": ["08:00"], "timezone": "UTC", "units": "metric"},
            "feed": {"items": []},
        },
    },
    "incomplete": [],
}


def test_the_json_file_and_the_zip_read_the_same() -> None:
    raw = json.dumps(DOCUMENT).encode()
    assert read_document(raw) == DOCUMENT
    assert read_document(export_zip(DOCUMENT, "fitledger-export-2026-12-01.json")) == DOCUMENT


@pytest.mark.parametrize(
    ("data", "status", "problem"),
    [
        (b"{not json", 422, "not JSON"),
        (json.dumps({"format": "fitledger-export/1"}).encode(), 422, "no services"),
        (json.dumps({**DOCUMENT, "format": "fitledger-export/2"}).encode(), 422, "format"),
        (json.dumps({"HealthData": {"Record": []}}).encode(), 422, "no services"),
        (b"PK\x03\x04 broken", 422, "not a zip"),
        (b" " * (MAX_FILE_BYTES + 1), 413, None),
    ],
)
def test_what_is_not_an_export_of_this_version_is_refused(
    data: bytes, status: int, problem: str | None
) -> None:
    with pytest.raises(ApiError) as refused:
        read_document(data)
    assert refused.value.status == status
    if problem:
        assert problem in refused.value.fields["file"]


def test_each_service_gets_its_part_and_the_account_and_feed_stay_behind() -> None:
    calls = {kind: (method, path, body) for kind, method, path, body in import_requests(DOCUMENT)}
    assert list(calls) == ["users", "nutrition", "workouts", "notifications"]
    assert calls["users"] == (
        "POST",
        "/api/users/import",
        {
            "format": "fitledger-export/1",
            "profile": {"units": "imperial"},
            "weights": {"entries": []},
        },
    )
    assert calls["nutrition"][1:] == (
        "/api/nutrition/import",
        {"format": "fitledger-export/1", "diary": [], "foods": []},
    )
    assert calls["workouts"][2] == {
        "format": "fitledger-export/1",
        "workouts": [{"id": "w1"}],
        "programs": [],
        "exercises": [{"id": "custom:1"}],
    }
    # only the reminders: time zone, language and units follow the imported profile
    assert calls["notifications"] == (
        "PUT",
        "/api/notifications/settings",
        {"meal_reminder_times": ["08:00"]},
    )
    assert import_requests({**DOCUMENT, "services": {}}) == []


def test_the_report_says_per_kind_what_was_added_or_why_not() -> None:
    report = {
        "users": {"profile": 1, "weights": 3},
        "nutrition": {"foods": 0, "recipes": 0, "meals": 0, "items": 0},
        "workouts": {"error": "The file names exercises this FitLedger does not have."},
        "notifications": {"settings": 1},
    }
    assert report_lines(report, "en") == [
        "Profile, targets and weight log: settings, 3 weigh-ins",
        "Diary, foods and recipes: nothing new",
        "Workouts and programs: not imported (The file names exercises this FitLedger does "
        "not have.)",
        "Reminders: settings",
    ]
    russian = report_lines({"nutrition": {"meals": 2, "items": 5}}, "ru")
    assert russian == ["Дневник, продукты и рецепты: 2 приёма пищи, 5 записей дневника"]
    assert decode_report(json.dumps(report)) == report
    assert decode_report("not json") == decode_report(None) == {}


class _Services(Authorized):
    """The gateway as the services would answer: counts, or a refusal for one kind."""

    def __init__(self, refused: str) -> None:
        super().__init__(Gateway("http://gateway.invalid"), _NoTokens())
        self.refused = refused
        self.sent: list[str] = []

    async def call(self, method: str, path: str, **kwargs: Any) -> Any:
        self.sent.append(path)
        if self.refused in path:
            raise ApiError(422, "invalid_input", "Unknown exercise.", {"exercises": "x"})
        return {"meals": 2, "items": 3} if "nutrition" in path else {"profile": 1, "weights": 0}


class _NoTokens:
    async def access_token(self) -> str:
        return "token"

    async def renewed_access_token(self, rejected: str) -> str:
        return "token"


def test_a_refused_part_is_reported_and_the_others_still_go() -> None:
    services = _Services(refused="workouts")
    report = asyncio.run(run_import(services, DOCUMENT))
    assert services.sent == [
        "/api/users/import",
        "/api/nutrition/import",
        "/api/workouts/import",
        "/api/notifications/settings",
    ]
    assert report["nutrition"] == {"meals": 2, "items": 3}
    assert report["workouts"] == {"error": "Unknown exercise.", "fields": {"exercises": "x"}}
    assert report["notifications"] == {"settings": 1}
