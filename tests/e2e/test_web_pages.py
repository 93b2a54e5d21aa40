"""Every page of the web app at phone (390x844) and desktop (1366x768) size.

Each page is photographed under .local/screenshots/ (look at them), and checked the way a
user would notice: it renders its heading, nothing spills sideways on a phone, and no raw
JSON, stack trace or "undefined" reaches the screen.
"""

from __future__ import annotations

import re
from datetime import date

import httpx
import pytest
from browser import fresh_page, new_context, screenshot, user_with_token
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

PUBLIC = {
    "welcome": ("/welcome", "FitLedger"),
    "login": ("/login", "Sign in"),
    "register": ("/register", "Create your account"),
    "forgot-password": ("/forgot-password", "Forgot your password?"),
    "reset-password": ("/reset-password?token=from-the-mail-0123456789", "Choose a new password"),
}
PRIVATE = {
    "today": ("/", "Today"),
    "diary": ("/diary", "Diary"),
    "recipes": ("/recipes", "Recipes"),
    "notifications": ("/notifications", "Notifications"),
    "profile": ("/profile", "Profile"),
    "progress": ("/progress", "Progress"),
    "programs": ("/programs", "Programs"),
    "program-new": ("/programs/new", "New program"),
    "settings": ("/settings", "Settings"),
    "imports": ("/imports", "Import workouts"),
    "onboarding": ("/onboarding", "Set up your targets"),
}
RAW = re.compile(r'\{"error"|Traceback|undefined|\bNaN\b|\[object Object\]')


@pytest.fixture(scope="module")
def session_cookie(ui_url: str) -> str:
    """A user with a profile and a logged meal, signed in through the UI's own form post."""
    cookie, token = user_with_token(ui_url, "Pat", 82, goal="lose", goal_rate_kg_per_week=0.5)
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=ui_url, timeout=30) as http:
        food = http.get("/api/nutrition/foods", params={"q": "banana"}, headers=auth).json()
        http.post(
            "/api/nutrition/meals",
            headers=auth,
            json={
                "date": date.today().isoformat(),
                "meal_type": "breakfast",
                "items": [{"food_id": food["items"][0]["id"], "grams": 118}],
            },
        ).raise_for_status()
    return cookie


def _check(page: Page, heading: str, name: str) -> None:
    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    # Scrolled down as a reader would, so the parts drawn only once in view (the charts of
    # today) load too; then nothing is left in a loading state.
    page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    expect(page.locator(".rt-Skeleton")).to_have_count(0)
    page.evaluate("window.scrollTo(0, 0)")
    text = page.inner_text("body")
    assert not RAW.search(text), f"{name}: raw output on screen: {RAW.search(text)}"
    overflow = page.evaluate(
        "document.scrollingElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{name}: {overflow}px wider than the screen"


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
def test_every_public_page(browser: Browser, ui_url: str, phone: bool) -> None:
    with fresh_page(browser, phone=phone) as page:
        for name, (path, heading) in PUBLIC.items():
            page.goto(f"{ui_url}{path}")
            _check(page, heading, name)
            screenshot(page, f"{name}-{'phone' if phone else 'desktop'}")


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
def test_every_private_page(
    browser: Browser, ui_url: str, session_cookie: str, phone: bool
) -> None:
    context = new_context(browser, phone=phone)
    context.add_cookies(
        [
            {
                "name": "fl_session",
                "value": session_cookie,
                "url": ui_url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    size = "phone" if phone else "desktop"
    try:
        page = context.new_page()
        for name, (path, heading) in PRIVATE.items():
            page.goto(f"{ui_url}{path}")
            _check(page, heading, name)
            screenshot(page, f"{name}-{size}")
        page.goto(f"{ui_url}/diary")
        page.locator("#add-lunch").click()
        page.locator("#food-search").fill("apple")
        expect(page.locator("#food-results li").first).to_contain_text("Apple")
        screenshot(page, f"food-picker-{size}")
    finally:
        context.close()
