"""Settings in the browser, through nginx: preferences, devices, the export and deletion."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import httpx
import pytest
from browser import (
    PASSWORD,
    fresh_page,
    register_in_browser,
    screenshot,
    signed_out,
    still_signed_in,
    two_devices,
)
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def open_settings(page: Page, ui_url: str) -> None:
    page.goto(f"{ui_url}/settings")
    expect(page.locator("#pref-grid")).to_be_visible()
    expect(page.locator(".session-row").first).to_be_visible()


def _log_quick_add(ui_url: str, email: str, name: str) -> None:
    """A diary entry through the public API, as another client of the same account would."""
    with httpx.Client(base_url=ui_url, timeout=20) as http:
        login = http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        assert login.status_code == 200, login.text
        token = login.json()["access_token"]
        meal = http.post(
            "/api/nutrition/meals",
            json={
                "date": dt.date.today().isoformat(),
                "meal_type": "breakfast",
                "items": [{"quick_add": {"name": name, "energy_kcal": 321}}],
            },
            headers={"Authorization": f"Bearer {token}"},
        )
        assert meal.status_code == 201, meal.text


def test_a_preference_switch_is_saved(page: Page, ui_url: str) -> None:
    register_in_browser(page, ui_url, name="Pia")
    open_settings(page, ui_url)
    switch = page.locator("#pref-workout_completed-email")
    expect(switch).to_have_attribute("aria-checked", "false")
    switch.click()
    expect(page.locator("#prefs-notice")).to_have_text("Saved.")
    page.reload()
    expect(page.locator("#pref-workout_completed-email")).to_have_attribute("aria-checked", "true")
    expect(page.locator("#email-subscribed")).to_be_visible()
    screenshot(page, "settings-desktop")


def test_time_zone_quiet_hours_and_reminders_are_saved(page: Page, ui_url: str) -> None:
    register_in_browser(page, ui_url, name="Ola")
    open_settings(page, ui_url)
    page.get_by_label("Time zone").fill("Mars/Base")
    page.locator("#timezone-save").click()
    expect(page.locator("#timezone-error")).to_contain_text("Choose a time zone")
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.locator("#timezone-save").click()
    expect(page.locator("#timezone-notice")).to_contain_text("Europe/Berlin")
    page.locator("#quiet-on").click()
    page.locator("#quiet-start").fill("22:30")
    page.locator("#quiet-end").fill("06:45")
    page.locator("#quiet-save").click()
    expect(page.locator("#quiet-notice")).to_contain_text("22:30 to 06:45")
    page.get_by_label("Meal reminder times").fill("08:00, lunch")
    page.locator("#reminders-save").click()
    expect(page.locator("#meal-times-error")).to_contain_text("“lunch”")
    page.get_by_label("Meal reminder times").fill("19:00, 8:00")
    page.locator("#reminders-save").click()
    expect(page.locator("#reminders-notice")).to_have_text("Saved.")
    page.reload()
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    expect(page.locator("#quiet-start")).to_have_value("22:30")
    expect(page.get_by_label("Meal reminder times")).to_have_value("08:00, 19:00")


def test_wrong_current_password_is_shown_next_to_the_field(page: Page, ui_url: str) -> None:
    register_in_browser(page, ui_url, name="Quin")
    open_settings(page, ui_url)
    page.get_by_label("Current password").fill("not my password")
    page.get_by_label("New password").fill("another sturdy passphrase")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#current-password-error")).to_be_visible()


def test_a_new_password_signs_out_the_other_devices_only(browser: Browser, ui_url: str) -> None:
    with two_devices(browser, ui_url, name="Vic") as (first, second):
        open_settings(first, ui_url)
        first.get_by_label("Current password").fill(PASSWORD)
        first.get_by_label("New password").fill("a brand new sturdy passphrase")
        first.get_by_role("button", name="Change password").click()
        expect(first.locator("#password-notice")).to_contain_text("other devices were signed out")
        expect(first.locator(".session-row")).to_have_count(1)
        signed_out(second, ui_url)
        still_signed_in(first, ui_url)


def test_revoking_another_session_signs_that_device_out(browser: Browser, ui_url: str) -> None:
    with two_devices(browser, ui_url, name="Rae") as (first, second):
        open_settings(first, ui_url)
        rows = first.locator(".session-row")
        expect(rows).to_have_count(2)
        expect(first.locator('.session-row[data-current="1"]')).to_contain_text("This device")
        first.locator(".revoke-session").first.click()
        expect(first.locator("#sessions-notice")).to_contain_text("Signed out")
        expect(rows).to_have_count(1)
        signed_out(second, ui_url)
        # The device that revoked it stays signed in.
        still_signed_in(first, ui_url)


def test_export_downloads_one_file_with_the_diary(page: Page, ui_url: str) -> None:
    email = register_in_browser(page, ui_url, name="Sol")
    _log_quick_add(ui_url, email, "Export porridge")
    open_settings(page, ui_url)
    with page.expect_download() as download_info:
        page.locator("#export-link").click()
    download = download_info.value
    assert re.fullmatch(r"fitledger-export-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    document = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert document["incomplete"] == []
    assert document["services"]["auth"]["account"]["email"] == email
    assert "Export porridge" in json.dumps(document["services"]["nutrition"]["export"]["diary"])
    assert "items" in document["services"]["workouts"]["workouts"]


def test_delete_account_signs_out_and_the_account_is_gone(page: Page, ui_url: str) -> None:
    email = register_in_browser(page, ui_url, name="Tam")
    open_settings(page, ui_url)
    page.locator("#delete-account-open").click()
    page.get_by_label("Your password").fill("not the password")
    page.locator("#delete-account-confirm").click()
    page.wait_for_url(re.compile(r"/settings"))
    expect(page.locator("#delete-error")).to_contain_text("not deleted")
    page.locator("#delete-account-open").click()
    page.get_by_label("Your password").fill(PASSWORD)
    screenshot(page, "settings-delete-dialog-desktop")
    page.locator("#delete-account-confirm").click()
    page.wait_for_url(re.compile(r"/welcome/?\?account_deleted=1"))
    expect(page.locator("#account-deleted")).to_be_visible()
    assert not any(c["name"] == "fl_session" for c in page.context.cookies())
    page.goto(f"{ui_url}/settings")
    page.wait_for_url(re.compile(r"/login"))
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#form-alert")).to_have_text(
        "That e-mail and password don't match an account."
    )


def test_settings_fit_a_phone(browser: Browser, ui_url: str) -> None:
    with fresh_page(browser, phone=True) as page:
        register_in_browser(page, ui_url, name="Uma")
        open_settings(page, ui_url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways ({width}px)"
        screenshot(page, "settings-phone")
