// The shop page's small map: an enhancement of the address and the directions link.
// Everything comes from the map element's data-* attributes (no inline script: CSP).
(function () {
  "use strict";

  var element = document.getElementById("shop-map");
  if (!element || typeof L === "undefined") {
    return;
  }
  var point = [parseFloat(element.dataset.latitude), parseFloat(element.dataset.longitude)];
  if (!isFinite(point[0]) || !isFinite(point[1]) || !element.dataset.tileUrl) {
    return;
  }
  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false, zoomControl: false }).setView(point, 17);
  L.control
    .zoom({ zoomInTitle: element.dataset.zoomIn, zoomOutTitle: element.dataset.zoomOut })
    .addTo(map);
  L.tileLayer(element.dataset.tileUrl, {
    maxZoom: 19,
    attribution: element.dataset.attribution,
  }).addTo(map);
  // A vector marker: no marker image to fetch, nothing for the CSP to allow.
  L.circleMarker(point, {
    radius: 9,
    weight: 3,
    color: "#ffffff",
    fillColor: "#0a4f8f",
    fillOpacity: 1,
    interactive: false,
  }).addTo(map);
})();
