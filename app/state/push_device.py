"""Web Push on this device: what the browser reported, in plain words, and the state the
settings page keeps (app/pages/settings_push.py; the browser side is assets/push.js)."""

from __future__ import annotations

import json
from typing import Any

import reflex as rx

from app.api.errors import ApiError
from app.api.push import PushApi
from app.i18n import tr
from app.state.messages import explain
from app.state.session import SessionState


def read_report(line: str) -> dict[str, Any]:
    """The JSON line assets/push.js typed ({} when it is not one)."""
    try:
        report = json.loads(line)
    except (TypeError, ValueError):
        return {}
    return report if isinstance(report, dict) else {}


def status_words(support: str, permission: str, enabled: bool, language: str = "en") -> str:
    if support == "unsupported":
        return tr(
            language,
            "This browser cannot receive push notifications. On an iPhone, add FitLedger to "
            "the home screen first; otherwise try a current Chrome, Edge or Firefox.",
        )
    if permission == "denied":
        return tr(
            language,
            "Notifications are blocked for this site in your browser. Allow them in the "
            "browser's site settings (the icon left of the address), then turn push on again.",
        )
    if enabled:
        return tr(language, "Push is on for this device.")
    return tr(language, "Push is off for this device.")


class PushDeviceState(SessionState):
    probe: str = ""  # changed on load: assets/push.js then reports the device's state
    vapid_key: str = ""
    support: str = ""  # "" until the browser reported, "ok" or "unsupported"
    permission: str = ""  # "default" | "granted" | "denied"
    enabled: bool = False
    device_id: str = ""
    busy: bool = False
    notice: str = ""
    error: str = ""
    _probes: int = 0

    @rx.var
    def status(self) -> str:
        if not self.support:
            return tr(self.language, "Checking this browser…")
        return status_words(self.support, self.permission, self.enabled, self.language)

    @rx.event
    async def load(self):
        self.notice = self.error = ""
        try:
            self.vapid_key = await PushApi(self.api()).vapid_public_key()
        except ApiError as error:
            self.error = explain(error, self.language)[0]
            return self.handle(error)
        self._probes += 1
        self.probe = str(self._probes)
        return None

    @rx.event
    def start(self):
        self.busy, self.notice, self.error = True, "", ""

    @rx.event
    async def device_report(self, line: str):
        """What assets/push.js saw: the device's state, or the outcome of a click."""
        report = read_report(line)
        self.busy = False
        self.support = str(report.get("support") or self.support or "ok")
        self.permission = str(report.get("permission") or self.permission)
        event = report.get("event")
        try:
            if event == "probe":
                await self._match(report.get("subscription"))
            elif event == "refused" and self.permission != "denied":
                # blocked: the status above says what to do
                self.error = tr(
                    self.language,
                    "You did not allow notifications. Click “Turn on” again when you want them.",
                )
            elif event == "subscribed":
                await self._subscribed(report)
            elif event == "unsubscribed":
                await self._unsubscribed(str(report.get("endpoint") or ""))
            elif event == "error":
                self.error = tr(
                    self.language,
                    "The browser could not turn push on: {message}",
                    message=report.get("message"),
                )
        except ApiError as error:
            self.error = explain(error, self.language)[0]
            return self.handle(error)
        return None

    async def _match(self, subscription: Any) -> None:
        """Push is on when the browser's subscription is one the server has."""
        endpoint = (subscription or {}).get("endpoint") if isinstance(subscription, dict) else None
        devices = await PushApi(self.api()).devices() if endpoint else ()
        device = next((d for d in devices if d.endpoint == endpoint), None)
        self.enabled, self.device_id = device is not None, device.id if device else ""

    async def _subscribed(self, report: dict[str, Any]) -> None:
        subscription = report.get("subscription")
        if not isinstance(subscription, dict):
            self.error = tr(self.language, "The browser gave no subscription.")
            return
        device = await PushApi(self.api()).subscribe(
            subscription, str(report.get("user_agent") or "")
        )
        self.enabled, self.device_id = True, device.id
        self.notice = tr(
            self.language, "Push is on. Choose which notifications use it in the table above."
        )

    async def _unsubscribed(self, endpoint: str) -> None:
        if endpoint:
            try:
                await PushApi(self.api()).unsubscribe(endpoint)
            except ApiError as error:
                if error.status != 404:  # already gone on the server: off is off
                    raise
        self.enabled, self.device_id = False, ""
        self.notice = tr(self.language, "Push is off for this device.")

    @rx.event
    async def send_test(self):
        self.notice = self.error = ""
        if not self.device_id:
            self.error = tr(self.language, "Turn push on for this device first.")
            return None
        self.busy = True
        try:
            await PushApi(self.api()).test(self.device_id)
        except ApiError as error:
            self.error = explain(error, self.language)[0]
            return self.handle(error)
        finally:
            self.busy = False
        self.notice = tr(
            self.language, "Sent. The test notification should appear in a few seconds."
        )
        return None
