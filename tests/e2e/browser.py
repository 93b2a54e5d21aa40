"""Headless Chromium for the browser tests: Debian's build, driven by Playwright.

Never a Playwright-downloaded browser; no calls home from the browser.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / ".local" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
# Generous: a first load also opens the websocket and hydrates the prerendered page, on a
# 2-core machine that runs the whole stack.
TIMEOUT_MS = 20_000
PASSWORD = "correct horse battery staple"


def launch() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser: Browser, *, phone: bool = False) -> BrowserContext:
    context = browser.new_context(
        viewport=PHONE if phone else DESKTOP,
        device_scale_factor=1,
        is_mobile=phone,
        has_touch=phone,
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def screenshot(page: Page, name: str) -> Path:
    """Saved under .local/screenshots/ (CI keeps them as artifacts)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_hydrated(page: Page) -> None:
    """The page's state arrived over the websocket (Reflex renders the prerendered page first)."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.querySelector('body') !== null")


def new_email() -> str:
    return f"web-{uuid.uuid4().hex[:12]}@example.com"


def register_in_browser(
    page: Page, base: str, *, name: str = "Ann", email: str | None = None, password: str = PASSWORD
) -> str:
    email = email or new_email()
    page.goto(f"{base}/register")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/onboarding/?$"))
    return email


def sign_in_in_browser(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/login"))
