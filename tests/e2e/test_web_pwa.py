"""The installable, offline-capable web app (issue 11, PWA), in Chromium through nginx.

Installability is what Chromium itself says about the manifest and the service worker (CDP
`Page.getAppManifest` and `Page.getInstallabilityErrors`). Offline is Playwright's offline
mode: the service worker answers from its caches and the page's queue waits on the device;
what was stored is then read back through the public API.
"""

from __future__ import annotations

import json
import re
import struct
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, screenshot, signed_in, user_with_token
from playwright.sync_api import Browser, CDPSession, Page, expect, sync_playwright
from push_receiver import PushReceiver

from backend_services.notifications.domain import push_test_message
from backend_services.notifications.wording import ENGLISH_METRIC

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SEND_URL = "**/session/offline/entries"  # where the device's queue is sent
LIVE_MS = 30_000  # the websocket comes back by itself a few seconds after the network
# The active worker's script (or "" when none is active within 20 s: a failed install).
SW_READY = """Promise.race([
  navigator.serviceWorker.ready.then((r) => (r.active ? r.active.scriptURL : "")),
  new Promise((done) => setTimeout(() => done(""), 20000)),
])"""
DAY_SAVED = """async () => {
  const cache = await caches.open("fitledger-day-v1");
  const saved = await cache.match("/session/offline/diary/last");
  return saved ? (await saved.json()).meals.some((m) => m.items.length > 0) : false;
}"""


def _wait_for(page: Page, script: str) -> None:
    """Until an async page script answers true (wait_for_function takes a promise for true)."""
    for _ in range(LIVE_MS // 250):
        if page.evaluate(script):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"never true: {script}")


def _png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", body[16:24])


def _api(ui_url: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=ui_url, timeout=30, headers={"Authorization": f"Bearer {token}"})


def _diary_items(ui_url: str, token: str, day: str) -> list[dict]:
    with _api(ui_url, token) as api:
        answer = api.get(f"/api/nutrition/diary/{day}")
        answer.raise_for_status()
    return [item for meal in answer.json()["meals"] for item in meal["items"]]


def _open_diary(page: Page, ui_url: str) -> None:
    page.goto(f"{ui_url}/diary")
    expect(page.locator(".rt-Skeleton")).to_have_count(0, timeout=LIVE_MS)
    assert page.evaluate(SW_READY).endswith("/sw.js")


def test_the_manifest_and_service_worker_make_the_app_installable(
    ui_url: str, tmp_path: Path
) -> None:
    cookie, _token = user_with_token(ui_url, "Ines")
    # A browser profile on disk: Chromium never offers to install from an incognito context,
    # which is what Playwright's new_context() is.
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path / "profile",
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport=DESKTOP,
        )
        context.add_cookies([{"name": "fl_session", "value": cookie, "url": ui_url}])
        try:
            _check_installable(context.pages[0] if context.pages else context.new_page(), ui_url)
        finally:
            context.close()


def _check_installable(page: Page, ui_url: str) -> None:
    """Registered on every page; Chromium parses the manifest and finds nothing missing."""
    context = page.context
    # Registered on every page, public and private (assets/register-sw.js from the head).
    for path in ("/welcome", "/login", "/", "/diary", "/settings"):
        page.goto(f"{ui_url}{path}")
        assert page.evaluate(SW_READY) == f"{ui_url}/sw.js", path
    page.reload()  # now controlled by the worker, as on any later visit
    assert page.evaluate("navigator.serviceWorker.controller !== null")

    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == f"{ui_url}/manifest.json"
    assert manifest["errors"] == []
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []

    data = json.loads(manifest["data"])
    assert data["display"] == "standalone"
    assert (data["start_url"], data["scope"], data["id"]) == ("/", "/", "/")
    assert data["name"] and data["short_name"] and data["description"]
    assert data["theme_color"] and data["background_color"]
    pngs = {(i["sizes"], i["purpose"]): i["src"] for i in data["icons"] if i["type"] == "image/png"}
    assert set(pngs) == {(s, p) for s in ("192x192", "512x512") for p in ("any", "maskable")}
    assert {s["form_factor"] for s in data["screenshots"]} == {"narrow", "wide"}
    with httpx.Client(base_url=ui_url, timeout=30) as http:
        for (sizes, _purpose), src in pngs.items():
            side = int(sizes.split("x")[0])
            assert _png_size(http.get(src).content) == (side, side), src
        for shot in data["screenshots"]:
            width, height = map(int, shot["sizes"].split("x"))
            assert _png_size(http.get(shot["src"]).content) == (width, height), shot["src"]


