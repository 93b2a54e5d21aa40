"""The workout tracker in the browser, through nginx, at phone size first.

Start a workout → add an exercise from the picker → log three sets with the rest timer →
reload (the workout and the timer are still there) → finish → the summary names the calories,
the Compendium activity and its MET, and the body weight used. A program day starts with its
targets and the progression rule in words. Pages are photographed at phone and desktop size.
"""

from __future__ import annotations

import re

import pytest
from browser import no_sideways_overflow as _no_sideways_overflow
from browser import screenshot, signed_in_page, user_with_profile
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SETS = (("60", "8"), ("62.5", "6"), ("62.5", "5"))
LIVE_MS = 30_000  # finishing computes calories and records (slow on a loaded machine)


@pytest.fixture(scope="module")
def session_cookie(ui_url: str) -> str:
    """A user with a profile (82 kg: the weight the calories use), signed in by form post."""
    return user_with_profile(ui_url, "Sam", 82)


def _log_set(page: Page, n: int, weight: str, reps: str) -> None:
    page.locator(f"#set-{n}-weight").fill(weight)
    page.locator(f"#set-{n}-reps").fill(reps)
    page.locator(f"#set-{n}-done").click()
    expect(page.locator(f"#set-{n}-done")).to_have_attribute("aria-pressed", "true")


def test_log_a_workout_and_see_its_calories_and_met(
    browser: Browser, ui_url: str, session_cookie: str
) -> None:
    with signed_in_page(browser, ui_url, session_cookie, phone=True) as page:
        page.goto(f"{ui_url}/workouts")
        expect(page.get_by_role("heading", name="Workouts", exact=True)).to_be_visible()
        page.locator("#start-workout").click()
        page.wait_for_url(re.compile(r"/workouts/[0-9a-f]+$"))

        page.locator("#add-exercise").click()
        page.locator("#exercise-search").fill("bench")
        result = page.locator("#exercise-results li", has_text="Barbell Bench Press").first
        expect(result).to_be_visible()
        screenshot(page, "exercise-picker-phone")
        result.locator("button").click()
        expect(page.locator("#exercise-picker")).to_be_hidden()

        for n, (weight, reps) in enumerate(SETS, start=1):
            if n > 1:
                page.get_by_role("button", name="Add a set to Barbell Bench Press").click()
            _log_set(page, n, weight, reps)
            expect(page.locator("#rest-timer")).to_be_visible()
        expect(page.locator("#workout-progress")).to_contain_text("3 sets")
        # Untick takes the set back out and keeps its numbers; a quick double tap does not.
        page.wait_for_timeout(1000)
        page.locator("#set-3-done").click()
        expect(page.locator("#set-3-done")).to_have_attribute("aria-pressed", "false")
        expect(page.locator("#workout-progress")).to_contain_text("2 sets")
        expect(page.locator("#set-3-weight")).to_have_value("62.5")
        page.wait_for_timeout(1000)
        page.locator("#set-3-done").dblclick()
        expect(page.locator("#set-3-done")).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#workout-progress")).to_contain_text("3 sets")
        _no_sideways_overflow(page)
        screenshot(page, "workout-tracker-phone")

        # The workout lives in the service and the rest's end in the browser: a reload keeps both.
        page.reload()
        expect(page.locator("#set-3-done")).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#set-2-weight")).to_have_value("62.5")
        expect(page.locator("#rest-timer")).to_be_visible()

        page.locator("#finish-workout").click()
        expect(page.locator("#workout-summary")).to_be_visible(timeout=LIVE_MS)
        expect(page.locator("#summary-kcal")).to_have_text(re.compile(r"^\d+ kcal$"))
        expect(page.locator("#summary-met")).to_contain_text("02054")
        expect(page.locator("#summary-met")).to_contain_text("3.5 MET")
        expect(page.locator("#summary-weight")).to_contain_text("82 kg")
        # 60x8 + 62.5x6 + 62.5x5
        expect(page.locator("#summary-volume")).to_have_text("1,167.5 kg")
        expect(page.locator("#rest-timer")).to_have_count(0)
        _no_sideways_overflow(page)
        screenshot(page, "workout-summary-phone")
        summary_url = page.url

        page.goto(f"{ui_url}/workouts")
        expect(page.locator("#history li").first).to_contain_text("1 exercise · 3 sets")
        screenshot(page, "workouts-phone")

    with signed_in_page(browser, ui_url, session_cookie, phone=False) as page:
        page.goto(summary_url)
        expect(page.locator("#summary-kcal")).to_have_text(re.compile(r"^\d+ kcal$"))
        screenshot(page, "workout-summary-desktop")
        page.goto(f"{ui_url}/workouts")
        expect(page.locator("#history")).to_be_visible()
        screenshot(page, "workouts-desktop")

        # A finished workout can be deleted from its summary (history is then empty).
        page.goto(summary_url)
        page.locator("#discard-workout").click()
        page.locator("#confirm-discard").click()
        page.wait_for_url(re.compile(r"/workouts/?$"))
        expect(page.locator("#no-history")).to_be_visible()


def test_a_program_day_starts_with_its_targets_and_rule(
    browser: Browser, ui_url: str, session_cookie: str
) -> None:
    with signed_in_page(browser, ui_url, session_cookie, phone=True) as page:
        page.goto(f"{ui_url}/workouts")
        start = page.locator("#start-program-builtin-beginner-full-body-3day")
        expect(start).to_be_visible(timeout=LIVE_MS)  # the programs arrive after the history
        start.click()
        page.wait_for_url(re.compile(r"/workouts/[0-9a-f]+$"))
        expect(page.locator(".exercise-target").first).to_contain_text("3 \u00d7 5 at 40 kg")
        expect(page.locator(".exercise-target").first).to_contain_text("starting weight")
        expect(page.locator("#set-1-weight")).to_have_value("40")
        expect(page.locator("#set-1-reps")).to_have_value("5")
        screenshot(page, "workout-program-phone")

        page.goto(f"{ui_url}/workouts")
        expect(page.locator("#workout-in-progress")).to_contain_text("day A")
        page.locator("#resume-workout").click()
        expect(page.locator("#set-1-weight")).to_have_value("40")
        page.locator("#discard-workout").click()
        page.locator("#confirm-discard").click()
        page.wait_for_url(re.compile(r"/workouts/?$"))
        expect(page.locator("#workout-in-progress")).to_have_count(0)
