// The small map of the shops a page lists (a story, a campaign, an operation): an enhancement of the list of
// shops beside it, which says the same. The shops come from the map element's children's
// data-* attributes; the rest is the shared setup (static/js/map.js).
(() => {
  "use strict";

  const element = document.getElementById("shops-map");
  if (!element) {
    return;
  }
  const shops = [];
  for (const node of element.querySelectorAll(".shops-map__point")) {
    const latlng = VitrineMap.point(node.dataset.latitude, node.dataset.longitude);
    if (latlng) {
      shops.push({ latlng, name: node.dataset.name, url: node.dataset.url });
    }
    node.remove();
  }
  const map = shops.length ? VitrineMap.create(element) : null;
  if (!map) {
    return;
  }
  for (const shop of shops) {
    VitrineMap.shopMarker(shop.latlng, shop).addTo(map);
  }
  VitrineMap.showAll(
    map,
    shops.map((shop) => shop.latlng),
  );
  element.dataset.points = String(shops.length);
})();
