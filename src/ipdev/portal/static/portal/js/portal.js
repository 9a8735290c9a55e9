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

  // Long facets (countries...) get a box that narrows their checkboxes to those whose name
  // holds what is typed; without this file they stay a plain list. Typing never submits.
  function normalised(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function filterFacet(input) {
    var facet = document.getElementById(input.getAttribute("data-facet"));
    if (!facet) {
      return;
    }
    var wanted = normalised(input.value);
    var shown = 0;
    facet.querySelectorAll(".options li").forEach(function (item) {
      var label = item.querySelector("label");
      var match = !wanted || normalised(label ? label.textContent : "").indexOf(wanted) !== -1;
      item.hidden = !match;
      item.style.display = match ? "" : "none";  // (the list styles its items as flex)
      shown += match ? 1 : 0;
    });
    var more = facet.querySelector("details.more-options");
    if (more && wanted) {
      more.open = true;
    }
    var note = document.getElementById(input.getAttribute("aria-describedby"));
    if (note) {
      note.textContent = wanted && !shown ? note.getAttribute("data-none") : "";
    }
  }

  var typed = {};

  function rememberTyped() {
    typed = {};
    document.querySelectorAll(".facet-find").forEach(function (input) {
      typed[input.id] = input.value;
    });
  }

  function setUpFacetFilters() {
    document.querySelectorAll(".facet-find").forEach(function (input) {
      input.closest(".facet-filter").hidden = false;
      if (!input.value && typed[input.id]) {
        input.value = typed[input.id];
      }
      if (input.value) {
        filterFacet(input);
      }
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.classList && event.target.classList.contains("facet-find")) {
      filterFacet(event.target);
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("facet-find")) {
      event.stopPropagation();
    }
  }, true);
  // The keyboard in a long facet: from its box, the down arrow goes to the first option it
  // shows, the arrows go from option to option (up from the first: back to the box), and Enter
  // chooses (in the box: the first option shown), which runs the search as a click would.
  function shownOptions(facet) {
    return Array.from(facet.querySelectorAll(".options li")).filter(function (item) {
      return !item.hidden;
    }).map(function (item) {
      return item.querySelector("input[type=checkbox]");
    }).filter(Boolean);
  }

  function choose(box) {
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function facetKeys(event) {
    var target = event.target;
    var find = target.classList && target.classList.contains("facet-find");
    var facet = find ? document.getElementById(target.getAttribute("data-facet"))
      : target.closest && target.type === "checkbox" && target.closest(".facet");
    var box = facet && facet.querySelector(".facet-find");
    if (!facet || !box || box.closest(".facet-filter").hidden) {
      return;
    }
    var options = shownOptions(facet);
    var at = find ? -1 : options.indexOf(target);
    if (event.key === "ArrowDown" && at + 1 < options.length) {
      options[at + 1].focus();
    } else if (event.key === "ArrowUp" && !find) {
      (at > 0 ? options[at - 1] : box).focus();
    } else if (event.key === "Enter" && (options[0] || !find)) {
      choose(find ? options.filter(function (o) { return !o.checked; })[0] || options[0]
        : target);
    } else if (!(event.key === "Enter" && find)) {
      return;
    }
    event.preventDefault();
  }

  // The help on the search syntax closes with Escape, the focus back on its summary.
  function closeOnEscape(event) {
    var help = event.key === "Escape" && event.target.closest &&
      event.target.closest("details.search-help");
    if (help && help.open) {
      help.open = false;
      help.querySelector("summary").focus();
      event.preventDefault();
    }
  }

  document.addEventListener("keydown", facetKeys);
  document.addEventListener("keydown", closeOnEscape);

  setUpMenu();
  focusErrorSummary();
  setUpFacetFilters();
  document.addEventListener("htmx:beforeSwap", rememberTyped);
  document.addEventListener("htmx:afterSettle", setUpFacetFilters);
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

// The "save this search" fields sit among the results, inside the search form, but belong to
// their own form: typing a name must not run the search again (htmx listens for "change").
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.getAttribute && target.getAttribute("form") === "save-search") {
      event.stopPropagation();
    }
  }, true);
})();

// Statistics: copy a chart's embed code; save a chart as PNG from its SVG (drawn on the server,
// same origin, so the canvas may be read). Both buttons stay hidden without this script.
(function () {
  "use strict";
  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) {
      return;
    }
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-copied") || label;
      window.setTimeout(function () { button.textContent = label; }, 2000);
    };
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        document.execCommand("copy");
        done();
      });
    } else {
      document.execCommand("copy");
      done();
    }
  }
  function png(button) {
    var image = new Image();
    image.onload = function () {
      var scale = 2;
      var canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth * scale;
      canvas.height = image.naturalHeight * scale;
      var context = canvas.getContext("2d");
      context.scale(scale, scale);
      context.drawImage(image, 0, 0);
      canvas.toBlob(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = button.getAttribute("data-png-name") || "chart.png";
        document.body.appendChild(link);
        link.click();
        link.remove();
        window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
      }, "image/png");
    };
    image.src = button.getAttribute("data-png");
  }
  function ready() {
    document.querySelectorAll("[data-copy], [data-png]").forEach(function (button) {
      button.hidden = false;
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy], [data-png]");
    if (!button) {
      return;
    }
    if (button.hasAttribute("data-copy")) {
      copy(button);
    } else {
      png(button);
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();

// The language switcher returns to the address shown now, with its filters: htmx may have
// changed the query string since the page (and the switcher's "next") was built.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("language-form")) {
      return;
    }
    var next = form.querySelector('input[name="next"]');
    if (next) {
      next.value = window.location.pathname + window.location.search + window.location.hash;
    }
  }, true);
})();
