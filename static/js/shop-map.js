// The shop page's small map: an enhancement of the address and the directions link.
// The shop's position comes from the map element's data-* attributes; the rest is the
// shared setup (static/js/map.js).
(() => {
  "use strict";

  const element = document.getElementById("shop-map");
  const position = element && VitrineMap.point(element.dataset.latitude, element.dataset.longitude);
  const map = position && VitrineMap.create(element);
  if (!map) {
    return;
  }
  map.setView(position, 17);
  // The shop is the whole map: its marker says nothing more, so it takes no focus or click.
  VitrineMap.marker(position, { radius: 9, weight: 3, interactive: false }).addTo(map);
})();
