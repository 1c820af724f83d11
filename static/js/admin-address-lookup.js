// The shop editor's address lookup: when the street, postcode or locality changes, ask
// the city's address register (directory.admin_views.address_lookup) where it is, set the
// hidden latitude and longitude (the map picker follows their "input" event) and say
// what the register made of the address. A click on the map says so in its place. The
// form does the same lookup on save, so this is a preview, not the rule.
(() => {
  "use strict";

  const setUp = (element) => {
    const input = (key) => document.getElementById(element.dataset[key] || "");
    const address = [input("streetInput"), input("postcodeInput"), input("localityInput")];
    const [street, postcode, locality] = address;
    const latitude = input("latitudeInput");
    const longitude = input("longitudeInput");
    const status = element.querySelector(".shop-point__status");
    if (!street || !latitude || !longitude || !status) {
      return;
    }
    // Only the answer to the latest question counts: an earlier one may arrive after it.
    let asked = 0;

    const lookUp = async () => {
      const question = ++asked;
      const url = new URL(element.dataset.lookupUrl, window.location.href);
      url.searchParams.set("street", street.value);
      url.searchParams.set("postcode", postcode ? postcode.value : "");
      url.searchParams.set("locality", locality ? locality.value : "");
      let answer;
      try {
        const response = await fetch(url, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok) {
          return;
        }
        answer = await response.json();
      } catch {
        return; // offline: the form looks the address up on save
      }
      if (question !== asked) {
        return;
      }
      status.textContent = answer.message;
      if (answer.found) {
        latitude.value = answer.latitude.toFixed(6);
        longitude.value = answer.longitude.toFixed(6);
        for (const field of [latitude, longitude]) {
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
    };

    for (const field of address) {
      if (field) {
        field.addEventListener("change", lookUp);
      }
    }
    // The map picker announces a click with "change" on the coordinates.
    latitude.addEventListener("change", () => {
      status.textContent = element.dataset.pinnedMessage;
    });
  };

  const init = () => {
    for (const element of document.querySelectorAll(".shop-point")) {
      setUp(element);
    }
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
