/* Offline use of the diary (every page loads it; only diary pages have its panel).

   Online, on a diary page, it asks /session/offline/diary/<day> for the day shown: the service
   worker (assets/sw.js) keeps that answer, so offline the panel #offline-diary shows the last
   viewed day while the page's own state (which needs the websocket) cannot load. Food logged
   offline (a quick add, or grams of a recent food) waits in localStorage with a key made
   here, and is sent to /session/offline/entries when the connection returns; the key goes on
   as the nutrition API's Idempotency-Key, so resending after a lost answer stores it once.
   <html data-offline> shows the offline banner and panel (CSS in app.css). Everything is
   built with textContent (no HTML from data). */
"use strict";
(function () {
  const QUEUE = "fitledger.offline-queue";
  const DAY_URL = "/session/offline/diary/";
  const SEND_URL = "/session/offline/entries";
  const RETRY_MS = 15000;
  const root = document.documentElement;
  let day = null; // the saved day: {owner, date, kcal, meals, recent}
  let offline = false;
  let sending = false;
  let lastProblem = "";
  let lastSent = 0;

  // Only nodes React has already hydrated: a change before that is a hydration mismatch, and
  // React then renders the whole page again on the client (seen: styles lost).
  const hydrated = (node) => Object.keys(node).some((k) => k.startsWith("__reactFiber$"));
  const byId = (id) => {
    const node = document.getElementById(id);
    return node && hydrated(node) ? node : null;
  };
  const onDiary = () => /^\/diary(\/|$)/.test(location.pathname);

  function localToday() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  function shownDay() {
    const match = location.pathname.match(/^\/diary\/(\d{4}-\d{2}-\d{2})\/?$/);
    return match ? match[1] : localToday();
  }

  function dayWords(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return new Date(y, m - 1, d).toLocaleDateString(undefined, {
      weekday: "long",
      day: "numeric",
      month: "long",
    });
  }

  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join("");
  }

  // ---- the queue (localStorage: survives closing the app) ----

  function queue() {
    try {
      const list = JSON.parse(localStorage.getItem(QUEUE) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (_broken) {
      return [];
    }
  }

  function saveQueue(list) {
    localStorage.setItem(QUEUE, JSON.stringify(list));
  }

  function enqueue(request, label) {
    saveQueue([...queue(), { request: { key: newKey(), ...request }, label }]);
    render();
    flush();
  }

  // ---- online / offline ----

  // React 19 strips every attribute of <html> when it renders the page again on the client
  // (after a hydration mismatch, more likely offline): the mark is put back every second.
  function markOffline() {
    if (offline) root.dataset.offline = "1";
    else delete root.dataset.offline;
  }

  function setOffline(value) {
    offline = value;
    markOffline();
    render();
  }

  async function saveDay() {
    if (!onDiary() || !navigator.onLine) return;
    try {
      const response = await fetch(DAY_URL + shownDay(), { credentials: "same-origin" });
      if (!response.ok) return;
      day = await response.json();
      setOffline(response.headers.get("X-FitLedger-Saved") === "1");
    } catch (_unreachable) {
      setOffline(true);
    }
  }

  async function loadSavedDay() {
    // Offline, the service worker answers with the last viewed day, whatever day is asked.
    try {
      const response = await fetch(DAY_URL + shownDay(), { credentials: "same-origin" });
      if (response.ok) day = await response.json();
    } catch (_nothingSaved) {
      day = null;
    }
    render();
  }

  async function flush() {
    if (sending || !navigator.onLine || queue().length === 0) return;
    sending = true;
    let sent = 0;
    try {
      for (const entry of queue()) {
        let response;
        try {
          response = await fetch(SEND_URL, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(entry.request),
          });
        } catch (_stillOffline) {
          break; // kept, with the same key, for the next try
        }
        const body = await response.json().catch(() => ({}));
        const problem = (body.error && body.error.message) || "";
        if (response.ok) {
          sent += 1;
          saveQueue(queue().filter((e) => e.request.key !== entry.request.key));
          continue;
        }
        if (response.status === 401 || response.status === 409 || response.status >= 500 || response.status === 429) {
          lastProblem = problem || "The entries could not be sent yet; they are kept.";
          break; // kept: signed out, another account, or the server is busy
        }
        // Refused for good (the entry is not valid): dropped, and the user is told.
        lastProblem = `“${entry.label}” was refused: ${problem || response.status}`;
        saveQueue(queue().filter((e) => e.request.key !== entry.request.key));
      }
    } finally {
      sending = false;
    }
    if (sent) {
      lastSent = sent;
      if (queue().length === 0) lastProblem = "";
      reportSent(sent);
    }
    render();
  }

  function reportSent(count) {
    // The diary's state reloads the day (the change reaches the server once the websocket
    // is back; app/state/diary.py offline_entries_sent).
    const input = byId("offline-sent-report");
    if (!input) return;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    setter.call(input, JSON.stringify({ sent: count, at: Date.now() }));
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // ---- what the user sees ----

  function el(tag, text, props) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.assign(node, props || {});
    return node;
  }

  function entriesWord(n) {
    return n === 1 ? "1 entry" : `${n} entries`;
  }

  function renderDay() {
    const title = byId("offline-day-title");
    const meals = byId("offline-day-meals");
    if (!title || !meals) return;
    // Drawn again only when something changed, or when React re-rendered the panel (its
    // hydration replaces what was drawn before it finished, so this runs every second; it
    // can empty the text and keep our data-drawn mark, so an empty title is drawn again).
    const drawn = JSON.stringify([day && day.saved_at, day && day.date, shownDay()]);
    if (title.dataset.drawn === drawn && meals.dataset.drawn === drawn && title.textContent) {
      return;
    }
    title.dataset.drawn = drawn;
    meals.dataset.drawn = drawn;
    meals.replaceChildren();
    if (!day) {
      title.textContent = "No diary day is saved on this device yet.";
      return;
    }
    const other = day.date !== shownDay() ? " (the last day you opened)" : "";
    title.textContent = `${dayWords(day.date)}${other}: ${day.kcal} kcal`;
    for (const meal of day.meals) {
      if (!meal.items.length) continue;
      const card = el("li", null, { className: "offline-meal" });
      card.append(el("strong", `${meal.label} · ${meal.kcal} kcal`));
      const items = el("ul");
      for (const item of meal.items) {
        items.append(el("li", `${item.name} — ${item.amount}, ${item.kcal} kcal`));
      }
      card.append(items);
      meals.append(card);
    }
    if (!meals.children.length) meals.append(el("li", "Nothing logged on this day."));
  }

  function renderRecent() {
    const recent = byId("offline-recent-food");
    const drawn = day ? JSON.stringify(day.recent) : "";
    if (!recent || !day || recent.dataset.drawn === drawn) return;
    recent.replaceChildren(el("option", "Choose a recent food", { value: "" }));
    for (const food of day.recent) {
      const name = food.brand ? `${food.name} (${food.brand})` : food.name;
      recent.append(el("option", name, { value: String(food.id) }));
    }
    recent.dataset.drawn = drawn;
  }

  function renderQueue() {
    const list = queue();
    const status = byId("offline-queue-status");
    const items = byId("offline-queue-list");
    if (list.length) root.dataset.queued = String(list.length);
    else delete root.dataset.queued;
    if (lastSent && !list.length) root.dataset.sent = String(lastSent);
    else delete root.dataset.sent;
    if (!status || !items) return;
    let words = "";
    if (list.length) {
      words = `${entriesWord(list.length)} waiting to be sent`;
      words += navigator.onLine ? (sending ? " — sending…" : ".") : " when you are back online.";
    } else if (lastSent) {
      words = `${entriesWord(lastSent)} sent to your diary.`;
    }
    const drawn = JSON.stringify([list.map((e) => e.request.key), words, lastProblem]);
    if (status.dataset.drawn === drawn && items.dataset.drawn === drawn) return;
    status.dataset.drawn = drawn;
    items.dataset.drawn = drawn;
    items.replaceChildren(...list.map((entry) => el("li", entry.label)));
    status.textContent = words;
    const problem = byId("offline-queue-problem");
    if (problem) problem.textContent = lastProblem;
  }

  function render() {
    // Online with nothing queued, the panel stays as React drew it (hidden).
    if (!offline && queue().length === 0 && !lastSent) return;
    renderDay();
    renderRecent();
    renderQueue();
  }

  function formValue(id) {
    const input = byId(id);
    return input ? input.value.trim() : "";
  }

  function number(id, { required = false, max = 10000 } = {}) {
    const raw = formValue(id).replace(",", ".");
    if (!raw) return required ? NaN : 0;
    const value = Number(raw);
    return value >= 0 && value <= max ? value : NaN;
  }

  function say(id, text) {
    const node = byId(id);
    if (node) node.textContent = text;
  }

  function queueQuickAdd() {
    const energy = number("offline-quick-kcal", { required: true });
    const macros = ["protein", "fat", "carbs"].map((m) => number(`offline-quick-${m}`));
    if (!day) return say("offline-quick-error", "No diary day is saved on this device.");
    if (Number.isNaN(energy) || energy <= 0) return say("offline-quick-error", "Enter the calories (1–10000).");
    if (macros.some(Number.isNaN)) return say("offline-quick-error", "Enter grams between 0 and 10000.");
    const name = formValue("offline-quick-name");
    say("offline-quick-error", "");
    const request = {
      owner: day.owner,
      date: day.date,
      meal_type: formValue("offline-meal") || "snack",
      quick_add: { energy_kcal: energy, protein_g: macros[0], fat_g: macros[1], carbohydrate_g: macros[2] },
    };
    if (name) request.quick_add.name = name;
    enqueue(request, `${name || "Quick add"}, ${energy} kcal`);
    for (const id of ["offline-quick-name", "offline-quick-kcal", "offline-quick-protein", "offline-quick-fat", "offline-quick-carbs"]) {
      const input = byId(id);
      if (input) input.value = "";
    }
  }

  function queueRecentFood() {
    const select = byId("offline-recent-food");
    const grams = number("offline-recent-grams", { required: true, max: 5000 });
    if (!day || !select || !select.value) return say("offline-recent-error", "Choose a food.");
    if (Number.isNaN(grams) || grams <= 0) return say("offline-recent-error", "Enter grams (1–5000).");
    say("offline-recent-error", "");
    const name = select.options[select.selectedIndex].textContent;
    enqueue(
      {
        owner: day.owner,
        date: day.date,
        meal_type: formValue("offline-meal") || "snack",
        food: { food_id: Number(select.value), grams },
      },
      `${name}, ${grams} g`,
    );
  }

  document.addEventListener("click", (click) => {
    const target = click.target.closest ? click.target : null;
    if (!target) return;
    if (target.closest("#offline-quick-add")) queueQuickAdd();
    else if (target.closest("#offline-recent-add")) queueRecentFood();
  });

  window.addEventListener("offline", () => {
    setOffline(true);
    loadSavedDay();
  });
  window.addEventListener("online", () => {
    setOffline(false);
    flush().then(saveDay);
  });

  let shownPath = "";
  let watched = null;
  let pending = 0;
  const mealsChanged = new MutationObserver(() => {
    clearTimeout(pending);
    pending = setTimeout(saveDay, 1500);
  });

  // A day opened (client-side navigation) or its meals changed on screen (food logged):
  // the saved copy is asked for again. Checking the path costs nothing; no network.
  function watch() {
    if (location.pathname !== shownPath) {
      shownPath = location.pathname;
      if (navigator.onLine) saveDay();
      else loadSavedDay();
    }
    markOffline();
    render();
    const meals = onDiary() ? byId("meals") : null;
    if (meals !== watched) {
      mealsChanged.disconnect();
      watched = meals;
      if (meals) mealsChanged.observe(meals, { childList: true, subtree: true, characterData: true });
    }
  }

  function start() {
    setOffline(!navigator.onLine);
    // On a first visit the service worker takes control only after it has installed (it
    // fetches the whole build first), and a fetch before that passes it by, unsaved: ask
    // for the day again once it controls the page.
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.addEventListener("controllerchange", () => saveDay());
    }
    watch();
    setInterval(watch, 1000);
    flush();
    setInterval(flush, RETRY_MS);
  }
  // React inserts the head's scripts itself, often after the load event has passed.
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
