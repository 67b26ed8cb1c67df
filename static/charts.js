// Draws the bar charts of the dashboards from their data-chart attributes (no inline script,
// so a strict Content-Security-Policy holds). The tables beside them carry the same numbers.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") { return; }
  // The same colours as the stakeholder groups and completion levels in traza.css.
  var colours = { government: "#2f5d9e", civil_society: "#0b6e4f", academia: "#6b4fa0", private: "#9e5a2f",
                  individual: "#5b6475", complete: "#0b6e4f", substantial: "#2f7d32", limited: "#8a5a00",
                  not_started: "#5b6475", withdrawn: "#a4262c" };
  document.querySelectorAll("canvas.chart[data-chart]").forEach(function (canvas) {
    var data = JSON.parse(canvas.getAttribute("data-chart"));
    if (!data.values.length) { canvas.remove(); return; }
    canvas.closest("figure").classList.add("has-chart");
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ data: data.values,
              backgroundColor: data.keys.map(function (k) { return colours[k] || "#5b6475"; }) }] },
      options: { animation: false, plugins: { legend: { display: false } },
                 scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  });
})();
