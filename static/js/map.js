// What the site's four maps share (the directory, the shop page, stories and campaigns,
// the editor's position picker), as window.VitrineMap; each map script keeps only what
// is its own. Leaflet comes first, this file second, the map's script last (all
// `defer`, so they run in that order).
// - The map element carries the site's settings and the page's words in data-*
//   attributes (no inline script: CSP): data-tile-url, data-attribution, data-zoom-in,
//   data-zoom-out, data-close-popup. Without Leaflet or tiles the element stays hidden
//   and the page keeps what it shows without JavaScript.
// - Markers are vector circles (no image to fetch, nothing for the CSP to allow),
//   coloured by the stylesheet (.map-marker), not here.
// - A marker with a popup is reachable by keyboard: Tab to it, Enter or Space opens the
//   popup and moves to its link, Escape closes it and comes back.
(() => {
  "use strict";

  /** [latitude, longitude] from two strings (data-* values), or null if either is not a number. */
  const point = (latitude, longitude) => {
    const latlng = [Number.parseFloat(latitude), Number.parseFloat(longitude)];
    return Number.isFinite(latlng[0]) && Number.isFinite(latlng[1]) ? latlng : null;
  };

  /** Shows `element` and makes a map in it with the site's tiles and French controls;
   * null (the element stays hidden) when Leaflet did not load or the site has no tiles. */
  const create = (element, options) => {
    if (!element || typeof L === "undefined" || !element.dataset.tileUrl) {
      return null;
    }
    const labels = element.dataset;
    element.hidden = false;
    const map = L.map(element, { scrollWheelZoom: false, zoomControl: false, ...options });
    L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
    // Leaflet's own credit, without its English tooltip.
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.tileLayer(labels.tileUrl, { maxZoom: 19, attribution: labels.attribution }).addTo(map);
    map.on("popupopen", (event) => {
      const close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close && labels.closePopup) {
        close.setAttribute("aria-label", labels.closePopup);
      }
    });
    return map;
  };

  /** A vector marker at `latlng`; `options` are Leaflet's circleMarker options. */
  const marker = (latlng, options) =>
    L.circleMarker(latlng, { radius: 8, weight: 2, className: "map-marker", ...options });

  /** A marker whose popup links to a shop: `name`, `url` and an optional line of `details`. */
  const shopMarker = (latlng, { name, url, details }) => {
    const link = document.createElement("a");
    link.href = url;
    link.textContent = name;
    const content = document.createElement("div");
    content.append(link);
    if (details) {
      const line = document.createElement("div");
      line.textContent = details;
      content.append(line);
    }
    const shop = marker(latlng).bindPopup(content);
    content.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        shop.closePopup();
        shop.getElement()?.focus();
      }
    });
    // Leaflet draws a new <path> each time the marker is added to a map.
    shop.on("add", () => {
      const path = shop.getElement();
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      path.setAttribute("aria-label", name);
      path.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          shop.openPopup();
          link.focus();
        }
      });
    });
    return shop;
  };

  /** Shows every point of `points` (an array of [lat, lon] or a LatLngBounds): one point
   * close up, several fitted in view. */
  const showAll = (map, points) => {
    const bounds = L.latLngBounds(points);
    if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
      map.setView(bounds.getCenter(), 16);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
    }
  };

  window.VitrineMap = { point, create, marker, shopMarker, showAll };
})();
