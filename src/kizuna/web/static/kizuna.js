// kizuna: draws the server-built Plotly figures and makes network nodes open their profiles.
// Figures arrive as JSON in <script type="application/json"> elements (never executed), so the
// page runs no inline script and document text can never become code.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var svgIcon = { width: 1000, height: 1000,
    path: "M500 50 L800 400 L600 400 L600 750 L400 750 L400 400 L200 400 Z M150 850 L850 850 L850 950 L150 950 Z" };

  // Below this width of its box a chart is drawn for a phone: legend underneath, short heatmap
  // names. It is the box's width, not the window's: on a desktop a chart can sit in a half column.
  var NARROW = 640;

  // Shape a freshly parsed figure for a narrow or a wide box (a wide one is the server's figure).
  function shape(fig, narrow) {
    fig.layout = fig.layout || {};
    // On a narrow screen a legend at the right would take half the plot: put it underneath.
    if (narrow && fig.layout.legend && fig.layout.legend.x > 1) {
      var items = fig.data.filter(function (t) { return t.showlegend !== false; }).length;
      var band = 40 + 20 * Math.ceil(items / 2);
      fig.layout.legend = Object.assign({}, fig.layout.legend, {
        orientation: "h", x: 0, xanchor: "left", y: 0, yanchor: "bottom", yref: "container",
        entrywidth: 0.5, entrywidthmode: "fraction",
        title: Object.assign({}, fig.layout.legend.title || {}, { side: "top" }) });
      fig.layout.margin = Object.assign({}, fig.layout.margin || {}, { b: band + 50 });
      fig.layout.height = (fig.layout.height || 400) + band;
    }
    var short = fig.layout.meta && fig.layout.meta.narrow;
    if (narrow && short) {  // the heatmap on a phone: short names, no colour bar
      fig.data[0].showscale = false;
      fig.data[0].textfont = { size: 9 };
      fig.layout.xaxis = Object.assign({}, fig.layout.xaxis, { tickmode: "array",
        tickvals: fig.data[0].x, ticktext: short.x, tickangle: -90, tickfont: { size: 10 } });
      fig.layout.yaxis = Object.assign({}, fig.layout.yaxis, { tickmode: "array",
        tickvals: fig.data[0].y, ticktext: short.y, tickfont: { size: 10 } });
    }
    fig.layout.height = fig.layout.height || 400;
    return fig;
  }

  // The box takes the figure's height (after the phone changes above), so Plotly's responsive
  // resize, which reads the box's height, keeps it; the toolbar's band is the box's top margin
  // (kizuna.css), outside that height, so the drawing never overflows its card.
  function fit(el, fig, narrow) {
    el.style.height = fig.layout.height + "px";
    el.style.minHeight = "0";
    el.setAttribute("data-shape", narrow ? "narrow" : "wide");
  }

  // Reshape the chart when its box crosses NARROW after drawing (a window resized or a phone
  // turned). Plotly.react, not relayout: the heatmap's phone form changes its trace too. The
  // new height cannot flip the width back: a taller page only narrows the box (a scroll bar).
  function follow(el, json, config, narrow) {
    if (!window.ResizeObserver) { return; }
    new window.ResizeObserver(function () {
      var now = el.clientWidth < NARROW;
      if (el.clientWidth === 0 || now === narrow) { return; }  // hidden, or the same side
      narrow = now;
      var fig = shape(JSON.parse(json), narrow);
      fit(el, fig, narrow);
      window.Plotly.react(el, fig.data, fig.layout, config);
    }).observe(el);
  }

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-figure"));
    if (!source || !window.Plotly) { return; }
    var json = source.textContent;
    var narrow = el.clientWidth < NARROW;
    var fig = shape(JSON.parse(json), narrow);
    var name = el.getAttribute("data-name") || "kizuna-chart";
    fit(el, fig, narrow);
    var config = {
      topojsonURL: "/assets/topojson/",  // the offline base map, served by kizuna itself
      responsive: true, displaylogo: false, displayModeBar: true, scrollZoom: el.id === "plot-network",
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
      follow(el, json, config, narrow);
    });
  }

  function start() {
    var plots = document.querySelectorAll("[data-figure]");
    for (var i = 0; i < plots.length; i++) { draw(plots[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
