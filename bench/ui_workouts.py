"""The workout tracker's round trips in a real browser, for bench/ui_browser.py:

1. add a set: tap the set's "done" tick → the row shows it saved (ticked) and the workout's
   line counts it ("n sets"), which needs the service's answer;
2. finish: tap "Finish workout" → the summary (calories, MET, records) is on screen.

Each user is its own process (own Chromium, own account made through the UI's sign-up post),
so several users log at once. The clock starts in the page at the tap's click event and stops
when the page shows the answer (performance.now()), so Playwright's own overhead is not in it.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import httpx
from playwright.sync_api import Page, sync_playwright

from bench.harness.browser import CHROMIUM, CHROMIUM_ARGS, PHONE, sign_up, signed_in_context
from bench.harness.report import percentiles_ms

BENCH = "builtin:barbell-bench-press"
TIMEOUT_MS = 30_000

# The clock starts at the click event itself (not when Playwright sends the click).
_ARM = """(selector) => { window.__t0 = null;
    document.querySelector(selector).addEventListener(
        'click', () => { window.__t0 = performance.now(); }, {once: true, capture: true}); }"""


def _timed_click(page: Page, selector: str, done: str) -> float:
    """Seconds from the click on `selector` to `done` (a JS expression) holding in the page."""
    page.wait_for_selector(selector, state="visible")
    page.evaluate(_ARM, selector)
    page.click(selector)
    waited = page.wait_for_function(
        "() => { if (window.__t0 === null) return false;"
        f" return ({done}) ? performance.now() - window.__t0 : false; }}",
        timeout=TIMEOUT_MS,
    )
    return float(waited.json_value()) / 1000


def _workout(http: httpx.Client, sets: int) -> str:
    """A workout in progress with the bench press (and `sets` sets of it already logged)."""
    started = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=30)).isoformat()
    logged = [{"kind": "strength", "reps": 5, "weight_kg": 60}] * sets
    answer = http.post(
        "/api/workouts/workouts",
        json={
            "name": "Bench benchmark",
            "started_at": started,
            "exercises": [{"exercise_id": BENCH, "sets": logged}],
        },
    )
    answer.raise_for_status()
    return str(answer.json()["id"])


def _add_sets(page: Page, url: str, workout_id: str, rounds: int) -> list[float]:
    page.goto(f"{url}/workouts/{workout_id}", wait_until="load")
    page.wait_for_selector("#set-1-weight", state="visible", timeout=TIMEOUT_MS)
    times = []
    for n in range(1, rounds + 1):
        if n > 1:
            page.get_by_role("button", name="Add a set to Barbell Bench Press").click()
            page.wait_for_selector(f"#set-{n}-weight", state="visible")
        page.fill(f"#set-{n}-weight", "60")
        page.fill(f"#set-{n}-reps", "5")
        done = (
            f"document.querySelector('#set-{n}-done').getAttribute('aria-pressed') === 'true'"
            f" && document.querySelector('#workout-progress').innerText.includes('{n} set')"
        )
        times.append(_timed_click(page, f"#set-{n}-done", done))
    return times


def _finish(page: Page, url: str, workout_id: str) -> float:
    page.goto(f"{url}/workouts/{workout_id}", wait_until="load")
    page.wait_for_selector("#set-3-done[aria-pressed=true]", timeout=TIMEOUT_MS)
    return _timed_click(page, "#finish-workout", "document.querySelector('#summary-kcal') !== null")


def one_user(url: str, add_rounds: int, finishes: int) -> dict[str, list[float]]:
    """One user's timings (seconds): `add_rounds` sets ticked, `finishes` workouts finished."""
    with httpx.Client(base_url=url, timeout=60, follow_redirects=False) as http:
        cookie, token, _ = sign_up(http, url)
        http.headers["Authorization"] = f"Bearer {token}"
        adding = _workout(http, 0)
        to_finish = [_workout(http, 3) for _ in range(finishes)]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = signed_in_context(browser, url, cookie, viewport=PHONE, is_mobile=True)
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            added = _add_sets(page, url, adding, add_rounds)
            finished = [_finish(page, url, workout_id) for workout_id in to_finish]
            context.close()
        finally:
            browser.close()
    return {"add_set": added, "finish": finished}


def workout_round_trips(url: str, users: int, add_rounds: int, finishes: int) -> dict[str, Any]:
    """`users` users at once, each in its own process; percentiles over all of them."""
    with ProcessPoolExecutor(max_workers=users) as pool:
        runs = list(pool.map(one_user, [url] * users, [add_rounds] * users, [finishes] * users))
    added = [t for run in runs for t in run["add_set"]]
    finished = [t for run in runs for t in run["finish"]]
    return {
        "users": users,
        "add_set_rounds": len(added),
        "finishes": len(finished),
        "add_set_saved": percentiles_ms(added),
        "finish_summary_shown": percentiles_ms(finished),
    }
