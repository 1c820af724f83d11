// The editor's map for a shop's position: a click sets latitude and longitude, typing
// in either field moves the marker. Reads its inputs and tiles from data-* attributes.
(function () {
  "use strict";

  // Where the map starts when the shop has no position yet (Belgium).
  var DEFAULT_CENTRE = [50.5, 4.47];

  function setUp(element) {
    var latitude = document.getElementById(element.dataset.latitudeInput);
    var longitude = document.getElementById(element.dataset.longitudeInput);
    if (!latitude || !longitude || typeof L === "undefined") {
      return;
    }
    element.hidden = false;
    element.style.height = "18rem";
    element.style.marginTop = "0.75rem";

    function position() {
      var point = [parseFloat(latitude.value), parseFloat(longitude.value)];
      return isFinite(point[0]) && isFinite(point[1]) ? point : null;
    }

    var start = position();
    var map = L.map(element).setView(start || DEFAULT_CENTRE, start ? 17 : 8);
    L.tileLayer(element.dataset.tileUrl, {
      maxZoom: 19,
      attribution: element.dataset.attribution,
    }).addTo(map);
    // The map is built while its tab may be hidden: measure again once it shows.
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        map.invalidateSize();
      }).observe(element);
    }
    var marker = L.circleMarker(start || DEFAULT_CENTRE, { radius: 9, weight: 3 });
    if (start) {
      marker.addTo(map);
    }

    map.on("click", function (event) {
      latitude.value = event.latlng.lat.toFixed(6);
      longitude.value = event.latlng.lng.toFixed(6);
      [latitude, longitude].forEach(function (input) {
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      marker.setLatLng(event.latlng).addTo(map);
    });

    function follow() {
      var point = position();
      if (point) {
        marker.setLatLng(point).addTo(map);
        map.panTo(point);
      }
    }
    latitude.addEventListener("input", follow);
    longitude.addEventListener("input", follow);
  }

  function init() {
    document.querySelectorAll(".map-picker").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
