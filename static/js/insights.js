// Counting, without cookies or storage on the device: one event per page view and per
// click on a link that shows an intent to go to a shop (directions, call, e-mail,
// website, online shop, booking), sent with navigator.sendBeacon so it never delays the
// page or the link. What is sent: the page's id, the event's kind, and the path of the
// page the visitor came from when it is on this site (it tells which story or offer led
// there); nothing about the visitor. The script element's data-* attributes say what to
// count (no inline script: CSP); links carry data-intent, and data-shop when the page
// is not the shop's own.
(() => {
  "use strict";

  const script = document.currentScript;
  if (!script || !navigator.sendBeacon) {
    return;
  }
  const data = script.dataset;
  const endpoint = data.endpoint;
  const pageId = Number.parseInt(data.page, 10) || null;

  const cameFrom = () => {
    if (!document.referrer) {
      return null;
    }
    try {
      const url = new URL(document.referrer);
      return url.origin === window.location.origin ? url.pathname : null;
    } catch {
      return null;
    }
  };

  const via = cameFrom();

  const send = (event) => {
    try {
      navigator.sendBeacon(endpoint, JSON.stringify(event));
    } catch {
      // Counting must never break the page.
    }
  };

  if (pageId && data.view === "true") {
    send({ page: pageId, kind: "view", via });
  }
  if (pageId && data.search) {
    send({ page: pageId, kind: "search", q: data.search, found: data.found === "true" });
  }

  const onActivate = (event) => {
    if (event.type === "auxclick" && event.button !== 1) {
      return;
    }
    const link = event.target.closest?.("a[data-intent]");
    if (!link) {
      return;
    }
    const shop = Number.parseInt(link.dataset.shop, 10) || pageId;
    if (shop) {
      send({ page: shop, kind: link.dataset.intent, from: pageId, via });
    }
  };

  document.addEventListener("click", onActivate);
  // A middle click opens the link in a new tab: an intent all the same.
  document.addEventListener("auxclick", onActivate);
})();
