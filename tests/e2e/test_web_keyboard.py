"""Full keyboard use (issue 11, accessibility): sign in and log a meal with the keyboard alone.

Every control the Tab key reaches on the way must say what it is (an accessible name) and
show that it has the focus (an outline or a ring: WCAG 2.4.7); a dialog takes the focus when
it opens, keeps it while open, and Escape closes it and gives the focus back.
"""

from __future__ import annotations

import re

import httpx
import pytest
from browser import (
    PASSWORD,
    fresh_page,
    register_by_form_post,
    signed_in_page,
    user_with_profile,
)
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

LIVE_MS = 30_000
TAB_LIMIT = 60  # a page that needs more Tabs than this to reach its main action is a defect

# What the focused element is, what it is called, and whether its focus can be seen.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A ring on the control, or on the box that draws it (Radix text fields outline their root).
  const drawn = (node) => {
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || (style.boxShadow && style.boxShadow !== "none");
  };
  const box = el.closest(".rt-TextFieldRoot, .rt-TextAreaRoot");
  const labelled = el.getAttribute("aria-labelledby");
  const name = (
    el.getAttribute("aria-label")
    || (labelled && labelled.split(" ")
          .map((id) => document.getElementById(id)?.textContent || "").join(" "))
    || (el.labels && el.labels.length ? el.labels[0].textContent : "")
    || el.getAttribute("title")
    || el.getAttribute("placeholder")
    || el.textContent
    || ""
  ).trim();
  return {
    id: el.id, tag: el.tagName.toLowerCase(), name,
    visible: drawn(el) || (!!box && drawn(box)), dialog: !!el.closest("[role=dialog]"),
  };
}"""


def _tab_to(page: Page, matches: re.Pattern[str], *, back: bool = False) -> list[dict]:
    """Tab (or Shift+Tab) until the focused element's id or name matches; answers every
    element the focus passed through, the last one included."""
    passed: list[dict] = []
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        passed.append(focused)
        if matches.search(focused["id"]) or matches.search(focused["name"]):
            return passed
    raise AssertionError(f"{matches.pattern} not reached in {TAB_LIMIT} Tabs: {passed}")


def _all_named_and_visible(passed: list[dict]) -> None:
    unnamed = [f for f in passed if not f["name"]]
    unseen = [f for f in passed if not f["visible"]]
    assert not unnamed, f"focusable controls without a name: {unnamed}"
    assert not unseen, f"focused controls without a visible focus: {unseen}"


def test_sign_in_with_the_keyboard_alone(browser: Browser, ui_url: str) -> None:
    # An account to sign in to (the form post the register page makes; no profile yet).
    with httpx.Client(base_url=ui_url, timeout=30) as http:
        email, _ = register_by_form_post(http, ui_url, "Kim")

    with fresh_page(browser) as page:
        page.goto(f"{ui_url}/login")
        expect(page.get_by_role("button", name="Sign in")).to_be_enabled()
        passed = _tab_to(page, re.compile(r"^E-mail"))
        page.keyboard.type(email)
        passed += _tab_to(page, re.compile(r"^Password"))
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/onboarding/?$"), timeout=LIVE_MS)
        _all_named_and_visible(passed)


def test_log_a_meal_with_the_keyboard_alone(browser: Browser, ui_url: str) -> None:
    with signed_in_page(browser, ui_url, user_with_profile(ui_url, "Lee"), phone=False) as page:
        page.goto(f"{ui_url}/diary")
        expect(page.locator("#add-lunch")).to_be_visible(timeout=LIVE_MS)  # the day is loaded
        passed = _tab_to(page, re.compile(r"^add-lunch$"))
        page.keyboard.press("Enter")
        # The dialog takes the focus: typing goes to its search box.
        expect(page.locator("#food-search")).to_be_focused(timeout=LIVE_MS)
        page.keyboard.type("banana raw")
        expect(page.locator("#food-results li").first).to_be_visible(timeout=LIVE_MS)
        in_dialog = _tab_to(page, re.compile(r"Bananas, raw", re.IGNORECASE))
        assert all(f["dialog"] for f in in_dialog), "the focus left the open dialog"
        page.keyboard.press("Enter")
        expect(page.locator("#picked-kcal")).to_be_visible(timeout=LIVE_MS)
        in_dialog += _tab_to(page, re.compile(r"^log-food$"))
        assert all(f["dialog"] for f in in_dialog), "the focus left the open dialog"
        page.keyboard.press("Enter")
        expect(page.locator("#diary-notice")).to_contain_text("Added", timeout=LIVE_MS)
        expect(page.locator("#meal-lunch-kcal")).not_to_contain_text(re.compile(r"^0 "))
        _all_named_and_visible(passed + in_dialog)
        # Escape closes the dialog, and the focus goes back to the button that opened it.
        _all_named_and_visible(_tab_to(page, re.compile(r"^add-dinner$")))
        page.keyboard.press("Enter")
        expect(page.locator("#food-search")).to_be_focused(timeout=LIVE_MS)
        page.keyboard.press("Escape")
        expect(page.locator("#food-search")).to_have_count(0)
        expect(page.locator("#add-dinner")).to_be_focused(timeout=LIVE_MS)
