"""Issue 17 in the browser: a meal logged in words, and what you really burn on the profile.

Through nginx and the real services: the phrase is read by the nutrition service over the SR28
foods the stack imports; four weeks of meals and weigh-ins (sent through the public API, as a
phone app would) give the users service's adaptive estimate, whose suggested target the user
takes with one click.
"""

from __future__ import annotations

import datetime as dt
import re
import time

import httpx
import pytest
from browser import PASSWORD, fresh_page, register_in_browser, screenshot
from onboarding import Body, onboard
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
LIVE_MS = 30_000  # meals reach the users service through the outbox and RabbitMQ


# A man of 80 kg, 180 cm, born 1990, moderately active, losing 0.5 kg a week.
ADA = Body("male", "1990-01-01", "180", "80", "moderate", "lose")


def _onboard(page: Page) -> None:
    onboard(page, ADA)
    page.locator("#onboarding-start").click()
    page.wait_for_url(re.compile(r"/$"))


def test_a_breakfast_said_in_words_is_checked_then_logged(browser: Browser, ui_url: str) -> None:
    with fresh_page(browser, phone=True) as page:
        register_in_browser(page, ui_url, name="Wes")
        _onboard(page)
        page.goto(f"{ui_url}/diary")
        expect(page.locator(".rt-Skeleton")).to_have_count(0, timeout=LIVE_MS)
        page.locator("#add-breakfast").click()
        page.locator("#tab-words").click()
        page.locator("#describe-text").fill(
            "2 eggs, a slice of toast with butter and a coffee with milk"
        )
        expect(page.locator("#describe-text")).to_have_value(re.compile("coffee with milk"))
        page.locator("#describe-read").click()
        items = page.locator("#described-items li")
        expect(items).to_have_count(5, timeout=LIVE_MS)
        expect(items.nth(0)).to_contain_text("Egg, whole, raw, fresh")
        expect(items.nth(0)).to_contain_text("2 medium (88 g)")
        expect(items.nth(2)).to_contain_text("Assumed: the usual 1 tsp with toast")
        screenshot(page, "diary-in-words-phone")
        # The coffee is not wanted: remove it before logging.
        page.get_by_role("button", name=re.compile(r"^Remove Beverages, coffee")).click()
        expect(items).to_have_count(4)
        total = page.locator("#described-total").inner_text()
        kcal = re.search(r"([\d,]+) kcal", total)
        assert kcal is not None
        page.locator("#describe-log").click()
        expect(page.locator("#diary-notice")).to_contain_text("Added 4 items to breakfast")
        expect(page.locator("#meal-breakfast-kcal")).to_contain_text(kcal.group(1))


def _token(http: httpx.Client, email: str) -> dict[str, str]:
    login = http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _four_weeks(ui_url: str, email: str) -> None:
    """20 days of 2,000 kcal and 28 weigh-ins falling 0.5 kg a week, ending today (UTC)."""
    today = dt.datetime.now(dt.UTC).date()
    days = [today - dt.timedelta(days=27 - i) for i in range(28)]
    with httpx.Client(base_url=ui_url, timeout=20) as http:
        auth = _token(http, email)
        for i, day in enumerate(days):
            weight = {"weight_kg": round(80 - 0.5 * i / 7, 2), "date": day.isoformat()}
            done = http.post("/api/users/me/weights", json=weight, headers=auth)
            assert done.status_code in (200, 201), done.text
        for day in days[-20:]:
            meal = {
                "date": day.isoformat(),
                "meal_type": "lunch",
                "items": [{"quick_add": {"energy_kcal": 2000}}],
            }
            done = http.post("/api/nutrition/meals", json=meal, headers=auth)
            assert done.status_code == 201, done.text
        deadline = time.monotonic() + LIVE_MS / 1000
        while time.monotonic() < deadline:  # the meals reach the users service by event
            answer = http.get("/api/users/me/expenditure", headers=auth).json()
            if answer["trusted_days"] == 20:
                return
            time.sleep(0.3)
        pytest.fail(f"the users service counted {answer['trusted_days']} of 20 logged days")


def test_what_you_really_burn_and_taking_the_suggested_target(
    browser: Browser, ui_url: str
) -> None:
    with fresh_page(browser) as page:
        email = register_in_browser(page, ui_url, name="Ada")
        _onboard(page)
        page.goto(f"{ui_url}/profile")
        card = page.locator("#profile-energy")
        expect(card.locator("#energy-source")).to_contain_text("The formula's estimate for now")
        expect(page.locator("#energy-accept")).to_have_count(0)

        _four_weeks(ui_url, email)
        page.reload()
        # 2,000 kcal a day while losing 0.5 kg a week: 2,000 + 0.5 x 7,700 / 7 = 2,550.
        expect(card.locator("#energy-headline")).to_contain_text(re.compile(r"2,5[56]0 ± \d+ kcal"))
        expect(card.locator("#energy-source")).to_contain_text(
            "From 20 fully logged days and 28 weigh-ins"
        )
        expect(card.locator("#energy-completeness")).to_contain_text("71% of the last 28 days")
        # ... and 550 kcal a day under it for 0.5 kg a week: about 2,000 (to 10 kcal).
        check_in = card.locator("#energy-check-in")
        expect(check_in).to_contain_text(re.compile(r"new target (1,99|2,0[01])0 kcal"))
        found = re.search(r"new target ([\d,]+) kcal", check_in.inner_text())
        assert found is not None
        target = found.group(1)
        screenshot(page, "profile-energy-desktop")
        page.locator("#energy-accept").click()
        notice = page.locator("#energy-notice")
        expect(notice).to_have_text(f"Your target is now {target} kcal a day.")
        expect(page.locator("#targets-calories")).to_contain_text(target)
        expect(page.locator("#energy-accept")).to_have_count(0)  # nothing left to accept
