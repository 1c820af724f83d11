// The small map of a story's (or a campaign's) shops: an enhancement of the list of
// shops beside it, which says the same. Points come from the map element's children's
// data-* attributes (no inline script: CSP).
(function () {
  "use strict";

  var element = document.getElementById("stories-map");
  if (!element || typeof L === "undefined" || !element.dataset.tileUrl) {
    return;
  }
  var points = [];
  element.querySelectorAll(".stories-map__point").forEach(function (node) {
    var point = [parseFloat(node.dataset.latitude), parseFloat(node.dataset.longitude)];
    if (isFinite(point[0]) && isFinite(point[1])) {
      points.push({ latlng: point, name: node.dataset.name, url: node.dataset.url });
    }
    node.remove();
  });
  if (!points.length) {
    return;
  }
  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false, zoomControl: false });
  L.control
    .zoom({ zoomInTitle: element.dataset.zoomIn, zoomOutTitle: element.dataset.zoomOut })
    .addTo(map);
  L.tileLayer(element.dataset.tileUrl, {
    maxZoom: 19,
    attribution: element.dataset.attribution,
  }).addTo(map);
  var bounds = [];
  points.forEach(function (point) {
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    // A vector marker: no marker image to fetch, nothing for the CSP to allow.
    L.circleMarker(point.latlng, {
      radius: 8,
      weight: 2,
      color: "#ffffff",
      fillColor: "#0a4f8f",
      fillOpacity: 1,
    })
      .bindPopup(link)
      .addTo(map);
    bounds.push(point.latlng);
  });
  if (bounds.length === 1) {
    map.setView(bounds[0], 16);
  } else {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
  }
  element.dataset.points = String(points.length);
})();
