"""Browser tests wait on what a user sees; on a busy 2-core CI machine a server round trip that
hashes a password (bcrypt) or crosses the event bus can take longer than Playwright's default
5 s. Waits get 15 s by default (tests that wait on events use their own, longer ones). These
are patience limits for the UI to answer at all, not speed checks: speed is in bench/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser import fresh_page, launch
from playwright.sync_api import Browser, Page, expect

expect.set_options(timeout=15_000)


@pytest.fixture(scope="module")
def browser(ui_url: str) -> Iterator[Browser]:
    """One headless Chromium per test module (modules may still bring their own)."""
    yield from launch()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop-size page in its own context, closed after the test."""
    with fresh_page(browser) as page:
        yield page
