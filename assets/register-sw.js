/* Registers the service worker (assets/sw.js) on every page: loaded from the app's head. */
"use strict";
(function () {
  if (!("serviceWorker" in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error) => {
      console.warn("FitLedger: the service worker was not registered", error);
    });
  // React inserts the head's scripts itself, often after the load event has passed.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
})();
