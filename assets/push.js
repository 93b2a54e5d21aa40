/* Web Push on this device, for the settings page (app/pages/settings_push.py).

   The page's state cannot run JavaScript (no eval under the CSP), so this script listens for
   clicks on #push-enable / #push-disable and reports what the browser said by typing a JSON
   line into the hidden #push-device-report input, whose change event reaches the server.
   It asks for the notification permission only when the user clicks "Turn on". */
"use strict";
(function () {
  const REPORT = "push-device-report";

  function supported() {
    return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  }

  function report(fields) {
    const input = document.getElementById(REPORT);
    if (!input) return;
    const line = JSON.stringify({ ...fields, at: Date.now() });
    // React tracks an input's value: set it through the native setter so the change is seen.
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    setter.call(input, line);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function keyBytes(base64url) {
    const padded = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4))
      .replace(/-/g, "+")
      .replace(/_/g, "/");
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }

  async function registration() {
    await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    return navigator.serviceWorker.ready;
  }

  async function current() {
    if (!supported()) return { event: "probe", support: "unsupported" };
    const found = await navigator.serviceWorker.getRegistration("/");
    const subscription = found ? await found.pushManager.getSubscription() : null;
    return {
      event: "probe",
      support: "ok",
      permission: Notification.permission,
      subscription: subscription ? subscription.toJSON() : null,
    };
  }

  async function enable(button) {
    if (!supported()) return report({ event: "probe", support: "unsupported" });
    const permission = await Notification.requestPermission();
    if (permission !== "granted") return report({ event: "refused", support: "ok", permission });
    const ready = await registration();
    const subscription =
      (await ready.pushManager.getSubscription()) ||
      (await ready.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(button.dataset.vapidKey || ""),
      }));
    report({
      event: "subscribed",
      support: "ok",
      permission,
      subscription: subscription.toJSON(),
      user_agent: navigator.userAgent,
    });
  }

  async function disable() {
    const found = supported() ? await navigator.serviceWorker.getRegistration("/") : null;
    const subscription = found ? await found.pushManager.getSubscription() : null;
    const endpoint = subscription ? subscription.endpoint : "";
    if (subscription) await subscription.unsubscribe();
    report({ event: "unsubscribed", support: "ok", permission: Notification.permission, endpoint });
  }

  function failed(error) {
    report({ event: "error", message: String((error && error.message) || error).slice(0, 300) });
  }

  document.addEventListener("click", (click) => {
    const enableButton = click.target.closest && click.target.closest("#push-enable");
    if (enableButton) enable(enableButton).catch(failed);
    else if (click.target.closest && click.target.closest("#push-disable")) disable().catch(failed);
  });

  // The page asks for the device's state by changing data-push-probe (once its state has
  // arrived, so the report reaches a connected page).
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.attributeName === "data-push-probe" && change.target.dataset.pushProbe) {
        current().then(report, failed);
      }
    }
  }).observe(document.documentElement, {
    subtree: true,
    attributes: true,
    attributeFilter: ["data-push-probe"],
  });
})();
