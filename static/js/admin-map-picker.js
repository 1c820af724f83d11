// The editor's map for a shop's position: a click sets latitude and longitude, and a point
// set in them (by the address lookup, admin-address-lookup.js) moves the marker. Reads its
// inputs from data-* attributes; tiles and
// controls are the shared setup (static/js/map.js).
(() => {
  "use strict";

  // Where the map starts when the shop has no position yet (Belgium).
  const DEFAULT_CENTRE = [50.5, 4.47];

  const setUp = (element) => {
    const latitude = document.getElementById(element.dataset.latitudeInput);
    const longitude = document.getElementById(element.dataset.longitudeInput);
    if (!latitude || !longitude) {
      return;
    }
    const position = () => VitrineMap.point(latitude.value, longitude.value);
    // The admin does not load the site's stylesheet: the picker sizes itself.
    element.style.height = "18rem";
    element.style.marginTop = "0.75rem";
    // An editor zooms with the wheel; residents' maps leave the wheel to the page.
    const map = VitrineMap.create(element, { scrollWheelZoom: true });
    if (!map) {
      return;
    }
    const start = position();
    map.setView(start || DEFAULT_CENTRE, start ? 17 : 8);
    // The map is built while its tab may be hidden: measure again once it shows.
    if (window.ResizeObserver) {
      new ResizeObserver(() => map.invalidateSize()).observe(element);
    }
    const marker = VitrineMap.marker(start || DEFAULT_CENTRE, { radius: 9, weight: 3 });
    if (start) {
      marker.addTo(map);
    }

    map.on("click", (event) => {
      latitude.value = event.latlng.lat.toFixed(6);
      longitude.value = event.latlng.lng.toFixed(6);
      for (const input of [latitude, longitude]) {
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
      marker.setLatLng(event.latlng).addTo(map);
    });

    const follow = () => {
      const point = position();
      if (point) {
        marker.setLatLng(point).addTo(map);
        map.panTo(point);
      }
    };
    latitude.addEventListener("input", follow);
    longitude.addEventListener("input", follow);
  };

  const init = () => {
    for (const element of document.querySelectorAll(".map-picker")) {
      setUp(element);
    }
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
