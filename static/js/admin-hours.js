// The merchant's week (directory/widgets.py, WeekHoursWidget): each day gets "Fermé",
// which empties it, and "Copier sur les autres jours", which gives its hours to the
// other days of the week (public holidays keep theirs). Without JavaScript the grid and
// the one-line entry do everything; these buttons only save typing.
(() => {
  "use strict";

  const inputsOf = (day) => ({
    opens: [...day.querySelectorAll("input[data-opens]")],
    closes: [...day.querySelectorAll("input[data-closes]")],
  });

  const button = (label, dayName, onClick) => {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button button-small button-secondary";
    element.textContent = label;
    const hidden = document.createElement("span");
    hidden.className = "w-sr-only";
    hidden.textContent = ` (${dayName})`;
    element.append(hidden);
    element.addEventListener("click", onClick);
    return element;
  };

  const setUp = (grid) => {
    const status = document.createElement("p");
    status.className = "week-hours__status";
    status.setAttribute("role", "status");
    grid.append(status);
    const days = [...grid.querySelectorAll("fieldset[data-day]")];
    const weekdays = days.filter((day) => Number(day.dataset.day) < 7);
    for (const day of days) {
      const dayName = day.querySelector("legend").textContent.trim();
      const actions = document.createElement("div");
      actions.className = "week-hours__actions";
      actions.append(
        button(grid.dataset.clearLabel, dayName, () => {
          for (const input of day.querySelectorAll("input")) {
            input.value = "";
          }
          status.textContent = `${dayName} : ${grid.dataset.clearLabel}`;
        }),
      );
      if (Number(day.dataset.day) < 7) {
        actions.append(
          button(grid.dataset.copyLabel, dayName, () => {
            const source = inputsOf(day);
            for (const other of weekdays) {
              if (other === day) {
                continue;
              }
              const target = inputsOf(other);
              target.opens.forEach((input, index) => {
                input.value = source.opens[index]?.value ?? "";
              });
              target.closes.forEach((input, index) => {
                input.value = source.closes[index]?.value ?? "";
              });
            }
            status.textContent = `${dayName} : ${grid.dataset.copyLabel}`;
          }),
        );
      }
      day.append(actions);
    }
  };

  document.addEventListener("DOMContentLoaded", () => {
    for (const grid of document.querySelectorAll("[data-week-hours]")) {
      setUp(grid);
    }
  });
})();
