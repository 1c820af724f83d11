// The directory's enhancements; the page works without them (a plain GET form).
// - "Autour de moi": asks the browser for the resident's position, then submits the
//   filters with pres=<lat>,<lon> and tri=distance.
// - The map: the same shops as the list, from carte.geojson with the same query string,
//   and "Vous êtes ici" where the resident stands when the query has their position;
//   the rest is the shared setup (static/js/map.js).
// No inline script or style anywhere: everything comes from data-* attributes (CSP).
(() => {
  "use strict";

  const setupLocateButton = () => {
    const button = document.getElementById("locate-me");
    const status = document.getElementById("locate-status");
    const form = button?.closest("form");
    if (!form || !("geolocation" in navigator)) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", () => {
      status.textContent = button.dataset.searching || "";
      navigator.geolocation.getCurrentPosition(
        (position) => {
          let field = form.querySelector("input[name=pres]");
          if (!field) {
            field = document.createElement("input");
            field.type = "hidden";
            field.name = "pres";
            form.appendChild(field);
          }
          const { latitude, longitude } = position.coords;
          field.value = `${latitude.toFixed(5)},${longitude.toFixed(5)}`;
          const sort = form.querySelector("select[name=tri]");
          if (sort) {
            sort.value = "distance";
          }
          form.submit();
        },
        () => {
          status.textContent = button.dataset.failed || "";
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 },
      );
    });
  };

  const setupMap = () => {
    const element = document.getElementById("directory-map");
    const map = VitrineMap.create(element);
    if (!map) {
      return;
    }
    const centre = VitrineMap.point(element.dataset.lat, element.dataset.lon);
    if (centre) {
      map.setView(centre, 15);
    }
    // The resident's own position (after "Autour de moi"; not a district's centre),
    // named in words beside the dot.
    if (centre && element.dataset.here) {
      VitrineMap.marker(centre, {
        className: "map-marker map-marker--here",
        interactive: false,
        radius: 7,
      })
        .bindTooltip(element.dataset.here, { permanent: true, direction: "top", offset: [0, -8] })
        .addTo(map);
    }
    fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (!data?.features.length) {
          return;
        }
        const layer = L.geoJSON(data, {
          pointToLayer: ({ properties }, latlng) =>
            VitrineMap.shopMarker(latlng, {
              name: properties.name,
              url: properties.url,
              details: [properties.category, properties.district].filter(Boolean).join(" · "),
            }),
        }).addTo(map);
        element.dataset.features = String(data.features.length);
        if (!centre) {
          VitrineMap.showAll(map, layer.getBounds());
        }
      });
  };

  setupLocateButton();
  setupMap();
})();
