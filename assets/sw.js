/* FitLedger service worker: Web Push only (the offline shell comes with the PWA work).
   It has no fetch handler, so pages, the /_event websocket and auth routes never pass here. */
"use strict";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (_error) {
    message = { body: event.data ? event.data.text() : "" };
  }
  const title = message.title || "FitLedger";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: message.body || "",
      icon: "/favicon.svg",
      badge: "/favicon.svg",
      // One notification per feed item even if a retried delivery arrives twice.
      tag: message.notification_id || message.type || "fitledger",
      data: { url: message.url || "/" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === url.origin);
      if (open) {
        open.focus();
        return open.navigate(url.href);
      }
      return self.clients.openWindow(url.href);
    }),
  );
});
