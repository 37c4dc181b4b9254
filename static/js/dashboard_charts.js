// Dashboard charts: each <canvas data-chart="name" data-type="bar|line"> draws series "name" of
// the page's JSON (this year against the same period last year). Without Chart.js the tables
// still carry every figure.
(function () {
  "use strict";
  var source = document.getElementById("dashboard-charts");
  if (!source || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  // Long names ("Giấy khen của Chủ tịch Ủy ban nhân dân phường, xã") on several lines.
  function wrap(label) {
    var lines = [];
    label.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= 24) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }
  var colours = { now: "#8b1a1a", before: "#9aa5b8" };
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var series = data[canvas.dataset.chart];
    if (!series || !series.labels.length) {
      return;
    }
    var line = canvas.dataset.type === "line";
    if (!line) {
      // Horizontal bars: a row per label, every label shown, so long names stay readable.
      var box = document.createElement("div");
      box.style.position = "relative";
      var lines = series.labels.reduce(function (sum, label) {
        return sum + Math.max(2, wrap(label).length);
      }, 0);
      box.style.height = lines * 20 + 80 + "px";
      canvas.parentNode.insertBefore(box, canvas);
      box.appendChild(canvas);
    }
    var counts = { beginAtZero: true, ticks: { precision: 0 } };
    var labels = { ticks: { autoSkip: false } };
    new window.Chart(canvas, {
      type: line ? "line" : "bar",
      data: {
        labels: line ? series.labels : series.labels.map(wrap),
        datasets: [
          { label: data.now, data: series.now, backgroundColor: colours.now, borderColor: colours.now },
          { label: data.before, data: series.before, backgroundColor: colours.before, borderColor: colours.before },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: line,
        // Long kind names read better as horizontal bars on a phone.
        indexAxis: line ? "x" : "y",
        plugins: { legend: { position: "bottom" } },
        scales: line ? { x: labels, y: counts } : { x: counts, y: labels },
      },
    });
  });
})();
