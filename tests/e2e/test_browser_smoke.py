"""Browser smoke test: the landing page loads through the gateway and reacts over the websocket."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = PROJECT_ROOT / ".local" / "screenshots" / "home.png"
CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, never a Playwright-downloaded build; no calls home from the browser.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# Generous: the first load also opens the websocket and hydrates the prerendered page.
TIMEOUT_MS = 20_000


@pytest.fixture
def browser_page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(TIMEOUT_MS)
            yield page
        finally:
            browser.close()


def test_home_page_reacts_over_the_websocket(browser_page: Page, ui_url: str) -> None:
    page = browser_page
    page.goto(ui_url.rstrip("/") + "/")

    expect(page).to_have_title(re.compile("FitLedger"))
    expect(page.get_by_role("heading", name="FitLedger")).to_be_visible()
    expect(page.get_by_text("Calorie counting and workout tracking")).to_be_visible()

    # The counter needs no backend service: its change proves an event went to the
    # Reflex backend over /_event and the state delta came back.
    water = page.locator("#water-count")
    expect(water).to_have_text(re.compile(r"Water today:\s*0\s*glasses"), timeout=TIMEOUT_MS)
    page.locator("#add-water").click()
    expect(water).to_have_text(re.compile(r"Water today:\s*1\s*glasses"), timeout=TIMEOUT_MS)

    # A background event calls the gateway's /api/health; whatever the services say,
    # the page must show either their badges or the gateway error.
    page.get_by_role("button", name="Check the services").click()
    expect(page.locator("#service-list, #health-error").first).to_be_visible(timeout=TIMEOUT_MS)

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
