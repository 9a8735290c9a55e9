// ipdev workflow forms: small help while filling in. The forms work without this file; the
// server checks everything again.
(function () {
  "use strict";

  function addMonths(day, months) {
    // The same day `months` later, clipped to the month's last day (as planning/dates.py).
    var index = day.getUTCMonth() + months;
    var year = day.getUTCFullYear() + Math.floor(index / 12);
    var month = index % 12;
    var last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return new Date(Date.UTC(year, month, Math.min(day.getUTCDate(), last)));
  }

  function parseDay(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    return match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : null;
  }

  // The lead-time warning: shown as soon as a date closer than the lead time is chosen. The
  // message comes translated in the input's data-lead-warning.
  function leadTime(input) {
    var from = parseDay(input.getAttribute("data-lead-from"));
    var months = parseInt(input.getAttribute("data-lead-months"), 10);
    if (!from || !months) {
      return;
    }
    var note = document.createElement("p");
    note.id = input.id + "_lead";
    note.className = "lead-warning";
    note.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", note);
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    described.push(note.id);
    input.setAttribute("aria-describedby", described.join(" "));
    var earliest = addMonths(from, months);

    var past = input.getAttribute("data-past-warning");

    // A date already past is refused by the server; say so while it is chosen.
    function check() {
      var chosen = parseDay(input.value);
      if (chosen && past && chosen < from) {
        note.textContent = past;
        note.className = "lead-warning past-date";
      } else {
        note.textContent = chosen && chosen < earliest ? input.getAttribute("data-lead-warning") : "";
        note.className = "lead-warning";
      }
    }

    input.addEventListener("input", check);
    input.addEventListener("change", check);
    check();
  }

  function init() {
    document.querySelectorAll("input[data-lead-warning]").forEach(leadTime);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