def test_offline_the_diary_shows_the_saved_day_and_queued_food_is_stored_once(
    browser: Browser, ui_url: str
) -> None:
    cookie, token = user_with_token(ui_url, "Olga")
    today = datetime.now(UTC).date().isoformat()
    with _api(ui_url, token) as api:
        food = api.get("/api/nutrition/foods", params={"q": "banana"}).json()["items"][0]
        for item in (
            {"quick_add": {"energy_kcal": 320, "name": "Morning toast"}},
            {"food_id": food["id"], "grams": 100},
        ):
            api.post(
                "/api/nutrition/meals",
                json={"date": today, "meal_type": "breakfast", "items": [item]},
            ).raise_for_status()

    context = signed_in(browser, ui_url, cookie, phone=True)
    try:
        page = context.new_page()
        _open_diary(page, ui_url)
        expect(page.locator("#offline-banner")).to_be_hidden()
        _wait_for(page, DAY_SAVED)

        # Chromium's offline emulation can let a request through just after a reload (the new
        # document briefly reports navigator.onLine); the send endpoint is cut off as well, so
        # "offline" holds for the whole phase. The service worker does not handle POSTs.
        context.route(SEND_URL, lambda route: route.abort("internetdisconnected"))
        context.set_offline(True)
        # A day never opened on this device: the cached diary page shows the saved day.
        page.goto(f"{ui_url}/diary/2026-01-05")
        expect(page.locator("#offline-banner")).to_contain_text("You are offline")
        expect(page.locator("#offline-day-title")).to_contain_text("the last day you opened")
        page.goto(f"{ui_url}/diary")
        expect(page.locator("#offline-day-title")).not_to_contain_text("the last day")
        expect(page.locator("#offline-day-meals")).to_contain_text("Morning toast")

        page.locator("#offline-meal").select_option("snack")
        page.get_by_label("Name").fill("Offline apple")
        page.get_by_label("Calories (kcal)").fill("95")
        page.locator("#offline-quick-add").click()
        page.locator("#offline-recent-food").select_option(str(food["id"]))
        page.get_by_label("Amount (g)").fill("150")
        page.locator("#offline-recent-add").click()
        status = page.locator("#offline-queue-status")
        expect(status).to_have_text("2 entries waiting to be sent when you are back online.")
        expect(page.locator("#offline-queue-list li")).to_have_count(2)
        page.reload()  # the queue is kept on the device
        # Settled (not "sending…"); the wording's tail follows navigator.onLine, see above.
        expect(status).to_have_text(re.compile(r"^2 entries waiting to be sent( when .*)?\.$"))
        screenshot(page, "pwa-offline-queue-phone")
        sent = page.evaluate("JSON.parse(localStorage.getItem('fitledger.offline-queue'))")
        assert len(_diary_items(ui_url, token, today)) == 2  # nothing left the device
        assert len(sent) == 2

        context.unroute(SEND_URL)
        context.set_offline(False)
        expect(status).to_have_text("2 entries sent to your diary.", timeout=LIVE_MS)
        expect(page.locator("#offline-banner")).to_be_hidden()
        # The page's state reloads the day once its websocket is back.
        expect(page.locator("#meals")).to_contain_text("Offline apple", timeout=LIVE_MS)
        screenshot(page, "pwa-back-online-phone")

        # A lost answer makes the device send again: the same keys store nothing more.
        for entry in sent:
            again = page.evaluate(
                """(body) => fetch("/session/offline/entries", {method: "POST",
                     headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
                     .then((r) => r.status)""",
                entry["request"],
            )
            assert again == 201
        items = _diary_items(ui_url, token, today)
        assert [i["name"] for i in items].count("Offline apple") == 1
        bananas = [i for i in items if i.get("food_id") == food["id"]]
        assert sorted(round(i["grams"]) for i in bananas) == [100, 150]
        assert len(items) == 4
    finally:
        context.close()


