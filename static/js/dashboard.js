// Dashboard charts from the figures the page embeds (no network access needed).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var colour = "#a4161a";
  // A long field or unit name on lines of about 22 characters (Chart.js draws an array as lines), so a
  // phone shows it whole instead of cutting its start.
  function lines(label) {
    var words = String(label).split(" "), out = [], line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > 22) { out.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) out.push(line);
    return out;
  }
  function bar(id, rows, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return;
    var category = { ticks: { autoSkip: false } };  // every bar keeps its name
    var count = { ticks: { precision: 0 } };
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (row) { return horizontal ? lines(row[0]) : row[0]; }),
        datasets: [{ data: rows.map(function (row) { return row[1]; }), backgroundColor: colour }]
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        animation: false,
        plugins: { legend: { display: false } },
        scales: horizontal ? { x: count, y: category } : { x: { ticks: { precision: 0 } }, y: count }
      }
    });
  }
  bar("chart-trend", data.trend, false);
  bar("chart-categories", data.categories, true);
  bar("chart-units", data.units, true);
})();
