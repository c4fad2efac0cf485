// Dashboard charts from the figures the page embeds (no network access needed).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var colour = "#a4161a";
  function bar(id, rows, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (row) { return row[0]; }),
        datasets: [{ data: rows.map(function (row) { return row[1]; }), backgroundColor: colour }]
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        animation: false,
        plugins: { legend: { display: false } },
        scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } }
      }
    });
  }
  bar("chart-trend", data.trend, false);
  bar("chart-categories", data.categories, true);
  bar("chart-units", data.units, true);
})();