def _push_registration_id(page: Page, cdp: CDPSession) -> str:
    """The id CDP gives the page's service worker registration (`cdp` then has the
    ServiceWorker domain on, which deliverPushMessage needs)."""
    found: list[str] = []

    def seen(event: dict) -> None:
        found.extend(r["registrationId"] for r in event["registrations"] if not r["isDeleted"])

    cdp.on("ServiceWorker.workerRegistrationUpdated", seen)
    cdp.send("ServiceWorker.enable")
    for _ in range(LIVE_MS // 250):
        if found:
            return found[0]
        page.wait_for_timeout(250)
    raise AssertionError("no service worker registration reported")


def _shown_by_service_worker(
    browser: Browser, ui_url: str, payload: dict, *, click: bool = False
) -> dict:
    """`payload` pushed to a signed-in phone's service worker (CDP `deliverPushMessage`, in
    place of a push service: headless Chromium has none); answers the notification shown.
    With `click`, the notification is then clicked (a `notificationclick` dispatched in the
    worker, as the browser does) and the answer also holds the page's address after it."""
    cookie, _token = user_with_token(ui_url, "Pia")
    context = signed_in(browser, ui_url, cookie, phone=True)
    try:
        context.grant_permissions(["notifications"], origin=ui_url)
        page = context.new_page()
        page.goto(f"{ui_url}/diary")
        assert page.evaluate(SW_READY) == f"{ui_url}/sw.js"
        cdp = context.new_cdp_session(page)
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {
                "origin": ui_url,
                "registrationId": _push_registration_id(page, cdp),
                "data": json.dumps(payload),
            },
        )
        _wait_for(
            page,
            "navigator.serviceWorker.ready.then((r) => r.getNotifications())"
            ".then((shown) => shown.length === 1)",
        )
        [shown] = page.evaluate(
            """navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((all) =>
                 all.map((n) => ({title: n.title, body: n.body, url: n.data.url, icon: n.icon})))"""
        )
        if click:
            [worker] = context.service_workers
            worker.evaluate(
                """async () => {
                  const [shown] = await self.registration.getNotifications();
                  const click = new NotificationEvent("notificationclick", {notification: shown});
                  self.dispatchEvent(click);
                }"""
            )
            # (the static server answers /progress as /progress/)
            opened = re.compile(re.escape(f"{ui_url}{shown['url']}") + "/?$")
            expect(page).to_have_url(opened, timeout=LIVE_MS)
            shown["opened"] = page.url.removeprefix(ui_url).rstrip("/")
            shown["left"] = page.evaluate(
                "navigator.serviceWorker.ready.then((r) => r.getNotifications())"
                ".then((all) => all.length)"
            )
        return shown
    finally:
        context.close()


def test_the_service_workers_push_handler_shows_the_services_message(
    browser: Browser, ui_url: str
) -> None:
    """The message the notifications service sends for "Send a test notification"
    (channels.py sends push_test_message in the user's language), on any stack."""
    shown = _shown_by_service_worker(browser, ui_url, push_test_message(ENGLISH_METRIC))
    assert shown == {
        "title": "FitLedger test notification",
        "body": "Push notifications work on this device.",
        "url": "/settings",  # the page a click opens (notificationclick)
        "icon": f"{ui_url}/icons/icon-192.png",
    }


def test_a_click_on_a_notification_opens_the_page_it_is_about(
    browser: Browser, ui_url: str
) -> None:
    """The diary is open; a "new personal record" push names /progress: a click on it brings
    the app's window to /progress and closes the notification."""
    payload = {"title": "New personal record", "body": "Squat 100 kg", "url": "/progress"}
    shown = _shown_by_service_worker(browser, ui_url, payload, click=True)
    assert (shown["opened"], shown["left"]) == ("/progress", 0)


def test_a_push_sent_by_the_service_is_shown_by_the_service_worker(
    browser: Browser, ui_url: str, push_receiver: PushReceiver
) -> None:
    """The whole way: the notifications service encrypts and sends a real push to the local
    receiver (tests/push_receiver.py), and what the receiver decrypted is what the service
    worker shows. Needs a stack started with PUSH_ALLOWED_TEST_ORIGINS (the test stack)."""
    _cookie, token = user_with_token(ui_url, "Pia")
    device = push_receiver.subscribe()
    with _api(ui_url, token) as api:
        created = api.post("/api/notifications/push-subscriptions", json=device.as_json())
        if created.status_code != 201:
            pytest.skip("this stack was not started with PUSH_ALLOWED_TEST_ORIGINS")
        api.post(f"/api/notifications/push-subscriptions/{created.json()['id']}/test")
    [message] = push_receiver.wait_for(device, 1, timeout=LIVE_MS / 1000)
    assert message.problems == []
    shown = _shown_by_service_worker(browser, ui_url, message.payload)
    assert (shown["title"], shown["body"], shown["url"]) == (
        message.payload["title"],
        message.payload["body"],
        message.payload["url"],
    )
