"""Takes the web app manifest's screenshots (assets/screenshots/) from a running stack.

With `make up` running: `.venv/bin/python deploy/pwa/make_screenshots.py [URL]`, then commit
the PNGs. A new account logs a sample day (through the public API, as the app does), and the
diary is photographed at the sizes the manifest names: phone 390x844, desktop 1366x768.
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from pathlib import Path

import httpx
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "assets" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SIZES = {"phone": (390, 844), "desktop": (1366, 768)}
PASSWORD = "correct horse battery staple"
PROFILE = {
    "sex": "female",
    "birth_date": "1991-04-12",
    "height_cm": 168,
    "weight_kg": 63,
    "activity_level": "light",
    "goal": "maintain",
}
# (meal, search words, grams)
SAMPLE_DAY = (
    ("breakfast", "oats", 60),
    ("breakfast", "banana", 120),
    ("lunch", "chicken breast", 150),
    ("lunch", "rice", 180),
    ("snack", "apple", 150),
)


def sample_account(base: str) -> str:
    """A new account with a profile and a logged day; answers the UI session cookie."""
    email = f"screenshots-{uuid.uuid4().hex[:10]}@example.com"
    with httpx.Client(base_url=base, timeout=30) as http:
        answer = http.post(
            "/session/register",
            data={"display_name": "Maya", "email": email, "password": PASSWORD},
            headers={"Origin": base},
        )
        assert answer.status_code == 303, answer.text  # signed in, on to onboarding
        token = http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
        http.patch("/api/users/me", headers=auth, json=PROFILE).raise_for_status()
        today = dt.datetime.now(dt.UTC).date().isoformat()
        for meal, words, grams in SAMPLE_DAY:
            found = http.get("/api/nutrition/foods", params={"q": words}, headers=auth)
            food = found.json()["items"][0]
            http.post(
                "/api/nutrition/meals",
                headers=auth,
                json={
                    "date": today,
                    "meal_type": meal,
                    "items": [{"food_id": food["id"], "grams": grams}],
                },
            ).raise_for_status()
        return answer.cookies["fl_session"]


def main(base: str) -> None:
    cookie = sample_account(base)
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, (width, height) in SIZES.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, is_mobile=name == "phone"
            )
            context.add_cookies([{"name": "fl_session", "value": cookie, "url": base}])
            page = context.new_page()
            page.goto(f"{base}/diary")
            expect(page.locator(".rt-Skeleton")).to_have_count(0, timeout=30_000)
            expect(page.locator("#day-eaten")).not_to_have_text("0", timeout=30_000)
            expect(page.locator("#day-target")).not_to_have_text("—", timeout=30_000)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / f"diary-{name}.png"))
            print(OUT / f"diary-{name}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080")
