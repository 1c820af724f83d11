// The directory's enhancements; the page works without them (a plain GET form).
// - "Autour de moi": asks the browser for the resident's position, then submits the
//   filters with pres=<lat>,<lon> and tri=distance.
// - The map: the same shops as the list, from carte.geojson with the same query string.
// No inline script or style anywhere: everything comes from data-* attributes (CSP).
(function () {
  "use strict";

  function setupLocateButton() {
    var button = document.getElementById("locate-me");
    var status = document.getElementById("locate-status");
    var form = button && button.closest("form");
    if (!button || !form || !("geolocation" in navigator)) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.searching || "";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var field = form.querySelector("input[name=pres]");
          if (!field) {
            field = document.createElement("input");
            field.type = "hidden";
            field.name = "pres";
            form.appendChild(field);
          }
          field.value =
            position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
          var sort = form.querySelector("select[name=tri]");
          if (sort) {
            sort.value = "distance";
          }
          form.submit();
        },
        function () {
          status.textContent = button.dataset.failed || "";
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 }
      );
    });
  }

  function setupMap() {
    var element = document.getElementById("directory-map");
    if (!element || typeof L === "undefined" || !element.dataset.tileUrl) {
      return;
    }
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tileUrl, {
      maxZoom: 19,
      attribution: element.dataset.attribution,
    }).addTo(map);
    var centre = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    if (isFinite(centre[0]) && isFinite(centre[1])) {
      map.setView(centre, 15);
    }
    fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data || !data.features.length) {
          return;
        }
        var layer = L.geoJSON(data, {
          // Vector markers: no marker image to fetch.
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, {
              radius: 8,
              weight: 2,
              color: "#ffffff",
              fillColor: "#0a4f8f",
              fillOpacity: 1,
            });
          },
          onEachFeature: function (feature, marker) {
            var link = document.createElement("a");
            link.href = feature.properties.url;
            link.textContent = feature.properties.name;
            var meta = document.createElement("div");
            meta.textContent = [feature.properties.category, feature.properties.district]
              .filter(Boolean)
              .join(" · ");
            var popup = document.createElement("div");
            popup.appendChild(link);
            popup.appendChild(meta);
            marker.bindPopup(popup);
          },
        }).addTo(map);
        element.dataset.features = String(data.features.length);
        if (!(isFinite(centre[0]) && isFinite(centre[1]))) {
          map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 17 });
        }
      });
  }

  setupLocateButton();
  setupMap();
})();
