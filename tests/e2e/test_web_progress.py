"""Progress and programs in the browser, through nginx, at phone size first.

Start a program day → move an exercise up (the order survives a reload) → log the squat's three
target sets → finish → the progress page shows the squat's e1RM, the number the formula it
names gives → the history calendar marks the day and opens the workout. Create an own program
with two days, start it, see where you are in it, edit it. Every new page is photographed at
phone and desktop size.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser import no_sideways_overflow, screenshot, signed_in_page, user_with_profile
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

LIVE_MS = 30_000  # answers that take a service round trip (and Plotly's first load)
BUILTIN = "builtin-beginner-full-body-3day"
SQUAT, BENCH = "Barbell Back Squat", "Barbell Bench Press"
DAY_A = "Beginner full body, 3 days: day A"


def e1rm_text(weight_kg: float, reps: int) -> str:
    """What the page must show: the mean of Epley w(1 + r/30) and Brzycki 36w/(37 - r)."""
    epley = weight_kg * (1 + reps / 30)
    brzycki = weight_kg * 36 / (37 - reps)
    return f"{(epley + brzycki) / 2:.1f} kg"


@pytest.fixture(scope="module")
def session_cookie(ui_url: str) -> str:
    return user_with_profile(ui_url, "Robin", 80)


def _card(page: Page, name: str):
    return page.locator(".exercise-card", has=page.get_by_role("heading", name=name, exact=True))


def _headings(page: Page) -> list[str]:
    return page.locator(".exercise-card h2").all_inner_texts()


def test_program_day_to_progress_and_the_calendar(
    browser: Browser, ui_url: str, session_cookie: str
) -> None:
    with signed_in_page(browser, ui_url, session_cookie, phone=True) as page:
        page.goto(f"{ui_url}/programs")
        expect(page.locator(f"#program-{BUILTIN} .program-position")).to_have_text(
            "Week 1 \u00b7 next: day A \u00b7 0 sessions done", timeout=LIVE_MS
        )
        screenshot(page, "programs-phone")
        no_sideways_overflow(page)
        page.locator(f"#start-program-{BUILTIN}").click()
        page.wait_for_url(re.compile(r"/workouts/[0-9a-f]+$"))
        expect(page.locator(".exercise-card")).to_have_count(3, timeout=LIVE_MS)
        assert _headings(page)[:2] == [SQUAT, BENCH]

        # Reorder: the bench press first; the order is the workout's, so a reload keeps it.
        page.get_by_role("button", name=f"Move {BENCH} up").click()
        expect(page.locator(".exercise-card h2").first).to_have_text(BENCH, timeout=LIVE_MS)
        page.reload()
        expect(page.locator(".exercise-card h2").first).to_have_text(BENCH, timeout=LIVE_MS)
        assert _headings(page)[:2] == [BENCH, SQUAT]
        expect(page.get_by_role("button", name=f"Move {BENCH} up")).to_be_disabled()
        screenshot(page, "workout-reordered-phone")
        no_sideways_overflow(page)

        squat = _card(page, SQUAT)
        ticks = squat.locator(".set-tick")
        expect(ticks).to_have_count(3)
        for n in range(3):
            # The program's target is in the row before it is ticked (40 kg x 5, first time).
            expect(squat.locator("input[id$='-weight']").nth(n)).to_have_value("40")
            expect(squat.locator("input[id$='-reps']").nth(n)).to_have_value("5")
            ticks.nth(n).click()
            expect(ticks.nth(n)).to_have_attribute("aria-pressed", "true", timeout=LIVE_MS)
        expect(page.locator("#workout-progress")).to_contain_text("3 sets")
        page.locator("#finish-workout").click()
        expect(page.locator("#workout-summary")).to_be_visible(timeout=LIVE_MS)

        # The summary links to the progress of its first lift with sets: the squat.
        page.locator("#summary-progress").click()
        page.wait_for_url(re.compile(r"/progress\?exercise=builtin"))
        expect(page.locator("#latest-e1rm")).to_have_text(e1rm_text(40, 5), timeout=LIVE_MS)
        expect(page.locator("#progress-exercise")).to_have_value("builtin:barbell-back-squat")
        expect(page.locator("#e1rm-formula")).to_contain_text("Epley w(1+r/30)")
        expect(page.locator("#e1rm-formula")).to_contain_text("Brzycki 36w/(37-r)")
        expect(page.locator("#best-sets li").first).to_contain_text("40 kg \u00d7 5")
        expect(page.locator("#chart-e1rm .js-plotly-plot")).to_be_visible(timeout=LIVE_MS)
        expect(page.locator("#chart-muscle-sets .js-plotly-plot")).to_be_visible(timeout=LIVE_MS)
        # drawn with the data, not an empty figure (the figures are built on this page only)
        expect(page.locator("#chart-e1rm .scatterlayer .trace").first).to_be_attached()
        expect(page.locator("#chart-muscle-sets .barlayer .trace").first).to_be_attached()
        # The range picker: the session is inside 4 weeks too.
        page.get_by_role("radio", name="4 weeks").click()
        expect(page.get_by_role("radio", name="4 weeks")).to_be_checked()
        expect(page.locator("#latest-e1rm")).to_have_text(e1rm_text(40, 5), timeout=LIVE_MS)
        # The charts' numbers are in collapsed tables (their text is in the page).
        expect(page.locator("#chart-muscles-table")).to_contain_text("Quadriceps")
        screenshot(page, "progress-phone")
        no_sideways_overflow(page)

        # The history as a month calendar: today is marked, picking it lists the workout.
        page.goto(f"{ui_url}/workouts")
        page.get_by_role("radio", name="Calendar").click()
        today = dt.datetime.now(dt.UTC).date().isoformat()
        cell = page.locator(f"#day-{today}")
        expect(cell.locator(".calendar-mark")).to_have_text("1", timeout=LIVE_MS)
        cell.click()
        expect(page.locator("#day-workouts li")).to_have_count(1, timeout=LIVE_MS)
        expect(page.locator("#day-workouts")).to_contain_text(DAY_A)
        screenshot(page, "workouts-calendar-phone")
        no_sideways_overflow(page)
        page.locator("#day-workouts a").click()
        expect(page.locator("#workout-summary")).to_be_visible(timeout=LIVE_MS)

    with signed_in_page(browser, ui_url, session_cookie, phone=False) as page:
        page.goto(f"{ui_url}/progress")
        expect(page.locator("#latest-e1rm")).not_to_have_text("\u2013", timeout=LIVE_MS)
        expect(page.locator("#chart-e1rm .js-plotly-plot")).to_be_visible(timeout=LIVE_MS)
        screenshot(page, "progress-desktop")
        page.goto(f"{ui_url}/workouts")
        page.get_by_role("radio", name="Calendar").click()
        expect(page.locator(".calendar-mark").first).to_be_visible(timeout=LIVE_MS)
        screenshot(page, "workouts-calendar-desktop")
        page.goto(f"{ui_url}/programs")
        expect(page.locator(f"#program-{BUILTIN} .program-position")).to_contain_text(
            "next: day B", timeout=LIVE_MS
        )
        screenshot(page, "programs-desktop")


def _add_exercise(page: Page, day: int, search: str, name: str) -> None:
    page.locator(".program-day").nth(day).locator(".add-program-exercise").click()
    page.locator("#exercise-search").fill(search)
    result = page.locator("#exercise-results li", has_text=name).first
    expect(result).to_be_visible(timeout=LIVE_MS)
    result.locator("button").click()
    expect(page.locator("#exercise-picker")).to_be_hidden(timeout=LIVE_MS)
    expect(page.locator(".program-day").nth(day)).to_contain_text(name, timeout=LIVE_MS)


def test_create_an_own_program_with_two_days_start_and_edit_it(
    browser: Browser, ui_url: str, session_cookie: str
) -> None:
    with signed_in_page(browser, ui_url, session_cookie, phone=True) as page:
        page.goto(f"{ui_url}/programs")
        page.locator("#new-program").click()
        page.wait_for_url(re.compile(r"/programs/new$"))
        expect(page.get_by_role("heading", name="New program")).to_be_visible()
        expect(page.locator(".program-day")).to_have_count(1, timeout=LIVE_MS)

        # Saving without an exercise says what is missing and stores nothing.
        page.locator("#program-name").fill("Push pull")
        page.locator("#save-program").click()
        expect(page.locator("#program-error")).to_have_text("Day A: add an exercise")

        page.locator("#program-days-per-week").select_option("2")
        _add_exercise(page, 0, "bench", BENCH)
        day_a = page.locator(".program-day").nth(0)
        day_a.get_by_label("Reps").fill("8")
        day_a.get_by_label("Add (kg)").fill("5")
        page.locator("#add-day").click()
        expect(page.locator(".program-day")).to_have_count(2)
        expect(page.locator(".program-day").nth(1).get_by_label("Day", exact=True)).to_have_value(
            "B"
        )
        _add_exercise(page, 1, "row", "Barbell Row")
        page.locator(".program-day").nth(1).get_by_label("Progression").select_option("percent")
        page.locator(".program-day").nth(1).get_by_label("% of your e1RM").fill("75")
        screenshot(page, "program-editor-phone")
        no_sideways_overflow(page)
        page.locator("#save-program").click()

        page.wait_for_url(re.compile(r"/programs/?$"))
        mine = page.locator(".program-card", has_text="Push pull")
        expect(mine).to_contain_text("Yours", timeout=LIVE_MS)
        expect(mine).to_contain_text("2 days a week")
        expect(mine).to_contain_text("Day A: Barbell bench press 3\u00d78")
        expect(mine.locator(".program-position")).to_have_text(
            "Week 1 \u00b7 next: day A \u00b7 0 sessions done"
        )
        mine.get_by_role("button", name="Start the next day").click()
        page.wait_for_url(re.compile(r"/workouts/[0-9a-f]+$"))
        expect(page.get_by_role("heading", name="Push pull: day A")).to_be_visible(timeout=LIVE_MS)
        expect(page.locator(".exercise-target").first).to_contain_text("3 \u00d7 8 at 20 kg")
        expect(page.locator("#set-1-weight")).to_have_value("20")

        # The program now goes on with day B; edit its name.
        page.goto(f"{ui_url}/programs")
        mine = page.locator(".program-card", has_text="Push pull")
        expect(mine.locator(".program-position")).to_contain_text("next: day B", timeout=LIVE_MS)
        mine.get_by_role("link", name="Edit Push pull").click()
        page.wait_for_url(re.compile(r"/programs/[0-9a-f]+$"))
        expect(page.locator("#program-name")).to_have_value("Push pull", timeout=LIVE_MS)
        expect(page.locator(".program-day").nth(1).get_by_label("% of your e1RM")).to_have_value(
            "75"
        )
        page.locator("#program-name").fill("Push pull, heavier")
        page.locator("#save-program").click()
        page.wait_for_url(re.compile(r"/programs/?$"))
        expect(page.locator(".program-card", has_text="Push pull, heavier")).to_be_visible(
            timeout=LIVE_MS
        )

    with signed_in_page(browser, ui_url, session_cookie, phone=False) as page:
        page.goto(f"{ui_url}/programs")
        page.locator(".program-card", has_text="Push pull, heavier").get_by_role(
            "link", name=re.compile("^Edit")
        ).click()
        expect(page.locator("#program-name")).to_have_value("Push pull, heavier", timeout=LIVE_MS)
        screenshot(page, "program-editor-desktop")


def test_copy_a_builtin_program_edit_the_copy_and_delete_it_after_confirming(
    browser: Browser, ui_url: str
) -> None:
    with signed_in_page(browser, ui_url, user_with_profile(ui_url, "Cleo", 70), phone=True) as page:
        page.goto(f"{ui_url}/programs/{BUILTIN.replace('builtin-', 'builtin:')}")
        expect(page.locator("#load-error")).to_contain_text("copy it to your programs")

        page.goto(f"{ui_url}/programs")
        builtin = page.locator(f"#program-{BUILTIN}")
        expect(builtin.get_by_role("link", name=re.compile("^Edit"))).to_have_count(0)
        builtin.locator(f"#copy-program-{BUILTIN}").click()
        page.wait_for_url(re.compile(r"/programs/[0-9a-f]+$"))
        copied = "Beginner full body, 3 days (my copy)"
        expect(page.locator("#program-name")).to_have_value(copied, timeout=LIVE_MS)
        expect(page.locator(".program-day")).to_have_count(3)
        expect(page.locator(".program-day").nth(0)).to_contain_text("Barbell Back Squat")
        page.locator("#program-name").fill("My full body")
        page.locator("#save-program").click()
        page.wait_for_url(re.compile(r"/programs/?$"))
        mine = page.locator(".program-card", has_text="My full body")
        expect(mine).to_contain_text("Yours", timeout=LIVE_MS)
        expect(page.locator(f"#program-{BUILTIN}")).to_be_visible()  # the built-in stays

        # Delete asks first; "keep it" keeps it, the confirmation deletes it.
        mine.get_by_role("link", name="Edit My full body").click()
        page.wait_for_url(re.compile(r"/programs/[0-9a-f]+$"))
        expect(page.locator("#program-name")).to_have_value("My full body", timeout=LIVE_MS)
        page.locator("#delete-program").click()
        dialog = page.get_by_role("alertdialog")
        expect(dialog).to_contain_text("Delete this program?")
        screenshot(page, "program-delete-confirm-phone")
        dialog.get_by_role("button", name="Keep it").click()
        expect(dialog).to_have_count(0)
        page.goto(f"{ui_url}/programs")
        expect(page.locator(".program-card", has_text="My full body")).to_be_visible()
        page.locator(".program-card", has_text="My full body").get_by_role(
            "link", name="Edit My full body"
        ).click()
        expect(page.locator("#program-name")).to_have_value("My full body", timeout=LIVE_MS)
        page.locator("#delete-program").click()
        page.locator("#confirm-delete-program").click()
        page.wait_for_url(re.compile(r"/programs/?$"))
        expect(page.locator(f"#program-{BUILTIN}")).to_be_visible(timeout=LIVE_MS)
        expect(page.locator(".program-card", has_text="My full body")).to_have_count(0)
