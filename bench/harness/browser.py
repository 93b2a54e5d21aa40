"""Headless Chromium for the browser benchmarks and the user it signs in as: a fresh account
made through the UI's own sign-up form post, with a profile (and, for the pages that show
them, a week of meals), and a browser context that carries its session cookie."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PASSWORD = "correct horse battery staple"
PHONE = {"width": 390, "height": 844}
PROFILE = {
    "sex": "female",
    "birth_date": "1990-05-01",
    "height_cm": 168,
    "weight_kg": 64,
    "activity_level": "moderate",
    "goal": "lose",
    "goal_rate_kg_per_week": 0.25,
}


def sign_up(http: httpx.Client, url: str) -> tuple[str, str, str]:
    """A new user with a profile; answers (session cookie, API access token, e-mail)."""
    email = f"bench-ui-{uuid.uuid4().hex[:10]}@example.com"
    answer = http.post(
        "/session/register",
        data={"display_name": "Bench", "email": email, "password": PASSWORD},
        headers={"Origin": url},
    )
    cookie = answer.cookies.get("fl_session")
    if answer.status_code != 303 or not cookie:
        raise SystemExit(f"sign-up failed: {answer.status_code} {answer.text[:200]}")
    login = http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    token = login.json()["access_token"]
    http.patch(
        "/api/users/me", headers={"Authorization": f"Bearer {token}"}, json=PROFILE
    ).raise_for_status()
    return cookie, token, email


def signed_in_context(browser: Any, url: str, cookie: str, **options: Any) -> Any:
    """A browser context (`options` as Playwright's new_context takes them) with the cookie."""
    context = browser.new_context(**options)
    context.add_cookies(
        [
            {
                "name": "fl_session",
                "value": cookie,
                "domain": url.split("//", 1)[1].split(":")[0],
                "path": "/",
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    return context


def user_with_a_week_of_meals(url: str) -> tuple[str, str]:
    """A user with a profile and a week of meals; returns (session cookie, email)."""
    with httpx.Client(base_url=url, timeout=30, follow_redirects=False) as http:
        cookie, token, email = sign_up(http, url)
        auth = {"Authorization": f"Bearer {token}"}
        food = http.get("/api/nutrition/foods", params={"q": "apple"}, headers=auth).json()
        food_id = food["items"][0]["id"]
        for back in range(7):
            day = (date.today() - timedelta(days=back)).isoformat()
            for meal in ("breakfast", "lunch", "dinner"):
                http.post(
                    "/api/nutrition/meals",
                    headers={**auth, "Idempotency-Key": uuid.uuid4().hex},
                    json={
                        "date": day,
                        "meal_type": meal,
                        "items": [{"food_id": food_id, "grams": 150}],
                    },
                ).raise_for_status()
    return cookie, email
