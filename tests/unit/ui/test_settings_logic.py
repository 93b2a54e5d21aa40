"""The settings page's pure rules: devices in words, the preference grid, times, the export."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from app.api.users import CHANNELS, NOTIFICATION_TYPES
from app.session import export
from app.session.export import export_document, export_filename
from app.state.settings_logic import (
    device_words,
    is_time_zone,
    last_seen_words,
    opt_out_words,
    parse_reminder_times,
    parse_time,
    pref_key,
    preference_grid,
    time_zone_names,
    times_text,
)

CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
CHROME_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1"
)
EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70"
)
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Safari/605.1.15"
)
HEADLESS = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/131.0.0.0 Safari/537.36"
)


@pytest.mark.parametrize(
    ("agent", "words"),
    [
        (CHROME_ANDROID, "Chrome on Android"),
        (SAFARI_IPHONE, "Safari on iPhone"),
        (CHROME_IPHONE, "Chrome on iPhone"),
        (EDGE_WINDOWS, "Edge on Windows"),
        (FIREFOX_LINUX, "Firefox on Linux"),
        (SAFARI_MAC, "Safari on Mac"),
        (HEADLESS, "Headless Chrome on Linux"),
        ("curl/8.5.0", "A program (curl)"),
        ("python-httpx/0.28.1", "A program (python-httpx)"),
        ("", "Unknown device"),
        ("something odd", "Unknown device"),
    ],
)
def test_device_words_name_the_browser_and_system(agent: str, words: str) -> None:
    assert device_words(agent) == words


NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("ago", "words"),
    [
        (dt.timedelta(seconds=30), "just now"),
        (dt.timedelta(minutes=5), "5 minutes ago"),
        (dt.timedelta(hours=1), "1 hour ago"),
        (dt.timedelta(hours=3), "3 hours ago"),
        (dt.timedelta(hours=30), "yesterday"),
        (dt.timedelta(days=4), "4 days ago"),
        (dt.timedelta(days=28), "3 Nov 2026"),
    ],
)
def test_last_seen_in_words(ago: dt.timedelta, words: str) -> None:
    assert last_seen_words(NOW - ago, NOW) == words


def test_last_seen_treats_a_naive_time_as_utc() -> None:
    assert last_seen_words(dt.datetime(2026, 12, 1, 11, 55), NOW) == "5 minutes ago"


def test_preference_grid_has_every_switch_with_the_service_defaults() -> None:
    grid = preference_grid({})
    assert len(grid) == len(NOTIFICATION_TYPES) * len(CHANNELS)
    assert all(grid[pref_key(kind, "in_app")] for kind in NOTIFICATION_TYPES)
    assert not any(grid[pref_key(kind, "push")] for kind in NOTIFICATION_TYPES)
    assert grid["goal_progress.email"] and grid["announcement.email"]
    assert not grid["workout_completed.email"]


def test_preference_grid_keeps_the_users_choices() -> None:
    grid = preference_grid(
        {"workout_completed": {"email": True, "in_app": False}, "announcement": {"push": True}}
    )
    assert grid["workout_completed.email"] is True
    assert grid["workout_completed.in_app"] is False
    assert grid["workout_completed.push"] is False  # not given: the default
    assert grid["announcement.push"] is True


def test_preference_grid_ignores_unknown_types() -> None:
    assert "mystery.email" not in preference_grid({"mystery": {"email": True}})


def test_opt_out_words_are_truthful() -> None:
    assert opt_out_words([]) == ""
    assert "all FitLedger e-mails" in opt_out_words(["*"])
    assert opt_out_words(["goal_progress"]).endswith(": Goal progress.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7:30", dt.time(7, 30)), ("07.30", dt.time(7, 30)), ("23:59", dt.time(23, 59))],
)
def test_parse_time_accepts_what_people_write(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "7", "seven", "12:60", ""])
def test_parse_time_refuses_what_is_not_a_time(text: str) -> None:
    assert parse_time(text) is None


def test_reminder_times_are_sorted_and_deduplicated() -> None:
    times, problem = parse_reminder_times("19:00, 8:00; 13:00 08:00")
    assert problem == ""
    assert times_text(times) == "08:00, 13:00, 19:00"


def test_reminder_times_say_which_entry_is_wrong() -> None:
    times, problem = parse_reminder_times("08:00, lunch")
    assert times == ()
    assert "“lunch”" in problem


def test_reminder_times_empty_means_none_and_too_many_is_refused() -> None:
    assert parse_reminder_times("  ") == ((), "")
    many = ", ".join(f"{h:02d}:00" for h in range(9))
    assert parse_reminder_times(many)[1] == "At most 8 reminder times."


def test_time_zone_list_is_the_real_zones_without_legacy_aliases() -> None:
    names = time_zone_names()
    assert names[0] == "UTC"
    assert "Europe/Berlin" in names and "America/New_York" in names
    assert not any(n.startswith(("Etc/", "US/")) for n in names)
    assert all(is_time_zone(n) for n in names)
    assert not is_time_zone("Mars/Olympus_Mons")


def test_export_document_groups_parts_and_says_what_is_missing() -> None:
    now = dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)
    doc = export_document(
        {("nutrition", "export"): {"diary": []}, ("users", "profile"): {"timezone": "UTC"}},
        {("workouts", "workouts"): "FitLedger cannot reach its servers right now."},
        now,
    )
    assert doc["format"] == "fitledger-export/1"
    assert doc["exported_at"] == "2026-12-01T08:30:00+00:00"
    assert doc["services"]["nutrition"]["export"] == {"diary": []}
    assert doc["services"]["users"]["profile"]["timezone"] == "UTC"
    assert doc["incomplete"] == [
        {
            "service": "workouts",
            "part": "workouts",
            "problem": "FitLedger cannot reach its servers right now.",
        }
    ]
    assert export_filename(now) == "fitledger-export-2026-12-01.json"


class PagedWorkouts:
    """Stands in for the gateway: the workouts list, newest first, `limit` a page."""

    def __init__(self, days: list[str]):
        self.workouts = [{"id": str(i), "local_date": d} for i, d in enumerate(days)]
        self.calls = 0

    async def get(self, path: str, params: dict) -> dict:
        self.calls += 1
        to = params.get("to") or "9999-12-31"
        found = [w for w in self.workouts if w["local_date"] <= to]
        return {"items": found[: params["limit"]]}


def test_the_export_reads_every_workout_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "WORKOUTS_PAGE", 3)
    days = ["2026-11-30", "2026-11-29", "2026-11-29", "2026-11-20", "2026-11-10", "2026-11-01"]
    api = PagedWorkouts(days)
    body = asyncio.run(export._all_workouts(api, "/api/workouts/workouts", {"limit": 3}))
    assert [w["id"] for w in body["items"]] == ["0", "1", "2", "3", "4", "5"]


def test_the_export_says_when_a_day_has_more_workouts_than_a_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(export, "WORKOUTS_PAGE", 2)
    api = PagedWorkouts(["2026-11-30", "2026-11-29", "2026-11-29", "2026-11-29"])
    with pytest.raises(export.Truncated):
        asyncio.run(export._all_workouts(api, "/api/workouts/workouts", {"limit": 2}))
