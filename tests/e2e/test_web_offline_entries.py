"""The UI backend's offline routes (app/session/offline.py) through nginx, with a real
session cookie: what a phone's queued entries may and may not do. The browser side is in
test_web_pwa.py."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from browser import user_with_token

pytestmark = pytest.mark.e2e
SEND = "/session/offline/entries"
TODAY = datetime.now(UTC).date().isoformat()
# The stored entries go to another day: every refusal test checks TODAY stays empty.
STORED_DAY = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()


@pytest.fixture(scope="module")
def phone(ui_url: str) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """(the phone's session, the same user's API client)."""
    cookie, token = user_with_token(ui_url, "Queue")
    with (
        httpx.Client(
            base_url=ui_url,
            timeout=30,
            cookies={"fl_session": cookie},
            headers={"Origin": ui_url},
        ) as session,
        httpx.Client(
            base_url=ui_url, timeout=30, headers={"Authorization": f"Bearer {token}"}
        ) as api,
    ):
        yield session, api


def _owner(session: httpx.Client) -> str:
    day = session.get(f"/session/offline/diary/{TODAY}")
    assert day.status_code == 200, day.text
    return day.json()["owner"]


def _entry(owner: str, **changes: Any) -> dict[str, Any]:
    return {
        "key": uuid.uuid4().hex,
        "owner": owner,
        "date": TODAY,
        "meal_type": "snack",
        "quick_add": {"energy_kcal": 120, "name": "Queued yoghurt"},
        **changes,
    }


def _items(api: httpx.Client, day: str = TODAY) -> list[dict[str, Any]]:
    answer = api.get(f"/api/nutrition/diary/{day}")
    answer.raise_for_status()
    return [item for meal in answer.json()["meals"] for item in meal["items"]]


def _refused(answer: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert error["code"] == code and error["message"]
    assert "Traceback" not in answer.text
    return error


def test_an_entry_sent_twice_with_its_key_is_stored_once(
    phone: tuple[httpx.Client, httpx.Client],
) -> None:
    session, api = phone
    entry = _entry(_owner(session), date=STORED_DAY)
    first = session.post(SEND, json=entry)
    again = session.post(SEND, json=entry)
    assert (first.status_code, again.status_code) == (201, 201), again.text
    assert [i["name"] for i in _items(api, STORED_DAY)] == ["Queued yoghurt"]
    other = session.post(SEND, json=_entry(_owner(session), date=STORED_DAY))  # a new key
    assert other.status_code == 201
    assert [i["name"] for i in _items(api, STORED_DAY)] == ["Queued yoghurt"] * 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"quick_add": {"energy_kcal": -5}}, "quick_add.energy_kcal"),
        ({"quick_add": {"energy_kcal": 1e308}}, "quick_add.energy_kcal"),
        ({"quick_add": {"energy_kcal": 100, "user_id": "someone"}}, "quick_add.user_id"),
        ({"user_id": "someone"}, "user_id"),
        ({"key": "short"}, "key"),
        ({"meal_type": "brunch"}, "meal_type"),
        ({"date": "1999-12-31"}, "body"),
        ({"food": {"food_id": 1, "grams": 100}}, "body"),  # a quick add and a food
        ({"quick_add": None, "food": {"food_id": 1, "grams": 0}}, "food.grams"),
    ],
)
def test_bad_entries_are_refused_and_store_nothing(
    phone: tuple[httpx.Client, httpx.Client], change: dict[str, Any], field: str
) -> None:
    session, api = phone
    error = _refused(
        session.post(SEND, json=_entry(_owner(session), **change)), 422, "validation_error"
    )
    assert field in error["fields"] or any(k.startswith(field) for k in error["fields"]), error
    assert _items(api) == []


def test_an_entry_of_another_account_on_the_same_phone_is_kept_back(
    phone: tuple[httpx.Client, httpx.Client], ui_url: str
) -> None:
    session, api = phone
    other_cookie, _ = user_with_token(ui_url, "Other")
    with httpx.Client(base_url=ui_url, timeout=30, cookies={"fl_session": other_cookie}) as other:
        theirs = _owner(other)
    _refused(session.post(SEND, json=_entry(theirs)), 409, "other_account")
    assert _items(api) == []


def test_cross_site_signed_out_and_non_json_posts_are_refused(
    phone: tuple[httpx.Client, httpx.Client], ui_url: str
) -> None:
    session, api = phone
    entry = _entry(_owner(session))
    _refused(
        session.post(SEND, json=entry, headers={"Origin": "https://evil.example"}),
        403,
        "cross_site",
    )
    _refused(
        session.post(SEND, content=b"key=x", headers={"Content-Type": "text/plain"}),
        415,
        "unsupported_media_type",
    )
    _refused(
        session.post(SEND, content=b"{not json", headers={"Content-Type": "application/json"}),
        422,
        "validation_error",
    )
    with httpx.Client(base_url=ui_url, timeout=30, headers={"Origin": ui_url}) as stranger:
        _refused(stranger.post(SEND, json=entry), 401, "signed_out")
        _refused(stranger.get(f"/session/offline/diary/{TODAY}"), 401, "signed_out")
    _refused(session.get("/session/offline/diary/yesterday"), 422, "invalid_date")
    assert _items(api) == []
