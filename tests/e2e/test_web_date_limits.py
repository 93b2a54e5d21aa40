"""Date controls stop at the last day the services accept (7 days after today): the diary's
"next day" is disabled there and its pickers end there, a link beyond it opens that last day
instead of a refusal, and the workouts calendar's "next month" stops at the month holding it.
Through nginx, in the browser, at phone size."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser import screenshot, signed_in_page, user_with_profile
from playwright.sync_api import Browser, expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

READ_AHEAD_DAYS = 7  # the services' date rule (backend_services/kernel/dates.py)


def test_the_diary_and_the_calendar_stop_at_the_last_day_that_can_be_planned(
    browser: Browser, ui_url: str
) -> None:
    today = dt.datetime.now(dt.UTC).date()  # the profile's time zone is UTC
    last = today + dt.timedelta(days=READ_AHEAD_DAYS)
    with signed_in_page(browser, ui_url, user_with_profile(ui_url, "Dara", 70), phone=True) as page:
        page.goto(f"{ui_url}/diary/{(last - dt.timedelta(days=1)).isoformat()}")
        expect(page.locator("#day-next")).to_have_attribute("href", f"/diary/{last.isoformat()}")
        page.locator("#day-next").click()
        page.wait_for_url(re.compile(rf"/diary/{last.isoformat()}/?$"))
        year = f" {last.year}" if last.year != today.year else ""
        expect(page.locator("#day-title")).to_have_text(f"{last:%a} {last.day} {last:%b}{year}")
        expect(page.locator("#day-next")).to_have_attribute("aria-disabled", "true")
        expect(page.locator("#day-next")).not_to_have_attribute("href", re.compile("."))
        expect(page.locator("#day-picker")).to_have_attribute("max", last.isoformat())
        expect(page.locator("#diary-error")).to_have_count(0)
        expect(page.locator("#meals")).to_be_visible()
        screenshot(page, "diary-last-day-phone")
        page.locator("#day-next").click(force=True)  # nothing happens
        expect(page).to_have_url(re.compile(rf"/diary/{last.isoformat()}/?$"))

        # Copying is offered up to that day as well.
        page.locator("#copy-day-open").click()
        expect(page.locator("#copy-day-date")).to_have_attribute("max", last.isoformat())
        expect(page.locator("#copy-day-date")).to_have_value("")
        page.keyboard.press("Escape")

        # A link further ahead opens the last day instead of a refusal.
        page.goto(f"{ui_url}/diary/{(last + dt.timedelta(days=20)).isoformat()}")
        page.wait_for_url(re.compile(rf"/diary/{last.isoformat()}/?$"))
        expect(page.locator("#day-next")).to_have_attribute("aria-disabled", "true")
        expect(page.locator("#diary-error")).to_have_count(0)

        # Today's next day is a link, as before.
        page.goto(f"{ui_url}/diary")
        tomorrow = (today + dt.timedelta(days=1)).isoformat()
        expect(page.locator("#day-next")).to_have_attribute("href", f"/diary/{tomorrow}")

        # The workouts calendar: "next month" up to the month that holds the last day.
        page.goto(f"{ui_url}/workouts")
        page.get_by_role("radio", name="Calendar").click()
        title = page.locator("#history-calendar-title")
        expect(title).to_have_text(f"{today:%B %Y}")
        if last.month != today.month:
            page.locator("#history-calendar-next").click()
            expect(title).to_have_text(f"{last:%B %Y}")
        expect(page.locator("#history-calendar-next")).to_be_disabled()
        expect(page.locator("#history-calendar-previous")).to_be_enabled()
