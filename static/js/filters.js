// The directory's filters apply as soon as one changes (a drop-down, a box ticked):
// the form is submitted, as the « Appliquer » button would, and that button is hidden.
// Without this script the button stays and the form is a plain GET form.
(() => {
  "use strict";

  const panel = document.getElementById("filters-panel");
  const form = panel?.closest("form");
  if (!form) {
    return;
  }
  // A wide screen shows the filters even folded (CSS ::details-content); a browser
  // that cannot style it gets them unfolded here instead.
  if (!CSS.supports("selector(::details-content)") && matchMedia("(min-width: 48rem)").matches) {
    panel.open = true;
  }
  for (const button of panel.querySelectorAll(".filters__apply")) {
    button.hidden = true;
  }
  panel.addEventListener("change", (event) => {
    if (event.target.matches("select, input[type=checkbox], input[type=radio]")) {
      form.requestSubmit();
    }
  });
})();
