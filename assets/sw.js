/* FitLedger service worker: the offline app shell, the last viewed diary day, Web Push.

   - Pages (navigations): network first; each page's HTML is kept so it opens offline.
   - The build's hashed files (/assets/...): cache first. Every page's module is fetched at
     install and again when a page shows a new build (~80 files, 1.8 MB; the plotly chunk is
     not among them, so chart pages draw no charts offline); the old build's are dropped.
   - /session/offline/diary/<day>: network first; only the last answer is kept (the last viewed
     diary day), and it is forgotten on sign-out.
   Nothing else passes through here: never the /_event websocket, /api/*, or the /session
   posts (sign-in, the queued entries), which must reach the server or fail. */
"use strict";

const SHELL = "fitledger-shell-v1";
const DAY = "fitledger-day-v1";
const LAST_DAY = "/session/offline/diary/last";
const SHELL_PAGES = ["/", "/diary/"];
const SHELL_FILES = [
  "/manifest.json",
  "/favicon.svg",
  "/icons/icon-192.png",
  "/register-sw.js",
  "/offline.js",
  "/push.js",
];
const ASSET = /\/assets\/[^"'\s)]+/g;
const SIGN_OUT = ["/session/logout", "/session/delete-account"];

function pageKey(url) {
  const path = url.pathname.replace(/\/+$/, "") || "/";
  return new URL(path, url.origin).href;
}

async function keep(cache, key, response) {
  // A stored copy without `redirected`: a navigation may not be answered with a redirect.
  const body = await response.clone().blob();
  await cache.put(key, new Response(body, { status: 200, headers: response.headers }));
}

async function buildFiles(html) {
  // The page's own files, and from the build's route manifest every page's module and its
  // imports: then any page opens offline, also one reached by client-side navigation.
  const files = new Set(html.match(ASSET) || []);
  for (const path of [...files].filter((a) => /\/assets\/manifest-[^/]+\.js$/.test(a))) {
    const response = await fetch(path);
    if (response.ok) (await response.text()).match(ASSET)?.forEach((a) => files.add(a));
  }
  return files;
}

async function keepBuild(html) {
  // A new build has new file names: fetch what is missing, forget the old build's files.
  const cache = await caches.open(SHELL);
  const files = await buildFiles(html);
  const cached = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  // One by one: a file that fails (a build replaced while this runs) must not fail the rest.
  await Promise.allSettled([...files].filter((f) => !cached.has(f)).map((f) => cache.add(f)));
  for (const old of [...cached].filter((f) => f.startsWith("/assets/") && !files.has(f))) {
    await cache.delete(old);
  }
  // Pages kept from the old build would ask for its files: fetch them again (or drop them).
  const build = [...files].find((f) => /\/assets\/manifest-/.test(f));
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/assets/") || SHELL_FILES.includes(path)) continue;
    const saved = await cache.match(request);
    if (!build || (await saved.text()).includes(build)) continue;
    const fresh = await fetch(request.url, { credentials: "same-origin" }).catch(() => null);
    if (fresh && fresh.ok) await keep(cache, request.url, fresh);
    else await cache.delete(request);
  }
}

async function precache() {
  // Nothing here may fail the install (a server restarting, a build being replaced): what
  // is missing now is kept on the next visit of a page.
  const cache = await caches.open(SHELL);
  await Promise.allSettled(SHELL_FILES.map((f) => cache.add(f)));
  let html = "";
  for (const page of SHELL_PAGES) {
    const response = await fetch(page, { credentials: "same-origin" }).catch(() => null);
    if (!response || !response.ok) continue;
    html += await response.clone().text();
    await keep(cache, pageKey(new URL(page, self.location.origin)), response);
  }
  await keepBuild(html).catch(() => undefined);
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  const current = [SHELL, DAY];
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => !current.includes(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function offlinePage() {
  const html =
    '<!doctype html><html lang="en"><meta name="viewport" content="width=device-width">' +
    "<title>Offline · FitLedger</title><body style=\"font-family:sans-serif;padding:1.5em\">" +
    "<h1>You are offline</h1><p>This page was not saved on this device. " +
    '<a href="/diary">Open your diary</a>, which works offline.</p></body></html>';
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function page(event) {
  const request = event.request;
  const url = new URL(request.url);
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get("content-type") || "").includes("text/html")) {
      await keep(cache, pageKey(url), response);
      const html = await response.clone().text();
      const build = (html.match(/\/assets\/manifest-[^"']+\.js/) || [])[0];
      if (build && !(await cache.match(build))) event.waitUntil(keepBuild(html).catch(() => undefined));
    }
    return response;
  } catch (offline) {
    const saved = await cache.match(pageKey(url));
    if (saved) return saved;
    // Another diary day: the diary's page renders any day.
    if (url.pathname.startsWith("/diary")) {
      const diary = await cache.match(pageKey(new URL("/diary", url.origin)));
      if (diary) return diary;
    }
    return offlinePage();
  }
}

async function asset(request) {
  const cache = await caches.open(SHELL);
  const saved = await cache.match(request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function shellFile(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    return (await cache.match(request)) || Response.error();
  }
}

async function diaryDay(request) {
  const cache = await caches.open(DAY);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(LAST_DAY, response.clone());
    else if (response.status === 401) await cache.delete(LAST_DAY);
    return response;
  } catch (offline) {
    const saved = await cache.match(LAST_DAY);
    if (!saved) return Response.error();
    const headers = new Headers(saved.headers);
    headers.set("X-FitLedger-Saved", "1"); // tells the page it reads the saved copy
    return new Response(await saved.blob(), { status: 200, headers });
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (SIGN_OUT.includes(url.pathname)) {
    event.waitUntil(caches.delete(DAY)); // the next person on this device sees nothing of it
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else if (url.pathname.startsWith("/assets/")) event.respondWith(asset(request));
  else if (url.pathname.startsWith("/session/offline/diary/")) event.respondWith(diaryDay(request));
  else if (SHELL_FILES.includes(url.pathname)) event.respondWith(shellFile(request));
});

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
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      // One notification per feed item even if a retried delivery arrives twice.
      tag: message.notification_id || message.type || "fitledger",
      data: { url: message.url || "/" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  if (url.origin !== self.location.origin) return; // only pages of this app
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === url.origin);
      if (!open) return self.clients.openWindow(url.href);
      // navigate() works only in a window this worker controls (else a new window); focus
      // after it, and a refused focus (no user activation) still leaves the page opened.
      return open
        .navigate(url.href)
        .then((opened) => (opened || open).focus().catch(() => opened))
        .catch(() => self.clients.openWindow(url.href));
    }),
  );
});
