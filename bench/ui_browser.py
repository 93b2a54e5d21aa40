"""The web app in a real browser: first load of the signed-in dashboard, and the add-food loop.

    python -m bench.ui_browser [--url http://localhost:8080] [--loads 15] [--rounds 20]
        [--workout-users 3] [--add-rounds 15] [--finishes 5] [--only-workouts]

Runs against a stack you started with `make up` (the UI bundle is built for its address).
It registers a fresh user through the UI's own sign-up form post, fills in a profile and a
week of meals through the API, then drives Debian's Chromium with Playwright:

1. first load of `/` signed in: cold (a new browser context each time: empty cache, new
   websocket) and warm (reloads in one context). Two times per load, both from navigation
   start: the load event, and "ready" = today's summary rendered with the user's numbers
   (prerendered shell + websocket + state), which is what a user waits for;
2. search as you type: the time from the last keystroke to the first matching result row
   (includes the picker's debounce, which is part of what a user feels);
3. log and update: click "Log" → the meal's kcal on the page shows the new total;
4. the workout tracker (bench/ui_workouts.py), several users at once: tick a set → the row
   shows it saved; tap "Finish workout" → the summary is on screen.

Times are taken inside the page (performance.now()), so Playwright's own overhead is not
counted. Results: bench/results/ui_browser.md and .json (`--only-workouts`: the tracker alone,
in ui_browser_workouts.md and .json). Only the local stack is loaded.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

from playwright.sync_api import Page, sync_playwright

from bench.harness.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    signed_in_context,
    user_with_a_week_of_meals,
)
from bench.harness.machine import machine_info, machine_line
from bench.harness.report import percentiles_ms
from bench.harness.stack import ROOT
from bench.ui_workouts import workout_round_trips

# What people type, and a word the first result must contain once the answer is shown.
QUERIES = [
    ("apple", "apple"),
    ("banana", "banana"),
    ("chiken brest", "chicken"),
    ("milk", "milk"),
    ("oatmeal", "oat"),
    ("egg", "egg"),
    ("rice", "rice"),
    ("cheddar", "cheddar"),
    ("brocoli", "broccoli"),
    ("yogurt", "yogurt"),
    ("salmon", "salmon"),
    ("bread", "bread"),
]
RESULTS = ROOT / "bench" / "results"
READY_SELECTOR = "#today-summary"


def _load_times(page: Page, url: str) -> tuple[float, float]:
    page.goto(url, wait_until="load")
    page.wait_for_selector(READY_SELECTOR, state="visible")
    ready = page.evaluate("performance.now()")
    nav = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return n.loadEventEnd - n.startTime; }"
    )
    return nav / 1000, ready / 1000


def _first_loads(browser: Any, url: str, cookie: str, loads: int) -> dict[str, Any]:
    desktop = {"viewport": {"width": 1366, "height": 768}}
    cold_nav, cold_ready, warm_nav, warm_ready = [], [], [], []
    for _ in range(loads):
        context = signed_in_context(browser, url, cookie, **desktop)
        page = context.new_page()
        nav, ready = _load_times(page, f"{url}/")
        cold_nav.append(nav)
        cold_ready.append(ready)
        context.close()
    context = signed_in_context(browser, url, cookie, **desktop)
    page = context.new_page()
    _load_times(page, f"{url}/")
    for _ in range(loads):
        nav, ready = _load_times(page, f"{url}/")
        warm_nav.append(nav)
        warm_ready.append(ready)
    context.close()
    return {
        "cold_load_event": percentiles_ms(cold_nav),
        "cold_ready": percentiles_ms(cold_ready),
        "warm_load_event": percentiles_ms(warm_nav),
        "warm_ready": percentiles_ms(warm_ready),
    }


def _add_food_loop(browser: Any, url: str, cookie: str, rounds: int) -> dict[str, Any]:
    context = signed_in_context(browser, url, cookie, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{url}/diary", wait_until="load")
    page.wait_for_selector("#meal-snack", state="visible")
    search_times, log_times = [], []
    for index in range(rounds):
        query, expected = QUERIES[index % len(QUERIES)]
        page.click("#add-snack")
        box = page.wait_for_selector("#food-search", state="visible")
        box.fill("")
        page.wait_for_timeout(300)
        # Type like a person; the clock starts at the last keystroke.
        box.type(query[:-1], delay=40)
        page.evaluate("window.__t0 = null")
        page.evaluate(
            """(q) => { const el = document.querySelector('#food-search');
                el.addEventListener('input', () => { window.__t0 = performance.now(); },
                                    {once: true}); }""",
            query,
        )
        box.type(query[-1])
        elapsed = page.wait_for_function(
            """(want) => { const first = document.querySelector('#food-results li');
                if (!first || window.__t0 === null) return false;
                return first.innerText.toLowerCase().includes(want)
                    && document.querySelector('#food-search').value.length > 0
                    ? performance.now() - window.__t0 : false; }""",
            arg=expected,
        ).json_value()
        search_times.append(float(elapsed) / 1000)
        page.click("#food-results li button")
        page.wait_for_selector("#log-food", state="visible")
        before = page.inner_text("#meal-snack-kcal")
        page.evaluate("window.__t1 = performance.now()")
        page.click("#log-food")
        elapsed = page.wait_for_function(
            """(before) => { const el = document.querySelector('#meal-snack-kcal');
                if (!el || el.innerText === before) return false;
                return performance.now() - window.__t1; }""",
            arg=before,
        ).json_value()
        log_times.append(float(elapsed) / 1000)
        page.keyboard.press("Escape")
        page.wait_for_timeout(200)
    context.close()
    return {
        "search_results_after_typing": percentiles_ms(search_times),
        "log_and_totals_updated": percentiles_ms(log_times),
        "rounds": rounds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("--loads", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--workout-users", type=int, default=3, help="logging sets at once")
    parser.add_argument("--add-rounds", type=int, default=15, help="sets ticked per user")
    parser.add_argument("--finishes", type=int, default=5, help="workouts finished per user")
    parser.add_argument("--only-workouts", action="store_true", help="the tracker alone")
    args = parser.parse_args()
    url = args.url.rstrip("/")
    started = time.time()
    report: dict[str, Any] = {"url": url, "started": started}
    rows: list[tuple[str, dict[str, float]]] = []
    if not args.only_workouts:
        cookie, report["user"] = user_with_a_week_of_meals(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                loads = _first_loads(browser, url, cookie, args.loads)
                loop = _add_food_loop(browser, url, cookie, args.rounds)
            finally:
                browser.close()
        report |= {"first_load": loads, "add_food": loop}
        rows += [
            ("first load, cold: load event", loads["cold_load_event"]),
            ("first load, cold: today's numbers shown", loads["cold_ready"]),
            ("first load, warm: load event", loads["warm_load_event"]),
            ("first load, warm: today's numbers shown", loads["warm_ready"]),
            ("type a query → results shown", loop["search_results_after_typing"]),
            ("log → totals updated", loop["log_and_totals_updated"]),
        ]
    lifts = workout_round_trips(url, args.workout_users, args.add_rounds, args.finishes)
    report["workouts"] = lifts
    users = f"{args.workout_users} users at once"
    rows += [
        (f"tick a set → shown saved ({users})", lifts["add_set_saved"]),
        (f"finish → summary shown ({users})", lifts["finish_summary_shown"]),
    ]
    machine = machine_info("n/a")
    report["machine"] = machine
    with open("/proc/loadavg") as loadavg:
        report["load_average_after"] = loadavg.read().split()[:3]
    what = "" if args.only_workouts else f"{args.loads} loads each, {args.rounds} add-food rounds; "
    lines = [
        "# Web app in a real browser (bench/ui_browser.py)",
        "",
        f"{what}{args.workout_users} users x {args.add_rounds} sets ticked and "
        f"{args.finishes} workouts finished; Debian Chromium, headless. Load average after "
        f"the run: {' '.join(report['load_average_after'])}.",
        "",
        "| step | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|",
        *[f"| {name} | {p['p50']} | {p['p95']} | {p['max']} |" for name, p in rows],
        "",
        machine_line(machine),
        "",
    ]
    stem = "ui_browser_workouts" if args.only_workouts else "ui_browser"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{stem}.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    (RESULTS / f"{stem}.md").write_text("\n".join(lines))
    print("\n".join(lines))
    if statistics.mean(x["p95"] for _, x in rows) <= 0:
        raise SystemExit("no timings were taken")


if __name__ == "__main__":
    main()
