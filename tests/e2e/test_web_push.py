"""Web Push on this device, in the browser through nginx.

Headless Chromium has no push service of its own (it cannot reach Google's), so the page's
`PushManager.subscribe` answers a subscription of the local push receiver
(tests/push_receiver.py): everything after the browser — the page, assets/push.js, the UI
backend, the notifications service, its push worker with VAPID and RFC 8291 encryption — is
the real thing, and the receiver decrypts what arrives. The notification permission is
granted through the Playwright context (nobody can click the browser's own prompt).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from accounts import Account
from browser import screenshot, signed_in, signed_in_page, user_with_profile
from playwright.sync_api import Browser, BrowserContext, expect
from push_receiver import DeviceSubscription, PushReceiver
from stack_env import EXISTING

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

LIVE_MS = 30_000  # the push worker polls its task table


def receiver_push_service(context: BrowserContext, device: DeviceSubscription) -> None:
    """This browser's push service is the local receiver: subscribe answers `device`."""
    subscription = json.dumps(device.as_json())
    # The subscription outlives a reload, as a browser's does (kept in localStorage here).
    context.add_init_script(
        f"""
        (() => {{
          const data = {subscription};
          const KEY = "test-push-subscription";
          const made = () => ({{
            endpoint: data.endpoint,
            toJSON: () => data,
            unsubscribe: async () => {{ localStorage.removeItem(KEY); return true; }},
          }});
          const manager = PushManager.prototype;
          manager.subscribe = async () => {{ localStorage.setItem(KEY, "1"); return made(); }};
          manager.getSubscription = async () => (localStorage.getItem(KEY) ? made() : null);
        }})();
        """
    )


def receiver_allowed(ui_url: str, token: str, device: DeviceSubscription) -> bool:
    """Whether this stack may push to the local receiver (a test stack is started with
    PUSH_ALLOWED_TEST_ORIGINS; a developer's `make up` stack is not)."""
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=ui_url, timeout=30, headers=auth) as http:
        path = "/api/notifications/push-subscriptions"
        if http.post(path, json=device.as_json()).status_code != 201:
            return False
        http.delete(path, params={"endpoint": device.endpoint}).raise_for_status()
        return True


def test_turn_push_on_send_a_test_and_turn_it_off(
    browser: Browser, ui_url: str, push_receiver: PushReceiver, register: Callable[..., Account]
) -> None:
    if EXISTING and not receiver_allowed(
        ui_url, register().access_token, push_receiver.subscribe()
    ):
        pytest.skip("this stack was not started with PUSH_ALLOWED_TEST_ORIGINS for the receiver")
    device = push_receiver.subscribe()
    context = signed_in(browser, ui_url, user_with_profile(ui_url, "Pam"), phone=True)
    try:
        context.grant_permissions(["notifications"], origin=ui_url)
        receiver_push_service(context, device)
        page = context.new_page()
        page.goto(f"{ui_url}/settings")
        expect(page.locator("#push-status")).to_have_text("Push is off for this device.")
        page.locator("#push-enable").click()
        expect(page.locator("#push-notice")).to_contain_text("Push is on")
        expect(page.locator("#push-status")).to_have_text("Push is on for this device.")
        screenshot(page, "settings-push-phone")

        page.locator("#push-test").click()
        expect(page.locator("#push-notice")).to_contain_text("Sent.")
        [message] = push_receiver.wait_for(device, 1, timeout=LIVE_MS / 1000)
        assert message.problems == []
        assert message.payload["title"] == "FitLedger test notification"

        page.reload()  # the browser's subscription is found again and matched with the server's
        expect(page.locator("#push-status")).to_have_text("Push is on for this device.")
        page.locator("#push-disable").click()
        expect(page.locator("#push-status")).to_have_text("Push is off for this device.")
        expect(page.locator("#push-test")).to_have_count(0)
    finally:
        context.close()


def test_blocked_notifications_are_explained(browser: Browser, ui_url: str) -> None:
    with signed_in_page(browser, ui_url, user_with_profile(ui_url, "Bo"), phone=False) as page:
        page.goto(f"{ui_url}/settings")
        expect(page.locator("#push-status")).to_have_text("Push is off for this device.")
        # Headless Chromium answers a permission request it cannot show with "denied".
        page.locator("#push-enable").click()
        expect(page.locator("#push-status")).to_contain_text("blocked for this site")
        expect(page.locator("#push-error")).to_have_count(0)
        screenshot(page, "settings-push-blocked-desktop")
