"""Headless Chromium for the browser tests: Debian's build, driven by Playwright.

Never a Playwright-downloaded browser; no calls home from the browser.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import httpx
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


def user_with_profile(ui_url: str, name: str = "Sam", weight_kg: float = 82) -> str:
    """A new user with a profile (`weight_kg`: the weight calories use), signed in by the UI's
    own form post; answers the session cookie's value."""
    return user_with_token(ui_url, name, weight_kg)[0]


def register_by_form_post(http: httpx.Client, ui_url: str, name: str) -> tuple[str, str]:
    """A new account through the form post the register page makes (no profile yet); answers
    (e-mail, session cookie)."""
    email = new_email()
    answer = http.post(
        "/session/register",
        data={"display_name": name, "email": email, "password": PASSWORD},
        headers={"Origin": ui_url},
    )
    assert answer.status_code == 303, answer.text
    return email, answer.cookies["fl_session"]


def user_with_token(
    ui_url: str, name: str = "Sam", weight_kg: float = 82, **profile: object
) -> tuple[str, str]:
    """`user_with_profile`, answering (session cookie, API access token) for tests that also
    write through the public API as that user; `profile` changes or adds profile fields."""
    with httpx.Client(base_url=ui_url, timeout=30) as http:
        email, cookie = register_by_form_post(http, ui_url, name)
        token = http.post("/api/auth/login", json={"email": email, "password": PASSWORD}).json()[
            "access_token"
        ]
        http.patch(
            "/api/users/me",
            headers={"Authorization": f"Bearer {token}"},
            json={
                "sex": "male",
                "birth_date": "1988-02-03",
                "height_cm": 180,
                "weight_kg": weight_kg,
                "activity_level": "light",
                "goal": "maintain",
                **profile,
            },
        ).raise_for_status()
        return cookie, token


def finished_workout(
    ui_url: str, token: str, name: str, exercises: list[dict], *, hours_ago: float = 1
) -> str:
    """A workout logged and completed through the public API (`exercises` as the API takes
    them, stored metric); answers its id."""
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=ui_url, timeout=30, headers=auth) as http:
        started = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours_ago)).isoformat()
        workout = http.post(
            "/api/workouts/workouts",
            json={"name": name, "started_at": started, "exercises": exercises},
        )
        assert workout.status_code == 201, workout.text
        done = http.post(f"/api/workouts/workouts/{workout.json()['id']}/complete")
        assert done.status_code == 200, done.text
        return workout.json()["id"]


def signed_in(browser: Browser, ui_url: str, cookie: str, *, phone: bool) -> BrowserContext:
    """A browser context carrying the session cookie (phone or desktop size)."""
    context = new_context(browser, phone=phone)
    context.add_cookies(
        [
            {
                "name": "fl_session",
                "value": cookie,
                "url": ui_url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    return context


@contextmanager
def page_of(context: BrowserContext) -> Iterator[Page]:
    """A new page of ``context``, the context closed when the block ends."""
    try:
        yield context.new_page()
    finally:
        context.close()


def fresh_page(browser: Browser, *, phone: bool = False) -> AbstractContextManager[Page]:
    """A page of a `new_context` (desktop size unless `phone`), signed out."""
    return page_of(new_context(browser, phone=phone))


def signed_in_page(
    browser: Browser, ui_url: str, cookie: str, *, phone: bool
) -> AbstractContextManager[Page]:
    """A page of a `signed_in` context, the context closed when the block ends."""
    return page_of(signed_in(browser, ui_url, cookie, phone=phone))


@contextmanager
def two_devices(browser: Browser, ui_url: str, name: str = "Ann") -> Iterator[tuple[Page, Page]]:
    """A new account registered on a laptop and signed in on a phone too: (laptop page, phone
    page), both contexts closed when the block ends."""
    laptop, phone = new_context(browser), new_context(browser, phone=True)
    try:
        first = laptop.new_page()
        email = register_in_browser(first, ui_url, name=name)
        second = phone.new_page()
        sign_in_in_browser(second, ui_url, email)
        yield first, second
    finally:
        laptop.close()
        phone.close()


def signed_out(page: Page, ui_url: str) -> None:
    """The device's session has ended: the diary sends it to sign in."""
    page.goto(f"{ui_url}/diary")
    page.wait_for_url(re.compile(r"/login"))


def still_signed_in(page: Page, ui_url: str) -> None:
    page.goto(f"{ui_url}/diary")
    expect(page).not_to_have_url(re.compile(r"/login"))


def no_sideways_overflow(page: Page) -> None:
    overflow = page.evaluate(
        "document.scrollingElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{overflow}px wider than the screen"
