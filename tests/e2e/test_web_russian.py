"""The web app in Russian (issue 11): a user whose profile says Russian signs in and every page
speaks Russian — no English text of the catalog on the screen, Cyrillic text there, the page's
`lang` is "ru"; a signed-out browser asking for Russian gets the Russian sign-in page, and the
switch there turns it into English at once. Phone-size screenshots of every page in Russian
(.local/screenshots/ru-*.png).

One browser context for all pages (a user who is also an administrator, so the admin pages
are on the same tour); the pages' checks are collected, so one run names every page that
still shows English.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from accounts import put_profile
from browser import (
    PASSWORD,
    finished_workout,
    new_context,
    new_email,
    screenshot,
    sign_in_in_browser,
)
from playwright.sync_api import Browser, Page, expect
from test_web_admin import ADMIN_PAGES

from app.i18n import RUSSIAN
from app.i18n.catalog import placeholders

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

# (path, screenshot name, what shows once the page's data is there).
PAGES: list[tuple[str, str, str]] = [
    ("/", "today", "#today-remaining"),
    ("/diary", "diary", "#meals"),
    ("/recipes", "recipes", "#recipe-save"),
    ("/workouts", "workouts", "main h1"),
    ("/progress", "progress", "main h1"),
    ("/programs", "programs", "main h1"),
    ("/programs/new", "program-editor", "main h1"),
    ("/imports", "imports", "main h1"),
    ("/notifications", "notifications", "main h1"),
    ("/profile", "profile", "#profile-save"),
    ("/settings", "settings", "#settings-region"),
    *((path, f"admin-{name}", ready) for path, (name, ready) in ADMIN_PAGES.items()),
]
CYRILLIC = re.compile("[А-Яа-яЁё]")
# The catalog's English texts of two words or more, with no placeholders: none of them may
# be on a page in Russian (shorter ones also occur in names, brands and data).
ENGLISH = sorted(
    (text for text in RUSSIAN if not placeholders(text) and len(text.split()) >= 2),
    key=len,
    reverse=True,
)
ENGLISH_ON_SCREEN = re.compile(
    "|".join(rf"(?<![\w-]){re.escape(text)}(?![\w-])" for text in ENGLISH)
)


@pytest.fixture(scope="module")
def russian_admin(ui_url: str, register: Callable[..., Any], admin_account: Any) -> tuple[Any, str]:
    """A new account made administrator by the shared one, onboarded with Russian as its
    language, with a meal logged today and a finished workout (so the pages have content)."""
    account = register(PASSWORD)
    with httpx.Client(base_url=ui_url, timeout=30) as http:
        # The shared administrator signed in when the session began: its access token may
        # have expired by now (15 minutes), so it signs in again.
        admin_login = http.post(
            "/api/auth/login",
            json={"email": admin_account.email, "password": admin_account.password},
        )
        assert admin_login.status_code == 200, admin_login.text
        promoted = http.patch(
            f"/api/auth/admin/users/{account.user_id}/role",
            headers={"Authorization": f"Bearer {admin_login.json()['access_token']}"},
            json={"role": "admin"},
        )
        assert promoted.status_code == 200, promoted.text
        # A new role signs the account out everywhere: sign in again for its API calls.
        login = http.post("/api/auth/login", json={"email": account.email, "password": PASSWORD})
        assert login.status_code == 200, login.text
        account = dataclasses.replace(account, access_token=login.json()["access_token"])
        put_profile(http, account, language="ru")
        food = http.get(
            "/api/nutrition/foods", params={"q": "banana"}, headers=account.headers
        ).json()
        http.post(
            "/api/nutrition/meals",
            headers=account.headers,
            json={
                "date": dt.date.today().isoformat(),
                "meal_type": "breakfast",
                "items": [{"food_id": food["items"][0]["id"], "grams": 118}],
            },
        ).raise_for_status()
    bench = {
        "exercise_id": "builtin:barbell-bench-press",
        "sets": [{"kind": "strength", "reps": 5, "weight_kg": 60}],
    }
    return account, finished_workout(ui_url, account.access_token, "Жим", [bench])


def _problems(page: Page, name: str) -> list[str]:
    """What on this page is not Russian."""
    text = page.inner_text("body")  # visible text only (hidden elements are left out)
    found = sorted(set(ENGLISH_ON_SCREEN.findall(text)))
    problems = [f"{name}: English on screen: {found}"] if found else []
    if not CYRILLIC.search(text):
        problems.append(f"{name}: no Russian text at all")
    if page.locator("[lang=ru] main").count() == 0:
        problems.append(f"{name}: the page is not marked lang=ru")
    if not CYRILLIC.search(page.title()):
        problems.append(f"{name}: the tab's title is not Russian: {page.title()!r}")
    overflow = page.evaluate(
        "document.scrollingElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 1:  # Russian words are longer: nothing may push the page sideways
        problems.append(f"{name}: {overflow}px wider than the phone")
    return problems


def test_every_page_speaks_russian(
    browser: Browser, ui_url: str, russian_admin: tuple[Any, str]
) -> None:
    account, workout_id = russian_admin
    context = new_context(browser, phone=True)
    problems: list[str] = []
    try:
        page = context.new_page()
        sign_in_in_browser(page, ui_url, account.email)
        languages = {c["name"]: c["value"] for c in context.cookies() if c["name"] == "fl_lang"}
        assert languages == {"fl_lang": "ru"}, "the profile's language did not follow sign-in"
        tour = [
            *PAGES,
            (f"/workouts/{workout_id}", "workout", "main h1"),
            (f"/admin/users/{account.user_id}", "admin-user", "#session-count"),
        ]
        for path, name, ready in tour:
            page.goto(f"{ui_url}{path}")
            expect(page.locator(ready).first).to_be_visible()
            page.wait_for_load_state("networkidle")
            # Charts load when they come near the viewport (components/lazy.py): scroll to them.
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            loading = f"{path}: still loading"
            expect(page.locator(".rt-Skeleton"), loading).to_have_count(0)  # loaded
            expect(page.locator("main .rt-Spinner"), loading).to_have_count(0)
            problems += _problems(page, name)
            screenshot(page, f"ru-{name}-phone")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_a_signed_out_russian_browser_gets_the_russian_sign_in_page(
    browser: Browser, ui_url: str
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        extra_http_headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"},
    )
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        page.goto(f"{ui_url}/login")
        expect(page.get_by_role("heading", level=1)).to_have_text("Войти")
        expect(page).to_have_title("Вход · FitLedger")
        expect(page.get_by_label("Пароль")).to_be_visible()
        expect(page.locator("[lang=ru] main")).to_have_count(1)
        screenshot(page, "ru-login-phone")
        page.locator("#language-en").click()  # the switch: at once, no reload
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
        expect(page).to_have_title("Sign in · FitLedger")
        expect(page.locator("[lang=en] main")).to_have_count(1)
        page.goto(f"{ui_url}/register")  # the choice is kept
        expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    finally:
        context.close()


def test_an_account_made_in_russian_keeps_russian_into_its_profile(
    browser: Browser, ui_url: str
) -> None:
    """Registering in Russian: onboarding speaks Russian and saves Russian into the profile
    (a new account's default profile must not switch the page back to English)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        extra_http_headers={"Accept-Language": "ru"},
    )
    context.set_default_timeout(20_000)
    email = new_email()
    try:
        page = context.new_page()
        page.goto(f"{ui_url}/register")
        page.get_by_label("Ваше имя").fill("Аня")
        page.get_by_label("Эл. почта").fill(email)
        page.get_by_label("Пароль").fill(PASSWORD)
        page.get_by_role("button", name="Создать аккаунт").click()
        page.wait_for_url(re.compile(r"/onboarding/?$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Настройка целей")
        page.locator("#sex-female").click()
        page.locator("#field-birth_date").fill("1990-05-01")
        page.locator("#field-height_cm").fill("165")
        page.locator("#field-weight_kg").fill("60")
        page.locator("#activity_level-sedentary").click()
        page.locator("#onboarding-next").click()
        page.locator("#goal-maintain").click()
        page.locator("#onboarding-next").click()
        expect(page.locator("#targets-calories")).to_contain_text("ккал")
        screenshot(page, "ru-onboarding-targets-phone")
    finally:
        context.close()
    with httpx.Client(base_url=ui_url, timeout=30) as http:
        token = http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        me = http.get(
            "/api/users/me", headers={"Authorization": f"Bearer {token.json()['access_token']}"}
        )
    assert me.json()["language"] == "ru"
