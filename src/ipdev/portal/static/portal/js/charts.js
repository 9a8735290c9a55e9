// ipdev statistics: draws each chart from the data table that precedes it in the page (Chart.js,
// vendored from npm). Without this file, or without JavaScript, the tables are the charts.
(function () {
  "use strict";

  if (typeof window.Chart === "undefined") {
    return;
  }
  var root = document.documentElement;
  var style = getComputedStyle(root);
  // Colours of the series; each has at least 3:1 contrast with the white background.
  var palette = [1, 2, 3, 4, 5, 6].map(function (n) {
    return style.getPropertyValue("--chart-" + n).trim() || "#1f5f99";
  });
  var text = style.getPropertyValue("--ink").trim() || "#1f2328";
  var format = new Intl.NumberFormat(root.lang || undefined);

  // Long labels (bureaus, clusters) on the side of a horizontal chart wrap instead of being cut.
  function wrap(label, width) {
    var lines = [];
    var line = "";
    label.split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    lines.push(line);
    return lines.length > 1 ? lines : label;
  }

  function readTable(table, series) {
    var labels = [];
    var columns = Array.prototype.map.call(
      table.querySelectorAll("thead th[scope=col]"),
      function (th) { return th.textContent.trim(); }
    ).slice(1, 1 + series);
    var values = columns.map(function () { return []; });
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      labels.push(tr.querySelector("th").textContent.trim());
      var cells = tr.querySelectorAll("td[data-value]");
      values.forEach(function (list, i) {
        list.push(cells[i] ? Number(cells[i].getAttribute("data-value")) : 0);
      });
    });
    return { labels: labels, columns: columns, values: values };
  }

  function draw(figure) {
    var table = figure.querySelector("table");
    var series = Number(figure.getAttribute("data-series")) || 1;
    var data = readTable(table, series);
    var horizontal = figure.getAttribute("data-chart") === "hbar";
    var stacked = figure.getAttribute("data-stacked") === "true";
    var title = document.getElementById(figure.getAttribute("aria-labelledby"));

    var box = document.createElement("div");
    box.className = "chart-canvas" + (horizontal ? " chart-horizontal" : "");
    var width = figure.clientWidth < 420 ? 16 : 26;
    var labels = horizontal ? data.labels.map(function (l) { return wrap(l, width); }) : data.labels;
    if (horizontal) {
      // Room for every line of every (wrapped) label.
      var lines = labels.reduce(function (n, l) { return n + (Array.isArray(l) ? l.length : 1); }, 0);
      box.style.height = Math.max(160, 16 * lines + 20 * labels.length + 60) + "px";
    }
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute(
      "aria-label",
      (title ? title.textContent.trim() + ". " : "") + (figure.getAttribute("data-alt") || "")
    );
    box.appendChild(canvas);
    figure.insertBefore(box, figure.firstChild);

    var rtl = root.dir === "rtl";
    var valueAxis = { beginAtZero: true, stacked: stacked, ticks: { precision: 0, color: text } };
    var labelAxis = { stacked: stacked, ticks: { color: text, autoSkip: !horizontal } };
    // Right to left: the bars grow from the right, and years run from the right.
    if (rtl && horizontal) {
      valueAxis.reverse = true;
      labelAxis.position = "right";
    } else if (rtl) {
      labelAxis.reverse = true;
      valueAxis.position = "right";
    }
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: data.columns.map(function (name, i) {
          return { label: name, data: data.values[i], backgroundColor: palette[i % palette.length] };
        })
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        locale: root.lang || undefined,
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        plugins: {
          legend: { display: data.columns.length > 1, rtl: rtl,
                    labels: { color: text } },
          tooltip: {
            rtl: rtl,
            callbacks: {
              label: function (item) {
                return item.dataset.label + ": " + format.format(item.parsed[horizontal ? "x" : "y"]);
              }
            }
          }
        }
      }
    });
    // The chart now stands for the table, which stays one click away (and in the CSV).
    var details = figure.querySelector("details.chart-data");
    if (details) {
      details.open = false;
    }
  }

  // The map is drawn on the server; its long country table starts folded too.
  document.querySelectorAll("figure.chart-map details.chart-data").forEach(function (details) {
    details.open = false;
  });
  document.querySelectorAll("figure[data-chart]").forEach(function (figure) {
    try {
      draw(figure);
    } catch (error) {
      // A chart that cannot be drawn leaves its table open: the data is still there.
      if (window.console) {
        window.console.warn("chart not drawn", error);
      }
    }
  });
})();
