// « Itinéraire » in the resident's own maps application. The server's link works
// everywhere without this script (settings.DIRECTIONS_URL: OpenStreetMap's route to the
// shop, the start left to the visitor). On an Android phone it becomes a geo: URI, which
// opens the maps application the resident chose; on an iPhone or iPad, Apple Plans
// (maps.apple.com ?daddr=), which routes from where the phone stands; elsewhere the
// OpenStreetMap route starts from the resident's position when the browser may already
// tell it (this script never asks for it). The platform is read here, on the device, so
// that the page itself stays the same for everyone (and cacheable).
// Links: a[data-intent=directions] with data-lat, data-lon and data-name.
(() => {
  "use strict";

  const links = [...document.querySelectorAll("a[data-intent=directions][data-lat][data-lon]")];
  if (!links.length) {
    return;
  }

  const agent = navigator.userAgent || "";
  const platform = navigator.userAgentData?.platform || navigator.platform || "";
  const isAndroid = /Android/i.test(agent) || /Android/i.test(platform);
  // iPadOS presents itself as a Mac; a Mac has no touch screen.
  const isApple =
    /iPhone|iPad|iPod/.test(agent) ||
    /iPhone|iPad|iPod/.test(platform) ||
    (platform === "MacIntel" && navigator.maxTouchPoints > 1);

  const destination = (link) => {
    const lat = Number.parseFloat(link.dataset.lat);
    const lon = Number.parseFloat(link.dataset.lon);
    return Number.isFinite(lat) && Number.isFinite(lon) ? `${lat},${lon}` : null;
  };

  if (isAndroid || isApple) {
    for (const link of links) {
      const to = destination(link);
      if (!to) {
        continue;
      }
      const name = encodeURIComponent(link.dataset.name || "");
      link.href = isAndroid
        ? `geo:${to}?q=${to}${name ? `(${name})` : ""}`
        : `https://maps.apple.com/?daddr=${to}`;
    }
    return;
  }

  // OpenStreetMap's route=<from>;<to>: the server leaves <from> empty.
  const startFrom = (position) => {
    const from = `${position.coords.latitude.toFixed(5)},${position.coords.longitude.toFixed(5)}`;
    for (const link of links) {
      let url;
      try {
        url = new URL(link.href);
      } catch {
        continue;
      }
      const route = url.searchParams.get("route");
      if (!url.hostname.endsWith("openstreetmap.org") || !route?.startsWith(";")) {
        continue;
      }
      url.searchParams.set("route", `${from}${route}`);
      link.href = url.href;
    }
  };

  if (navigator.permissions && "geolocation" in navigator) {
    navigator.permissions
      .query({ name: "geolocation" })
      .then((permission) => {
        if (permission.state === "granted") {
          navigator.geolocation.getCurrentPosition(startFrom, () => {}, {
            enableHighAccuracy: false,
            timeout: 10000,
            maximumAge: 300000,
          });
        }
      })
      .catch(() => {});
  }
})();
