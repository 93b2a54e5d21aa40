"""Web Push on this device: the browser's reports read safely, the state in plain words."""

from __future__ import annotations

from app.state.push_device import read_report, status_words


def test_reports_are_json_objects_or_nothing() -> None:
    assert read_report('{"event": "probe", "support": "ok"}') == {"event": "probe", "support": "ok"}
    for line in ("", "not json", "[1, 2]", "null", '"text"'):
        assert read_report(line) == {}


def test_status_in_plain_words() -> None:
    assert status_words("unsupported", "", False).startswith(
        "This browser cannot receive push notifications."
    )
    assert status_words("ok", "denied", False).startswith("Notifications are blocked")
    assert status_words("ok", "granted", True) == "Push is on for this device."
    assert status_words("ok", "default", False) == "Push is off for this device."


def test_status_in_russian() -> None:
    assert (
        status_words("ok", "granted", True, "ru") == "Push-уведомления на этом устройстве включены."
    )
    assert status_words("unsupported", "", False, "ru").startswith("Этот браузер не получает")
