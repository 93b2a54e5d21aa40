"""Imperial units in the browser, through nginx: a user switches to imperial on the settings
page, logs a set in pounds (the "same as last time" hint in pounds), finishes with a body weight
in pounds, and then every page of the app is walked looking for a metric unit left behind.

What may keep kg on purpose: the formulas whose constants are per kg (the BMR equation, the
goal's and the expenditure's 7700 kcal/kg, the calorie formula of a workout) and the units
choice itself ("Metric (kg, cm)").
"""

from __future__ import annotations

import re

import httpx
import pytest
from browser import (
    finished_workout,
    no_sideways_overflow,
    screenshot,
    signed_in_page,
    user_with_token,
)
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

LIVE_MS = 30_000  # finishing computes calories and records (slow on a loaded machine)
METRIC_UNIT = re.compile(r"\b(kg|km)\b")
SI_ON_PURPOSE = (
    "#targets-equation",
    "#targets-goal-method",
    "#energy-method",
    "#summary-formula",
    "#settings-units",
    "#strength-unit-choice",  # the unit a Strong file is in: kg or lb, the file's choice
)
# Every page a signed-in user can open, with what shows it has its numbers.
PAGES = (
    ("/", "#charts"),  # its charts render once scrolled to
    ("/diary", "#diary-recipes"),
    ("/workouts", "#history"),
    ("/progress", "#latest-e1rm"),
    ("/programs", "#program-list"),
    ("/programs/new", "#program-name"),
    ("/profile", "#targets-bmr"),
    ("/settings", "#settings-units"),
    ("/imports", "#health-export"),
    ("/notifications", "main"),
    ("/recipes", "main"),
)


def _history_by_api(ui_url: str, token: str) -> str:
    """Losing 0.5 kg a week, weighed in today, one finished workout: bench 100 kg x 5 and a
    5 km run (all stored metric); answers the workout's id."""
    with httpx.Client(
        base_url=ui_url, timeout=30, headers={"Authorization": f"Bearer {token}"}
    ) as http:
        http.patch(
            "/api/users/me", json={"goal": "lose", "goal_rate_kg_per_week": 0.5}
        ).raise_for_status()
        http.post("/api/users/me/weights", json={"weight_kg": 82}).raise_for_status()
    exercises = [
        {
            "exercise_id": "builtin:barbell-bench-press",
            "sets": [{"kind": "strength", "reps": 5, "weight_kg": 100}],
        },
        {
            "exercise_id": "builtin:running",
            "sets": [{"kind": "cardio", "duration_s": 1800, "distance_m": 5000}],
        },
    ]
    return finished_workout(ui_url, token, "Bench and run", exercises, hours_ago=3)


def _metric_left(page: Page) -> list[str]:
    """The metric units on screen (every <details> opened), outside SI_ON_PURPOSE."""
    text = page.evaluate(
        """(skip) => {
            document.querySelectorAll('details').forEach(d => { d.open = true; });
            const hidden = [...document.querySelectorAll(skip.join(','))];
            hidden.forEach(e => { e.dataset.was = e.style.display; e.style.display = 'none'; });
            const text = document.body.innerText;
            hidden.forEach(e => { e.style.display = e.dataset.was; });
            return text;
        }""",
        list(SI_ON_PURPOSE),
    )
    return [line for line in text.splitlines() if METRIC_UNIT.search(line)]


def _switch_to_imperial(page: Page, ui_url: str) -> None:
    page.goto(f"{ui_url}/settings")
    page.get_by_role("radio", name="Imperial (lb, ft in)").click()
    expect(page.locator("#units-notice")).to_contain_text("pounds")


def test_imperial_everywhere(browser: Browser, ui_url: str) -> None:
    cookie, token = user_with_token(ui_url, "Ivy", 82)
    earlier = _history_by_api(ui_url, token)
    with signed_in_page(browser, ui_url, cookie, phone=True) as page:
        _switch_to_imperial(page, ui_url)

        # A new workout: last time's bench press is the hint and the first row, in pounds.
        page.goto(f"{ui_url}/workouts")
        page.locator("#start-workout").click()
        page.wait_for_url(re.compile(r"/workouts/[0-9a-f]+$"))
        page.locator("#add-exercise").click()
        page.locator("#exercise-search").fill("bench")
        result = page.locator("#exercise-results li", has_text="Barbell Bench Press").first
        result.locator("button").click()
        expect(page.locator("#set-1-hint")).to_have_text("Last time 220.5 lb \u00d7 5")
        expect(page.locator("#set-1-weight")).to_have_value("220.5")
        expect(page.locator("#set-1-weight")).to_have_attribute("placeholder", "lb")
        page.locator("#set-1-weight").fill("heavy")
        page.locator("#set-1-done").click()
        expect(page.locator("#set-1-error")).to_have_text("Weight: a number of lb, e.g. 135")
        page.locator("#set-1-weight").fill("225")
        page.locator("#set-1-done").click()
        expect(page.locator("#set-1-done")).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#workout-progress")).to_contain_text("1,125 lb")
        assert _metric_left(page) == []
        screenshot(page, "workout-tracker-imperial-phone")
        page.reload()  # stored in kg, shown again as typed
        expect(page.locator("#set-1-weight")).to_have_value("225")

        page.get_by_label("Body weight today (lb, optional)").fill("180")
        page.locator("#finish-workout").click()
        expect(page.locator("#workout-summary")).to_be_visible(timeout=LIVE_MS)
        expect(page.locator("#summary-volume")).to_have_text("1,125 lb")
        expect(page.locator("#summary-weight")).to_contain_text("180 lb")
        expect(page.locator("#summary-records")).to_contain_text("lb")
        assert _metric_left(page) == []
        no_sideways_overflow(page)
        screenshot(page, "workout-summary-imperial-phone")

        for path, ready in PAGES:
            page.goto(f"{ui_url}{path}")
            shown = page.locator(ready).first
            expect(shown).to_be_attached()
            shown.evaluate("e => e.scrollIntoView({block: 'center'})")  # lazy parts render
            expect(shown).to_be_visible()
            if path == "/":
                weight_axis = page.locator("#chart-weight .ytitle")
                expect(weight_axis).to_have_text("lb", timeout=LIVE_MS)
                screenshot(page, "today-imperial-phone")
            if path == "/progress":
                expect(page.locator("#latest-e1rm")).to_contain_text("lb")
                expect(page.locator("#chart-e1rm .ytitle")).to_have_text("lb")
            assert _metric_left(page) == [], path

        # The earlier workout: its 5 km run reads in miles.
        page.goto(f"{ui_url}/workouts/{earlier}")
        expect(page.locator("#set-2-km")).to_have_value("3.11")
        expect(page.locator("#set-1-weight")).to_have_value("220.5")
        assert _metric_left(page) == []
        screenshot(page, "workout-cardio-imperial-phone")
