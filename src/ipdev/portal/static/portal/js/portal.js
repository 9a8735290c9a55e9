// ipdev portal: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  var narrow = window.matchMedia("(max-width: 60rem)");

  // On narrow screens the filters (of the activities, of the roster) start folded so that the
  // results come first.
  function foldFilters() {
    if (narrow.matches) {
      document.querySelectorAll("details.filters").forEach(function (filters) {
        filters.open = false;
      });
    }
  }

  // Opened or folded <details> keep their state when htmx replaces them with fresh counts.
  var openState = {};

  function rememberDetails() {
    openState = {};
    document.querySelectorAll("details[id]").forEach(function (el) {
      openState[el.id] = el.open;
    });
  }

  function restoreDetails() {
    Object.keys(openState).forEach(function (id) {
      var el = document.getElementById(id);
      if (el) {
        // The server opens "show all" when a choice in it is ticked; otherwise the user decides.
        el.open = openState[id] || (id !== "filters-details" && el.open);
      }
    });
  }

  function showError() {
    var results = document.getElementById("results");
    if (!results) {
      return;
    }
    var note = document.createElement("p");
    note.className = "alert";
    note.setAttribute("role", "alert");
    note.textContent = results.getAttribute("data-error") || "The results could not be updated.";
    results.prepend(note);
  }

  // Leave empty fields (a blank year) out of the address, as people would write it by hand.
  function dropEmptyParameters(event) {
    var params = event.detail.parameters;
    if (!params || typeof params.keys !== "function") {
      return;
    }
    Array.from(params.keys()).forEach(function (key) {
      var values = params.getAll(key);
      if (values.every(function (value) { return value === ""; })) {
        params.delete(key);
      }
    });
  }

  // On phones the main navigation folds behind its "Menu" button, a disclosure: the button
  // tells whether the list is shown (aria-expanded), and Escape folds it again from inside.
  function setUpMenu() {
    var toggle = document.querySelector(".nav-toggle");
    if (!toggle) {
      return;
    }
    var nav = toggle.closest("nav");
    function expand(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      expand(toggle.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        expand(false);
        toggle.focus();
      }
    });
  }

  // A refused form: the focus goes to the summary of what to correct, and each of its links
  // takes the focus to the field (not only scrolls to it).
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
      }
    });
  }

  setUpMenu();
  focusErrorSummary();
  document.addEventListener("DOMContentLoaded", foldFilters);
  document.addEventListener("htmx:configRequest", dropEmptyParameters);
  document.addEventListener("htmx:beforeSwap", rememberDetails);
  document.addEventListener("htmx:afterSettle", restoreDetails);
  document.addEventListener("htmx:responseError", showError);
  document.addEventListener("htmx:sendError", showError);
  narrow.addEventListener("change", function () {
    if (!narrow.matches) {
      document.querySelectorAll("details.filters").forEach(function (filters) {
        filters.open = true;
      });
    }
  });
})();
