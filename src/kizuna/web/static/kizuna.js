// kizuna: draws the server-built Plotly figures and makes network nodes open their profiles.
// Figures arrive as JSON in <script type="application/json"> elements (never executed), so the
// page runs no inline script and document text can never become code.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var svgIcon = { width: 1000, height: 1000,
    path: "M500 50 L800 400 L600 400 L600 750 L400 750 L400 400 L200 400 Z M150 850 L850 850 L850 950 L150 950 Z" };

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-figure"));
    if (!source || !window.Plotly) { return; }
    var fig = JSON.parse(source.textContent);
    var name = el.getAttribute("data-name") || "kizuna-chart";
    var config = {
      responsive: true, displaylogo: false, scrollZoom: el.id === "plot-network",
      toImageButtonOptions: { format: "png", filename: name, scale: 2 },
      modeBarButtonsToAdd: [{
        name: "Download plot as SVG", icon: svgIcon,
        click: function (gd) { window.Plotly.downloadImage(gd, { format: "svg", filename: name }); }
      }]
    };
    window.Plotly.newPlot(el, fig.data, fig.layout, config).then(function (gd) {
      gd.on("plotly_click", function (ev) {
        var point = ev && ev.points && ev.points[0];
        if (!point) { return; }
        var id = point.customdata;
        if (el.id === "plot-network" || el.id.indexOf("plot-cross") === 0 || el.id.indexOf("plot-betweenness") === 0) {
          if (typeof id === "string" && /^[a-z0-9][a-z0-9-]*$/.test(id)) {
            window.location.href = "/organizations/" + encodeURIComponent(id);
          }
        } else if (el.id === "plot-heatmap" && Array.isArray(id) === false && typeof id === "string" && /^[a-z0-9_]+$/.test(id)) {
          window.location.href = "/technologies/" + encodeURIComponent(id);
        }
      });
      el.setAttribute("data-ready", "1");
    });
  }

  function start() {
    var plots = document.querySelectorAll("[data-figure]");
    for (var i = 0; i < plots.length; i++) { draw(plots[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
